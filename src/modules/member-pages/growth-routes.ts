import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { publicBaseUrl } from '../../core/public-url.js';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { pointsBalance } from '../loyalty/points/points-balance.js';
import { drawForMember } from '../growth/draws/draw-for-member.js';
import { drawVerification } from '../growth/draws/draw-verification.js';
import { listMemberDraws } from '../growth/draws/list-member-draws.js';
import { memberDrawEntries } from '../growth/draws/member-draw-entries.js';
import type { DrawEntry } from '../growth/draws/entry-row.js';
import { joinCampaign } from '../growth/fission/join-campaign.js';
import { listMemberCampaigns } from '../growth/fission/list-member-campaigns.js';
import { renderPoster } from '../growth/fission/render-poster.js';
import {
  memberCampaignViewSchema, memberDrawResultSchema, memberDrawsSchema, memberKeySchema, memberParticipantSchema, memberVerificationSchema,
  posterQuerySchema,
} from './growth-contracts.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };
const drawParams = z.object({ drawId: z.uuid('must be a draw id') });
const campaignParams = z.object({ campaignId: z.uuid('must be a campaign id') });
const baseUrlOf = (req: FastifyRequest) => publicBaseUrl() ?? `${req.protocol}://${req.host}`;

/** What a member sees of their own draw: no member name, no picking snapshot (the verification has that). */
const entryView = (e: DrawEntry) => ({
  id: e.id, drawId: e.drawId, unitKey: e.unitKey, roll: e.roll, prizeId: e.prizeId, prizeName: e.prizeName, prizeKind: e.prizeKind,
  pointsCost: e.pointsCost, awardStatus: e.awardStatus, createdAt: e.createdAt,
});

/** The member pages' lucky draws (growth/draws) and fission campaigns (growth/fission), as the member of the token. */
export async function memberGrowthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/draws', {
    schema: { tags, security, summary: 'Open draws with whether the member may draw now, and the member\'s own draws', response: { 200: memberDrawsSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => ({
    draws: (await listMemberDraws(ctx, memberId)).map((d) => ({
      id: d.id, name: d.name, description: d.description, startsAt: d.startsAt, endsAt: d.endsAt, unit: d.unit, pointsCost: d.pointsCost,
      minCheckInDays: d.minCheckInDays, commitment: d.commitment, prizes: d.prizes,
      eligibility: { eligible: d.eligibility.eligible, reason: d.eligibility.reason, remainingUnits: d.eligibility.remainingUnits, checkInDays: d.eligibility.checkInDays, balance: d.eligibility.balance },
    })),
    entries: (await memberDrawEntries(ctx, memberId)).map(entryView),
  })));

  app.post('/api/m/draws/:drawId/draw', {
    config: memberWrite,
    schema: { tags, security, summary: 'Draw once (409 naming the rule not met; the same key answers the first draw)', params: drawParams, body: memberKeySchema, response: { 200: memberDrawResultSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    // Namespaced: one member's key can never answer (and so show) another member's draw.
    const r = await drawForMember(ctx, req.params.drawId, memberId, { idempotencyKey: `m:${memberId}:${req.body.idempotencyKey}` });
    return { ...entryView(r), created: r.created, balance: await pointsBalance(ctx, memberId) };
  }));

  app.get('/api/m/draws/:drawId/verification', {
    schema: { tags, security, summary: 'The draw\'s commitment, its seed once closed, and the member\'s own draws checked against it', params: drawParams, response: { 200: memberVerificationSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const v = await drawVerification(ctx, req.params.drawId, { memberId });
    return { ...v, entries: v.entries.map((e) => ({ id: e.id, unitKey: e.unitKey, roll: e.roll, prizeName: e.prizeName, createdAt: e.createdAt, valid: e.valid })) };
  }));

  app.get('/api/m/invites', {
    schema: { tags, security, summary: 'Open fission campaigns with the member\'s progress in each', response: { 200: z.object({ items: z.array(memberCampaignViewSchema) }) } },
  }, (req) => memberTenant(req, async (ctx, memberId) => ({ items: await listMemberCampaigns(ctx, memberId) })));

  app.post('/api/m/invites/:campaignId/join', {
    config: memberWrite,
    schema: { tags, security, summary: 'Take part in a campaign (joining again answers the same participant)', params: campaignParams, response: { 200: memberParticipantSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const p = await joinCampaign(ctx, req.params.campaignId, memberId);
    return { joinedAt: p.joinedAt, qualified: p.qualified, pending: p.pending, goal: p.goal, completedAt: p.completedAt, rewardStatus: p.rewardStatus };
  }));

  app.get('/api/m/invites/:campaignId/poster.png', {
    schema: { tags, security, summary: 'The member\'s share poster (PNG), its QR code carrying their own source', params: campaignParams, querystring: posterQuerySchema, response: { 200: z.unknown().meta({ description: 'image/png' }) } },
  }, async (req, reply) => {
    const png = await memberTenant(req, (ctx, memberId) => renderPoster(ctx, req.params.campaignId, memberId, baseUrlOf(req), { record: req.query.as === 'share' ? 'shared' : 'generated' }));
    return reply.type('image/png').header('cache-control', 'private, no-store').header('content-disposition', 'inline; filename="poster.png"').send(png);
  });
}
