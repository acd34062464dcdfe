import { rows, sql, uuids } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { StoredEvent } from '../event-listeners.js';
import { evaluateMessage, fingerprint } from './engine/index.js';
import type { MessageContext, MessageInput } from './engine/types.js';
import { effectiveRules, type EffectiveRules } from './effective-rules.js';
import { recordDecision } from './record-decision.js';
import { getModerationSettings, type StoredModerationSettings } from './settings.js';
import type { RuleSettings } from './contracts.js';

/**
 * How late a message may be reported and still be judged: a webhook retried within the hour is moderated,
 * an imported chat history does not get members warned or removed for what they said last year.
 */
export const JUDGE_LATE_MINUTES = 60;

const judgeable = (e: StoredEvent, now: number) => !!e.communityId && e.occurredAt.getTime() >= now - JUDGE_LATE_MINUTES * 60_000
  && ((e.type === 'message.sent' && !e.echo) || e.type === 'member.joined');

/** The longest look back the rules need, in seconds; 0 when no rule reads the past. */
const lookBack = (s: RuleSettings) => Math.max(s.flooding.enabled ? s.flooding.perSeconds : 0, s.repeats.enabled ? s.repeats.withinMinutes * 60 : 0);

/** Members who are blocked, allow-listed, or the owner or an admin of the group they spoke in. */
async function standing(ctx: TenantCtx, events: StoredEvent[]) {
  const ids = [...new Set(events.map((e) => e.memberId))];
  const found = await rows<{ memberId: string; blocked: boolean; allowed: boolean; staffOf: string[] }>(ctx.db, sql`
    select m.id as "memberId",
      exists (select 1 from moderation_blocks b where b.workspace_id = m.workspace_id and b.member_id = m.id) as blocked,
      exists (select 1 from moderation_allow_list a where a.workspace_id = m.workspace_id and a.member_id = m.id) as allowed,
      array(select s.community_id::text from memberships s where s.workspace_id = m.workspace_id and s.member_id = m.id and s.role in ('owner', 'admin')) as "staffOf"
    from members m where m.workspace_id = ${ctx.workspaceId} and m.id = any(${uuids(ids)})`);
  return new Map(found.map((r) => [r.memberId, r]));
}

async function contextFor(ctx: TenantCtx, e: StoredEvent, settings: RuleSettings): Promise<MessageContext> {
  const seconds = lookBack(settings);
  const [joined] = await rows<{ joinedAt: Date | null }>(ctx.db, sql`
    select joined_at as "joinedAt" from memberships where workspace_id = ${ctx.workspaceId} and community_id = ${e.communityId} and member_id = ${e.memberId}`);
  const recent = seconds === 0 ? [] : await rows<{ at: Date; communityId: string; text: string }>(ctx.db, sql`
    select occurred_at as at, community_id as "communityId", coalesce(data->>'text', '') as text from events
    where workspace_id = ${ctx.workspaceId} and member_id = ${e.memberId} and type = 'message.sent' and community_id is not null
      and id <> ${e.id} and occurred_at <= ${e.occurredAt.toISOString()}::timestamptz
      and occurred_at > ${e.occurredAt.toISOString()}::timestamptz - make_interval(secs => ${seconds})
    order by occurred_at desc limit 500`);
  return {
    now: e.occurredAt, communityId: e.communityId!, joinedAt: joined?.joinedAt ?? null,
    recent: recent.map((r) => ({ at: r.at, communityId: r.communityId, fingerprint: fingerprint(r.text) })),
  };
}

const messageOf = (e: StoredEvent): MessageInput => ({
  text: typeof e.data.text === 'string' ? e.data.text : '',
  ...(typeof e.data.imageDataUrl === 'string' ? { imageDataUrl: e.data.imageDataUrl } : {}),
  ...(Array.isArray(e.data.qrPayloads) ? { qrPayloads: e.data.qrPayloads.map(String) } : {}),
});

/** A removal from this group already on its way: the member's further messages there need no decision of their own. */
async function leaving(ctx: TenantCtx, e: StoredEvent): Promise<boolean> {
  const found = await rows(ctx.db, sql`
    select 1 from actions where workspace_id = ${ctx.workspaceId} and kind = 'remove' and community_id = ${e.communityId} and member_id = ${e.memberId}
      and status in ('pending', 'sending', 'awaiting_staff') limit 1`);
  return found.length > 0;
}

/**
 * Event listener (src/modules/event-listeners.ts), in the intake transaction: judges every fresh message a
 * member sent in a group against the group's effective rule set, and takes the member's next ladder step
 * for a message that breaks one; a blocked member who joins or speaks is removed. Staff of the group and
 * allow-listed members are exempt. Only the events stored for the first time arrive here, and a decision is
 * unique on its event, so a message ingested twice is judged once. A member whose removal from the group is
 * already queued gets no further decisions there.
 */
export async function judgeEvents(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const now = Date.now();
  const due = events.filter((e) => judgeable(e, now));
  if (!due.length) return;
  const members = await standing(ctx, due);
  let settings: StoredModerationSettings | undefined;
  const rulesOf = new Map<string, EffectiveRules>();
  // Time order: a member's second message of a batch counts the first one's strike.
  for (const e of [...due].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const who = members.get(e.memberId);
    if (!who) continue;
    settings ??= await getModerationSettings(ctx);
    const base = { eventId: e.id, occurredAt: e.occurredAt, communityId: e.communityId!, memberId: e.memberId, text: typeof e.data.text === 'string' ? e.data.text : null };
    if (who.blocked) {
      if (await leaving(ctx, e)) continue;
      await recordDecision(ctx, { ...base, rule: 'block_list', category: 'block_list', evidence: e.type === 'member.joined' ? 'joined' : 'spoke', findings: [], warnText: '', step: 'remove' }, settings);
      continue;
    }
    if (e.type !== 'message.sent' || who.allowed || who.staffOf.includes(e.communityId!)) continue;
    let rules = rulesOf.get(e.communityId!);
    if (!rules) rulesOf.set(e.communityId!, rules = await effectiveRules(ctx, { communityId: e.communityId! }));
    if (!rules.compiled || !rules.settings) continue;
    const findings = evaluateMessage(rules.compiled, messageOf(e), await contextFor(ctx, e, rules.settings));
    const first = findings[0];
    if (!first || await leaving(ctx, e)) continue;
    await recordDecision(ctx, { ...base, rule: first.rule, category: first.category, evidence: first.evidence, findings, warnText: rules.settings.warnText }, settings);
  }
}
