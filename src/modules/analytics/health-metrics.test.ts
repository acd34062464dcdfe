import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { communityHealth, type HealthReport } from './health-metrics.js';
import { resolveScope } from './resolve-scope.js';
import { membershipMetrics } from './membership-metrics.js';
import { substantiveLength, substantiveLengthSql } from './substantive-text.js';

/*
 * Hand-computed dataset. Workspace time zone Asia/Shanghai (UTC+8); every time below is local.
 * ISO weeks: W1 = Mon 03-02 .. Sun 03-08, W2 = 03-09 .. 03-15, W3 = 03-16 .. 03-22, W4 = 03-23,
 * W5 = 03-30, W6 = 04-06 (all 2026).
 *
 * Alpha (A): joins ann 03-02 09:00, bob 09:30, cat 10:00, dan 03-03 12:00, eve 03-09 08:00, fay 03-10 08:00,
 * gus 03-16 08:00; dan leaves 03-18 20:00. Messages ("L" = long text, >= 20 characters once links/emoji go):
 *   m1  ann 03-02 10:00 L                      m15 cat 03-10 09:42 "good point bob" (14) reply m14
 *   m2  bob 03-02 10:05 L reply m1             m16 bob 03-11 09:00 L
 *   m3  cat 03-02 10:30 "👍👍👍" reply m2         m17 bob 03-12 09:00 L
 *   m4  ann 03-03 09:00 L                      m18 ann 03-12 10:00 eleven 😀 with spaces (0)
 *   m5  ann 03-03 15:00 a long URL only (0)    m20 fay 03-12 10:30 "hello 👋 https://t.co/x" (5)
 *   m6  ann 03-05 09:00 L                      e1  bot 03-11 11:00 outbound echo (actionId): not a message
 *   m7  bob 03-05 10:00 image, no text         m19 ann 03-13 10:00 L
 *   m8  dan 03-05 11:00 "hi @cat" + mention    m21 eve 03-14 20:00 "thanks for the reminder" (23) reply e1
 *   m9  bob 03-06 12:00 L                      m22 ann 03-16 09:00 L
 *   m10 bob 03-07 12:00 L                      m23 ann 03-17 09:00 L
 *   m11 ann 03-07 13:00 L                      m24 ann 03-18 09:00 L
 *   m12 ann 03-09 09:00 L                      m25 cat 03-18 09:10 L reply m24
 *   m13 eve 03-09 10:00 "ok" reply m12         m26 eve 03-19 10:00 "same here" (9) reply m24
 *   m14 bob 03-10 09:00 "ok"                   m27 ann 03-19 10:05 "great" (5) reply m26
 *                                              m28 bob 03-20 09:00 "one more thing" (14) reply m16 (his own)
 * Beta (B): b1..b9 join 03-02 10:00; b1 leaves 03-10, b2..b4 03-17, b5..b9 04-07 10:00..10:04. No messages.
 * Gamma (C): ann, bob, gus join 03-02 12:00 and leave 03-31 10:00. No messages.
 */
const A = { channel: 'webhook', externalId: 'alpha', name: 'Alpha' };
const B = { channel: 'webhook', externalId: 'beta', name: 'Beta' };
const C = { channel: 'webhook', externalId: 'gamma', name: 'Gamma' };
type Ref = typeof A;
const person = (id: string) => ({ channel: 'webhook', externalId: id, name: id[0]!.toUpperCase() + id.slice(1) });
const local = (at: string) => `2026-${at.replace(' ', 'T')}:00+08:00`;
const utc = (at: string) => new Date(local(at));
const say = (id: string, who: string, at: string, data: Record<string, unknown>, community: Ref = A) =>
  ({ id, type: 'message.sent', occurredAt: local(at), community, member: person(who), data });
const text = (id: string, who: string, at: string, t: string, replyTo?: string) => say(id, who, at, { text: t, ...(replyTo ? { replyTo } : {}) });
const join = (id: string, who: string, at: string, community: Ref = A) => ({ id, type: 'member.joined', occurredAt: local(at), community, member: person(who), data: {} });
const leave = (id: string, who: string, at: string, community: Ref = A) => ({ id, type: 'member.left', occurredAt: local(at), community, member: person(who), data: {} });

const alpha = [
  join('j-ann', 'ann', '03-02 09:00'), join('j-bob', 'bob', '03-02 09:30'), join('j-cat', 'cat', '03-02 10:00'), join('j-dan', 'dan', '03-03 12:00'),
  join('j-eve', 'eve', '03-09 08:00'), join('j-fay', 'fay', '03-10 08:00'), join('j-gus', 'gus', '03-16 08:00'), leave('l-dan', 'dan', '03-18 20:00'),
  text('m1', 'ann', '03-02 10:00', 'Welcome everyone, glad to see you here'),
  text('m2', 'bob', '03-02 10:05', 'Thanks ann, happy to join this group', 'm1'),
  text('m3', 'cat', '03-02 10:30', '👍👍👍', 'm2'),
  text('m4', 'ann', '03-03 09:00', "Here is the schedule for this week's events"),
  text('m5', 'ann', '03-03 15:00', 'https://example.com/a/really/long/link/that/goes/on'),
  text('m6', 'ann', '03-05 09:00', 'Please share your feedback about the product'),
  say('m7', 'bob', '03-05 10:00', { mediaType: 'image' }),
  say('m8', 'dan', '03-05 11:00', { text: 'hi @cat', mentions: ['cat'] }),
  text('m9', 'bob', '03-06 12:00', 'I tried the new recipe and it worked great'),
  text('m10', 'bob', '03-07 12:00', 'Another long message from bob about cooking'),
  text('m11', 'ann', '03-07 13:00', 'Reminder: the live session starts tomorrow'),
  text('m12', 'ann', '03-09 09:00', 'Good morning, this week we talk about travel'),
  text('m13', 'eve', '03-09 10:00', 'ok', 'm12'),
  text('m14', 'bob', '03-10 09:00', 'ok'),
  text('m15', 'cat', '03-10 09:42', 'good point bob', 'm14'),
  text('m16', 'bob', '03-11 09:00', 'My favourite trip was to the mountains'),
  say('e1', 'bot', '03-11 11:00', { text: 'Weekly reminder from the operator team!', actionId: 'act-1' }),
  text('m17', 'bob', '03-12 09:00', 'We should organise a group trip next month'),
  text('m18', 'ann', '03-12 10:00', '😀 😀 😀 😀 😀 😀 😀 😀 😀 😀 😀'),
  text('m20', 'fay', '03-12 10:30', 'hello 👋 https://t.co/x'),
  text('m19', 'ann', '03-13 10:00', "I agree, let's plan it for the spring break"),
  text('m21', 'eve', '03-14 20:00', 'thanks for the reminder', 'e1'),
  text('m22', 'ann', '03-16 09:00', 'Week three starts now, what are your plans?'),
  text('m23', 'ann', '03-17 09:00', 'Sharing the photos from our last meetup'),
  text('m24', 'ann', '03-18 09:00', 'Remember to vote for the next topic today'),
  text('m25', 'cat', '03-18 09:10', 'I vote for hiking in the nearby hills', 'm24'),
  text('m26', 'eve', '03-19 10:00', 'same here', 'm24'),
  text('m27', 'ann', '03-19 10:05', 'great', 'm26'),
  text('m28', 'bob', '03-20 09:00', 'one more thing', 'm16'),
];
const bs = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9'];
const beta = [
  ...bs.map((b) => join(`j-${b}`, b, '03-02 10:00', B)),
  leave('l-b1', 'b1', '03-10 10:00', B),
  ...['b2', 'b3', 'b4'].map((b) => leave(`l-${b}`, b, '03-17 10:00', B)),
  ...['b5', 'b6', 'b7', 'b8', 'b9'].map((b, i) => leave(`l-${b}`, b, `04-07 10:0${i}`, B)),
];
const gamma = ['ann', 'bob', 'gus'].flatMap((p) => [join(`jc-${p}`, p, '03-02 12:00', C), leave(`lc-${p}`, p, '03-31 10:00', C)]);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const ids: Record<string, string> = {};
const members: Record<string, string> = {};
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);
const health = (input: Parameters<typeof communityHealth>[1]) => inWs((ctx) => communityHealth(ctx, input));
const close = (x: number) => expect.closeTo(x, 12);
const speaker = (name: string, messages: number, total: number) => ({ member_id: members[name.toLowerCase()], name, messages, share: close(messages / total) });
const withoutWindow = ({ window: _w, ...rest }: HealthReport) => rest;

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'health', []);
  // Two batches, so replies also resolve against messages stored earlier.
  for (const batch of [alpha.slice(0, 20), alpha.slice(20), beta, gamma]) {
    const results = await inWs((ctx) => ingestEvents(ctx, batch));
    expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  }
  await inWs(async (ctx) => {
    for (const c of await rows<{ id: string; external_id: string }>(ctx.db, sql`select id, external_id from communities`)) ids[c.external_id] = c.id;
    for (const m of await rows<{ member_id: string; external_id: string }>(ctx.db, sql`select member_id, external_id from member_identities`)) members[m.external_id] = m.member_id;
  });
});
afterAll(async () => { await database.drop(); });

describe('communityHealth on one community', () => {
  /*
   * Alpha, default window [03-02 09:00, 03-20 09:00 + 1 ms). Days 03-02..03-20 = 19; weeks W1..W3 = 3.
   * messages: m1..m28 = 28 (e1 is an echo). Per member: ann 12 (m1 4 5 6 11 12 18 19 22 23 24 27), bob 8 (m2 7 9 10 14 16 17 28),
   *   cat 3, eve 3, dan 1, fay 1 -> speakers 6. members_known: the 6 + gus (joined) = 7. joins 7, leaves 1.
   * top20_share: ceil(6/5) = 2 speakers: (12 + 8) / 28.
   * gini: ascending 1,1,3,3,8,12, weights 2i-n-1 = -5,-3,-1,1,3,5: -5-3-3+3+24+60 = 76 -> 76 / (6 * 28).
   * absence_factor: 12 < 14, 12 + 8 >= 14 -> 2.
   * reply_share: m2 m3 m13 m15 m21 m25 m26 m27 m28 = 9 / 28.
   * first replies by someone else: m1<-m2 5, m2<-m3 25, m12<-m13 60, m14<-m15 42, m24<-m25 10 (m26 later), m26<-m27 5;
   *   e1 is not a message, m28 answers its own author. Sorted 5 5 10 25 42 60 -> median (10 + 25) / 2 = 17.5.
   * substantive per week: ann W1 m1 m4 m6 m11 = 4 (m5 is a link), W2 m12 m19 = 2 (m18 emoji), W3 m22 m23 m24 = 3 -> weeks W1, W3;
   *   bob W1 m2 m9 m10 = 3 (m7 image), W2 m14 (answered by cat) m16 m17 = 3 -> W1, W2; cat W3 m25 only; eve m21 (W2), m26 (W3, answered).
   *   value_contributors 2; output 9 + 6 = 15 over 3 weeks = 5.
   * lurker_share: in the group at the end: ann bob cat eve fay gus (dan left) = 6; silent: gus -> 1/6.
   * activation_48h: 7 joiners; ann, bob, cat, eve within hours, dan 47 h (03-03 12:00 -> 03-05 11:00),
   *   fay 50 h (03-10 08:00 -> 03-12 10:30) too late, gus never -> 5/7.
   * daily speakers 03-02..03-20: 3 1 0 3 1 2 0 | 2 2 1 3 1 1 0 | 1 1 2 2 1 = 27 -> avg_dau 27/19.
   *   dau (03-20) bob = 1; wau (03-14..03-20) eve ann cat bob = 4; mau = 6; stickiness (27/19) / 6.
   * leave spikes: one leave in W3 only -> none.
   * top speakers: ann 12, bob 8, cat 3 and eve 3 (tie: by name), dan 1 and fay 1.
   */
  const alphaReport = (window: { from: string; to: string }) => ({
    window, communities: 1, messages: 28, speakers: 6, members_known: 7, joins: 7, leaves: 1,
    top20_share: close(20 / 28), gini: close(76 / 168), absence_factor: 2,
    reply_share: close(9 / 28), median_first_reply_minutes: close(17.5),
    value_contributors: 2, value_output_per_week: close(5),
    lurker_share: close(1 / 6), activation_48h: close(5 / 7),
    dau: 1, wau: 4, mau: 6, avg_dau: close(27 / 19), stickiness: close(27 / 19 / 6),
    leave_spikes: [],
    top_speakers: [speaker('Ann', 12, 28), speaker('Bob', 8, 28), speaker('Cat', 3, 28), speaker('Eve', 3, 28), speaker('Dan', 1, 28), speaker('Fay', 1, 28)],
  });

  it('computes every metric over the default window', async () => {
    const report = await health({ communityIds: [ids.alpha!] });
    expect(report).toEqual(alphaReport({ from: '2026-03-02T01:00:00.000Z', to: '2026-03-20T01:00:00.001Z' }));
  });

  it('answers the same from the rollups (whole days) and from the events (any instant)', async () => {
    const base = withoutWindow(await health({ communityIds: [ids.alpha!] }));
    const wholeDays = await health({ communityIds: [ids.alpha!], from: utc('03-02 00:00'), to: utc('03-21 00:00') });
    const instants = await health({ communityIds: [ids.alpha!], from: utc('03-02 08:00'), to: utc('03-20 12:00') });
    expect(withoutWindow(wholeDays)).toEqual(base);
    expect(withoutWindow(instants)).toEqual(base);
    const paths = await inWs(async (ctx) => [
      (await resolveScope(ctx, { communityIds: [ids.alpha!] })).wholeDays,
      (await resolveScope(ctx, { communityIds: [ids.alpha!], from: utc('03-02 00:00'), to: utc('03-21 00:00') })).wholeDays,
      (await resolveScope(ctx, { communityIds: [ids.alpha!], from: utc('03-02 08:00'), to: utc('03-20 12:00') })).wholeDays,
    ]);
    expect(paths).toEqual([true, true, false]);
  });

  it('counts only replies inside the window, and membership at a past window end from the events', async () => {
    /*
     * Window [default from, 03-18 09:05): m25..m28 and dan's leave fall outside.
     * messages m1..m24 = 24: ann 11, bob 7, cat 2, eve 2, dan 1, fay 1. top20 (11 + 7) / 24.
     * gini: 1,1,2,2,7,11 -> -5-3-2+2+21+55 = 68 -> 68 / (6 * 24). absence: 11 < 12, 18 >= 12 -> 2.
     * reply_share: m2 m3 m13 m15 m21 = 5 / 24. m24's reply m25 comes at 09:10, after the end: first replies
     *   5 25 60 42 -> sorted 5 25 42 60 -> median 33.5.
     * value: ann W1 4, W3 m22 m23 m24 = 3; bob as before -> 2 contributors, 15 / 3 weeks.
     * lurkers: dan is still in the group at 09:05 -> 7 present, gus silent -> 1/7. activation 5/7 as before.
     * days 03-02..03-18 = 17: 3 1 0 3 1 2 0 | 2 2 1 3 1 1 0 | 1 1 1 = 23. dau (03-18) ann 1;
     *   wau (03-12..03-18) bob ann fay eve 4; mau 6.
     */
    const report = await health({ communityIds: [ids.alpha!], to: utc('03-18 09:05') });
    expect(report).toEqual({
      window: { from: '2026-03-02T01:00:00.000Z', to: '2026-03-18T01:05:00.000Z' },
      communities: 1, messages: 24, speakers: 6, members_known: 7, joins: 7, leaves: 0,
      top20_share: close(18 / 24), gini: close(68 / 144), absence_factor: 2,
      reply_share: close(5 / 24), median_first_reply_minutes: close(33.5),
      value_contributors: 2, value_output_per_week: close(5),
      lurker_share: close(1 / 7), activation_48h: close(5 / 7),
      dau: 1, wau: 4, mau: 6, avg_dau: close(23 / 17), stickiness: close(23 / 17 / 6),
      leave_spikes: [],
      top_speakers: [speaker('Ann', 11, 24), speaker('Bob', 7, 24), speaker('Cat', 2, 24), speaker('Eve', 2, 24), speaker('Dan', 1, 24), speaker('Fay', 1, 24)],
    });
  });

  it('reads membership at the window end the same from the memberships table and from the events', async () => {
    await inWs(async (ctx) => {
      for (const input of [{ communityIds: [ids.alpha!] }, {}]) {
        const scope = await resolveScope(ctx, input);
        expect(scope.toIsOpen).toBe(true);
        expect(await membershipMetrics(ctx, { ...scope, toIsOpen: false })).toEqual(await membershipMetrics(ctx, scope));
      }
    });
  });

  it('has one speaker on the last day: gini 0, everything concentrated on him', async () => {
    // 03-20 alone: m28 by bob, a reply to himself. At the end ann bob cat eve fay gus are in; 5 of 6 silent.
    const report = await health({ communityIds: [ids.alpha!], from: utc('03-20 00:00'), to: utc('03-21 00:00') });
    expect(report).toEqual({
      window: { from: '2026-03-19T16:00:00.000Z', to: '2026-03-20T16:00:00.000Z' },
      communities: 1, messages: 1, speakers: 1, members_known: 1, joins: 0, leaves: 0,
      top20_share: 1, gini: 0, absence_factor: 1, reply_share: 1, median_first_reply_minutes: null,
      value_contributors: 0, value_output_per_week: 0, lurker_share: close(5 / 6), activation_48h: null,
      dau: 1, wau: 1, mau: 1, avg_dau: 1, stickiness: 1, leave_spikes: [],
      top_speakers: [speaker('Bob', 1, 1)],
    });
  });

  it('reports zeros and nulls for a window without events (members still present are all lurkers)', async () => {
    const empty = {
      communities: 1, messages: 0, speakers: 0, members_known: 0, joins: 0, leaves: 0,
      top20_share: null, gini: null, absence_factor: 0, reply_share: null, median_first_reply_minutes: null,
      value_contributors: 0, value_output_per_week: 0, lurker_share: 1, activation_48h: null,
      dau: 0, wau: 0, mau: 0, avg_dau: 0, stickiness: null, leave_spikes: [], top_speakers: [],
    };
    const week = await health({ communityIds: [ids.alpha!], from: new Date('2027-01-04T00:00:00+08:00'), to: new Date('2027-01-11T00:00:00+08:00') });
    expect(withoutWindow(week)).toEqual(empty);
    const instant = new Date('2027-01-04T00:00:00+08:00');
    const none = await health({ communityIds: [ids.alpha!], from: instant, to: instant });
    expect(none).toEqual({ window: { from: instant.toISOString(), to: instant.toISOString() }, ...empty });
  });

  it('rejects an unknown community and a reversed window', async () => {
    await expect(health({ communityIds: ['00000000-0000-4000-8000-000000000000'] })).rejects.toMatchObject({ status: 404 });
    await expect(health({ communityIds: ['not-a-uuid'] })).rejects.toMatchObject({ status: 404 });
    await expect(health({ from: utc('03-10 00:00'), to: utc('03-09 00:00') })).rejects.toMatchObject({ status: 400 });
  });
});

describe('communityHealth on several communities', () => {
  /*
   * Leaves per week (W1..W6): Beta 0 1 3 0 0 5, Gamma 0 0 0 0 3 0, Alpha 0 0 1 0 0 0.
   * Beta W3: 3 leaves but only 2 weeks of history -> no. Beta W6: previous 5 weeks 0 1 3 0 0, mean 0.8,
   *   population std sqrt((0+1+9+0+0)/5 - 0.64) = sqrt(1.36) = 1.1662; 0.8 + 3 * 1.1662 = 4.30 < 5 -> spike.
   * Gamma W5: previous 4 weeks all 0, std 0; 3 leaves >= 3 and > 0 -> spike. Alpha never reaches 3.
   */
  it('finds leave spikes per community', async () => {
    const betaSpike = { community_id: ids.beta, week: '2026-04-06', leaves: 5, trailing_mean: close(0.8), trailing_std: close(Math.sqrt(1.36)) };
    const gammaSpike = { community_id: ids.gamma, week: '2026-03-30', leaves: 3, trailing_mean: 0, trailing_std: 0 };
    expect((await health({ communityIds: [ids.beta!] })).leave_spikes).toEqual([betaSpike]);
    expect((await health({ communityIds: [ids.gamma!] })).leave_spikes).toEqual([gammaSpike]);
    expect((await health({ communityIds: [ids.beta!, ids.gamma!, ids.alpha!] })).leave_spikes).toEqual([gammaSpike, betaSpike]);
  });

  /*
   * Whole workspace, window [03-02 09:00, 04-07 10:04 + 1 ms): 37 days (03-02..04-07), weeks W1..W6 = 6.
   * Messages as in Alpha alone. members_known: Alpha's 7 + b1..b9 = 16 (ann, bob, gus in Gamma are the same people).
   * joins 7 + 9 + 3 = 19, leaves 1 + 9 + 3 = 13. value output 15 / 6 weeks.
   * lurkers: only Alpha memberships are left at the end (6, gus silent) -> 1/6.
   * activation: 19 joined memberships, the 5 of Alpha -> 5/19 (speaking in Alpha does not activate in Gamma).
   * dau 04-07 = 0, wau 0; mau over 03-09..04-07: ann eve bob cat fay = 5; avg_dau 27/37;
   * stickiness: speakers per day 03-09..03-20 sum to 17 over those 30 days -> (17/30) / 5.
   */
  it('computes the whole workspace, counting each person once', async () => {
    const report = await health({});
    expect(report).toMatchObject({
      window: { from: '2026-03-02T01:00:00.000Z', to: '2026-04-07T02:04:00.001Z' },
      communities: 3, messages: 28, speakers: 6, members_known: 16, joins: 19, leaves: 13,
      value_contributors: 2, value_output_per_week: close(2.5),
      lurker_share: close(1 / 6), activation_48h: close(5 / 19),
      dau: 0, wau: 0, mau: 5, avg_dau: close(27 / 37), stickiness: close(17 / 30 / 5),
    });
    expect(report.leave_spikes.map((s) => s.week)).toEqual(['2026-03-30', '2026-04-06']);
    expect(withoutWindow(await health({ communityIds: [ids.alpha!, ids.beta!, ids.gamma!] }))).toEqual(withoutWindow(report));
  });
});

describe('substantive text in PostgreSQL', () => {
  it('measures every sample exactly as the JavaScript rule does', async () => {
    const samples = [
      'Welcome everyone, glad to see you here', '👍👍👍', 'https://example.com/a/really/long/link', 'hello 👋 https://t.co/x',
      '👨‍👩‍👧‍👦🇨🇳1️⃣👍🏽 abc', '看https://x.cn/a很好', 'awww.so cute', ' a \u3000\t b ', 'WWW.EXAMPLE.COM/x 你好', '©®™‼ text',
      '这个产品真的非常好用，推荐给大家试试看吧', '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland', '', 'plain',
    ];
    const got = await inWs((ctx) => rows<{ t: string; n: number }>(ctx.db, sql`
      select t, ${substantiveLengthSql(sql`t`)}::int as n from jsonb_array_elements_text(${JSON.stringify(samples)}::jsonb) as t`));
    expect(got.map((r) => r.n)).toEqual(samples.map((s) => substantiveLength(s)));
    expect(got.map((r) => r.n)).toEqual([38, 0, 0, 5, 5, 3, 12, 3, 2, 4, 20, 8, 0, 5]);
  });
});

describe('the worked example of docs/metrics.md', () => {
  it('gives the numbers the document shows', async () => {
    const docWs = await makeWorkspace(database, 'health-doc', []);
    const G = { channel: 'webhook', externalId: 'doc', name: 'Doc' };
    const events = [
      join('d0', 'bob', '02-10 09:00', G), join('d1', 'ann', '03-02 09:00', G),
      say('d2', 'ann', '03-02 10:00', { text: 'Welcome everyone, glad to see you here' }, G),
      say('d3', 'bob', '03-02 10:06', { text: 'thanks!', replyTo: 'd2' }, G),
      say('d4', 'ann', '03-03 09:00', { text: '👍 https://x.cn' }, G),
      join('d5', 'cy', '03-03 10:00', G),
      say('d6', 'bob', '03-04 12:00', { mediaType: 'image' }, G),
      say('d7', 'ann', '03-05 08:00', { text: 'Reminder: the live session starts tomorrow' }, G),
    ];
    const report = await withTenant(database, docWs, { kind: 'system', name: 'test' }, async (ctx) => {
      await ingestEvents(ctx, events);
      return communityHealth(ctx, { from: utc('03-02 00:00'), to: utc('03-09 00:00') });
    });
    expect(report).toMatchObject({
      communities: 1, messages: 5, speakers: 2, members_known: 3, joins: 2, leaves: 0,
      top20_share: 0.6, gini: close(0.1), absence_factor: 1, reply_share: 0.2, median_first_reply_minutes: 6,
      value_contributors: 0, value_output_per_week: 0, lurker_share: close(1 / 3), activation_48h: 0.5,
      dau: 0, wau: 2, mau: 2, avg_dau: close(5 / 7), stickiness: close(5 / 14), leave_spikes: [],
    });
  });
});
