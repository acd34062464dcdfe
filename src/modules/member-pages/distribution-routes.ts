import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { memberRateKey, memberTenant } from '../../server/member-access.js';
import { applyAsDistributor } from '../commerce/distribution/apply-as-distributor.js';
import { distributorOfMember } from '../commerce/distribution/distributor-row.js';
import { getDistributionSettings } from '../commerce/distribution/settings.js';
import { requestWithdrawal } from '../commerce/distribution/request-withdrawal.js';
import { withdrawSchema } from '../commerce/distribution/contracts.js';
import { AppError } from '../../core/errors.js';
import { renderDistributorPoster } from '../commerce/distribution/render-distributor-poster.js';

const tags = ['member pages'];
const security = [{ member: [] }];
const memberWrite = { rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler' as const, keyGenerator: memberRateKey } };

const centreSchema = z.object({
  /** null: the member never applied. */
  distributor: z.object({
    status: z.enum(['pending', 'approved', 'rejected']),
    code: z.string().nullable(),
    link: z.string().nullable(),
    reason: z.string().nullable(),
    uplineName: z.string().nullable(),
    frozenCents: z.number().int(),
    availableCents: z.number().int(),
    withdrawingCents: z.number().int(),
    withdrawnCents: z.number().int(),
    customers: z.number().int(),
  }).nullable(),
  minWithdrawalCents: z.number().int(),
  refundWindowDays: z.number().int(),
  /** The latest ledger entries (commission and refund reversals) and withdrawals, newest first. */
  entries: z.array(z.object({ id: z.string(), orderId: z.string(), tier: z.number().int(), kind: z.enum(['commission', 'reversal']), amountCents: z.number().int(), status: z.enum(['frozen', 'available']), releaseAt: z.date(), createdAt: z.date() })),
  withdrawals: z.array(z.object({ id: z.string(), amountCents: z.number().int(), status: z.enum(['requested', 'paid', 'rejected']), reason: z.string().nullable(), requestedAt: z.date() })),
});
type Centre = z.infer<typeof centreSchema>;

/** What the distributor centre shows the member of the token: never other members' names or orders' buyers. */
async function distributorCentre(ctx: TenantCtx, memberId: string): Promise<Centre> {
  const settings = await getDistributionSettings(ctx);
  const d = await distributorOfMember(ctx, memberId);
  const base = { minWithdrawalCents: settings.minWithdrawalCents, refundWindowDays: settings.refundWindowDays };
  if (!d) return { distributor: null, ...base, entries: [], withdrawals: [] };
  const entries = await rows<Centre['entries'][number]>(ctx.db, sql`
    select id, order_id as "orderId", tier::int as tier, kind, amount_cents::float8 as "amountCents", status, release_at as "releaseAt", created_at as "createdAt"
    from distribution_commissions where workspace_id = ${ctx.workspaceId} and distributor_id = ${d.id} order by created_at desc, tier limit 20`);
  const withdrawals = await rows<Centre['withdrawals'][number]>(ctx.db, sql`
    select id, amount_cents::float8 as "amountCents", status, reason, requested_at as "requestedAt"
    from distribution_withdrawals where workspace_id = ${ctx.workspaceId} and distributor_id = ${d.id} order by requested_at desc limit 10`);
  return {
    distributor: {
      status: d.status, code: d.code, link: d.link, reason: d.reason, uplineName: d.uplineName, frozenCents: d.frozenCents,
      availableCents: d.availableCents, withdrawingCents: d.withdrawingCents, withdrawnCents: d.withdrawnCents, customers: d.customers,
    },
    ...base, entries, withdrawals,
  };
}

/** The member pages' distributor centre (分销中心, commerce/distribution): apply, the code and link, earnings, withdraw. */
export async function memberDistributionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/m/distribution', {
    schema: { tags, security, summary: 'The member\'s distributor record, code, link and earnings (frozen, available)', response: { 200: centreSchema } },
  }, (req) => memberTenant(req, (ctx, memberId) => distributorCentre(ctx, memberId)));

  app.get('/api/m/distribution/poster.png', {
    schema: { tags, security, summary: 'The approved distributor\'s share poster (PNG): name, code and a QR code of their referral link (409 status / landingUrl)', response: { 200: z.unknown().meta({ description: 'image/png' }) } },
  }, async (req, reply) => {
    const png = await memberTenant(req, (ctx, memberId) => renderDistributorPoster(ctx, memberId));
    return reply.type('image/png').header('cache-control', 'private, no-store').header('content-disposition', 'inline; filename="poster.png"').send(png);
  });

  app.post('/api/m/distribution/apply', {
    config: memberWrite,
    schema: {
      tags, security, summary: 'Apply to become a distributor (an operator approves); a code names the distributor who recruited the member',
      body: z.strictObject({ uplineCode: z.string().trim().min(1).max(32).optional() }), response: { 200: centreSchema },
    },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    await applyAsDistributor(ctx, { memberId, uplineCode: req.body.uplineCode });
    return distributorCentre(ctx, memberId);
  }));

  app.post('/api/m/distribution/withdrawals', {
    config: memberWrite,
    schema: { tags, security, summary: 'Withdraw from the available balance (409 beyond it); an operator pays it out', body: withdrawSchema, response: { 200: centreSchema } },
  }, (req) => memberTenant(req, async (ctx, memberId) => {
    const d = await distributorOfMember(ctx, memberId);
    if (!d) throw new AppError('conflict', 'withdrawal: apply to become a distributor first');
    await requestWithdrawal(ctx, d.id, req.body);
    return distributorCentre(ctx, memberId);
  }));
}
