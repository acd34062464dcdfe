import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { listDeals } from '../commerce/group-buy/deals.js';
import { getGroup, joinGroup, openGroup, type Seat } from '../commerce/group-buy/groups.js';
import { groupsOfMember } from '../commerce/group-buy/member-groups.js';
import type { TenantCtx } from '../../core/context.js';
import { idParams, memberGroupSchema, memberGroupsSchema, memberSeatSchema, seatBodySchema } from './commerce-contracts.js';
import { asFormError, communityFor, groupView, memberScopedKey } from './member-commerce.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };

const seatView = async (ctx: TenantCtx, memberId: string, s: Seat) => ({ group: await groupView(ctx, memberId, s.group), orderId: s.orderId, created: s.created });

/**
 * 拼团: the deals open now, the member's groups, opening one and joining one through its share link
 * (/m/?group=<id>). A group shows its members by display name only.
 */
export async function memberGroupBuyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/group-buy', {
    schema: { tags, security, summary: 'Deals a group can be opened on now, and the groups the member opened or joined', response: { 200: memberGroupsSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const now = Date.now();
    const deals = (await listDeals(ctx, { page: 1, pageSize: 100, enabled: true })).items
      .filter((d) => (!d.validFrom || d.validFrom.getTime() <= now) && (!d.validUntil || d.validUntil.getTime() > now))
      .map((d) => ({
        id: d.id, name: d.name, productName: d.productName, skuName: d.skuName, priceCents: d.skuPriceCents, groupPriceCents: d.groupPriceCents,
        groupSize: d.groupSize, windowHours: d.windowHours, validUntil: d.validUntil,
      }));
    const groups = [];
    for (const g of await groupsOfMember(ctx, memberId)) groups.push(await groupView(ctx, memberId, g));
    return { deals, groups };
  }));

  app.get('/api/m/group-buy/groups/:id', {
    schema: { tags, security, summary: 'A group by its share link: seats, paid, time left, members by display name', params: idParams, response: { 200: memberGroupSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => groupView(ctx, memberId, await getGroup(ctx, req.params.id))));

  app.post('/api/m/group-buy/deals/:id/groups', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Open a group: the member\'s seat and order at the group price (409 dealId / validFrom / validUntil; sold out: quantity)',
      params: idParams, body: seatBodySchema, response: { 200: memberSeatSchema },
    },
  }, async (req) => {
    try {
      return await memberTenant(req, async (ctx, memberId) => {
        const communityId = await communityFor(ctx, memberId, req.body.communityId);
        return seatView(ctx, memberId, await openGroup(ctx, req.params.id, { memberId, idempotencyKey: memberScopedKey(memberId, req.body.idempotencyKey), ...(communityId ? { communityId } : {}) }));
      });
    } catch (e) {
      throw asFormError(e);
    }
  });

  app.post('/api/m/group-buy/groups/:id/join', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Join a group through its share link (409 memberId: own group or joined already; groupId: full or over)',
      params: idParams, body: seatBodySchema, response: { 200: memberSeatSchema },
    },
  }, async (req) => {
    try {
      // The joiner's order takes the opener's community unless their own link names one they are in.
      return await memberTenant(req, async (ctx, memberId) => {
        const wanted = req.body.communityId;
        const communityId = wanted && (await communityFor(ctx, memberId, wanted)) === wanted ? wanted : undefined;
        return seatView(ctx, memberId, await joinGroup(ctx, req.params.id, { memberId, idempotencyKey: memberScopedKey(memberId, req.body.idempotencyKey), ...(communityId ? { communityId } : {}) }));
      });
    } catch (e) {
      throw asFormError(e);
    }
  });
}
