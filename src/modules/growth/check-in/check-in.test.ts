import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { setPointsSettings } from '../../loyalty/points/set-points-settings.js';
import { pointsBalance } from '../../loyalty/points/points-balance.js';
import { setGuardrailSettings } from '../../automation/guardrails/set-guardrail-settings.js';
import { DEFAULT_GUARDRAILS } from '../../automation/guardrails/contracts.js';
import { dispatchActions } from '../../automation/dispatch-actions.js';
import { DEFAULT_CHECK_IN_SETTINGS, type CheckInSettings } from './contracts.js';
import { setCheckInSettings } from './set-check-in-settings.js';
import { checkInMember } from './check-in-member.js';
import { checkInByButton } from './check-in-by-button.js';
import { makeUpCheckIn } from './make-up-check-in.js';
import { grantCards } from './grant-cards.js';
import { checkInCalendar } from './check-in-calendar.js';
import { checkInLeaderboard } from './check-in-leaderboard.js';
import { dailyCheckIns } from './daily-check-ins.js';
import { addDays, dayStart } from './days.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let utc: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const MIN = 60_000;
const ids: Record<string, string> = {};

const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>, w: WorkspaceRow = ws) => withTenant(database, w, system, fn);
const person = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}同学` });
const group = (id: string, channel = 'sandbox') => ({ channel, externalId: id, name: `${id}群` });
const say = (id: string, who: string, at: Date, text: string, data: Record<string, unknown> = {}, g = group('g1')) =>
  ({ id, type: 'message.sent', occurredAt: at.toISOString(), community: g, member: person(who), data: { text, ...data } });
const checkedInEvent = (id: string, who: string, at: string, source?: string) =>
  ({ id, type: 'member.checked_in', occurredAt: at, member: person(who), data: source ? { source } : {} });
const ingest = (events: unknown[], w: WorkspaceRow = ws) => tenant((ctx) => ingestEvents(ctx, events), w);
const settings = (over: Partial<CheckInSettings> = {}) => tenant((ctx) => setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true, ...over }));
/** Noon in Shanghai on a local day: far from both midnights. */
const noon = (day: string) => new Date(dayStart(day, 'Asia/Shanghai').getTime() + 12 * 60 * MIN);
const daysOf = (who: string, w: WorkspaceRow = ws) => tenant((ctx) => rows<{ day: string; source: string; at: Date }>(ctx.db, sql`
  select to_char(c.day, 'YYYY-MM-DD') as day, c.source, c.checked_in_at as at from check_ins c
  join member_identities i on i.workspace_id = c.workspace_id and i.member_id = c.member_id and i.channel = 'sandbox'
  where i.external_id = ${who} order by c.day`), w);
const milestonesOf = (who: string) => tenant((ctx) => rows<{ days: number; reachedOn: string; streakStart: string }>(ctx.db, sql`
  select days, to_char(reached_on, 'YYYY-MM-DD') as "reachedOn", to_char(streak_start, 'YYYY-MM-DD') as "streakStart"
  from check_in_milestones where member_id = ${ids[who]!} order by days, reached_on`));
const postingsOf = (who: string, like: string) => tenant((ctx) => rows<{ amount: number; key: string }>(ctx.db, sql`
  select amount, idempotency_key as key from points_entries where member_id = ${ids[who]!} and idempotency_key like ${like} order by created_at, idempotency_key`));
const checkIn = (who: string, day: string, over: { source?: 'button' | 'event' | 'import'; now?: Date } = {}) =>
  tenant((ctx) => checkInMember(ctx, { memberId: ids[who]!, at: noon(day), source: over.source ?? 'event' }, { now: over.now ?? noon(day) }));

const PEOPLE = ['tz', 'dbl', 'ms', 'mg', 'wk', 'mo', 'tie', 'kw', 'old', 'quiet', 'hook', 'mk'];

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'check-in', name: 'Check-in shop' });
  utc = await createWorkspace(database, { slug: 'check-in-utc', name: 'UTC shop', timeZone: 'UTC' });
  // Joined long ago, in a fixed order: "first seen" breaks leaderboard ties.
  await ingest(PEOPLE.map((p, i) => ({ id: `join-${p}`, type: 'member.joined', occurredAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(), community: group('g1'), member: person(p), data: {} })));
  await ingest([{ id: 'join-utc-tz', type: 'member.joined', occurredAt: '2025-01-01T00:00:00Z', community: group('g1'), member: person('tz'), data: {} }], utc);
  for (const r of await tenant((ctx) => rows<{ id: string; ext: string }>(ctx.db, sql`select member_id as id, external_id as ext from member_identities`))) ids[r.ext] = r.id;
  await tenant(async (ctx) => {
    await setPointsSettings(ctx, { expiryDays: null, rules: [{ activity: 'check_in', points: 10, dailyCap: null, enabled: true }] });
    // Quiet hours off: the reply test dispatches at any time of day.
    await setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: '00:00', end: '00:00' } });
  });
  await settings({ milestones: [{ days: 3, points: 30, cards: 1 }, { days: 5, points: 50, cards: 0 }] });
  await withTenant(database, utc, system, (ctx) => setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true }));
});
afterAll(async () => { await database.drop(); });

describe('one check-in per member per local day', () => {
  it('counts 23:10 and 23:50 as one day and 00:30 as the next, in the workspace time zone', async () => {
    // 15:10, 15:50 and 16:30 UTC are 23:10, 23:50 (10 March) and 00:30 (11 March) in Shanghai.
    const events = [
      checkedInEvent('tz-3', 'tz', '2026-03-10T16:30:00Z'), checkedInEvent('tz-1', 'tz', '2026-03-10T15:10:00Z'), checkedInEvent('tz-2', 'tz', '2026-03-10T15:50:00Z'),
    ];
    await ingest(events);
    expect((await daysOf('tz')).map((d) => [d.day, d.at.toISOString()])).toEqual([
      ['2026-03-10', '2026-03-10T15:10:00.000Z'], ['2026-03-11', '2026-03-10T16:30:00.000Z'],
    ]);
    // The same three instants are one day in a UTC workspace.
    await ingest(events, utc);
    expect((await daysOf('tz', utc)).map((d) => d.day)).toEqual(['2026-03-10']);
  });

  it('counts a double-clicked check-in once: concurrent check-ins make one row and one points award', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => tenant((ctx) => checkInMember(ctx, { memberId: ids.dbl!, source: 'button' }))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.checkIn.id)).size).toBe(1);
    expect(await daysOf('dbl')).toHaveLength(1);
    expect(await postingsOf('dbl', 'check-in:%')).toEqual([{ amount: 10, key: `check-in:${results[0]!.checkIn.id}` }]);
    expect(results.every((r) => r.streak === 1)).toBe(true);
    // The member page's button, clicked again and again, goes through the intake and finds the same check-in.
    const clicks = await Promise.all(Array.from({ length: 5 }, () => tenant((ctx) => checkInByButton(ctx, ids.dbl!))));
    expect(clicks.every((c) => !c.created && c.checkIn.id === results[0]!.checkIn.id)).toBe(true);
    expect(await tenant((ctx) => pointsBalance(ctx, ids.dbl!))).toBe(10);
  });

  it('the button checks in through a member.checked_in event, once a day', async () => {
    const clicks = await Promise.all(Array.from({ length: 4 }, () => tenant((ctx) => checkInByButton(ctx, ids.mk!))));
    expect(clicks.filter((c) => c.created)).toHaveLength(1);
    expect(clicks[0]!.checkIn).toMatchObject({ source: 'button', points: 10 });
    const events = await tenant((ctx) => rows<{ type: string; source: string }>(ctx.db, sql`
      select type, data->>'source' as source from events where member_id = ${ids.mk!} and type = 'member.checked_in'`));
    expect(events).toEqual([{ type: 'member.checked_in', source: 'button' }]);
  });
});

describe('milestones', () => {
  it('rewards a milestone once per streak, including when an earlier day is added to the streak', async () => {
    for (const day of ['2026-05-02', '2026-05-03']) expect((await checkIn('ms', day)).milestones).toEqual([]);
    const third = await checkIn('ms', '2026-05-04');
    expect(third).toMatchObject({ created: true, streak: 3, milestones: [{ days: 3, reachedOn: '2026-05-04', points: 30, cards: 1 }] });
    // The same day again: the same check-in, nothing more.
    expect(await checkIn('ms', '2026-05-04')).toMatchObject({ created: false, streak: 3, milestones: [] });
    // An imported check-in for the day before the streak makes it 4 days from 05-01: it already had its 3-day milestone.
    await ingest([checkedInEvent('ms-import', 'ms', noon('2026-05-01').toISOString(), 'import')]);
    expect(await milestonesOf('ms')).toEqual([{ days: 3, reachedOn: '2026-05-04', streakStart: '2026-05-02' }]);
    expect(await postingsOf('ms', 'check-in-milestone:%')).toEqual([{ amount: 30, key: `check-in-milestone:${ids.ms}:3:2026-05-04` }]);
    expect((await tenant((ctx) => checkInCalendar(ctx, ids.ms!, { month: '2026-05' }, noon('2026-05-04')))).cards).toBe(1);
  });

  it('rewards a streak joined by a make-up for the milestones it newly reaches, not again for the ones it had', async () => {
    // 1-3 May (3-day milestone on the 3rd), 4 May missed, 5-6 May; then the card fills the 4th on the 6th.
    for (const day of ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-05', '2026-05-06']) await checkIn('mg', day);
    expect(await milestonesOf('mg')).toEqual([{ days: 3, reachedOn: '2026-05-03', streakStart: '2026-05-01' }]);
    const mended = await tenant((ctx) => makeUpCheckIn(ctx, ids.mg!, { day: '2026-05-04' }, noon('2026-05-06')));
    expect(mended).toMatchObject({ created: true, streak: 6, checkIn: { source: 'make_up', points: null }, milestones: [{ days: 5, reachedOn: '2026-05-05', points: 50, cards: 0 }] });
    expect(await milestonesOf('mg')).toEqual([
      { days: 3, reachedOn: '2026-05-03', streakStart: '2026-05-01' }, { days: 5, reachedOn: '2026-05-05', streakStart: '2026-05-01' },
    ]);
    // The card came from the 3-day milestone and went into the make-up; a second click uses no second card.
    const again = await tenant((ctx) => makeUpCheckIn(ctx, ids.mg!, { day: '2026-05-04' }, noon('2026-05-06')));
    expect(again).toMatchObject({ created: false, checkIn: { id: mended.checkIn.id } });
    const calendar = await tenant((ctx) => checkInCalendar(ctx, ids.mg!, { month: '2026-05' }, noon('2026-05-06')));
    expect(calendar).toMatchObject({ cards: 0, streak: 6, checkedInToday: true, totalDays: 6, makeUp: { usedThisMonth: 1, perMonth: 2 } });
    expect(calendar.days.map((d) => d.source)).toEqual(['event', 'event', 'event', 'make_up', 'event', 'event']);
    // Live check-ins earned 10 each (the make-up none), milestones 30 and 50.
    expect((await postingsOf('mg', 'check-in-milestone:%')).map((p) => p.amount)).toEqual([30, 50]);
    expect((await postingsOf('mg', 'check-in:%')).map((p) => p.amount)).toEqual([10, 10, 10, 10, 10]);
  });

  it('gives no milestone to a streak that is over: imported history builds streaks, not rewards', async () => {
    const past = await tenant((ctx) => checkInMember(ctx, { memberId: ids.old!, at: noon('2026-02-03'), source: 'import' }, { now: noon('2026-05-01') }));
    await tenant((ctx) => checkInMember(ctx, { memberId: ids.old!, at: noon('2026-02-01'), source: 'import' }, { now: noon('2026-05-01') }));
    const last = await tenant((ctx) => checkInMember(ctx, { memberId: ids.old!, at: noon('2026-02-02'), source: 'import' }, { now: noon('2026-05-01') }));
    expect([past.checkIn.points, last.streak, last.milestones]).toEqual([null, 3, []]);
    expect(await milestonesOf('old')).toEqual([]);
  });
});

describe('make-up cards', () => {
  it('refuses by the rules, naming the day, and uses a granted card', async () => {
    const now = noon('2026-05-13');
    for (const day of ['2026-05-10', '2026-05-12', '2026-05-13']) await checkIn('mk', day);
    const refused = async (day: string): Promise<unknown[] | null> => {
      try {
        await tenant((ctx) => makeUpCheckIn(ctx, ids.mk!, { day }, now));
        return null;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return [err.status, err.fields[0]?.path, err.message];
      }
    };
    expect(await refused('2026-05-11')).toEqual([409, 'day', 'day: no make-up card left']);
    expect(await refused('2026-05-13')).toEqual([400, 'day', 'day: only a past day can be made up (today: check in instead)']);
    expect(await refused('2026-05-09')).toEqual([400, 'day', 'day: before the member\'s first check-in']);
    expect((await refused('2026-05-31'))?.slice(0, 2)).toEqual([400, 'day']);
    expect(await refused('2026-02-30')).toEqual([400, 'day', 'day: is not a calendar date']);
    const grant = await tenant((ctx) => grantCards(ctx, ids.mk!, { count: 1, note: '活动补偿', idempotencyKey: 'grant-mk-1' }));
    expect(grant).toMatchObject({ created: true, balance: 1 });
    expect(await tenant((ctx) => grantCards(ctx, ids.mk!, { count: 1, idempotencyKey: 'grant-mk-1' }))).toMatchObject({ created: false, balance: 1 });
    expect((await tenant((ctx) => makeUpCheckIn(ctx, ids.mk!, { day: '2026-05-11' }, now))).streak).toBe(4);
    expect(await refused('2026-05-12')).toEqual([409, 'day', 'day: already checked in on 2026-05-12']);
  });

  it('keeps within the streak period: a weekly reset only fills days of this week', async () => {
    await settings({ resetPeriod: 'weekly', milestones: [] });
    try {
      await tenant((ctx) => grantCards(ctx, ids.mk!, { count: 2, idempotencyKey: 'grant-mk-2' }));
      // Wednesday 13 May: Monday 11 May is this week, Sunday 10 May is not.
      const calendar = await tenant((ctx) => checkInCalendar(ctx, ids.mk!, {}, noon('2026-05-13')));
      expect(calendar.makeUp.days).toEqual([]);
      await expect(tenant((ctx) => makeUpCheckIn(ctx, ids.mk!, { day: '2026-05-09' }, noon('2026-05-13')))).rejects.toThrow(/^day: only days of this week/);
    } finally {
      await settings({ milestones: [{ days: 3, points: 30, cards: 1 }, { days: 5, points: 50, cards: 0 }] });
    }
  });
});

describe('streaks and the check-in leaderboard with a reset period', () => {
  // Wednesday 13 May 2026. wk: Thu 7 - Wed 13 May (7 days); tie: Mon 11 - Wed 13; mo: 28 Apr - 2 May, over by the 13th.
  const today = noon('2026-05-13');
  beforeAll(async () => {
    for (let d = '2026-05-07'; d <= '2026-05-13'; d = addDays(d, 1)) await checkIn('wk', d, { source: 'import', now: today });
    for (let d = '2026-05-11'; d <= '2026-05-13'; d = addDays(d, 1)) await checkIn('tie', d, { source: 'import', now: today });
    for (let d = '2026-04-28'; d <= '2026-05-02'; d = addDays(d, 1)) await checkIn('mo', d, { source: 'import', now: today });
  });
  const streaks = async (reset: CheckInSettings['resetPeriod'], at: Date) => {
    await settings({ resetPeriod: reset, milestones: [] });
    const board = await tenant((ctx) => checkInLeaderboard(ctx, { by: 'streak' }, at));
    const calendar = async (who: string) => (await tenant((ctx) => checkInCalendar(ctx, ids[who]!, {}, at))).streak;
    return { board: board.items.filter((i) => ['wk', 'tie', 'mo'].includes(i.name.replace('同学', ''))).map((i) => [i.name, i.value]), wk: await calendar('wk'), tie: await calendar('tie'), mo: await calendar('mo') };
  };

  it('without a reset the streaks run on', async () => {
    expect(await streaks('none', today)).toEqual({ board: [['wk同学', 7], ['tie同学', 3]], wk: 7, tie: 3, mo: 0 });
  });
  it('a weekly reset counts from Monday, and equal streaks rank the member first seen earlier first', async () => {
    expect(await streaks('weekly', today)).toEqual({ board: [['wk同学', 3], ['tie同学', 3]], wk: 3, tie: 3, mo: 0 });
  });
  it('a monthly reset counts from the 1st', async () => {
    expect(await streaks('monthly', today)).toEqual({ board: [['wk同学', 7], ['tie同学', 3]], wk: 7, tie: 3, mo: 0 });
    // On 2 May mo's streak is 28 Apr - 2 May (5) without a reset, 1-2 May (2) with a monthly one.
    expect((await streaks('monthly', noon('2026-05-02'))).mo).toBe(2);
    expect((await streaks('none', noon('2026-05-02'))).mo).toBe(5);
    expect((await streaks('weekly', noon('2026-05-02'))).mo).toBe(5);
  });

  it('ranks most days in a period and counts check-ins per day', async () => {
    const board = await tenant((ctx) => checkInLeaderboard(ctx, { by: 'days', from: '2026-05-01', to: '2026-05-13', pageSize: 3 }, today));
    // wk 7, mg 6 (a make-up among them), ms and mk 4 each: ms was first seen earlier.
    expect(board.items.map((i) => [i.rank, i.name, i.value, i.lastDay])).toEqual([
      [1, 'wk同学', 7, '2026-05-13'], [2, 'mg同学', 6, '2026-05-06'], [3, 'ms同学', 4, '2026-05-04'],
    ]);
    expect(board.total).toBe(6);
    const next = await tenant((ctx) => checkInLeaderboard(ctx, { by: 'days', from: '2026-05-01', to: '2026-05-13', pageSize: 3, page: 2 }, today));
    expect(next.items.map((i) => [i.rank, i.name, i.value])).toEqual([[4, 'mk同学', 4], [5, 'tie同学', 3], [6, 'mo同学', 2]]);
    const daily = await tenant((ctx) => dailyCheckIns(ctx, { from: '2026-05-03', to: '2026-05-05' }, today));
    expect(daily.days).toEqual([
      { day: '2026-05-03', checkIns: 2, makeUps: 0 }, { day: '2026-05-04', checkIns: 1, makeUps: 1 }, { day: '2026-05-05', checkIns: 1, makeUps: 0 },
    ]);
    await expect(tenant((ctx) => dailyCheckIns(ctx, { from: '2026-05-05', to: '2026-05-03' }))).rejects.toThrow(/^from: must not be after to/);
  });
});

describe('keyword check-ins in the group', () => {
  const actionsFor = (who: string) => tenant((ctx) => rows<{ key: string; kind: string; payload: Record<string, any> }>(ctx.db, sql`
    select idempotency_key as key, kind, payload from actions where payload->'checkIn'->>'memberId' = ${ids[who]!} order by created_at`));

  it('checks in on a keyword and queues the bot\'s reply through the outbox, once', async () => {
    await settings({ keywords: ['签到', 'QD'] });
    const now = new Date();
    await ingest([say('kw-1', 'kw', new Date(now.getTime() - MIN), ' 签到 ')]);
    const [day] = await daysOf('kw');
    expect(day).toMatchObject({ source: 'keyword' });
    const acts = await actionsFor('kw');
    expect(acts).toHaveLength(1);
    expect(acts[0]!.kind).toBe('send_group');
    expect(acts[0]!.key).toMatch(/^check-in:reply:/);
    expect(acts[0]!.payload).toMatchObject({ text: '@kw同学 签到成功，已连续签到 1 天，+10 积分', mentions: ['kw'], automated: true, class: 'service' });
    // Said again (full width, another keyword): the same check-in, no second reply.
    await ingest([say('kw-2', 'kw', now, 'ｑｄ')]);
    expect(await actionsFor('kw')).toHaveLength(1);
    // The reply goes out; its echo in the group is the bot's own message, not a check-in.
    while ((await dispatchActions(database, 50)).sent > 0) { /* until nothing is due */ }
    const bot = await tenant((ctx) => rows<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from check_ins c join member_identities i on i.workspace_id = c.workspace_id and i.member_id = c.member_id where i.external_id = 'shequn-bot'`));
    expect(bot[0]!.n).toBe(0);
    const echoed = await tenant((ctx) => rows<{ text: string }>(ctx.db, sql`
      select e.data->>'text' as text from events e join actions a on a.workspace_id = e.workspace_id and a.id::text = e.data->>'actionId'
      where a.idempotency_key = ${acts[0]!.key}`));
    expect(echoed).toEqual([{ text: '@kw同学 签到成功，已连续签到 1 天，+10 积分' }]);
  });

  it('records but does not answer an old message, a group Shequn cannot write to, or with replies off', async () => {
    const now = Date.now();
    await ingest([say('old-1', 'old', new Date(now - 60 * MIN), '签到')]);
    await ingest([say('hook-1', 'hook', new Date(now), '签到', {}, group('wh', 'webhook'))].map((e) => ({ ...e, member: { channel: 'webhook', externalId: 'hook' } })));
    const hook = (await tenant((ctx) => rows<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from check_ins c join member_identities i on i.workspace_id = c.workspace_id and i.member_id = c.member_id
      where i.channel = 'webhook' and i.external_id = 'hook'`)))[0]!.n;
    await settings({ replyEnabled: false });
    await ingest([say('quiet-1', 'quiet', new Date(now), '签到')]);
    expect([(await daysOf('old')).at(-1)?.source, hook, (await daysOf('quiet')).length]).toEqual(['keyword', 1, 1]);
    expect([await actionsFor('old'), await actionsFor('quiet')]).toEqual([[], []]);
    await settings();
  });

  it('ignores keywords inside longer messages and everything while check-in is switched off', async () => {
    await ingest([say('tie-1', 'tie', new Date(), '签到了吗')]);
    expect((await daysOf('tie')).filter((d) => d.source === 'keyword')).toEqual([]);
    const before = (await daysOf('mo')).length;
    await settings({ enabled: false });
    await ingest([say('mo-1', 'mo', new Date(), '签到'), checkedInEvent('mo-2', 'mo', new Date().toISOString())]);
    await expect(tenant((ctx) => checkInByButton(ctx, ids.mo!))).rejects.toThrow(/switched off/);
    await settings();
    expect(await daysOf('mo')).toHaveLength(before);
  });
});
