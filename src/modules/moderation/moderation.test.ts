import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { rows, sql } from '../../db/client.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../workspace/create-workspace.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { dispatchActions } from '../automation/dispatch-actions.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './contracts.js';
import { createRuleSet } from './create-rule-set.js';
import { importWords } from './import-words.js';
import { testMessage } from './test-message.js';
import { listViolations } from './list-violations.js';
import { reverseViolation } from './reverse-violation.js';
import { addMember } from './member-lists.js';
import { setModerationSettings } from './settings.js';
import { moderationStats } from './moderation-stats.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let other: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const ids: Record<string, string> = {};
const SEC = 1000;
const DAY = 86_400_000;

const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>, w: WorkspaceRow = ws) => withTenant(database, w, system, fn);
const person = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}同学` });
const group = (id: string) => ({ channel: 'sandbox', externalId: id, name: `${id}群` });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const say = (id: string, who: string, g: string, text: string, at = ago(0)) =>
  ({ id, type: 'message.sent', occurredAt: at, community: group(g), member: person(who), data: { text } });
const join = (id: string, who: string, g: string, at = ago(DAY)) => ({ id, type: 'member.joined', occurredAt: at, community: group(g), member: person(who), data: {} });
const ingest = (events: unknown[], w: WorkspaceRow = ws) => tenant((ctx) => ingestEvents(ctx, events), w);
const rules = (over: Partial<RuleSettings>): RuleSettings => ({
  ...DEFAULT_RULE_SETTINGS, words: { enabled: false, categories: [] }, links: { enabled: false, allowDomains: [] }, qrCodes: { enabled: false, allowDomains: [] },
  contacts: { enabled: false }, flooding: { ...DEFAULT_RULE_SETTINGS.flooding, enabled: false }, repeats: { ...DEFAULT_RULE_SETTINGS.repeats, enabled: false },
  newcomerLinks: { ...DEFAULT_RULE_SETTINGS.newcomerLinks, enabled: false }, ...over,
});
const log = (who?: string, w: WorkspaceRow = ws) => tenant(async (ctx) => (await listViolations(ctx, { page: 1, pageSize: 100, memberId: who ? ids[who] : undefined })).items, w);
const actionOf = (id: string | null) => tenant(async (ctx) => (await rows<{ kind: string; status: string; payload: Record<string, any> }>(ctx.db, sql`
  select kind, status, payload from actions where id = ${id}`))[0]);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'moderation', name: 'Moderated shop' });
  other = await createWorkspace(database, { slug: 'moderation-other', name: 'Other shop' });
  const people = ['amy', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'];
  await ingest(['g1', 'g2', 'g3', 'g4', 'g5', 'gv'].flatMap((g) => people.map((p) => join(`join-${g}-${p}`, p, g))));
  await ingest([join('join-other', 'amy', 'g2'), say('other-seed', 'amy', 'g2', 'hi', ago(2 * DAY))], other);
  await tenant(async (ctx) => {
    for (const r of await rows<{ id: string; ext: string }>(ctx.db, sql`select member_id as id, external_id as ext from member_identities`)) ids[r.ext] = r.id;
    for (const r of await rows<{ id: string; ext: string }>(ctx.db, sql`select id, external_id as ext from communities`)) ids[r.ext] = r.id;
    await ctx.db.execute(sql`update communities set type = 'vip' where id = ${ids.gv!}`);
    // Dan runs g2: its owner, exempt there only.
    await ctx.db.execute(sql`update memberships set role = 'admin' where community_id = ${ids.g2!} and member_id = ${ids.dan!}`);
    await importWords(ctx, { text: '代开发票,ads\n博彩,gambling\n', mode: 'replace' });
    await createRuleSet(ctx, { scope: { kind: 'workspace' }, rules: rules({ words: { enabled: true, categories: ['ads'] }, links: { enabled: true, allowDomains: ['shop.example.com'] }, repeats: { enabled: true, minGroups: 3, withinMinutes: 30 } }) });
    await createRuleSet(ctx, { scope: { kind: 'community_type', communityType: 'vip' }, rules: rules({ words: { enabled: true, categories: ['gambling'] } }) });
    await createRuleSet(ctx, { scope: { kind: 'community', communityId: ids.g3! }, rules: rules({ flooding: { enabled: true, maxMessages: 3, perSeconds: 60 } }) });
    await createRuleSet(ctx, { scope: { kind: 'community', communityId: ids.g5! }, rules: rules({ newcomerLinks: { enabled: true, withinMinutes: 30 } }) });
    await setModerationSettings(ctx, { ladder: ['warn', 'mute_7d', 'remove'], strikeWindowDays: 30 });
  });
});
afterAll(async () => { await database.drop(); });

describe('rule precedence', () => {
  it('a group\'s own rule set beats its type\'s, which beats the workspace default, each whole', async () => {
    const judge = (g: string, text: string) => tenant((ctx) => testMessage(ctx, { communityId: ids[g], text }));
    // Basic group: the workspace default (ads words and links).
    expect((await judge('g2', '代开发票')).findings).toEqual([{ rule: 'words', category: 'ads', evidence: '代开发票' }]);
    expect((await judge('g2', '博彩')).findings).toEqual([]);
    expect((await judge('g2', '看 https://shop.example.com/x')).findings).toEqual([]);
    expect((await judge('g2', '看 https://spam.example.net/x')).findings.map((f) => f.rule)).toEqual(['links']);
    // VIP group: the vip rule set alone (gambling words, no links rule).
    expect((await judge('gv', '博彩')).findings.map((f) => f.category)).toEqual(['gambling']);
    expect((await judge('gv', '代开发票 https://spam.example.net')).findings).toEqual([]);
    // g3's own rule set has only flooding: the default's words do not apply there.
    const g3 = await judge('g3', '代开发票');
    expect(g3.findings).toEqual([]);
    expect(g3.ruleSetId).not.toBeNull();
  });
});

describe('the ladder', () => {
  it('warns on the first violation, takes the next step on the next, once per message even when ingested twice', async () => {
    const spam = say('spam-1', 'amy', 'g2', '代开发票，量大从优');
    await ingest([spam]);
    await ingest([spam]);
    let mine = await log('amy');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rule: 'words', category: 'ads', evidence: '代开发票', step: 'warn', strike: 1, status: 'active', communityId: ids.g2 });
    const warn = await actionOf(mine[0]!.actionId);
    expect(warn).toMatchObject({ kind: 'send_group', status: 'pending', payload: { mentions: ['amy'], automated: true, class: 'service' } });
    expect(warn!.payload.text).toContain('@amy同学');

    await ingest([say('spam-2', 'amy', 'g2', '代开发票 联系我'), say('spam-2', 'amy', 'g2', '代开发票 联系我')]);
    mine = await log('amy');
    expect(mine.map((v) => v.step)).toEqual(['mute_7d', 'warn']);
    // The platforms cannot mute through an API: staff get a task for it.
    expect(await actionOf(mine[0]!.actionId)).toMatchObject({ kind: 'staff_task', payload: { moderation: { step: 'mute_7d', days: 7 } } });
  });

  it('exempts the group\'s staff and allow-listed members', async () => {
    await tenant((ctx) => addMember(ctx, 'allow_list', { memberId: ids.eve, note: 'our partner' }));
    await ingest([say('dan-g2', 'dan', 'g2', '代开发票'), say('eve-g2', 'eve', 'g2', '代开发票')]);
    expect(await log('dan')).toEqual([]);
    expect(await log('eve')).toEqual([]);
    // Dan is staff of g2 only; in g4 he is a member like any other.
    await ingest([say('dan-g4', 'dan', 'g4', '代开发票')]);
    expect((await log('dan')).map((v) => v.communityId)).toEqual([ids.g4]);
  });

  it('reversal stops the strike counting and cancels its pending action', async () => {
    const [latest, first] = await log('amy');
    const res = await tenant((ctx) => reverseViolation(ctx, first!.id, { reason: 'appeal: it was a quote' }));
    expect(res.violation).toMatchObject({ status: 'reversed', reversedReason: 'appeal: it was a quote', actionStatus: 'cancelled' });
    expect(res.note).toContain('cancelled');
    await expect(tenant((ctx) => reverseViolation(ctx, first!.id, { reason: 'again' }))).rejects.toThrow(/already reversed/);
    // One strike still counts (the mute), so the next violation is the second step again, not the third.
    await ingest([say('spam-3', 'amy', 'g2', '代开发票!')]);
    expect((await log('amy'))[0]).toMatchObject({ step: 'mute_7d', strike: 2 });
    expect(latest!.step).toBe('mute_7d');
  });
});

describe('behaviour across messages', () => {
  it('flags flooding from the member\'s real recent messages', async () => {
    const t = Date.now() - 30 * SEC;
    await ingest([0, 1, 2, 3].map((i) => say(`flood-${i}`, 'fay', 'g3', `第${i}条`, new Date(t + i * 5 * SEC).toISOString())));
    const mine = await log('fay');
    expect(mine.map((v) => [v.rule, v.eventId])).toEqual([['flooding', 'flood-3']]);
  });

  it('flags the same message repeated across groups', async () => {
    const text = '明晚八点直播间见，不见不散';
    await ingest([say('rep-1', 'gus', 'g1', text, ago(120 * SEC))]);
    await ingest([say('rep-2', 'gus', 'g2', text, ago(60 * SEC))]);
    expect(await log('gus')).toEqual([]);
    await ingest([say('rep-3', 'gus', 'g4', text)]);
    expect((await log('gus')).map((v) => [v.rule, v.eventId])).toEqual([['repeats', 'rep-3']]);
  });

  it('flags a link from a member who joined minutes ago, and not from one who joined long ago', async () => {
    await ingest([join('new-joins', 'newbie', 'g5', ago(2 * 60 * SEC))]);
    await tenant(async (ctx) => { ids.newbie = (await rows<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = 'newbie'`))[0]!.id; });
    await ingest([say('new-link', 'newbie', 'g5', '进来看看 https://deals.example.net/a'), say('old-link', 'cat', 'g5', '进来看看 https://deals.example.net/a')]);
    expect((await log('newbie')).map((v) => v.rule)).toEqual(['newcomer_links']);
    expect(await log('cat')).toEqual([]);
  });

  it('does not judge history: an imported message from last week is not moderated', async () => {
    await ingest([say('old-1', 'hal', 'g2', '代开发票', ago(7 * DAY))]);
    expect(await log('hal')).toEqual([]);
  });
});

describe('block list', () => {
  it('removes a blocked member who joins any group, through the outbox', async () => {
    await tenant((ctx) => addMember(ctx, 'blocks', { memberId: ids.bob, note: 'scammer' }));
    await ingest([{ id: 'bob-leaves', type: 'member.left', occurredAt: ago(10 * SEC), community: group('g1'), member: person('bob'), data: {} }]);
    await ingest([join('bob-rejoins', 'bob', 'g1', ago(0))]);
    const [decision] = await log('bob');
    expect(decision).toMatchObject({ rule: 'block_list', step: 'remove', eventId: 'bob-rejoins', communityId: ids.g1 });
    expect(await actionOf(decision!.actionId)).toMatchObject({ kind: 'remove', status: 'pending' });
    while ((await dispatchActions(database, 50)).sent > 0) { /* until nothing is due */ }
    const left = await tenant((ctx) => rows<{ leftAt: Date | null }>(ctx.db, sql`
      select left_at as "leftAt" from memberships where community_id = ${ids.g1!} and member_id = ${ids.bob!}`));
    expect(left[0]!.leftAt).not.toBeNull();
    // Speaking anywhere else removes them from there too, whatever the message says.
    await ingest([say('bob-speaks', 'bob', 'g2', '大家好')]);
    expect((await log('bob'))[0]).toMatchObject({ rule: 'block_list', step: 'remove', eventId: 'bob-speaks', communityId: ids.g2 });
    // While that removal is on its way, more messages there take no further decisions.
    await ingest([say('bob-speaks-2', 'bob', 'g2', '还在吗')]);
    expect((await log('bob')).map((v) => v.eventId)).toEqual(['bob-speaks', 'bob-rejoins']);
  });
});

describe('per-group stats and tenancy', () => {
  it('counts decisions per group from the log', async () => {
    const stats = await tenant((ctx) => moderationStats(ctx, { days: 30 }));
    const g2 = stats.communities.find((c) => c.communityId === ids.g2)!;
    expect(g2).toMatchObject({ violations: 4, reversed: 1, members: 2, removals: 1, byRule: { words: 3, block_list: 1 } });
  });

  it('shows another workspace nothing', async () => {
    expect(await log(undefined, other)).toEqual([]);
    expect((await withTenant(database, other, system, (ctx) => moderationStats(ctx, { days: 30 }))).communities).toEqual([]);
  });
});
