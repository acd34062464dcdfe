import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../check-in/contracts.js';
import { setCheckInSettings } from '../check-in/set-check-in-settings.js';
import { checkInMember } from '../check-in/check-in-member.js';
import { addDays, dayStart, localDay } from '../check-in/days.js';
import { createLeaderboard } from './create-leaderboard.js';
import { leaderboardStandings } from './leaderboard-standings.js';
import { listSettlements } from './list-settlements.js';
import { runLeaderboardSettlements } from './run-leaderboard-settlements.js';
import type { LeaderboardInput } from './contracts.js';
import { engagementScores } from '../../analytics/engagement.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const ids: Record<string, string> = {};
const groups: Record<string, string> = {};

const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
const person = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}同学` });
const group = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}群` });
/** A local (Shanghai) time. */
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const LONG = '这条消息足够长，说了很多有用的内容，值得一读';
const say = (id: string, g: string, who: string, when: string, text = LONG, data: Record<string, unknown> = {}) =>
  ({ id, type: 'message.sent', occurredAt: at(when), community: group(g), member: person(who), data: { text, ...data } });
const create = (input: LeaderboardInput) => tenant((ctx) => createLeaderboard(ctx, input));
const prizes = (boardId: string) => tenant((ctx) => rows<{ key: string; amount: number }>(ctx.db, sql`
  select idempotency_key as key, amount from points_entries where idempotency_key like ${`leaderboard:${boardId}:%`} order by idempotency_key`));
const announcements = (boardId: string) => tenant((ctx) => rows<{ key: string; text: string; class: string }>(ctx.db, sql`
  select idempotency_key as key, payload->>'text' as text, payload->>'class' as class from actions where idempotency_key like ${`leaderboard:${boardId}:%`}`));
/** A board created before the periods under test, as if it had been running since. */
const runningSince = (boardId: string, since: string) => tenant((ctx) => ctx.db.execute(sql`update leaderboards set enabled_since = ${at(since)} where id = ${boardId}`));

const PEOPLE = ['ann', 'bob', 'cat', 'dan', 'eve', 'fay'];

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'leaderboards', name: 'Leaderboard shop' });
  await tenant(async (ctx) => {
    // First seen in this order: seniority breaks ties.
    await ingestEvents(ctx, PEOPLE.map((p, i) => ({ id: `join-${p}`, type: 'member.joined', occurredAt: at(`2026-01-01T00:0${i}:00`), community: group('g1'), member: person(p), data: {} })));
    await ingestEvents(ctx, [{ id: 'join-dan-g2', type: 'member.joined', occurredAt: at('2026-01-01T01:00:00'), community: group('g2'), member: person('dan'), data: {} }]);
    for (const r of await rows<{ id: string; ext: string }>(ctx.db, sql`select member_id as id, external_id as ext from member_identities`)) ids[r.ext] = r.id;
    for (const r of await rows<{ id: string; ext: string }>(ctx.db, sql`select id, external_id as ext from communities`)) groups[r.ext] = r.id;
  });
});
afterAll(async () => { await database.drop(); });

describe('a monthly board of substantive messages', () => {
  let board: string;
  beforeAll(async () => {
    await tenant((ctx) => ingestEvents(ctx, [
      // April in Shanghai. ann: 3 long. bob: 2 long and a short one cat answered (substantive). cat: 1 long and
      // a short reply nobody answered (not substantive). dan: 4 long, but in g2, outside the scope.
      say('a1', 'g1', 'ann', '2026-04-03T10:00:00'), say('a2', 'g1', 'ann', '2026-04-10T10:00:00'), say('a3', 'g1', 'ann', '2026-04-20T10:00:00'),
      say('b1', 'g1', 'bob', '2026-04-04T10:00:00'), say('b2', 'g1', 'bob', '2026-04-05T10:00:00'), say('b3', 'g1', 'bob', '2026-04-06T10:00:00', '好的'),
      say('c1', 'g1', 'cat', '2026-04-06T11:00:00', '同意', { replyTo: 'b3' }), say('c2', 'g1', 'cat', '2026-04-07T10:00:00'),
      ...[1, 2, 3, 4].map((i) => say(`d${i}`, 'g2', 'dan', `2026-04-1${i}T10:00:00`)),
      // eve: 23:30 on 31 March and 00:10 on 1 May in Shanghai (16:10 on 30 April in UTC): neither is April here.
      say('e1', 'g1', 'eve', '2026-03-31T23:30:00'), say('e2', 'g1', 'eve', '2026-05-01T00:10:00'),
    ]));
    board = (await create({
      name: '话痨榜', metric: 'messages', period: { kind: 'monthly' }, scope: { kind: 'communities', communityIds: [groups.g1!] },
      topN: 2, rewards: [100, 50], announcement: { communityId: groups.g1!, text: '{{leaderboard.name}} {{period}}\n{{ranking}}' },
    })).id;
    await runningSince(board, '2026-03-20T09:00:00');
  });

  it('ranks the live standings as the settlement will, ties by seniority', async () => {
    const april = await tenant((ctx) => leaderboardStandings(ctx, board, { period: '2026-04' }));
    expect(april.items.map((s) => [s.rank, s.name, s.score, s.reward])).toEqual([[1, 'ann同学', 3, 100], [2, 'bob同学', 3, 50], [3, 'cat同学', 1, 0]]);
    expect(april).toMatchObject({ total: 3, settledAt: null, period: { key: '2026-04', from: '2026-04-01', to: '2026-04-30' } });
    const page2 = await tenant((ctx) => leaderboardStandings(ctx, board, { period: '2026-04', page: 2, pageSize: 2 }));
    expect(page2.items.map((s) => s.rank)).toEqual([3]);
  });

  it('settles each closed month exactly once, however often and however concurrently the job runs', async () => {
    const now = new Date(at('2026-05-01T00:20:00'));
    const runs = await Promise.all([runLeaderboardSettlements(database, now), runLeaderboardSettlements(database, now)]);
    expect(runs[0]!.settled + runs[1]!.settled).toBe(2); // March and April, once each
    expect(await runLeaderboardSettlements(database, now)).toEqual({ settled: 0 });
    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
    expect((await prizes(board)).sort(byKey)).toEqual([
      { key: `leaderboard:${board}:2026-03:${ids.eve}`, amount: 100 },
      { key: `leaderboard:${board}:2026-04:${ids.ann}`, amount: 100 }, { key: `leaderboard:${board}:2026-04:${ids.bob}`, amount: 50 },
    ].sort(byKey));
    expect((await announcements(board)).sort(byKey)).toEqual([
      { key: `leaderboard:${board}:2026-03:announce`, class: 'marketing', text: '话痨榜 2026年3月\n1. eve同学 1 条（+100 积分）' },
      { key: `leaderboard:${board}:2026-04:announce`, class: 'marketing', text: '话痨榜 2026年4月\n1. ann同学 3 条（+100 积分）\n2. bob同学 3 条（+50 积分）' },
    ]);
    const settled = await tenant((ctx) => listSettlements(ctx, board, { page: 1, pageSize: 20 }));
    expect(settled.items.map((s) => [s.period, s.ranked, s.winners.map((w) => [w.rank, w.name, w.score, w.points]), s.announcement?.error])).toEqual([
      ['2026-04', 3, [[1, 'ann同学', 3, 100], [2, 'bob同学', 3, 50]], null],
      ['2026-03', 1, [[1, 'eve同学', 1, 100]], null],
    ]);
    expect((await tenant((ctx) => leaderboardStandings(ctx, board, { period: '2026-04' }))).settledAt).not.toBeNull();
  });
});

describe('a board of engagement scores', () => {
  it('ranks the analytics engagement scores at the end of the period, rounded, in the scope\'s groups only', async () => {
    // April's messages of the describe above: the score decays, so it is read as of April's close.
    const board = (await create({ name: '活跃榜', metric: 'engagement', period: { kind: 'custom', from: '2026-04-01', to: '2026-04-30' },
      scope: { kind: 'communities', communityIds: [groups.g1!] }, topN: 2, rewards: [20, 10] })).id;
    const standings = await tenant((ctx) => leaderboardStandings(ctx, board, {}));
    const analytics = await tenant((ctx) => engagementScores(ctx, { communityId: groups.g1!, asOf: new Date(at('2026-05-01T00:00:00')) }));
    const names = Object.fromEntries(Object.entries(ids).map(([ext, id]) => [id, `${ext}同学`]));
    const expected = analytics.map((a) => ({ name: names[a.member_id]!, score: Math.round(a.score) })).filter((a) => a.score > 0)
      .sort((a, b) => b.score - a.score || PEOPLE.indexOf(a.name.replace('同学', '')) - PEOPLE.indexOf(b.name.replace('同学', '')));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(standings.items.map((s) => ({ name: s.name, score: s.score }))).toEqual(expected);
    // dan spoke only in g2, outside the scope.
    expect(standings.items.some((s) => s.name === 'dan同学')).toBe(false);
    expect(standings.items.slice(0, 2).map((s) => s.reward)).toEqual([20, 10]);
  });
});

describe('check-in days and points', () => {
  it('ranks check-in days over a custom period, only the scope\'s members, and pays the top N once', async () => {
    await tenant((ctx) => setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true, milestones: [] }));
    const days = { ann: ['05-01', '05-02'], bob: ['05-01', '05-03', '05-05'], cat: ['05-02', '05-04'], dan: ['05-01', '05-02', '05-03', '05-04'], fay: ['05-08'] };
    for (const [who, list] of Object.entries(days)) {
      for (const d of list) {
        await tenant((ctx) => checkInMember(ctx, { memberId: ids[who]!, at: new Date(at(`2026-${d}T09:00:00`)), source: 'import' }));
      }
    }
    const all = (await create({ name: '签到榜', metric: 'check_in_days', period: { kind: 'custom', from: '2026-05-01', to: '2026-05-07' }, scope: { kind: 'all' }, topN: 3, rewards: [30, 20, 10] })).id;
    const g2 = (await create({ name: 'g2 签到榜', metric: 'check_in_days', period: { kind: 'custom', from: '2026-05-01', to: '2026-05-07' }, scope: { kind: 'communities', communityIds: [groups.g2!] }, topN: 3, rewards: [5] })).id;
    // dan 4, bob 3, ann 2 and cat 2 (ann first seen earlier), fay's 8 May is after the period.
    const standings = await tenant((ctx) => leaderboardStandings(ctx, all, {}));
    expect(standings.items.map((s) => [s.rank, s.name, s.score, s.reward])).toEqual([[1, 'dan同学', 4, 30], [2, 'bob同学', 3, 20], [3, 'ann同学', 2, 10], [4, 'cat同学', 2, 0]]);
    expect((await tenant((ctx) => leaderboardStandings(ctx, g2, {}))).items.map((s) => s.name)).toEqual(['dan同学']);
    const now = new Date(at('2026-05-08T00:01:00'));
    await runLeaderboardSettlements(database, now);
    await runLeaderboardSettlements(database, now);
    expect((await prizes(all)).map((p) => p.amount).sort()).toEqual([10, 20, 30]);
    expect(await prizes(g2)).toEqual([{ key: `leaderboard:${g2}:2026-05-01..2026-05-07:${ids.dan}`, amount: 5 }]);
    expect(await announcements(all)).toEqual([]);
  });

  it('counts points earned in the period, not the prizes a settlement paid in it', async () => {
    const today = localDay(new Date(), 'Asia/Shanghai');
    for (const [who, amount] of [['eve', 40], ['fay', 60], ['eve', 30]] as const) {
      await tenant((ctx) => earnPoints(ctx, { memberId: ids[who]!, amount, reason: 'adjust', idempotencyKey: `seed-${who}-${amount}` }));
    }
    const board = (await create({ name: '积分榜', metric: 'points_earned', period: { kind: 'custom', from: today, to: today }, scope: { kind: 'all' }, topN: 1, rewards: [500] })).id;
    const before = await tenant((ctx) => leaderboardStandings(ctx, board, {}));
    const eve = (s: typeof before) => s.items.find((i) => i.name === 'eve同学')!.score;
    expect(eve(before)).toBe(70);
    // Earlier settlements in this file paid prizes today too (they are settled now); none of them counts.
    expect(before.items.find((i) => i.name === 'ann同学')).toBeUndefined();
    await runLeaderboardSettlements(database, new Date(dayStart(addDays(today, 1), 'Asia/Shanghai').getTime() + 60_000));
    expect((await prizes(board)).map((p) => p.amount)).toEqual([500]);
    const after = await tenant((ctx) => leaderboardStandings(ctx, board, {}));
    expect([after.items[0]!.name, eve(after), after.items[0]!.score]).toEqual(['eve同学', 70, 70]);
  });
});
