import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { communityTimeline } from '../../community/timeline.js';
import { dispatchActions } from '../dispatch-actions.js';
import { createTemplate } from '../templates/create-template.js';
import { sendTemplate } from '../templates/send-template.js';
import { setGuardrailSettings } from '../guardrails/set-guardrail-settings.js';
import { DEFAULT_GUARDRAILS } from '../guardrails/contracts.js';
import { createWelcomeFlow } from './create-welcome-flow.js';
import { setWelcomeFlowEnabled } from './set-welcome-flow-enabled.js';
import { runWelcomeBatches } from './run-welcome-batches.js';
import { sendWelcomeBatch } from './send-welcome-batch.js';
import { listWelcomeBatches } from './list-welcome-batches.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const tpl: Record<string, string> = {};
const MIN = 60_000;

const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();
const person = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}同学` });
const group = (id: string, type = 'basic') => ({ channel: 'sandbox', externalId: id, name: `${id}群`, type });
const join = (id: string, g: string, who: string, at: string, data: Record<string, unknown> = {}, type = 'basic') =>
  ({ id, type: 'member.joined', occurredAt: at, community: group(g, type), member: person(who), data });
const leave = (id: string, g: string, who: string, at: string) =>
  ({ id, type: 'member.left', occurredAt: at, community: group(g), member: person(who), data: { reason: 'quit' } });
const ingest = (events: unknown[]) => tenant((ctx) => ingestEvents(ctx, events));
const communityId = async (g: string) => tenant(async (ctx) => (await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = ${g}`))!.id);
const memberId = async (who: string) => tenant(async (ctx) => (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = ${who}`))!.id);

interface Act { id: string; idempotencyKey: string; kind: string; status: string; memberId: string | null; nextAttemptAt: Date; lastError: string | null; payload: Record<string, any> }
const actionsOf = (g: string) => tenant((ctx) => rows<Act>(ctx.db, sql`
  select a.id, a.idempotency_key as "idempotencyKey", a.kind, a.status, a.member_id as "memberId", a.next_attempt_at as "nextAttemptAt", a.last_error as "lastError", a.payload
  from actions a join communities c on c.workspace_id = a.workspace_id and c.id = a.community_id
  where c.external_id = ${g} order by a.created_at, a.idempotency_key`));
const deliveries = (g: string, kind: string) => tenant((ctx) => rows<{ body: Record<string, any> }>(ctx.db, sql`
  select body from sandbox_deliveries where community_external_id = ${g} and kind = ${kind} order by delivered_at, action_id`));
/** Everything due now goes out, as the outbox.dispatch schedule would do. */
const dispatchAll = async () => { while ((await dispatchActions(database, 200)).sent > 0) { /* until nothing is due */ } };

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'welcome-flows', name: 'Welcome shop' });
  await tenant(async (ctx) => {
    // Quiet hours off: these tests are about the flow, one test below turns them on.
    await setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: '00:00', end: '00:00' } });
    const make = async (name: string, text: string) => (await createTemplate(ctx, { name, contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text } }] })).id;
    tpl.group = await make('群欢迎', '欢迎新朋友加入{{community.name}}！');
    tpl.private = await make('私聊福利', '{{member.name}}，送你一张无门槛券');
    tpl.intro = await make('自我介绍', '{{member.name}}，来和大家做个自我介绍吧');
    tpl.rules = await make('群规', '{{community.name}}群规：友善交流');
    tpl.activity = await make('活动邀请', '{{member.name}}，周六的直播课邀请你来');
    await createWelcomeFlow(ctx, {
      name: '全部社群', scope: { kind: 'all' },
      groupWelcome: { templateId: tpl.group!, windowMinutes: 3 },
      privateWelcome: { templateId: tpl.private! },
      journey: [
        { offsetMinutes: 10, templateId: tpl.intro!, audience: 'private' },
        { offsetMinutes: 60, templateId: tpl.rules!, audience: 'group' },
        { offsetMinutes: 47 * 60, templateId: tpl.activity!, audience: 'private' },
      ],
    });
  });
});
afterAll(async () => { await database.drop(); });

describe('batched group welcome', () => {
  // Window 3 minutes: the first three joins are within 3 minutes of the first, the fourth is not. All are
  // recent enough (window + 5 minutes' grace) to be welcomed, and both windows have closed by now.
  const events = [
    join('j1', 'g1', 'ann', ago(7)), join('j2', 'g1', 'bob', ago(6.5)), join('j3', 'g1', 'cat', ago(5)), join('j4', 'g1', 'dan', ago(3.5)),
  ];

  it('sends one group message mentioning the three joins of a window, through the outbox and the sandbox', async () => {
    await ingest(events);
    expect(await runWelcomeBatches(database)).toEqual({ batches: 1 });
    await dispatchAll();

    const sent = await deliveries('g1', 'send_group');
    expect(sent).toHaveLength(1);
    // One at a time, never nested: PGlite has one connection, and a second transaction on it waits forever.
    const ids = [await memberId('ann'), await memberId('bob'), await memberId('cat')];
    expect(sent[0]!.body.mentions).toEqual(['ann', 'bob', 'cat']);
    expect(sent[0]!.body.text).toBe('@ann同学 @bob同学 @cat同学\n欢迎新朋友加入g1群！');
    expect(sent[0]!.body).toMatchObject({ automated: true, class: 'service', templateId: tpl.group });
    expect(sent[0]!.body.welcome.newcomers.map((n: { memberId: string }) => n.memberId)).toEqual(ids);
    // The group sees it on its timeline as the bot's message.
    const g1 = await communityId('g1');
    const timeline = await tenant((ctx) => communityTimeline(ctx, g1, undefined, 50));
    expect(timeline.items.filter((i) => i.direction === 'out' && i.status === 'sent').map((i) => i.text)).toEqual(['@ann同学 @bob同学 @cat同学\n欢迎新朋友加入g1群！']);
    // The private welcome went to each of the three, in private (not on the group timeline).
    expect((await deliveries('g1', 'send_private')).map((d) => d.body.text).sort()).toEqual(['ann同学，送你一张无门槛券', 'bob同学，送你一张无门槛券', 'cat同学，送你一张无门槛券']);
  });

  it('sends the fourth join, after the window, in a second message', async () => {
    expect(await runWelcomeBatches(database)).toEqual({ batches: 1 });
    await dispatchAll();
    const sent = await deliveries('g1', 'send_group');
    expect(sent.map((d) => d.body.mentions)).toEqual([['ann', 'bob', 'cat'], ['dan']]);
    const batches = await tenant((ctx) => listWelcomeBatches(ctx, {}));
    expect(batches.items.map((b) => [b.newcomers.map((n) => n.name), b.status])).toEqual([[['dan同学'], 'sent'], [['ann同学', 'bob同学', 'cat同学'], 'sent']]);
  });

  it('sends nothing more when the same joins are ingested again or the job runs again', async () => {
    const before = (await actionsOf('g1')).length;
    const results = await ingest(events);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await runWelcomeBatches(database)).toEqual({ batches: 0 });
    await dispatchAll();
    expect(await actionsOf('g1')).toHaveLength(before);
    expect(await deliveries('g1', 'send_group')).toHaveLength(2);
  });
});

describe('the newcomer journey', () => {
  it('queues each step at its offset from the join: private steps per newcomer, group steps once per batch', async () => {
    const acts = await actionsOf('g1');
    const joinedAt = new Map((await tenant((ctx) => rows<{ memberId: string; joinedAt: Date; batchId: string }>(ctx.db, sql`
      select member_id as "memberId", joined_at as "joinedAt", batch_id as "batchId" from welcome_joins`))).map((j) => [j.memberId, j]));
    const at = (memberId: string, minutes: number) => new Date(joinedAt.get(memberId)!.joinedAt.getTime() + minutes * MIN);
    for (const who of ['ann', 'bob', 'cat', 'dan']) {
      const id = await memberId(who);
      const mine = acts.filter((a) => a.memberId === id);
      expect(mine.map((a) => a.payload.welcome.step)).toEqual(['private', 'journey.0', 'journey.2']);
      expect(mine[1]!.nextAttemptAt).toEqual(at(id, 10));
      expect(mine[2]!.nextAttemptAt).toEqual(at(id, 47 * 60));
      expect(mine.slice(1).map((a) => a.status)).toEqual(['pending', 'pending']);
    }
    // The group step (group rules, one hour on) goes once per batch, from the batch's first join.
    const groupSteps = acts.filter((a) => a.kind === 'send_group' && a.payload.welcome.step === 'journey.1');
    expect(groupSteps).toHaveLength(2);
    expect(groupSteps[0]!.nextAttemptAt).toEqual(at(await memberId('ann'), 60));
    expect(groupSteps[0]!.payload.text).toBe('@ann同学 @bob同学 @cat同学\ng1群群规：友善交流');
  });

  it('cancels a member\'s remaining steps when they leave, and stops mentioning them', async () => {
    await ingest([leave('l-bob', 'g1', 'bob', ago(0.1))]);
    const acts = await actionsOf('g1');
    const bob = await memberId('bob');
    const bobs = acts.filter((a) => a.memberId === bob);
    expect(bobs.map((a) => [a.payload.welcome.step, a.status, a.lastError])).toEqual([
      ['private', 'sent', null], ['journey.0', 'cancelled', 'member left'], ['journey.2', 'cancelled', 'member left'],
    ]);
    // Others keep theirs.
    const ann = await memberId('ann');
    expect(acts.filter((a) => a.memberId === ann && a.status === 'pending')).toHaveLength(2);
    const rules = acts.find((a) => a.kind === 'send_group' && a.payload.welcome.step === 'journey.1' && a.payload.welcome.batchId === acts[0]!.payload.welcome.batchId)!;
    expect(rules.payload.text).toBe('@ann同学 @cat同学\ng1群群规：友善交流');
    expect(rules.payload.mentions).toEqual(['ann', 'cat']);
  });

  it('drops a member who left before the batch went out', async () => {
    await ingest([join('k1', 'g2', 'eve', ago(6)), join('k2', 'g2', 'fay', ago(5.5)), leave('k3', 'g2', 'fay', ago(5))]);
    await runWelcomeBatches(database);
    const [welcome] = (await actionsOf('g2')).filter((a) => a.kind === 'send_group');
    expect(welcome!.payload.mentions).toEqual(['eve']);
    expect((await actionsOf('g2')).filter((a) => a.kind === 'send_private').every((a) => a.memberId !== null)).toBe(true);
    const [batch] = (await tenant((ctx) => listWelcomeBatches(ctx, { communityId: undefined }))).items.filter((b) => b.communityName === 'g2群');
    expect(batch).toMatchObject({ dropped: 1, newcomers: [{ name: 'eve同学' }] });
  });
});

describe('exactly once', () => {
  it('a batch rolled back (a crash before commit) leaves nothing, and the rerun sends once', async () => {
    await ingest([join('c1', 'g3', 'gus', ago(5)), join('c2', 'g3', 'hal', ago(4.5))]);
    const g3 = await communityId('g3');
    await expect(tenant(async (ctx) => {
      expect(await sendWelcomeBatch(ctx, g3)).not.toBeNull();
      throw new Error('worker died');
    })).rejects.toThrow('worker died');
    expect(await actionsOf('g3')).toHaveLength(0);
    await runWelcomeBatches(database);
    await runWelcomeBatches(database);
    expect((await actionsOf('g3')).filter((a) => a.kind === 'send_group' && a.payload.welcome.step === 'group')).toHaveLength(1);
  });

  it('a group welcome already queued under the batch\'s key is answered, not queued again', async () => {
    await ingest([join('d1', 'g4', 'ivy', ago(5)), join('d2', 'g4', 'jon', ago(4))]);
    const g4 = await communityId('g4');
    // As if a first attempt had queued the welcome and died before marking the joins batched.
    const first = (await tenant((ctx) => one<{ id: string }>(ctx.db, sql`select id from welcome_joins where event_id = 'd1'`)))!.id;
    await tenant((ctx) => sendTemplate(ctx, { templateId: tpl.group!, communityId: g4, idempotencyKey: `welcome:group:${first}`, automated: 'service' }));
    await runWelcomeBatches(database);
    const groupWelcomes = (await actionsOf('g4')).filter((a) => a.kind === 'send_group' && a.payload.welcome?.step !== 'journey.1');
    expect(groupWelcomes.map((a) => a.idempotencyKey)).toEqual([`welcome:group:${first}`]);
    expect(groupWelcomes[0]!.payload.mentions).toEqual(['ivy', 'jon']);
  });
});

describe('who is welcomed', () => {
  it('does not welcome joins of an imported history, staff or the platform\'s own account', async () => {
    await ingest([
      join('o1', 'g5', 'old', '2025-03-01T08:00:00Z'),
      // Just past the window plus the 5 minutes' grace: history. Just inside it: welcomed.
      join('o2', 'g5', 'late', ago(3 + 5 + 0.5)),
      join('o3', 'g5', 'nearly', ago(3 + 5 - 0.5)),
      join('o4', 'g5', 'boss', ago(1), { role: 'admin' }),
      { id: 'o5', type: 'member.joined', occurredAt: ago(1), community: group('g5'), member: { channel: 'sandbox', externalId: 'shequn-bot', name: 'Shequn 助手' }, data: {} },
    ]);
    const recorded = await tenant((ctx) => rows<{ eventId: string }>(ctx.db, sql`select event_id as "eventId" from welcome_joins
      join communities c on c.workspace_id = welcome_joins.workspace_id and c.id = welcome_joins.community_id where c.external_id = 'g5'`));
    expect(recorded.map((r) => r.eventId)).toEqual(['o3']);
  });

  it('applies the most specific flow, and a disabled one keeps its communities quiet', async () => {
    const vipId = await tenant(async (ctx) => (await createWelcomeFlow(ctx, {
      name: 'VIP', scope: { kind: 'type', type: 'vip' }, groupWelcome: { templateId: tpl.rules!, windowMinutes: 0 }, journey: [],
    })).id);
    await ingest([join('v1', 'vip1', 'kim', ago(1), {}, 'vip')]);
    await runWelcomeBatches(database);
    const acts = await actionsOf('vip1');
    expect(acts.map((a) => [a.kind, a.payload.templateId])).toEqual([['send_group', tpl.rules]]);

    await tenant((ctx) => setWelcomeFlowEnabled(ctx, vipId, false));
    await ingest([join('v2', 'vip1', 'lee', ago(1), {}, 'vip')]);
    await runWelcomeBatches(database);
    expect(await actionsOf('vip1')).toHaveLength(1);
  });
});

describe('guardrails', () => {
  it('marks welcomes as service messages, which quiet hours hold rather than drop', async () => {
    const hour = (offset: number) => new Intl.DateTimeFormat('en-GB', { timeZone: ws.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(Date.now() + offset * 3600_000));
    await tenant((ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: hour(-1), end: hour(1) } }));
    await ingest([join('q1', 'g6', 'max', ago(4))]);
    await runWelcomeBatches(database);
    await dispatchAll();
    const acts = await actionsOf('g6');
    const due = acts.filter((a) => a.payload.welcome.step === 'group' || a.payload.welcome.step === 'private');
    expect(due.map((a) => [a.kind, a.payload.automated, a.payload.class, a.status])).toEqual([
      ['send_group', true, 'service', 'pending'], ['send_private', true, 'service', 'pending'],
    ]);
    for (const a of due) expect(a.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30 * MIN);
    expect(await deliveries('g6', 'send_group')).toHaveLength(0);
  });
});
