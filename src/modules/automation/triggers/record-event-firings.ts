import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import type { TriggerWhen } from './contracts.js';
import { recordFiring } from './record-firing.js';
import { enabledRules } from './rule-row.js';
import { communityTypes, inRuleScope } from './scope.js';

/**
 * Events older than this when they arrive (imported chat history, a batch replayed days later) fire no
 * rule: a trigger reacts to what is happening, and a year of imported check-ins must not invite anyone now.
 */
export const LIVE_EVENT_HOURS = 48;

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

function matches(when: TriggerWhen, e: StoredEvent): boolean {
  if (when.kind !== 'event' || when.eventType !== e.type) return false;
  if (when.keyword) return typeof e.data.text === 'string' && fold(e.data.text).includes(fold(when.keyword));
  if (when.name) return e.data.name === when.name;
  return true;
}

async function presentIn(ctx: TenantCtx, communityId: string, memberId: string): Promise<boolean> {
  return !!(await one(ctx.db, sql`
    select 1 from memberships where workspace_id = ${ctx.workspaceId} and community_id = ${communityId} and member_id = ${memberId} and left_at is null`));
}

/**
 * The event listener of the triggers (src/modules/event-listeners.ts): in the intake transaction, for the
 * freshly stored events, records a firing per matching enabled event rule, due at the event's time plus the
 * rule's delay. Only records: the run tick re-checks and acts, so intake never waits on a send or an
 * analytics query. Our own messages echoed back (data.actionId) are not members' doing and fire nothing.
 * `now` is the intake's clock, given by tests.
 */
export async function recordEventFirings(ctx: TenantCtx, events: readonly StoredEvent[], now = new Date()): Promise<void> {
  const since = now.getTime() - LIVE_EVENT_HOURS * 3_600_000;
  const live = events.filter((e) => !(e.type === 'message.sent' && e.echo) && e.occurredAt.getTime() >= since);
  if (!live.length) return;
  const rules = await enabledRules(ctx, ['event']);
  if (!rules.length) return;
  const groups = [...new Set(live.map((e) => e.communityId).filter((id): id is string => !!id))];
  const types = rules.some((r) => r.scope.kind === 'type') ? await communityTypes(ctx, groups) : new Map<string, string>();
  for (const e of live) {
    for (const rule of rules) {
      if (!matches(rule.when, e) || !inRuleScope(rule.scope, e.communityId, types)) continue;
      // A member already in the group to invite into (a VIP checking in every day) would only collect skipped firings.
      if (rule.do.kind === 'invite' && await presentIn(ctx, rule.do.communityId, e.memberId)) continue;
      await recordFiring(ctx, rule, { memberId: e.memberId, communityId: e.communityId, occurrence: `event:${e.id}`, occurredAt: e.occurredAt });
    }
  }
}
