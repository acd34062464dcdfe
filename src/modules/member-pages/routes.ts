import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { publicBaseUrl } from '../../core/public-url.js';
import { ownRow, tenant } from '../../server/access.js';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { memberLink, rotateMemberLinkSecret } from './member-links.js';
import { recordAudit } from '../workspace/record-audit.js';
import { entrySchema } from '../loyalty/points/contracts.js';
import { listEntries } from '../loyalty/points/list-entries.js';
import { calendarQuerySchema, calendarSchema, checkInResultSchema, makeUpInputSchema } from '../growth/check-in/contracts.js';
import { checkInByButton } from '../growth/check-in/check-in-by-button.js';
import { checkInCalendar } from '../growth/check-in/check-in-calendar.js';
import { makeUpCheckIn } from '../growth/check-in/make-up-check-in.js';
import {
  memberCatalogueSchema, memberLinkInputSchema, memberLinkSchema, memberOverviewSchema, memberRedeemResultSchema, memberRedeemSchema,
  memberRedemptionSchema, rotationSchema,
} from './contracts.js';
import { memberOverview } from './member-overview.js';
import { memberCatalogue, memberRedemptions, redeemAsMember } from './member-rewards.js';
import { memberGrowthRoutes } from './growth-routes.js';
import { memberDistributionRoutes } from './distribution-routes.js';
import { memberShopRoutes } from './shop-routes.js';
import { memberOrderRoutes } from './order-routes.js';
import { memberGroupBuyRoutes } from './group-buy-routes.js';
import { memberFlashSaleRoutes } from './flash-sale-routes.js';

const tags = ['member pages'];
const security = [{ member: [] }];
/** The member's writes: a person taps, a script hammers; 30 a minute per member is far above tapping. */
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };
const memberParams = z.object({ memberId: z.uuid('must be a member id') });
const rewardParams = z.object({ rewardId: z.uuid('must be a reward id') });

/** Where links point: the configured public address, else the address this request came to. */
const baseUrlOf = (req: FastifyRequest) => publicBaseUrl() ?? `${req.protocol}://${req.host}`;

/**
 * The member pages' API (/api/m, a member token from a signed link; docs/member-pages.md) and the
 * operators' side of the links (/api/v1). A member route takes its member from the verified token only.
 */
export async function memberPageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Operators: a member's link to hand out, and renewing the workspace's key to withdraw every link.
  app.post('/api/v1/members/:memberId/member-link', {
    config: { access: { role: 'operator', scope: 'write' } }, preValidation: ownRow('members', 'member', 'memberId'),
    schema: { tags, summary: 'A signed link to the member\'s pages (points, check-in, rewards)', params: memberParams, body: memberLinkInputSchema, response: { 200: memberLinkSchema } },
  }, (req) => tenant(req, async (ctx) => {
    const link = await memberLink(ctx, req.params.memberId, { ttlDays: req.body.ttlDays, baseUrl: baseUrlOf(req) });
    await recordAudit(ctx, 'member.link_created', 'member', req.params.memberId, { expiresAt: link.expiresAt.toISOString() });
    return { url: link.url, expiresAt: link.expiresAt };
  }));

  app.post('/api/v1/member-links/rotate', {
    config: { access: { role: 'admin', scope: 'write' } },
    schema: { tags, summary: 'Renew the key member links are signed with: every link handed out so far stops working', response: { 200: rotationSchema } },
  }, (req) => tenant(req, async (ctx) => {
    const rotated = await rotateMemberLinkSecret(ctx);
    await recordAudit(ctx, 'member_links.rotated', null, null, { generation: rotated.generation });
    return rotated;
  }));

  // Members.
  app.get('/api/m/me', {
    schema: { tags, security, summary: 'The member, their workspace and their spendable points', response: { 200: memberOverviewSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => memberOverview(ctx, memberId)));

  app.get('/api/m/points', {
    schema: { tags, security, summary: 'The member\'s points history, newest first', querystring: pageQuerySchema, response: { 200: pageOf(entrySchema).extend({ balance: z.number().int() }) } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const { name: _name, ...page } = await listEntries(ctx, memberId, req.query);
    return page;
  }));

  app.get('/api/m/check-in', {
    schema: { tags, security, summary: 'The member\'s check-in calendar for a month', querystring: calendarQuerySchema, response: { 200: calendarSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => checkInCalendar(ctx, memberId, req.query)));

  app.post('/api/m/check-in', {
    config: memberWrite,
    schema: { tags, security, summary: 'Check in for today (once a day; a repeat answers the same check-in)', response: { 200: checkInResultSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => checkInByButton(ctx, memberId)));

  app.post('/api/m/check-in/make-up', {
    config: memberWrite,
    schema: { tags, security, summary: 'Fill a missed day with a make-up card', body: makeUpInputSchema, response: { 200: checkInResultSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => makeUpCheckIn(ctx, memberId, req.body)));

  app.get('/api/m/rewards', {
    schema: { tags, security, summary: 'The rewards the member can redeem, cheapest first, with their balance', response: { 200: memberCatalogueSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => memberCatalogue(ctx, memberId)));

  app.post('/api/m/rewards/:rewardId/redeem', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Redeem a reward with the member\'s points (409 out of stock, over the limit or the balance)',
      params: rewardParams, body: memberRedeemSchema, response: { 200: memberRedeemResultSchema },
    },
  }, (req) => memberTenant(req, (ctx, memberId) => redeemAsMember(ctx, memberId, req.params.rewardId, req.body)));

  app.get('/api/m/redemptions', {
    schema: { tags, security, summary: 'The member\'s redemptions, newest first', querystring: pageQuerySchema, response: { 200: pageOf(memberRedemptionSchema) } },
  }, (req) => memberTenant(req, (ctx, memberId) => memberRedemptions(ctx, memberId, req.query)));

  // Lucky draws and fission campaigns, from their modules.
  await app.register(memberGrowthRoutes);
  await app.register(memberDistributionRoutes);
  // Shop, group-buy, flash sale and my orders, from the commerce modules' verbs.
  await app.register(memberShopRoutes);
  await app.register(memberOrderRoutes);
  await app.register(memberGroupBuyRoutes);
  await app.register(memberFlashSaleRoutes);
}
