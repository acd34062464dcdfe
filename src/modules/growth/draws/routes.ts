import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../core/errors.js';
import { withTenant } from '../../../core/context.js';
import { pageOf } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import {
  awardSchema, drawForMemberSchema, drawInputSchema, drawResultSchema, drawSchema, entrySchema, listDrawsSchema, listEntriesSchema,
  verificationQuerySchema, verificationSchema,
} from './contracts.js';
import { closeDraw } from './close-draw.js';
import { createDraw } from './create-draw.js';
import { drawForMember } from './draw-for-member.js';
import { drawVerification, findDrawWorkspace } from './draw-verification.js';
import { fulfilAward } from './fulfil-award.js';
import { getDraw } from './get-draw.js';
import { listDraws } from './list-draws.js';
import { listEntries } from './list-entries.js';
import { openDraw } from './open-draw.js';
import { updateDraw } from './update-draw.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['draws'];
const idParams = z.object({ id: z.uuid('must be an id') });

const ownDraw = ownRow('draws', 'draw');

/** Lucky draws: analysts read, operators set them up, run them and draw for a member; the fairness check is public. */
export async function drawRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/draws', {
    config: read, schema: { tags, summary: 'Draws: open first, then drafts, then closed', querystring: listDrawsSchema, response: { 200: pageOf(drawSchema) } },
  }, (req) => tenant(req, (ctx) => listDraws(ctx, req.query)));

  app.post('/api/v1/draws', {
    config: write, schema: { tags, summary: 'Create a draw (a draft)', body: drawInputSchema, response: { 201: drawSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createDraw(ctx, req.body))));

  app.get('/api/v1/draws/:id', {
    config: read, schema: { tags, summary: 'A draw with its prizes, stock left and awarded counts', params: idParams, response: { 200: drawSchema } },
  }, (req) => tenant(req, (ctx) => getDraw(ctx, req.params.id)));

  app.put('/api/v1/draws/:id', {
    config: write, preValidation: ownDraw,
    schema: { tags, summary: 'Replace a draft (409 once it is open)', params: idParams, body: drawInputSchema, response: { 200: drawSchema } },
  }, (req) => tenant(req, (ctx) => updateDraw(ctx, req.params.id, req.body)));

  app.post('/api/v1/draws/:id/open', {
    config: write, schema: { tags, summary: 'Open a draft: its seed is made and only the SHA-256 commitment is published', params: idParams, response: { 200: drawSchema } },
  }, (req) => tenant(req, (ctx) => openDraw(ctx, req.params.id)));

  app.post('/api/v1/draws/:id/close', {
    config: write, schema: { tags, summary: 'Close an open draw: no more entries, and the seed is revealed', params: idParams, response: { 200: drawSchema } },
  }, (req) => tenant(req, (ctx) => closeDraw(ctx, req.params.id)));

  app.get('/api/v1/draws/:id/entries', {
    config: read, schema: { tags, summary: 'The audit trail: every draw made, newest first', params: idParams, querystring: listEntriesSchema, response: { 200: pageOf(entrySchema) } },
  }, (req) => tenant(req, (ctx) => listEntries(ctx, req.params.id, req.query)));

  app.post('/api/v1/draws/:id/draw', {
    config: write, preValidation: ownDraw,
    schema: {
      tags, summary: 'Draw on behalf of a member (409 naming the rule not met; the same key answers the first draw)',
      params: idParams, body: drawForMemberSchema, response: { 200: drawResultSchema },
    },
  }, (req) => tenant(req, (ctx) => drawForMember(ctx, req.params.id, req.body.memberId, { idempotencyKey: req.body.idempotencyKey })));

  app.post('/api/v1/draw-awards/:id/fulfil', {
    config: write, schema: { tags, summary: 'Mark a won reward or physical prize handed out', params: idParams, response: { 200: awardSchema } },
  }, (req) => tenant(req, (ctx) => fulfilAward(ctx, req.params.id)));

  app.get('/api/v1/draws/:id/verification', {
    // Public, so members (and anyone they show) can check fairness; the seed is in it only once the draw is closed.
    config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Public fairness check: the commitment, the seed once closed, and a member\'s entries recomputed (memberId)',
      params: idParams, querystring: verificationQuerySchema, response: { 200: verificationSchema },
    },
  }, async (req) => {
    const ws = await findDrawWorkspace(req.server.database, req.params.id);
    if (!ws) throw notFound('draw');
    const v = await withTenant(req.server.database, ws, { kind: 'system', name: 'draws.verification' }, (ctx) => drawVerification(ctx, req.params.id, req.query));
    // Without a member, no member's entries: the page is public, the list of who drew is not.
    return req.query.memberId ? v : { ...v, entries: [] };
  });
}
