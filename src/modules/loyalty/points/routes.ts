import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { ownRow, tenant } from '../../../server/access.js';
import { accountSchema, adjustmentSchema, entrySchema, listAccountsSchema, pointsSettingsSchema, pointsSummarySchema, postingSchema } from './contracts.js';
import { getPointsSettings } from './get-points-settings.js';
import { setPointsSettings } from './set-points-settings.js';
import { listAccounts } from './list-accounts.js';
import { listEntries } from './list-entries.js';
import { adjustPoints } from './adjust-points.js';
import { pointsSummary } from './points-summary.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const admin = { access: { role: 'admin', scope: 'write' } } as const;
const tags = ['points'];
const memberParams = z.object({ memberId: z.uuid('must be a member id') });

const ownMember = ownRow('members', 'member', 'memberId');

/** The points ledger: analysts read, operators correct a member's points, admins set the rules. */
export async function pointsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/points/settings', {
    config: read, schema: { tags, summary: 'Expiry period and earn rules', response: { 200: pointsSettingsSchema } },
  }, (req) => tenant(req, (ctx) => getPointsSettings(ctx)));

  app.put('/api/v1/points/settings', {
    config: admin, schema: { tags, summary: 'Replace the expiry period and earn rules (open lots keep their expiry)', body: pointsSettingsSchema, response: { 200: pointsSettingsSchema } },
  }, (req) => tenant(req, (ctx) => setPointsSettings(ctx, req.body)));

  app.get('/api/v1/points/summary', {
    config: read,
    schema: {
      tags, summary: 'Points held now, and issued, spent and expired by reason over the last days',
      querystring: z.object({ days: z.coerce.number().int().min(1, 'must be 1 or more').max(365, 'must be at most 365').default(30) }),
      response: { 200: pointsSummarySchema },
    },
  }, (req) => tenant(req, (ctx) => pointsSummary(ctx, req.query.days)));

  app.get('/api/v1/points/accounts', {
    config: read, schema: { tags, summary: 'Members with points, highest balance first', querystring: listAccountsSchema, response: { 200: pageOf(accountSchema) } },
  }, (req) => tenant(req, (ctx) => listAccounts(ctx, req.query)));

  app.get('/api/v1/points/members/:memberId', {
    config: read,
    schema: {
      tags, summary: 'A member\'s spendable balance and points history, newest first', params: memberParams, querystring: pageQuerySchema,
      response: { 200: pageOf(entrySchema).extend({ balance: z.number().int(), name: z.string() }) },
    },
  }, (req) => tenant(req, (ctx) => listEntries(ctx, req.params.memberId, req.query)));

  app.post('/api/v1/points/members/:memberId/adjustments', {
    config: write, preValidation: ownMember,
    schema: { tags, summary: 'Add (positive) or take (negative) points with a reason; the key makes a retry post once', params: memberParams, body: adjustmentSchema, response: { 200: postingSchema } },
  }, (req) => tenant(req, (ctx) => adjustPoints(ctx, req.params.memberId, req.body)));
}
