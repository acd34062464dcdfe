import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { listSessions } from '../commerce/flash-sale/session-row.js';
import { admitBuyer, refusalError } from '../commerce/flash-sale/admit-buyer.js';
import { memberBought } from '../commerce/flash-sale/member-bought.js';
import { admitBodySchema, idParams, memberAdmissionSchema, memberSessionSchema } from './commerce-contracts.js';
import { memberScopedKey } from './member-commerce.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };

/** 秒杀: sessions in pre-heat and live, and buying through the admission verb, as the member of the token. */
export async function memberFlashSaleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/flash-sales', {
    schema: {
      tags, security, summary: 'Live sessions and upcoming ones (pre-heat), switched on, soonest first, with units left and what the member holds',
      response: { 200: z.object({ items: z.array(memberSessionSchema) }) },
    },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const live = (await listSessions(ctx, { page: 1, pageSize: 50, state: 'live' })).items;
    const upcoming = (await listSessions(ctx, { page: 1, pageSize: 50, state: 'upcoming' })).items;
    const sessions = [...live, ...upcoming].filter((s) => s.enabled).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const bought = await memberBought(ctx, memberId, sessions.map((s) => s.id));
    return {
      items: sessions.map((s) => ({
        id: s.id, name: s.name, state: s.state === 'live' ? 'live' as const : 'upcoming' as const, startsAt: s.startsAt, endsAt: s.endsAt,
        perMemberLimit: s.perMemberLimit, bought: bought.get(s.id) ?? 0,
        items: s.items.map((i) => ({ skuId: i.skuId, productName: i.productName, skuName: i.skuName, priceCents: i.priceCents, salePriceCents: Math.min(i.salePriceCents, i.priceCents), left: i.left })),
      })),
    };
  }));

  app.post('/api/m/flash-sales/:id/buy', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Buy at the sale price: an order to pay (409 startsAt / endsAt / enabled not open; memberId / quantity over the limit; skuId sold out)',
      params: idParams, body: admitBodySchema, response: { 200: memberAdmissionSchema },
    },
  }, async (req) => {
    // The refusal is counted in the transaction, which commits; the 409 is answered after it.
    const r = await memberTenant(req, (ctx, memberId) => admitBuyer(ctx, req.params.id, { memberId, skuId: req.body.skuId, quantity: req.body.quantity, idempotencyKey: memberScopedKey(memberId, req.body.idempotencyKey) }));
    if (!r.admitted) throw refusalError(r);
    return { orderId: r.orderId, quantity: r.quantity, totalCents: r.totalCents, created: r.created };
  });
}
