import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { publicBaseUrl } from '../../../core/public-url.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import { CAMPAIGN_STATUSES, campaignInputSchema, campaignSchema, campaignStatsSchema, enrolSchema, listParticipantsSchema, participantSchema } from './contracts.js';
import { getCampaign } from './campaign-row.js';
import { campaignStats } from './campaign-stats.js';
import { createCampaign } from './create-campaign.js';
import { deleteCampaign } from './delete-campaign.js';
import { joinCampaign } from './join-campaign.js';
import { listCampaigns } from './list-campaigns.js';
import { listParticipants } from './list-participants.js';
import { renderPoster } from './render-poster.js';
import { setCampaignStatus } from './set-campaign-status.js';
import { updateCampaign } from './update-campaign.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['fission'];
const idParams = z.object({ id: z.uuid('must be a fission campaign id') });
const ownCampaign = ownRow('fission_campaigns', 'fission campaign');

/** The address a poster's QR code encodes: the configured public URL, else the one this request came in on. */
const baseFor = (req: FastifyRequest) => publicBaseUrl() ?? `${req.protocol}://${req.host}`;

/** Fission campaigns (docs/growth.md): analysts read the campaigns and their numbers, operators run them. */
export async function fissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/fission-campaigns', {
    config: read, schema: { tags, summary: 'Fission campaigns, newest first, with their totals', querystring: pageQuerySchema, response: { 200: pageOf(campaignSchema) } },
  }, (req) => tenant(req, (ctx) => listCampaigns(ctx, req.query)));

  app.post('/api/v1/fission-campaigns', {
    config: write, schema: { tags, summary: 'Create a fission campaign', body: campaignInputSchema, response: { 201: campaignSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createCampaign(ctx, req.body))));

  app.get('/api/v1/fission-campaigns/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: campaignSchema } },
  }, (req) => tenant(req, (ctx) => getCampaign(ctx, req.params.id)));

  app.put('/api/v1/fission-campaigns/:id', {
    config: write, preValidation: ownCampaign,
    schema: { tags, summary: 'Replace a campaign\'s configuration (participants keep their codes and counts)', params: idParams, body: campaignInputSchema, response: { 200: campaignSchema } },
  }, (req) => tenant(req, (ctx) => updateCampaign(ctx, req.params.id, req.body)));

  app.patch('/api/v1/fission-campaigns/:id', {
    config: write, preValidation: ownCampaign,
    schema: {
      tags, summary: 'Start (active) or end a campaign', params: idParams,
      body: z.strictObject({ status: z.enum(CAMPAIGN_STATUSES, 'must be draft, active or ended') }), response: { 200: campaignSchema },
    },
  }, (req) => tenant(req, (ctx) => setCampaignStatus(ctx, req.params.id, req.body.status)));

  app.delete('/api/v1/fission-campaigns/:id', {
    config: write,
    schema: { tags, summary: 'Delete a campaign with its participants and invites (rewards paid stay paid)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteCampaign(ctx, req.params.id); return { ok: true }; }));

  app.get('/api/v1/fission-campaigns/:id/participants', {
    config: read,
    schema: {
      tags, summary: 'Participants with their progress; sort=qualified is the leaderboard', params: idParams, querystring: listParticipantsSchema,
      response: { 200: pageOf(participantSchema) },
    },
  }, (req) => tenant(req, (ctx) => listParticipants(ctx, req.params.id, req.query)));

  app.post('/api/v1/fission-campaigns/:id/participants', {
    config: write, preValidation: ownCampaign,
    schema: { tags, summary: 'Enrol a member (the same participant if already enrolled)', params: idParams, body: enrolSchema, response: { 200: participantSchema } },
  }, (req) => tenant(req, (ctx) => joinCampaign(ctx, req.params.id, req.body.memberId)));

  app.get('/api/v1/fission-campaigns/:id/stats', {
    config: read,
    schema: {
      tags, summary: 'The campaign\'s funnel, K-factor and cost per qualified member, with a per-day series', params: idParams,
      querystring: z.object({ days: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(366, 'must be at most 366').default(30) }),
      response: { 200: campaignStatsSchema },
    },
  }, (req) => tenant(req, (ctx) => campaignStats(ctx, req.params.id, req.query.days)));

  app.get('/api/v1/fission-campaigns/:id/participants/:memberId/poster.png', {
    config: read,
    schema: {
      tags, summary: 'A participant\'s share poster (750 × 1200 PNG); record=generated when handing it to the member',
      params: idParams.extend({ memberId: z.uuid('must be a member id') }),
      querystring: z.object({ record: z.enum(['none', 'generated'], 'must be none or generated').default('none') }),
      response: { 200: z.unknown().meta({ description: 'image/png' }) },
    },
  }, async (req, reply) => {
    const png = await tenant(req, (ctx) => renderPoster(ctx, req.params.id, req.params.memberId, baseFor(req), { record: req.query.record === 'none' ? null : 'generated' }));
    return reply.type('image/png').header('cache-control', 'private, no-cache')
      .header('content-disposition', `inline; filename="poster-${req.params.memberId}.png"`).send(png);
  });
}
