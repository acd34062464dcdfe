import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { listRedemptionsSchema, redeemSchema, redemptionSchema, rewardInputSchema, rewardSchema } from './contracts.js';
import { createReward, updateReward } from './save-reward.js';
import { getReward, listRewards } from './list-rewards.js';
import { redeemReward } from './redeem-reward.js';
import { listRedemptions } from './get-redemption.js';
import { settleRedemption } from './settle-redemption.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['rewards'];
const idParams = z.object({ id: z.uuid('must be an id') });

const ownReward = ownRow('rewards', 'reward');

/** The rewards catalogue and its redemptions: analysts read, operators stock it and hand rewards out. */
export async function rewardRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/rewards', {
    config: read, schema: { tags, summary: 'The catalogue, enabled first, cheapest first', querystring: pageQuerySchema, response: { 200: pageOf(rewardSchema) } },
  }, (req) => tenant(req, (ctx) => listRewards(ctx, req.query)));

  app.post('/api/v1/rewards', {
    config: write, schema: { tags, summary: 'Add a reward', body: rewardInputSchema, response: { 201: rewardSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createReward(ctx, req.body))));

  app.get('/api/v1/rewards/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: rewardSchema } },
  }, (req) => tenant(req, (ctx) => getReward(ctx, req.params.id)));

  app.put('/api/v1/rewards/:id', {
    config: write, preValidation: ownReward,
    schema: { tags, summary: 'Replace a reward; stock is the units left from now on', params: idParams, body: rewardInputSchema, response: { 200: rewardSchema } },
  }, (req) => tenant(req, (ctx) => updateReward(ctx, req.params.id, req.body)));

  app.post('/api/v1/rewards/:id/redemptions', {
    config: write, preValidation: ownReward,
    schema: {
      tags, summary: 'Redeem for a member: one unit and the points leave together (409 out of stock, over the limit or the balance)',
      params: idParams, body: redeemSchema, response: { 200: redemptionSchema },
    },
  }, (req) => tenant(req, (ctx) => redeemReward(ctx, req.params.id, req.body)));

  app.get('/api/v1/reward-redemptions', {
    config: read, schema: { tags, summary: 'Redemptions, newest first', querystring: listRedemptionsSchema, response: { 200: pageOf(redemptionSchema) } },
  }, (req) => tenant(req, (ctx) => listRedemptions(ctx, req.query)));

  for (const [verb, to] of [['fulfil', 'fulfilled'], ['cancel', 'cancelled']] as const) {
    app.post(`/api/v1/reward-redemptions/:id/${verb}`, {
      config: write,
      schema: {
        tags, summary: to === 'fulfilled' ? 'Mark a pending redemption handed out' : 'Call a pending redemption off: the points come back, the unit returns to stock',
        params: idParams, response: { 200: redemptionSchema },
      },
    }, (req) => tenant(req, (ctx) => settleRedemption(ctx, req.params.id, to)));
  }
}
