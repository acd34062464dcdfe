import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { publicBaseUrl } from '../../../core/public-url.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { liveCodeInputSchema, liveCodeSchema, liveCodeStatsSchema, MAX_SOURCE_LENGTH, normaliseSource } from './contracts.js';
import { createLiveCode } from './create-live-code.js';
import { deleteLiveCode } from './delete-live-code.js';
import { getLiveCode } from './get-live-code.js';
import { listLiveCodes } from './list-live-codes.js';
import { liveCodeStats } from './live-code-stats.js';
import { qrPng, qrSvg } from './qr.js';
import { scanRoutes } from './scan-routes.js';
import { scanUrl } from './scan-url.js';
import { setLiveCodeEnabled } from './set-live-code-enabled.js';
import { updateLiveCode } from './update-live-code.js';
import { queueJoinWaySync } from '../../../channels/wecom/queue-join-way-sync.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['live-codes'];
const idParams = z.object({ id: z.uuid('must be a live code id') });
const qrQuery = z.object({
  s: z.string().trim().max(MAX_SOURCE_LENGTH, `at most ${MAX_SOURCE_LENGTH} characters`).optional()
    .meta({ description: 'the source the code is for (a poster, an article...); its scans are counted under it' }),
});

const ownLiveCode = ownRow('live_codes', 'live code');

/** The address a QR code encodes: the configured public URL, else the one this request came in on. */
const baseFor = (req: FastifyRequest) => publicBaseUrl() ?? `${req.protocol}://${req.host}`;

/** Live codes (docs/growth.md): analysts read and download codes, operators and above configure. */
export async function liveCodeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  await app.register(scanRoutes);

  app.get('/api/v1/live-codes', {
    config: read, schema: { tags, summary: 'Live codes, newest first, with their pools\' fill', querystring: pageQuerySchema, response: { 200: pageOf(liveCodeSchema) } },
  }, (req) => tenant(req, (ctx) => listLiveCodes(ctx, req.query)));

  app.post('/api/v1/live-codes', {
    config: write, schema: { tags, summary: 'Create a live code', body: liveCodeInputSchema, response: { 201: liveCodeSchema } },
  }, async (req, reply) => {
    const code = await tenant(req, (ctx) => createLiveCode(ctx, req.body));
    await queueJoinWaySync(req, code.id);
    return sendCreated(reply, code);
  });

  app.get('/api/v1/live-codes/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: liveCodeSchema } },
  }, (req) => tenant(req, (ctx) => getLiveCode(ctx, req.params.id)));

  app.put('/api/v1/live-codes/:id', {
    config: write, preValidation: ownLiveCode,
    schema: { tags, summary: 'Replace a live code\'s configuration and pool (its address stays)', params: idParams, body: liveCodeInputSchema, response: { 200: liveCodeSchema } },
  }, async (req) => {
    const code = await tenant(req, (ctx) => updateLiveCode(ctx, req.params.id, req.body));
    await queueJoinWaySync(req, code.id);
    return code;
  });

  app.patch('/api/v1/live-codes/:id', {
    config: write, preValidation: ownLiveCode,
    schema: { tags, summary: 'Pause or resume a live code', params: idParams, body: z.strictObject({ enabled: z.boolean('must be true or false') }), response: { 200: liveCodeSchema } },
  }, async (req) => {
    const code = await tenant(req, (ctx) => setLiveCodeEnabled(ctx, req.params.id, req.body.enabled));
    await queueJoinWaySync(req, code.id);
    return code;
  });

  app.delete('/api/v1/live-codes/:id', {
    config: write,
    schema: { tags, summary: 'Delete a live code with its scans (its address stops working; its groups stay)', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await tenant(req, (ctx) => deleteLiveCode(ctx, req.params.id));
    // The WeCom join way outlives its live code until the sync has deleted it in WeCom too.
    await queueJoinWaySync(req, req.params.id);
    return { ok: true };
  });

  app.get('/api/v1/live-codes/:id/stats', {
    config: read,
    schema: {
      tags, summary: 'Scans, joins and conversion per source and per group over the last days, with the pool\'s fill', params: idParams,
      querystring: z.object({ days: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(366, 'must be at most 366').default(30) }),
      response: { 200: liveCodeStatsSchema },
    },
  }, (req) => tenant(req, (ctx) => liveCodeStats(ctx, req.params.id, req.query.days)));

  app.get('/api/v1/live-codes/:id/qr.png', {
    config: read,
    schema: { tags, summary: 'The QR code of the scan address (with ?s= for a source) as a 512 px PNG', params: idParams, querystring: qrQuery, response: { 200: z.unknown().meta({ description: 'image/png' }) } },
  }, async (req, reply) => {
    const code = await tenant(req, (ctx) => getLiveCode(ctx, req.params.id));
    const png = await qrPng(scanUrl(baseFor(req), code.slug, normaliseSource(req.query.s)));
    return reply.type('image/png').header('cache-control', 'private, no-cache').header('content-disposition', `inline; filename="live-code-${code.slug}.png"`).send(png);
  });

  app.get('/api/v1/live-codes/:id/qr.svg', {
    config: read,
    schema: { tags, summary: 'The same QR code as SVG', params: idParams, querystring: qrQuery, response: { 200: z.string().meta({ description: 'image/svg+xml' }) } },
  }, async (req, reply) => {
    const code = await tenant(req, (ctx) => getLiveCode(ctx, req.params.id));
    const svg = await qrSvg(scanUrl(baseFor(req), code.slug, normaliseSource(req.query.s)));
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, no-cache').header('content-disposition', `inline; filename="live-code-${code.slug}.svg"`).send(svg);
  });
}
