import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { sendTemplate } from '../templates/send-template.js';
import { FLOW_COLUMNS, type FlowRow } from './get-welcome-flow.js';
import { markWelcomeAction, type Newcomer, type WelcomeMarker } from './mentions.js';

interface PendingJoin { id: string; memberId: string; flowId: string | null; joinedAt: Date; windowClosesAt: Date; due: boolean }
interface Problem { memberId: string | null; step: string; error: string }

const MINUTE = 60_000;

/**
 * Sends one community's next batch of welcomes, if its window has closed: one group welcome mentioning every
 * newcomer of the window still in the group, then each newcomer's private welcome and journey, all queued in
 * this transaction with keys derived from the batch (its first join's id). A crash before the commit leaves
 * the joins pending and nothing queued; the rerun takes the same first join, so the same keys, and the
 * outbox answers any action that did get queued instead of queueing it twice.
 * Answers the batch id, or null when nothing was due.
 */
export async function sendWelcomeBatch(ctx: TenantCtx, communityId: string): Promise<string | null> {
  // Locked: a second worker on the same community waits here, then finds these joins no longer pending.
  const pending = await rows<PendingJoin>(ctx.db, sql`
    select id, member_id as "memberId", flow_id as "flowId", joined_at as "joinedAt", window_closes_at as "windowClosesAt",
           window_closes_at <= now() as due
    from welcome_joins where workspace_id = ${ctx.workspaceId} and community_id = ${communityId} and status = 'pending'
    order by joined_at, id for update`);
  const first = pending[0];
  if (!first?.due) return null;
  const batch = pending.filter((j) => j.joinedAt.getTime() <= first.windowClosesAt.getTime());
  const joinIds = JSON.stringify(batch.map((j) => j.id));
  const setStatus = (status: string, ids: string, batchId: string | null) => ctx.db.execute(sql`
    update welcome_joins set status = ${status}, batch_id = ${batchId}
    where workspace_id = ${ctx.workspaceId} and id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)`);

  const flow = first.flowId ? await one<FlowRow>(ctx.db, sql`
    select ${FLOW_COLUMNS} from welcome_flows f where f.workspace_id = ${ctx.workspaceId} and f.id = ${first.flowId}`) : null;
  if (!flow?.enabled) {
    await setStatus('skipped', joinIds, null);
    return null;
  }

  // FOR SHARE waits for an intake that is recording a leave of one of them right now, so the leave is
  // either seen here or, committed after this batch, cancels what the batch queued (cancel-welcomes-on-leave.ts).
  const people = await rows<Newcomer & { left: boolean }>(ctx.db, sql`
    select m.id as "memberId", m.display_name as name, ms.left_at is not null as left,
      (select i.external_id from member_identities i join communities c on c.workspace_id = i.workspace_id and c.id = ${communityId}
        where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = c.channel order by i.created_at limit 1) as "externalId"
    from memberships ms join members m on m.workspace_id = ms.workspace_id and m.id = ms.member_id
    where ms.workspace_id = ${ctx.workspaceId} and ms.community_id = ${communityId}
      and ms.member_id in (select jsonb_array_elements_text(${JSON.stringify(batch.map((j) => j.memberId))}::jsonb)::uuid)
    for share of ms`);
  const byMember = new Map(people.map((p) => [p.memberId, p]));
  // One welcome per person, for their first join of the window (a quick leave and rejoin is one newcomer).
  const welcomed = new Map<string, PendingJoin>();
  for (const j of batch) if (byMember.get(j.memberId)?.left === false && !welcomed.has(j.memberId)) welcomed.set(j.memberId, j);
  const gone = batch.filter((j) => byMember.get(j.memberId)?.left !== false);
  const kept = batch.filter((j) => !gone.includes(j));
  if (!welcomed.size) {
    await setStatus('left', joinIds, null);
    return null;
  }

  const batchId = first.id;
  const newcomers = [...welcomed.keys()].map((id) => { const p = byMember.get(id)!; return { memberId: p.memberId, name: p.name, externalId: p.externalId }; });
  await ctx.db.execute(sql`
    insert into welcome_batches (workspace_id, id, community_id, flow_id, window_start, window_end, newcomers, dropped)
    values (${ctx.workspaceId}, ${batchId}, ${communityId}, ${flow.id}, ${first.joinedAt.toISOString()}, ${first.windowClosesAt.toISOString()},
            ${newcomers.length}, ${gone.length})`);
  await setStatus('batched', JSON.stringify(kept.map((j) => j.id)), batchId);
  await setStatus('left', JSON.stringify(gone.map((j) => j.id)), batchId);

  const problems: Problem[] = [];
  const base = { flowId: flow.id, batchId };
  // A rule's refusal (an archived template, a member who opted out) is recorded on the batch rather than
  // failing it: the other newcomers are still welcomed. Anything else rolls the batch back for a retry.
  const attempt = async (memberId: string | null, step: string, send: () => Promise<void>) => {
    try {
      await send();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push({ memberId, step, error: err.message });
    }
  };
  const toGroup = async (templateId: string, key: string, step: string, notBefore?: Date) => {
    const sent = await sendTemplate(ctx, { templateId, communityId, idempotencyKey: key, automated: 'service', notBefore });
    const p = sent.action.payload as Record<string, any>;
    const body = p.welcome?.body ?? { text: String(p.text ?? ''), content: (p.content ?? {}) as Record<string, unknown> };
    const marker: WelcomeMarker = { ...base, step, newcomers, body };
    await markWelcomeAction(ctx, sent.action.id, p, marker);
    return sent.action.id;
  };
  const toMember = async (templateId: string, join: PendingJoin, key: string, step: string, notBefore: Date) => {
    const sent = await sendTemplate(ctx, { templateId, communityId, memberId: join.memberId, idempotencyKey: key, automated: 'service', notBefore });
    await markWelcomeAction(ctx, sent.action.id, sent.action.payload, { ...base, step, joinId: join.id });
  };

  let actionId: string | null = null;
  let error: string | null = null;
  try {
    actionId = await toGroup(flow.groupTemplateId, `welcome:group:${batchId}`, 'group');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
  }
  const privateTemplate = flow.privateTemplateId;
  for (const join of welcomed.values()) {
    if (privateTemplate) {
      await attempt(join.memberId, 'private', () => toMember(privateTemplate, join, `welcome:private:${join.id}`, 'private', join.joinedAt));
    }
    for (const [i, s] of flow.journey.entries()) {
      if (s.audience !== 'private') continue;
      const at = new Date(join.joinedAt.getTime() + s.offsetMinutes * MINUTE);
      await attempt(join.memberId, `journey.${i}`, () => toMember(s.templateId, join, `welcome:step:${join.id}:${i}`, `journey.${i}`, at));
    }
  }
  for (const [i, s] of flow.journey.entries()) {
    if (s.audience !== 'group') continue;
    const at = new Date(first.joinedAt.getTime() + s.offsetMinutes * MINUTE);
    await attempt(null, `journey.${i}`, async () => { await toGroup(s.templateId, `welcome:group-step:${batchId}:${i}`, `journey.${i}`, at); });
  }
  await ctx.db.execute(sql`
    update welcome_batches set action_id = ${actionId}, error = ${error}, problems = ${JSON.stringify(problems)}::jsonb
    where workspace_id = ${ctx.workspaceId} and id = ${batchId}`);
  return batchId;
}
