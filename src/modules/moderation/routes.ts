import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../core/pagination.js';
import { ownRow, sendCreated, tenant } from '../../server/access.js';
import {
  memberEntryInputSchema, memberEntrySchema, moderationSettingsSchema, reversalSchema, ruleSetInputSchema, ruleSetSchema, ruleSetUpdateSchema,
  statsQuerySchema, statsSchema, testMessageSchema, testResultSchema, violationQuerySchema, violationSchema, wordCategoriesSchema,
  wordImportResultSchema, wordImportSchema, DEFAULT_RULE_SETTINGS,
} from './contracts.js';
import { listRuleSets } from './list-rule-sets.js';
import { createRuleSet } from './create-rule-set.js';
import { updateRuleSet } from './update-rule-set.js';
import { deleteRuleSet } from './delete-rule-set.js';
import { getRuleSet } from './rule-set-row.js';
import { getModerationSettings, setModerationSettings } from './settings.js';
import { importWords } from './import-words.js';
import { listWordCategories } from './list-word-categories.js';
import { deleteWordCategory } from './delete-word-category.js';
import { testMessage } from './test-message.js';
import { listViolations } from './list-violations.js';
import { reverseViolation } from './reverse-violation.js';
import { addMember, listMembers, removeMember, type MemberList } from './member-lists.js';
import { moderationStats } from './moderation-stats.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['moderation'];
const base = '/api/v1/moderation';
const idParams = z.object({ id: z.uuid('must be an id') });
const memberParams = z.object({ memberId: z.uuid('must be a member id') });
const ownRuleSet = ownRow('moderation_rule_sets', 'rule set');
const ownViolation = ownRow('moderation_violations', 'violation');
const ownMember = ownRow('members', 'member', 'memberId');
const settingsView = moderationSettingsSchema.extend({ wordsVersion: z.number().int() });

/** Moderation: analysts read the rules, the log and the stats; operators change rules and lists and reverse decisions. */
export async function moderationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(`${base}/rule-sets`, {
    config: read, schema: { tags, summary: 'Rule sets: the workspace default, per community type, per group', response: { 200: z.object({ items: z.array(ruleSetSchema), defaults: ruleSetUpdateSchema.shape.rules }) } },
  }, (req) => tenant(req, async (ctx) => ({ items: await listRuleSets(ctx), defaults: DEFAULT_RULE_SETTINGS })));
  app.post(`${base}/rule-sets`, {
    config: write, schema: { tags, summary: 'Create the rule set of a scope', body: ruleSetInputSchema, response: { 201: ruleSetSchema } },
  }, (req, reply) => tenant(req, async (ctx) => sendCreated(reply, await createRuleSet(ctx, req.body))));
  app.get(`${base}/rule-sets/:id`, {
    config: read, schema: { tags, summary: 'One rule set', params: idParams, response: { 200: ruleSetSchema } },
  }, (req) => tenant(req, (ctx) => getRuleSet(ctx, req.params.id)));
  app.put(`${base}/rule-sets/:id`, {
    config: write, preValidation: ownRuleSet,
    schema: { tags, summary: 'Replace a rule set\'s settings (its scope stays)', params: idParams, body: ruleSetUpdateSchema, response: { 200: ruleSetSchema } },
  }, (req) => tenant(req, (ctx) => updateRuleSet(ctx, req.params.id, req.body)));
  app.delete(`${base}/rule-sets/:id`, {
    config: write, preValidation: ownRuleSet, schema: { tags, summary: 'Delete a rule set: its groups fall back to the next scope', params: idParams },
  }, (req, reply) => tenant(req, async (ctx) => { await deleteRuleSet(ctx, req.params.id); reply.code(204); }));

  app.get(`${base}/settings`, {
    config: read, schema: { tags, summary: 'The escalation ladder and strike window', response: { 200: settingsView } },
  }, (req) => tenant(req, (ctx) => getModerationSettings(ctx)));
  app.put(`${base}/settings`, {
    config: write, schema: { tags, summary: 'Replace the escalation ladder and strike window', body: moderationSettingsSchema, response: { 200: settingsView } },
  }, (req) => tenant(req, (ctx) => setModerationSettings(ctx, req.body)));

  app.get(`${base}/words`, {
    config: read, schema: { tags, summary: 'Word list categories and their term counts', response: { 200: wordCategoriesSchema } },
  }, (req) => tenant(req, (ctx) => listWordCategories(ctx)));
  app.post(`${base}/words/import`, {
    config: write, bodyLimit: 4 * 1024 * 1024,
    schema: { tags, summary: 'Import a plain text word list (one term a line, optional category); unreadable lines are answered by number', body: wordImportSchema, response: { 200: wordImportResultSchema } },
  }, (req) => tenant(req, (ctx) => importWords(ctx, req.body)));
  app.delete(`${base}/words`, {
    config: write, schema: { tags, summary: 'Empty one word list category', querystring: z.object({ category: z.string().min(1).max(40) }) },
  }, (req, reply) => tenant(req, async (ctx) => { await deleteWordCategory(ctx, req.query.category); reply.code(204); }));

  app.post(`${base}/test`, {
    config: read, schema: { tags, summary: 'Judge a message with a group\'s or scope\'s rules (or a draft) without recording anything', body: testMessageSchema, response: { 200: testResultSchema } },
  }, (req) => tenant(req, (ctx) => testMessage(ctx, req.body)));

  app.get(`${base}/violations`, {
    config: read, schema: { tags, summary: 'The decision log, newest first', querystring: violationQuerySchema, response: { 200: pageOf(violationSchema) } },
  }, (req) => tenant(req, (ctx) => listViolations(ctx, req.query)));
  app.post(`${base}/violations/:id/reversal`, {
    config: write, preValidation: ownViolation,
    schema: { tags, summary: 'Reverse a decision (appeal): the strike stops counting, a pending action is cancelled', params: idParams, body: reversalSchema, response: { 200: z.object({ violation: violationSchema, note: z.string() }) } },
  }, (req) => tenant(req, (ctx) => reverseViolation(ctx, req.params.id, req.body)));

  for (const [list, path, what] of [['blocks', 'blocks', 'the workspace block list'], ['allow_list', 'allow-list', 'the allow-list']] as const satisfies readonly [MemberList, string, string][]) {
    app.get(`${base}/${path}`, {
      config: read, schema: { tags, summary: `Members on ${what}`, response: { 200: z.object({ items: z.array(memberEntrySchema) }) } },
    }, (req) => tenant(req, async (ctx) => ({ items: await listMembers(ctx, list) })));
    app.post(`${base}/${path}`, {
      config: write, schema: { tags, summary: `Put a member on ${what}`, body: memberEntryInputSchema, response: { 201: memberEntrySchema } },
    }, (req, reply) => tenant(req, async (ctx) => sendCreated(reply, await addMember(ctx, list, req.body))));
    app.delete(`${base}/${path}/:memberId`, {
      config: write, preValidation: ownMember, schema: { tags, summary: `Take a member off ${what}`, params: memberParams },
    }, (req, reply) => tenant(req, async (ctx) => { await removeMember(ctx, list, req.params.memberId); reply.code(204); }));
  }

  app.get(`${base}/stats`, {
    config: read, schema: { tags, summary: 'Per group: decisions, reversals, members and removals over the last days', querystring: statsQuerySchema, response: { 200: statsSchema } },
  }, (req) => tenant(req, (ctx) => moderationStats(ctx, req.query)));
}
