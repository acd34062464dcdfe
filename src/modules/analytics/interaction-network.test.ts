import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { interactionNetwork, type InteractionNetwork } from './interaction-network.js';
import { kolCandidates } from './kol-candidates.js';

/*
 * Hand-computed network. Workspace time zone Asia/Shanghai; times are local, 2026-03-02 is a Monday.
 * Olga joins as owner, Rex as admin (join data.role). "r" = reply to, "@" = mentions.
 *   Mon  o1 Olga "欢迎大家加入！…"      b1 Ben r o1          c1 Cara r o1 (airfryer)    e0 echo (actionId) r o1
 *        o2 Olga @dov                d1 Dov r o2          b2 Ben r b1 (his own)      o3 Olga (live stream)
 *        c2 Cara r o3                e1 Eli r o3 @olga @olga @eli @ghost              bot1 echo
 *        d2 Dov r bot1 (an echo)     c3, c4 Cara (airfryer, robot vacuum)
 *   Tue  q1 Quinn, p1 Pia, p2 Pia r q1, q2 Quinn r p1 @pia, p3 Pia, q3 Quinn (airfryer, robot vacuum)
 *   Wed  t1 Tia, s1 Sam r t1, r1 Rex r s1, t2 Tia @rex
 *   Thu  u1 u2 Uma (fishing), u3 Uma r x1, a message of another group. Vic joins and never speaks.
 * Directed edges (replies, mentions): Ben→Olga (1,0), Cara→Olga (2,0), Dov→Olga (1,0), Olga→Dov (0,1),
 *   Eli→Olga (1,1: duplicate mention once, self and unknown mentions ignored), Pia→Quinn (1,0),
 *   Quinn→Pia (1,1), Sam→Tia (1,0), Rex→Sam (1,0), Tia→Rex (0,1). No edge: self-reply b2, replies to
 *   echoes (e0 is no message, d2 answers one), u3 (other group).
 * Ties: O–B 1, O–C 2, O–D 2, O–E 2, P–Q 3, R–S 1, S–T 1, T–R 1; total 13.
 * Nodes (11): the ten speakers plus Uma; Vic and the bot are not. Components: star 5, triangle 3, pair 2,
 *   Uma 1 → 4, largest 5.
 * Top node Olga, weighted degree 7 → share 7/13; owner + admin ties 7 + 2 → hub_share 9/13; without Olga
 *   Ben, Cara, Dov, Eli are each alone → cut off 4.
 * Betweenness (hops, normalised by (n-1)(n-2)/2 = 45 pairs): Olga lies on the 6 leaf pairs → 6/45, others 0.
 * PageRank (directed, d = 0.85, N = 11): every node but Uma has a single out-neighbour; Uma is dangling
 *   and receives nothing, so every node's base is b = 0.15/11 + 0.85·b/11 → b = 0.15/10.15.
 *   Cycles (Pia, Quinn; Rex, Sam, Tia): x = b + 0.85x → 1/10.15. Leaves Ben, Cara, Eli and Uma: b.
 *   Olga = b + 0.85(3b + Dov), Dov = b + 0.85·Olga → Olga = b(1 + 4·0.85)/(1 − 0.85²), Dov = b + 0.85·Olga.
 */
const G = { channel: 'webhook', externalId: 'net', name: 'Net' };
const OTHER = { channel: 'webhook', externalId: 'other', name: 'Other' };
type Ref = typeof G;
const person = (id: string) => ({ channel: 'webhook', externalId: id, name: id[0]!.toUpperCase() + id.slice(1) });
const local = (at: string) => `2026-${at.replace(' ', 'T')}:00+08:00`;
const say = (id: string, who: string, at: string, text: string, extra: Record<string, unknown> = {}, community: Ref = G) =>
  ({ id, type: 'message.sent', occurredAt: local(at), community, member: person(who), data: { text, ...extra } });
const join = (who: string, at: string, role?: string) =>
  ({ id: `j-${who}`, type: 'member.joined', occurredAt: local(at), community: G, member: person(who), data: role ? { role } : {} });

const events = [
  join('olga', '03-02 08:00', 'owner'), join('ben', '03-02 08:01'), join('cara', '03-02 08:02'), join('dov', '03-02 08:03'),
  join('eli', '03-02 08:04'), join('vic', '03-02 08:05'),
  say('o1', 'olga', '03-02 09:00', '欢迎大家加入！今天介绍新品 welcome everyone'),
  say('b1', 'ben', '03-02 09:05', '谢谢 thanks', { replyTo: 'o1' }),
  say('c1', 'cara', '03-02 09:10', '这款空气炸锅真好用 the airfryer is great', { replyTo: 'o1' }),
  say('e0', 'bot', '03-02 09:20', '欢迎新朋友', { replyTo: 'o1', actionId: 'act-1' }),
  say('o2', 'olga', '03-02 10:00', '@Dov 你的订单已经发货了', { mentions: ['dov'] }),
  say('d1', 'dov', '03-02 10:30', '收到了 thanks', { replyTo: 'o2' }),
  say('b2', 'ben', '03-02 10:40', '再次感谢', { replyTo: 'b1' }),
  say('o3', 'olga', '03-02 11:00', '周末有直播 live stream on the weekend'),
  say('c2', 'cara', '03-02 11:10', '空气炸锅 airfryer 什么时候补货', { replyTo: 'o3' }),
  say('e1', 'eli', '03-02 11:20', '@Olga 几点开始', { replyTo: 'o3', mentions: ['olga', 'olga', 'eli', 'ghost'] }),
  say('bot1', 'bot', '03-02 11:30', '直播提醒', { actionId: 'act-2' }),
  say('d2', 'dov', '03-02 11:40', '好的', { replyTo: 'bot1' }),
  say('c3', 'cara', '03-02 12:00', '我用空气炸锅做了鸡翅 airfryer chicken wings recipe'),
  say('c4', 'cara', '03-02 12:30', '扫地机器人 robot vacuum 也不错'),
  say('q1', 'quinn', '03-03 09:00', '我刚买了扫地机器人 robot vacuum'),
  say('p1', 'pia', '03-03 09:30', '空气炸锅 airfryer 的食谱有吗 recipe'),
  say('p2', 'pia', '03-03 10:00', '扫地机器人 robot vacuum 好用吗', { replyTo: 'q1' }),
  say('q2', 'quinn', '03-03 10:30', '@Pia 空气炸锅 airfryer recipe 在这里', { replyTo: 'p1', mentions: ['pia'] }),
  say('p3', 'pia', '03-03 11:00', 'airfryer 炸薯条 很香 chips'),
  say('q3', 'quinn', '03-03 11:30', 'robot vacuum 扫地机器人 真方便'),
  join('rex', '03-04 09:00', 'admin'),
  say('t1', 'tia', '03-04 10:00', '今天跑步了 running 10km'),
  say('s1', 'sam', '03-04 11:00', '跑步 running 真厉害 marathon', { replyTo: 't1' }),
  say('r1', 'rex', '03-04 12:00', '马拉松 marathon 报名了吗', { replyTo: 's1' }),
  say('t2', 'tia', '03-04 13:00', '@Rex 报名了 marathon training', { mentions: ['rex'] }),
  say('x1', 'vic', '03-05 09:00', 'hello other group', {}, OTHER),
  say('u1', 'uma', '03-05 10:00', '有人喜欢钓鱼吗 fishing'),
  say('y1', 'sam', '03-05 10:30', 'nice fish', { replyTo: 'u1' }, OTHER),
  say('u2', 'uma', '03-05 11:00', 'fishing 钓鱼 鱼竿'),
  say('u3', 'uma', '03-05 12:00', '钓鱼 fishing rod', { replyTo: 'x1' }),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
let net: string;
const id: Record<string, string> = {};
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);
const network = (input: { from?: Date; to?: Date } = {}) => inWs((ctx) => interactionNetwork(ctx, { communityId: net, ...input }));
const close = (x: number, digits = 12) => expect.closeTo(x, digits);
const nameOf = (memberId: string) => Object.keys(id).find((k) => id[k] === memberId);
const edgeList = (r: InteractionNetwork) =>
  r.edges.map((e) => `${nameOf(e.source)}>${nameOf(e.target)} ${e.replies}+${e.mentions}=${e.weight}`).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'network', []);
  // Two batches, so replies and mentions also resolve against rows stored earlier.
  for (const batch of [events.slice(0, 15), events.slice(15)]) {
    const results = await inWs((ctx) => ingestEvents(ctx, batch));
    expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  }
  await inWs(async (ctx) => {
    net = (await rows<{ id: string }>(ctx.db, sql`select id from communities where external_id = 'net'`))[0]!.id;
    for (const m of await rows<{ member_id: string; external_id: string }>(ctx.db, sql`select member_id, external_id from member_identities`)) id[m.external_id] = m.member_id;
  });
});
afterAll(async () => { await database.drop(); });

describe('interactionNetwork', () => {
  it('draws the edges from replies and mentions', async () => {
    const r = await network();
    expect(r.window).toEqual({ from: new Date(local('03-02 08:00')).toISOString(), to: new Date(new Date(local('03-05 12:00')).getTime() + 1).toISOString() });
    expect(edgeList(r)).toEqual([
      'ben>olga 1+0=1', 'cara>olga 2+0=2', 'dov>olga 1+0=1', 'eli>olga 1+1=2', 'olga>dov 0+1=1',
      'pia>quinn 1+0=1', 'quinn>pia 1+1=2', 'rex>sam 1+0=1', 'sam>tia 1+0=1', 'tia>rex 0+1=1',
    ]);
    expect(r.edges.map((e) => e.weight)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('lists every member who spoke or was addressed, with degrees, roles and centralities', async () => {
    const r = await network();
    const b = 0.15 / 10.15;
    const olga = (b * (1 + 4 * 0.85)) / (1 - 0.85 * 0.85);
    const cycle = 1 / 10.15;
    const expected: [string, string, number, number, number, number, number, number][] = [
      // name, role, messages, degree, weighted, in_weight, pagerank, betweenness
      ['olga', 'owner', 3, 4, 7, 6, olga, 6 / 45],
      ['pia', 'member', 3, 1, 3, 2, cycle, 0],
      ['quinn', 'member', 3, 1, 3, 1, cycle, 0],
      ['cara', 'member', 4, 1, 2, 0, b, 0],
      ['dov', 'member', 2, 1, 2, 1, b + 0.85 * olga, 0],
      ['tia', 'member', 2, 2, 2, 1, cycle, 0],
      ['eli', 'member', 1, 1, 2, 0, b, 0],
      ['rex', 'admin', 1, 2, 2, 1, cycle, 0],
      ['sam', 'member', 1, 2, 2, 1, cycle, 0],
      ['ben', 'member', 2, 1, 1, 0, b, 0],
      ['uma', 'member', 3, 0, 0, 0, b, 0],
    ];
    expect(r.nodes.map((n) => ({ ...n, cluster: undefined }))).toEqual(expected.map(([name, role, messages, degree, weighted, received, pagerank, between]) => ({
      member_id: id[name], name: name[0]!.toUpperCase() + name.slice(1), role, is_kol: false, messages, degree,
      weighted_degree: weighted, in_weight: received, pagerank: close(pagerank, 9), betweenness: close(between), cluster: undefined,
    })));
    expect(r.nodes.reduce((s, n) => s + n.pagerank, 0)).toBeCloseTo(1, 9);
    const rank = [...r.nodes].sort((x, y) => y.pagerank - x.pagerank).map((n) => n.name);
    expect(rank.slice(0, 2)).toEqual(['Olga', 'Dov']);
  });

  it('measures how much the group hangs on its owner, admins and busiest member', async () => {
    const r = await network();
    expect(r.hub_dependence).toEqual({
      hub_share: close(9 / 13), top_node: { member_id: id.olga, name: 'Olga' }, top_node_share: close(7 / 13),
      cut_off_if_top_leaves: 4, components: 4, largest_component: 5,
    });
  });

  it('finds the star, the triangle and the pair as clusters, the same on every run', async () => {
    const r = await network();
    expect(r.clusters).toEqual([
      { id: 0, size: 5, top_members: ['Olga', 'Cara', 'Dov'] },
      { id: 1, size: 3, top_members: ['Tia', 'Rex', 'Sam'] },
      { id: 2, size: 2, top_members: ['Pia', 'Quinn'] },
    ]);
    const clusterOf = Object.fromEntries(r.nodes.map((n) => [n.name, n.cluster]));
    expect(clusterOf).toEqual({ Olga: 0, Ben: 0, Cara: 0, Dov: 0, Eli: 0, Rex: 1, Sam: 1, Tia: 1, Pia: 2, Quinn: 2, Uma: null });
    for (let i = 0; i < 3; i++) expect(await network()).toEqual(r);
  });

  it('suggests introducing members who talk about the same products but never addressed each other', async () => {
    const r = await network();
    // Candidates (>= 3 messages): Cara, Olga, Pia, Quinn, Uma. Pia and Quinn share the most but replied to each
    // other; Olga and Uma share no term with anyone. Cara (tf 3 for airfryer, 空气, 气炸, 炸锅) meets Pia
    // (airfryer 2, the rest 1; 好用 only these two use: higher idf) and Quinn (robot, vacuum, 扫地 … twice).
    expect(r.introductions.map((i) => [i.a.name, i.b.name]).sort()).toEqual([['Cara', 'Pia'], ['Cara', 'Quinn']]);
    const byPair = Object.fromEntries(r.introductions.map((i) => [i.b.name, i]));
    expect(byPair.Pia).toMatchObject({ a: { member_id: id.cara, name: 'Cara' }, b: { member_id: id.pia, name: 'Pia' }, shared_terms: ['airfryer', '气炸', '炸锅', '空气', '好用'] });
    expect(byPair.Quinn!.shared_terms).toEqual(['airfryer', '气炸', '炸锅', '空气', 'robot']);
    for (const i of r.introductions) expect(i.similarity).toBeGreaterThanOrEqual(0.2);
  });

  it('keeps a reply in the window whose message was written before it', async () => {
    // From Wed 10:30: t1 is outside, Sam's answer to it (11:00) is inside.
    const r = await network({ from: new Date(local('03-04 10:30')), to: new Date(local('03-06 00:00')) });
    expect(edgeList(r)).toEqual(['rex>sam 1+0=1', 'sam>tia 1+0=1', 'tia>rex 0+1=1']);
    expect(r.nodes.map((n) => [n.name, n.messages, n.degree])).toEqual([['Rex', 1, 2], ['Sam', 1, 2], ['Tia', 1, 2], ['Uma', 3, 0]]);
    // All three weigh 2 with 2 ties: the name decides. Without Rex, Sam and Tia still have each other.
    expect(r.hub_dependence).toEqual({
      hub_share: close(2 / 3), top_node: { member_id: id.rex, name: 'Rex' }, top_node_share: close(2 / 3),
      cut_off_if_top_leaves: 0, components: 2, largest_component: 3,
    });
    expect(r.clusters).toEqual([{ id: 0, size: 3, top_members: ['Rex', 'Sam', 'Tia'] }]);
    expect(r.introductions).toEqual([]);
  });

  it('is empty when nothing happened in the window', async () => {
    const r = await network({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') });
    expect(r).toEqual({
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }, nodes: [], edges: [], clusters: [],
      hub_dependence: { hub_share: null, top_node: null, top_node_share: null, cut_off_if_top_leaves: 0, components: 0, largest_component: 0 },
      introductions: [],
    });
  });

  it('answers not found for an unknown community', async () => {
    await expect(inWs((ctx) => interactionNetwork(ctx, { communityId: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({ status: 404 });
  });
});

describe('kolCandidates', () => {
  it('ranks members (not owners or admins) by reach and attention received', async () => {
    // Addressed non-staff: Dov 1 (pagerank highest), Pia 2, Quinn, Sam, Tia 1 each (pagerank 1/10.15).
    const b = 0.15 / 10.15;
    const dov = b + (0.85 * b * (1 + 4 * 0.85)) / (1 - 0.85 * 0.85);
    const cycle = 1 / 10.15;
    const list = await inWs((ctx) => kolCandidates(ctx, { communityId: net }));
    expect(list).toEqual([
      { member_id: id.dov, name: 'Dov', pagerank: close(dov, 9), received: 1, score: close(0.5 + 0.25) },
      { member_id: id.pia, name: 'Pia', pagerank: close(cycle, 9), received: 2, score: close(0.5 * (cycle / dov) + 0.5, 9) },
      ...['quinn', 'sam', 'tia'].map((n) => ({ member_id: id[n], name: n[0]!.toUpperCase() + n.slice(1), pagerank: close(cycle, 9), received: 1, score: close(0.5 * (cycle / dov) + 0.25, 9) })),
    ]);
    expect((await inWs((ctx) => kolCandidates(ctx, { communityId: net, limit: 2 }))).map((c) => c.name)).toEqual(['Dov', 'Pia']);
  });
});
