import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { DEFAULT_RULE_SETTINGS } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const ids: Record<string, string> = {};
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'moderation-api', [{ email: 'op@m.test', role: 'operator' }, { email: 'analyst@m.test', role: 'analyst' }]);
  await makeWorkspace(database, 'moderation-api-other', [{ email: 'op@other.test', role: 'admin' }]);
  op = as(app, await loginAs(app, 'op@m.test'));
  analyst = as(app, await loginAs(app, 'analyst@m.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => ingestEvents(ctx, [
    { id: 'join-amy', type: 'member.joined', occurredAt: '2026-01-01T00:00:00Z', community: { channel: 'sandbox', externalId: 'g1', name: 'g1' }, member: { channel: 'sandbox', externalId: 'amy', name: 'Amy' }, data: {} },
  ]));
  ids.community = (await op.get('/api/v1/communities')).json().items[0].id;
  ids.member = (await op.get('/api/v1/members')).json().items[0].id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('moderation routes', () => {
  it('validates rule sets naming the field, and keeps one rule set per scope', async () => {
    const bad = await op.post('/api/v1/moderation/rule-sets', { scope: { kind: 'workspace' }, rules: { ...DEFAULT_RULE_SETTINGS, flooding: { enabled: true, maxMessages: 1, perSeconds: 60 } } });
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('rules.flooding.maxMessages');
    const domain = await op.post('/api/v1/moderation/rule-sets', { scope: { kind: 'workspace' }, rules: { ...DEFAULT_RULE_SETTINGS, links: { enabled: true, allowDomains: ['not a domain'] } } });
    expect(fieldOf(domain)).toBe('rules.links.allowDomains.0');
    const created = await op.post('/api/v1/moderation/rule-sets', { scope: { kind: 'workspace' }, rules: DEFAULT_RULE_SETTINGS });
    expect(created.statusCode, created.body).toBe(201);
    ids.ruleSet = created.json().id;
    const again = await op.post('/api/v1/moderation/rule-sets', { scope: { kind: 'workspace' }, rules: DEFAULT_RULE_SETTINGS });
    expect(again.statusCode).toBe(409);
    const missing = await op.post('/api/v1/moderation/rule-sets', { scope: { kind: 'community', communityId: '00000000-0000-4000-8000-000000000000' }, rules: DEFAULT_RULE_SETTINGS });
    expect([missing.statusCode, fieldOf(missing)]).toEqual([404, 'scope.communityId']);
    const put = await op.put(`/api/v1/moderation/rule-sets/${ids.ruleSet}`, { enabled: true, rules: { ...DEFAULT_RULE_SETTINGS, warnText: '请勿发广告' } });
    expect(put.json()).toMatchObject({ version: 2, rules: { warnText: '请勿发广告' } });
    expect((await analyst.put(`/api/v1/moderation/rule-sets/${ids.ruleSet}`, { enabled: false, rules: DEFAULT_RULE_SETTINGS })).statusCode).toBe(403);
  });

  it('imports a word list with per-line errors and tests a message against it', async () => {
    const res = await op.post('/api/v1/moderation/words/import', { text: '代开发票,ads\n***\n博彩|gambling\n', mode: 'merge' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported).toBe(2);
    expect(res.json().errors).toEqual([expect.objectContaining({ line: 2 })]);
    expect((await analyst.get('/api/v1/moderation/words')).json().categories).toEqual([{ category: 'ads', terms: 1 }, { category: 'gambling', terms: 1 }]);
    const test = await analyst.post('/api/v1/moderation/test', { communityId: ids.community, text: '代开发票 加我' });
    expect(test.json()).toMatchObject({ findings: [{ rule: 'words', category: 'ads', evidence: '代开发票' }], step: 'warn', strike: 1, exempt: false });
    const draft = await analyst.post('/api/v1/moderation/test', { text: '代开发票', rules: { ...DEFAULT_RULE_SETTINGS, words: { enabled: false, categories: [] } } });
    expect(draft.json().findings).toEqual([]);
    expect(fieldOf(await analyst.post('/api/v1/moderation/test', { text: 5 }))).toBe('text');
    // Nothing was recorded.
    expect((await analyst.get('/api/v1/moderation/violations')).json().total).toBe(0);
  });

  it('keeps the ladder, the block list and the allow-list', async () => {
    expect(fieldOf(await op.put('/api/v1/moderation/settings', { ladder: ['warn', 'mute_2d'], strikeWindowDays: 30 }))).toBe('ladder.1');
    expect((await op.put('/api/v1/moderation/settings', { ladder: ['warn', 'remove'], strikeWindowDays: 7 })).json()).toMatchObject({ ladder: ['warn', 'remove'], strikeWindowDays: 7 });
    expect((await op.post('/api/v1/moderation/blocks', { memberId: ids.member, note: 'scam' })).statusCode).toBe(201);
    expect((await analyst.get('/api/v1/moderation/blocks')).json().items).toEqual([expect.objectContaining({ memberId: ids.member, note: 'scam', memberName: 'Amy' })]);
    expect((await op.delete(`/api/v1/moderation/blocks/${ids.member}`)).statusCode).toBe(204);
    expect((await analyst.get('/api/v1/moderation/blocks')).json().items).toEqual([]);
    expect(fieldOf(await op.post('/api/v1/moderation/allow-list', { memberId: 'nope' }))).toBe('memberId');
  });

  it('shows another workspace nothing and lets it change nothing', async () => {
    expect((await stranger.get('/api/v1/moderation/rule-sets')).json().items).toEqual([]);
    expect((await stranger.get(`/api/v1/moderation/rule-sets/${ids.ruleSet}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/moderation/rule-sets/${ids.ruleSet}`, {})).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/moderation/rule-sets/${ids.ruleSet}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/moderation/words')).json().categories).toEqual([]);
    expect((await stranger.post('/api/v1/moderation/test', { communityId: ids.community, text: 'x' })).statusCode).toBe(404);
    expect((await stranger.post('/api/v1/moderation/blocks', { memberId: ids.member })).statusCode).toBe(404);
  });
});
