import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { asOfScope } from './as-of-scope.js';
import { lifecycleCounts, lifecycleSql, memberLifecycle, type Stage } from './lifecycle.js';
import { lifecycleTrend } from './lifecycle-trend.js';

/*
 * Workspace time zone Asia/Shanghai; every time below is local (2026). asOf = Mon 04-06 00:00, so the
 * as-of day D = Sun 04-05. Period 7: C = 03-30..04-05, P = 03-23..03-29, R (28 days before C) = 03-02..03-29,
 * "lately" (last 28 days before C) = 03-09..03-29.
 *
 * Alpha: lena adam rita ivan tara tess otto tom gus join 03-01 10:00; rudy 02-01; pete 03-29 23:30;
 * newt 03-30 00:30; nora 04-03 10:00. Messages:
 *   lena 03-25, 04-01, leaves 04-02        adam 03-25, 04-01          rita 03-10, 04-02
 *   rudy 02-20, 04-03                      ivan 04-04 (first ever)    nora 04-04, 04-06 (after asOf)
 *   tara 10 on 03-20    otto 6 on 03-05    tess 6 on 03-15            tom 2 on 03-12
 *   gus never speaks and leaves 04-07 (after asOf: the events, not the table, say he is still in).
 * Beta: adam and bea join 03-01 10:00; bea speaks once on 03-20, adam never there.
 */
const A = { channel: 'webhook', externalId: 'alpha', name: 'Alpha' };
const B = { channel: 'webhook', externalId: 'beta', name: 'Beta' };
type Ref = typeof A;
const person = (id: string) => ({ channel: 'webhook', externalId: id, name: id });
const local = (at: string) => `2026-${at.replace(' ', 'T')}:00+08:00`;
let n = 0;
const say = (who: string, at: string, c: Ref = A) => ({ id: `m${++n}`, type: 'message.sent', occurredAt: local(at), community: c, member: person(who), data: { text: 'hello there' } });
const many = (who: string, k: number, day: string) => Array.from({ length: k }, (_, i) => say(who, `${day} 10:${String(i).padStart(2, '0')}`));
const join = (who: string, at: string, c: Ref = A) => ({ id: `j-${c.externalId}-${who}`, type: 'member.joined', occurredAt: local(at), community: c, member: person(who), data: {} });
const leave = (who: string, at: string) => ({ id: `l-${who}`, type: 'member.left', occurredAt: local(at), community: A, member: person(who), data: {} });

const events = [
  ...['lena', 'adam', 'rita', 'ivan', 'tara', 'tess', 'otto', 'tom', 'gus'].map((p) => join(p, '03-01 10:00')),
  join('rudy', '02-01 10:00'), join('pete', '03-29 23:30'), join('newt', '03-30 00:30'), join('nora', '04-03 10:00'),
  join('adam', '03-01 10:00', B), join('bea', '03-01 10:00', B),
  say('lena', '03-25 10:00'), say('lena', '04-01 10:00'), leave('lena', '04-02 10:00'),
  say('adam', '03-25 11:00'), say('adam', '04-01 11:00'),
  say('rita', '03-10 10:00'), say('rita', '04-02 11:00'),
  say('rudy', '02-20 10:00'), say('rudy', '04-03 11:00'),
  say('ivan', '04-04 11:00'), say('nora', '04-04 10:00'), say('nora', '04-06 10:00'),
  ...many('tara', 10, '03-20'), ...many('otto', 6, '03-05'), ...many('tess', 6, '03-15'), ...many('tom', 2, '03-12'),
  leave('gus', '04-07 10:00'),
  say('bea', '03-20 12:00', B),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const names: Record<string, string> = {};
const communities: Record<string, string> = {};
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);
const asOf = new Date(local('04-06 00:00'));
const named = (list: { community_id: string; member_id: string; stage: Stage }[]) =>
  Object.fromEntries(list.map((r) => [`${communities[r.community_id]}:${names[r.member_id]}`, r.stage]));
const zero = { left: 0, new: 0, active: 0, returning: 0, resurrecting: 0, at_risk: 0, dormant: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'lifecycle', []);
  const results = await inWs((ctx) => ingestEvents(ctx, events));
  expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  await inWs(async (ctx) => {
    for (const m of await rows<{ id: string; display_name: string }>(ctx.db, sql`select id, display_name from members`)) names[m.id] = m.display_name;
    for (const c of await rows<{ id: string; external_id: string }>(ctx.db, sql`select id, external_id from communities`)) communities[c.id] = c.external_id;
  });
});
afterAll(async () => { await database.drop(); });

describe('memberLifecycle', () => {
  it('gives every membership exactly one stage at asOf', async () => {
    /*
     * lena left (her messages in C and P do not matter). nora (04-03) and newt (03-30 00:30) joined in C: new;
     * pete joined 03-29 23:30, in P: not new, never spoke: dormant.
     * adam: C and P -> active. rita: C, not P, but 03-10 in R -> returning. rudy: C, last before 02-20 (outside R)
     * -> resurrecting; ivan: C, never before -> resurrecting.
     * R speakers in Alpha: tara 10, otto 6, tess 6, tom 2, adam 1, rita 1, lena 1 -> n 7, k = ceil(7/4) = 2:
     * the 2nd largest is 6, so tara, otto and tess are the top (tie kept). tara (03-20) and tess (03-15) spoke
     * lately and are silent in C -> at_risk; otto's last message 03-05 is 31 days before D -> dormant;
     * tom not top -> dormant; gus never spoke -> dormant (his leave is after asOf).
     * Beta, ranked on its own: bea is the only R speaker (k = 1) -> at_risk; adam never spoke there -> dormant.
     */
    const stages = await inWs((ctx) => memberLifecycle(ctx, { asOf }));
    expect(named(stages)).toEqual({
      'alpha:lena': 'left', 'alpha:nora': 'new', 'alpha:newt': 'new', 'alpha:pete': 'dormant',
      'alpha:adam': 'active', 'alpha:rita': 'returning', 'alpha:rudy': 'resurrecting', 'alpha:ivan': 'resurrecting',
      'alpha:tara': 'at_risk', 'alpha:tess': 'at_risk', 'alpha:otto': 'dormant', 'alpha:tom': 'dormant', 'alpha:gus': 'dormant',
      'beta:adam': 'dormant', 'beta:bea': 'at_risk',
    });
    expect(stages).toHaveLength(15);
    expect(await inWs(async (ctx) => (await asOfScope(ctx, { asOf })).toIsOpen)).toBe(false);
  });

  it('counts per stage, for one community or all, with another period length', async () => {
    expect(await inWs((ctx) => lifecycleCounts(ctx, { asOf }))).toEqual({ left: 1, new: 2, active: 1, returning: 1, resurrecting: 2, at_risk: 3, dormant: 5 });
    const beta = Object.entries(communities).find(([, ext]) => ext === 'beta')![0];
    expect(await inWs((ctx) => lifecycleCounts(ctx, { asOf, communityId: beta }))).toEqual({ ...zero, at_risk: 1, dormant: 1 });
    /*
     * Period 14: C = 03-23..04-05, P = 03-09..03-22, R = 02-23..03-22, lately = 03-09..03-22.
     * new: nora newt pete. adam: C only, nothing in R -> resurrecting; rita: C and P (03-10) -> active;
     * rudy: C, 02-20 is before R -> resurrecting; ivan resurrecting. R speakers: tara 10, otto 6, tess 6, tom 2,
     * rita 1 -> k 2, top tara otto tess; tara and tess lately -> at_risk, otto (03-05) dormant. bea at_risk.
     */
    expect(await inWs((ctx) => lifecycleCounts(ctx, { asOf, periodDays: 14 }))).toEqual({ left: 1, new: 3, active: 1, returning: 0, resurrecting: 3, at_risk: 3, dormant: 4 });
  });

  it('reads the memberships table or folds the events to the same stages', async () => {
    await inWs(async (ctx) => {
      const s = await asOfScope(ctx, { asOf: new Date(local('05-01 00:00')) });
      expect(s.toIsOpen).toBe(true);
      const q = (scope: typeof s) => rows(ctx.db, sql`select * from (${lifecycleSql(ctx, scope, 7)}) l order by community_id, member_id`);
      const table = await q(s);
      expect(await q({ ...s, toIsOpen: false })).toEqual(table);
      /*
       * D = 04-30: nobody spoke in C (04-24..04-30); lena and gus have left. R = 03-27..04-23: nora 2, adam rita
       * rudy ivan lena 1 each -> k = ceil(6/4) = 2, the 2nd largest is 1: all top. Of them, rudy (04-03), ivan
       * (04-04) and nora (04-06) spoke in the last 28 days (04-03..04-23) -> at_risk; the other 10 dormant.
       */
      const byStage = (st: string) => table.filter((r) => r.stage === st).map((r) => names[r.member_id as string]).sort();
      expect(byStage('left')).toEqual(['gus', 'lena']);
      expect(byStage('at_risk')).toEqual(['ivan', 'nora', 'rudy']);
      expect(byStage('dormant')).toHaveLength(10);
    });
  });

  it('rejects a period outside 1..28 days and a foreign or unknown community', async () => {
    await expect(inWs((ctx) => memberLifecycle(ctx, { asOf, periodDays: 0 }))).rejects.toMatchObject({ status: 400 });
    await expect(inWs((ctx) => memberLifecycle(ctx, { asOf, periodDays: 29 }))).rejects.toMatchObject({ status: 400 });
    await expect(inWs((ctx) => memberLifecycle(ctx, { communityId: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({ status: 404 });
  });
});

describe('lifecycleTrend', () => {
  it('counts each week as of its end, the current week as of asOf', async () => {
    /*
     * Week of 03-23, as of Mon 03-30 00:00 (D' = 03-29; C' = 03-23..03-29, P' = 03-16..03-22, R' = 02-23..03-22,
     * lately 03-02..03-22). Known then: everyone but newt and nora; nobody has left yet.
     * pete joined in C' -> new. lena and adam first spoke 03-25 -> resurrecting. R' speakers tara 10, otto 6,
     * tess 6, tom 2, rita 1 -> k 2: tara, tess and otto (03-05 is within lately now) at_risk; rita, rudy, ivan,
     * tom, gus dormant. Beta: bea at_risk, adam dormant.
     */
    const trend = await inWs((ctx) => lifecycleTrend(ctx, { asOf, weeks: 2 }));
    expect(trend).toEqual([
      { period_start: '2026-03-23', as_of: '2026-03-29T16:00:00.000Z', counts: { ...zero, new: 1, resurrecting: 2, at_risk: 4, dormant: 6 } },
      { period_start: '2026-03-30', as_of: '2026-04-05T16:00:00.000Z', counts: { left: 1, new: 2, active: 1, returning: 1, resurrecting: 2, at_risk: 3, dormant: 5 } },
    ]);
    const midWeek = await inWs((ctx) => lifecycleTrend(ctx, { asOf: new Date(local('04-01 12:00')), weeks: 1 }));
    expect(midWeek.map((p) => [p.period_start, p.as_of])).toEqual([['2026-03-30', '2026-04-01T04:00:00.000Z']]);
    await expect(inWs((ctx) => lifecycleTrend(ctx, { asOf, weeks: 0 }))).rejects.toMatchObject({ status: 400 });
  });
});
