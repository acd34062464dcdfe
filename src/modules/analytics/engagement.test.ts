import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { engagementScores } from './engagement.js';
import { DEFAULT_ENGAGEMENT, getEngagementSettings, updateEngagementSettings } from './engagement-settings.js';
import { segmentCounts } from './segments.js';
import { segmentMembers } from './segment-members.js';
import { segmentCsv } from './segment-csv.js';

/*
 * One group "Readers, 读书会", Asia/Shanghai, asOf Mon 2026-04-06 00:00 local: D = Sun 04-05 (age 0).
 * eva (display name: Eva "E", Li), fox (小明), gil (@gil) and hal (-Hal) join 03-01.
 *   03-08 (age 28) eva reacts once and checks in once
 *   03-22 (age 14) eva sends a message mentioning fox
 *   03-29 (age 7)  eva sends a message
 *   04-05 (age 0)  fox sends f1; eva replies to f1 and sends one more
 *   04-06          eva sends a message: after the as-of day, not counted
 */
const R = { channel: 'webhook', externalId: 'readers', name: 'Readers, 读书会' };
const who = { eva: 'Eva "E", Li', fox: '小明', gil: '@gil', hal: '-Hal' } as const;
const person = (id: keyof typeof who) => ({ channel: 'webhook', externalId: id, name: who[id] });
const local = (at: string) => `2026-${at.replace(' ', 'T')}:00+08:00`;
const ev = (id: string, type: string, m: keyof typeof who, at: string, data: Record<string, unknown> = {}) =>
  ({ id, type, occurredAt: local(at), community: R, member: person(m), data });
const say = (id: string, m: keyof typeof who, at: string, data: Record<string, unknown> = {}) => ev(id, 'message.sent', m, at, { text: 'a message', ...data });

const events = [
  ...(['eva', 'fox', 'gil', 'hal'] as const).map((m) => ev(`j-${m}`, 'member.joined', m, '03-01 10:00')),
  ev('r1', 'message.reaction', 'eva', '03-08 10:00', { messageId: 'elsewhere', emoji: '👍' }),
  ev('k1', 'member.checked_in', 'eva', '03-08 10:05'),
  say('e1', 'eva', '03-22 10:00', { mentions: ['fox'] }),
  say('e2', 'eva', '03-29 10:00'),
  say('f1', 'fox', '04-05 09:00'),
  say('e3', 'eva', '04-05 10:00', { replyTo: 'f1' }),
  say('e4', 'eva', '04-05 11:00'),
  say('e5', 'eva', '04-06 10:00'),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const ids: Record<string, string> = {};
const user = { id: '' };
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);
const asUser = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'user', userId: user.id, role: 'admin' }, fn);
const asOf = new Date(local('04-06 00:00'));
const close = (x: number) => expect.closeTo(x, 12);
const scoresByName = async () => Object.fromEntries((await inWs((ctx) => engagementScores(ctx, { asOf }))).map((s) => [s.member_id, s]));

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'engagement', [{ email: 'admin@engagement.test', role: 'admin' }]);
  const results = await inWs((ctx) => ingestEvents(ctx, events));
  expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  await inWs(async (ctx) => {
    for (const m of await rows<{ member_id: string; external_id: string }>(ctx.db, sql`select member_id, external_id from member_identities`)) ids[m.external_id] = m.member_id;
    user.id = (await rows<{ user_id: string }>(ctx.db, sql`select user_id from staff`))[0]!.user_id;
  });
});
afterAll(async () => { await database.drop(); });

describe('engagementScores', () => {
  it('sums weighted daily activity with a 14-day half-life (the defaults)', async () => {
    /*
     * eva: age 0: 2 messages × 1 + 1 reply given × 2 = 4; age 7: 1 × 0.5^(7/14) = √½ = 0.70710678...;
     *   age 14: 1 × 0.5 = 0.5; age 28: (1 reaction × 0.5 + 1 check-in × 1) × 0.25 = 0.375
     *   -> 5.58210678..., level 3 (5 <= score < 20).
     * fox: age 0: 1 message + 1 reply received × 2 = 3; age 14: 1 mention received × 1 × 0.5 = 0.5 -> 3.5, level 2.
     * gil, hal: no activity -> 0, level 1.
     */
    expect(await scoresByName()).toEqual({
      [ids.eva!]: { member_id: ids.eva, score: close(4.875 + Math.SQRT1_2), level: 3 },
      [ids.fox!]: { member_id: ids.fox, score: close(3.5), level: 2 },
      [ids.gil!]: { member_id: ids.gil, score: 0, level: 1 },
      [ids.hal!]: { member_id: ids.hal, score: 0, level: 1 },
    });
  });
});

describe('segments', () => {
  it('counts members per segment', async () => {
    /*
     * Lifecycle (C 03-30..04-05, P 03-23..03-29): eva active, fox resurrecting (nothing before 04-05), gil and
     * hal dormant. Speakers of the last 28 days: eva 4, fox 1 -> k 1 -> core eva. Lurkers: gil, hal. KOL: fox
     * received 2 (< 3) -> none.
     */
    const { segments, as_of, as_of_day } = await inWs((ctx) => segmentCounts(ctx, { asOf }));
    expect([as_of, as_of_day]).toEqual([asOf, '2026-04-05']);
    expect(Object.fromEntries(segments.map((s) => [s.segment, s.members]))).toEqual({
      'lifecycle:left': 0, 'lifecycle:new': 0, 'lifecycle:active': 1, 'lifecycle:returning': 0, 'lifecycle:resurrecting': 1,
      'lifecycle:at_risk': 0, 'lifecycle:dormant': 2,
      'role:core': 1, 'role:kol_candidate': 0, 'role:lurker': 2, 'role:newcomer': 0,
      'level:1': 2, 'level:2': 1, 'level:3': 1, 'level:4': 0,
    });
  });

  it('pages a segment\'s members, highest score first, then name', async () => {
    const page = await inWs((ctx) => segmentMembers(ctx, { segment: 'level:1', asOf, page: 2, pageSize: 1 }));
    const community = page.items[0]!.communities[0]!.community_id;
    expect(page).toEqual({
      items: [{ member_id: ids.gil, name: '@gil', communities: [{ community_id: community, name: 'Readers, 读书会', stage: 'dormant' }], roles: ['lurker'],
        score: 0, level: 1, last_active_day: null, segments: ['lifecycle:dormant', 'role:lurker', 'level:1'] }],
      total: 2, page: 2, pageSize: 1, as_of: asOf,
    });
    const core = await inWs((ctx) => segmentMembers(ctx, { segment: 'role:core', communityId: community, asOf, page: 1, pageSize: 20 }));
    expect(core.items.map((p) => [p.name, p.last_active_day, p.segments])).toEqual([['Eva "E", Li', '2026-04-05', ['lifecycle:active', 'role:core', 'level:3']]]);
    await expect(inWs((ctx) => segmentMembers(ctx, { segment: 'role:boss', asOf, page: 1, pageSize: 20 }))).rejects.toMatchObject({ status: 400, fields: [{ path: 'segment' }] });
  });

  it('exports a segment as CSV: BOM, CRLF, quoted commas and quotes, no formulas', async () => {
    const lurkers = await inWs((ctx) => segmentCsv(ctx, { segment: 'role:lurker', asOf }));
    expect(lurkers.csv).toBe('\uFEFF'
      + 'member_id,name,communities,stages,roles,score,level,level_name,last_active_day\r\n'
      + `${ids.hal},'-Hal,"Readers, 读书会",dormant,lurker,0.00,1,观望 Watching,\r\n`
      + `${ids.gil},'@gil,"Readers, 读书会",dormant,lurker,0.00,1,观望 Watching,\r\n`);
    const core = await inWs((ctx) => segmentCsv(ctx, { segment: 'role:core', asOf }));
    expect(core.csv.split('\r\n')[1]).toBe(`${ids.eva},"Eva ""E"", Li","Readers, 读书会",active,core,5.58,3,活跃 Active,2026-04-05`);
    const empty = await inWs((ctx) => segmentCsv(ctx, { segment: 'level:4', asOf }));
    expect(empty.csv).toBe('\uFEFFmember_id,name,communities,stages,roles,score,level,level_name,last_active_day\r\n');
  });
});

describe('engagement settings', () => {
  it('answers the defaults until an admin saves new ones, which change scores and levels', async () => {
    expect(await inWs(getEngagementSettings)).toMatchObject({ settings: DEFAULT_ENGAGEMENT, updatedAt: null, updatedBy: null });
    const tuned = {
      weights: { message: 2, replyGiven: 0, replyReceived: 0, mentionReceived: 0, reaction: 0, checkin: 4 },
      halfLifeDays: 7,
      levels: { participating: 1, active: 4.9, core: 10 },
    };
    const saved = await asUser((ctx) => updateEngagementSettings(ctx, tuned));
    expect(saved).toMatchObject({ settings: tuned, updatedBy: user.id });
    expect(saved.levels.map((l) => [l.level, l.name_zh, l.name_en, l.min_score])).toEqual([
      [1, '观望', 'Watching', 0], [2, '参与', 'Participating', 1], [3, '活跃', 'Active', 4.9], [4, '核心', 'Core', 10]]);
    /*
     * Half-life 7. eva: age 0: 2 messages × 2 = 4; age 7: 2 × 0.5 = 1; age 14: 2 × 0.25 = 0.5;
     * age 28: 1 check-in × 4 × 0.0625 = 0.25 -> 5.75, level 3. fox: age 0: 1 × 2 = 2 -> level 2.
     */
    const scores = await scoresByName();
    expect([scores[ids.eva!]!.score, scores[ids.eva!]!.level, scores[ids.fox!]!.score, scores[ids.fox!]!.level]).toEqual([close(5.75), 3, close(2), 2]);
    expect(await inWs(getEngagementSettings)).toMatchObject({ settings: tuned, updatedBy: user.id });

    // Raising the level-3 threshold above eva's score moves her down.
    await asUser((ctx) => updateEngagementSettings(ctx, { ...tuned, levels: { participating: 1, active: 6, core: 10 } }));
    expect((await scoresByName())[ids.eva!]!.level).toBe(2);
    const audit = await inWs((ctx) => rows<{ action: string; actor_user_id: string; details: { before: unknown; after: unknown } }>(ctx.db, sql`
      select action, actor_user_id::text, details from audit_log where action like 'analytics.%' order by id`));
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([['analytics.engagement_settings_updated', user.id], ['analytics.engagement_settings_updated', user.id]]);
    expect(audit[0]!.details).toEqual({ before: DEFAULT_ENGAGEMENT, after: tuned });
  });

  it('rejects settings that do not validate, naming the field', async () => {
    const bad = [
      [{ ...DEFAULT_ENGAGEMENT, levels: { participating: 5, active: 5, core: 20 } }, 'levels'],
      [{ ...DEFAULT_ENGAGEMENT, halfLifeDays: 0 }, 'halfLifeDays'],
      [{ ...DEFAULT_ENGAGEMENT, weights: { ...DEFAULT_ENGAGEMENT.weights, message: -1 } }, 'weights.message'],
      [{ ...DEFAULT_ENGAGEMENT, extra: 1 }, 'settings'],
    ] as const;
    for (const [input, path] of bad) {
      await expect(asUser((ctx) => updateEngagementSettings(ctx, input)), path).rejects.toMatchObject({ status: 400, fields: [{ path }] });
    }
  });
});
