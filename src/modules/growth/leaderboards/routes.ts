import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { leaderboardInputSchema, leaderboardSchema, settlementSchema, standingsQuerySchema, standingsSchema } from './contracts.js';
import { createLeaderboard } from './create-leaderboard.js';
import { deleteLeaderboard } from './delete-leaderboard.js';
import { getLeaderboard } from './get-leaderboard.js';
import { leaderboardStandings } from './leaderboard-standings.js';
import { listLeaderboards } from './list-leaderboards.js';
import { listSettlements } from './list-settlements.js';
import { setLeaderboardEnabled } from './set-leaderboard-enabled.js';
import { updateLeaderboard } from './update-leaderboard.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['leaderboards'];
const idParams = z.object({ id: z.uuid('must be a leaderboard id') });

const ownBoard = ownRow('leaderboards', 'leaderboard');

/** Leaderboards: analysts read, operators define them; prizes and announcements come from the settlement job. */
export async function leaderboardRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/leaderboards', {
    config: read, schema: { tags, summary: 'Leaderboards, enabled first', querystring: pageQuerySchema, response: { 200: pageOf(leaderboardSchema) } },
  }, (req) => tenant(req, (ctx) => listLeaderboards(ctx, req.query)));

  app.post('/api/v1/leaderboards', {
    config: write, schema: { tags, summary: 'Create a leaderboard', body: leaderboardInputSchema, response: { 201: leaderboardSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createLeaderboard(ctx, req.body))));

  app.get('/api/v1/leaderboards/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: leaderboardSchema } },
  }, (req) => tenant(req, (ctx) => getLeaderboard(ctx, req.params.id)));

  app.put('/api/v1/leaderboards/:id', {
    config: write, preValidation: ownBoard,
    schema: { tags, summary: 'Replace a leaderboard\'s definition (settled periods keep what they paid)', params: idParams, body: leaderboardInputSchema, response: { 200: leaderboardSchema } },
  }, (req) => tenant(req, (ctx) => updateLeaderboard(ctx, req.params.id, req.body)));

  app.patch('/api/v1/leaderboards/:id', {
    config: write, preValidation: ownBoard,
    schema: { tags, summary: 'Switch a leaderboard on or off', params: idParams, body: z.strictObject({ enabled: z.boolean() }), response: { 200: leaderboardSchema } },
  }, (req) => tenant(req, (ctx) => setLeaderboardEnabled(ctx, req.params.id, req.body.enabled)));

  app.delete('/api/v1/leaderboards/:id', {
    config: write,
    schema: { tags, summary: 'Delete a leaderboard that has never been settled', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } },
  }, (req) => tenant(req, async (ctx) => { await deleteLeaderboard(ctx, req.params.id); return { ok: true }; }));

  app.get('/api/v1/leaderboards/:id/standings', {
    config: read,
    schema: { tags, summary: 'Live ranking of a period, with the prize each rank is due', params: idParams, querystring: standingsQuerySchema, response: { 200: standingsSchema } },
  }, (req) => tenant(req, (ctx) => leaderboardStandings(ctx, req.params.id, req.query)));

  app.get('/api/v1/leaderboards/:id/settlements', {
    config: read,
    schema: { tags, summary: 'Settled periods, newest first, with who got what', params: idParams, querystring: pageQuerySchema, response: { 200: pageOf(settlementSchema) } },
  }, (req) => tenant(req, (ctx) => listSettlements(ctx, req.params.id, req.query)));
}
