import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { evaluateMessage } from './engine/index.js';
import type { Finding } from './engine/types.js';
import { testMessageSchema, type LadderStep } from './contracts.js';
import { compileDraft, effectiveRules } from './effective-rules.js';
import { getModerationSettings } from './settings.js';
import { nextStep } from './strikes.js';

export interface TestResult { findings: Finding[]; ruleSetId: string | null; exempt: boolean; step: LadderStep | null; strike: number | null }

/**
 * "Test a message": judges a text (and image or QR payloads) with a group's or a scope's effective rules,
 * or with an unsaved draft, and answers what the listener would find and the step it would take. Nothing
 * is recorded. Without a member there is no history, so flooding and repeats cannot fire and the step is
 * the ladder's first.
 */
export async function testMessage(ctx: TenantCtx, input: unknown): Promise<TestResult> {
  const v = parseInput(testMessageSchema, input);
  const target = v.communityId ? { communityId: v.communityId } : v.scope ?? { kind: 'workspace' as const };
  for (const [id, table, what] of [[v.communityId, 'communities', 'community'], [v.memberId, 'members', 'member']] as const) {
    if (id && !(await one(ctx.db, sql`select 1 from ${sql.identifier(table)} where workspace_id = ${ctx.workspaceId} and id = ${id}`))) throw notFound(what);
  }
  const effective = await effectiveRules(ctx, target);
  const compiled = v.rules ? await compileDraft(ctx, v.rules) : effective.compiled;
  if (!compiled) return { findings: [], ruleSetId: effective.ruleSetId, exempt: false, step: null, strike: null };
  const findings = evaluateMessage(compiled, { text: v.text, imageDataUrl: v.imageDataUrl, qrPayloads: v.qrPayloads }, {
    now: new Date(), communityId: v.communityId ?? '', joinedAt: null, recent: [],
  });
  const exempt = !!v.memberId && !!(await one(ctx.db, sql`
    select 1 where exists (select 1 from moderation_allow_list where workspace_id = ${ctx.workspaceId} and member_id = ${v.memberId})
      or exists (select 1 from memberships where workspace_id = ${ctx.workspaceId} and member_id = ${v.memberId}
                 and community_id = ${v.communityId ?? null}::uuid and role in ('owner', 'admin'))`));
  if (!findings.length || exempt) return { findings, ruleSetId: effective.ruleSetId, exempt, step: null, strike: null };
  const settings = await getModerationSettings(ctx);
  const next = v.memberId ? await nextStep(ctx, v.memberId, new Date(), settings) : { step: settings.ladder[0]!, strike: 1 };
  return { findings, ruleSetId: effective.ruleSetId, exempt, ...next };
}
