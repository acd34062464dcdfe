import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../../server/access.js';
import {
  applySchema, bindResultSchema, bindSchema, commissionSchema, customerSchema, distributionSettingsSchema, distributorSchema,
  listCommissionsSchema, listDistributorsSchema, listWithdrawalsSchema, rejectSchema, withdrawalSchema, withdrawSchema,
} from './contracts.js';
import { getDistributionSettings } from './settings.js';
import { setDistributionSettings } from './set-distribution-settings.js';
import { listDistributors } from './list-distributors.js';
import { getDistributor } from './distributor-row.js';
import { applyAsDistributor } from './apply-as-distributor.js';
import { approveDistributor, rejectDistributor } from './decide-distributor.js';
import { bindCustomer } from './bind-customer.js';
import { listCommissions } from './list-commissions.js';
import { listCustomers } from './list-customers.js';
import { listWithdrawals } from './list-withdrawals.js';
import { requestWithdrawal } from './request-withdrawal.js';
import { decideWithdrawal } from './decide-withdrawal.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const admin = { access: { role: 'admin', scope: 'write' } } as const;
const tags = ['distribution'];
const idParams = z.object({ id: z.uuid('must be an id') });

const ownDistributor = ownRow('distributors', 'distributor');
const ownWithdrawal = ownRow('distribution_withdrawals', 'withdrawal');

/** Distribution (分销): analysts read, operators decide applications and withdrawals, admins set the rates. */
export async function distributionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/distribution/settings', {
    config: read, schema: { tags, summary: 'Commission rates, binding rule, refund window and minimum withdrawal', response: { 200: distributionSettingsSchema } },
  }, (req) => tenant(req, (ctx) => getDistributionSettings(ctx)));

  app.put('/api/v1/distribution/settings', {
    config: admin, schema: { tags, summary: 'Replace the settings (posted commission keeps its rate and window)', body: distributionSettingsSchema, response: { 200: distributionSettingsSchema } },
  }, (req) => tenant(req, (ctx) => setDistributionSettings(ctx, req.body)));

  app.get('/api/v1/distribution/distributors', {
    config: read, schema: { tags, summary: 'Distributors and applications, pending first', querystring: listDistributorsSchema, response: { 200: pageOf(distributorSchema) } },
  }, (req) => tenant(req, (ctx) => listDistributors(ctx, req.query)));

  app.post('/api/v1/distribution/distributors', {
    config: write, schema: { tags, summary: 'Apply on a member\'s behalf (pending until approved)', body: applySchema, response: { 201: distributorSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => applyAsDistributor(ctx, req.body))));

  app.get('/api/v1/distribution/distributors/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: distributorSchema } },
  }, (req) => tenant(req, (ctx) => getDistributor(ctx, req.params.id)));

  app.post('/api/v1/distribution/distributors/:id/approve', {
    config: write, schema: { tags, summary: 'Approve a pending application: the distributor gets a referral code', params: idParams, response: { 200: distributorSchema } },
  }, (req) => tenant(req, (ctx) => approveDistributor(ctx, req.params.id)));

  app.post('/api/v1/distribution/distributors/:id/reject', {
    config: write, preValidation: ownDistributor,
    schema: { tags, summary: 'Reject a pending application with the reason the applicant is told', params: idParams, body: rejectSchema, response: { 200: distributorSchema } },
  }, (req) => tenant(req, (ctx) => rejectDistributor(ctx, req.params.id, req.body.reason)));

  app.get('/api/v1/distribution/distributors/:id/customers', {
    config: read, schema: { tags, summary: 'Customers bound to a distributor, newest first', params: idParams, querystring: pageQuerySchema, response: { 200: pageOf(customerSchema) } },
  }, (req) => tenant(req, (ctx) => listCustomers(ctx, req.params.id, req.query)));

  app.post('/api/v1/distribution/distributors/:id/withdrawals', {
    config: write, preValidation: ownDistributor,
    schema: {
      tags, summary: 'Request a withdrawal on the distributor\'s behalf (409 beyond the available balance); the key makes a retry ask once',
      params: idParams, body: withdrawSchema, response: { 200: withdrawalSchema },
    },
  }, (req) => tenant(req, (ctx) => requestWithdrawal(ctx, req.params.id, req.body)));

  app.post('/api/v1/distribution/bindings', {
    config: write, schema: { tags, summary: 'Bind a customer through a code, by the workspace\'s binding rule', body: bindSchema, response: { 200: bindResultSchema } },
  }, (req) => tenant(req, (ctx) => bindCustomer(ctx, { ...req.body, at: new Date() })));

  app.get('/api/v1/distribution/commissions', {
    config: read, schema: { tags, summary: 'Commission ledger, newest first', querystring: listCommissionsSchema, response: { 200: pageOf(commissionSchema) } },
  }, (req) => tenant(req, (ctx) => listCommissions(ctx, req.query)));

  app.get('/api/v1/distribution/withdrawals', {
    config: read, schema: { tags, summary: 'Withdrawals, requested first', querystring: listWithdrawalsSchema, response: { 200: pageOf(withdrawalSchema) } },
  }, (req) => tenant(req, (ctx) => listWithdrawals(ctx, req.query)));

  app.post('/api/v1/distribution/withdrawals/:id/approve', {
    config: write, schema: { tags, summary: 'Mark a requested withdrawal paid out', params: idParams, response: { 200: withdrawalSchema } },
  }, (req) => tenant(req, (ctx) => decideWithdrawal(ctx, req.params.id, 'paid')));

  app.post('/api/v1/distribution/withdrawals/:id/reject', {
    config: write, preValidation: ownWithdrawal,
    schema: { tags, summary: 'Reject a requested withdrawal: the amount returns to the available balance', params: idParams, body: rejectSchema, response: { 200: withdrawalSchema } },
  }, (req) => tenant(req, (ctx) => decideWithdrawal(ctx, req.params.id, 'rejected', req.body.reason)));
}
