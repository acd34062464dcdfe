import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { enqueueAction } from '../enqueue-action.js';
import { dispatchActions } from '../dispatch-actions.js';
import { setGuardrailSettings } from './set-guardrail-settings.js';
import { optInMember } from './opt-in-member.js';
import { DEFAULT_GUARDRAILS } from './contracts.js';
import { matchOptOutKeyword } from './opt-out-keywords.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const tenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);
const group = { channel: 'sandbox', externalId: 'sbx-1', name: '秒杀群' };
const said = (id: string, who: string, text: string, data: Record<string, unknown> = {}) =>
  ({ id, type: 'message.sent', occurredAt: '2026-06-01T04:00:00Z', community: group, member: { channel: 'sandbox', externalId: who, name: who }, data: { text, ...data } });
const ingest = (events: unknown[]) => tenant((ctx) => ingestEvents(ctx, events));
const memberId = (who: string) => tenant(async (ctx) => (await one<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = ${who}`))!.id);
const communityId = () => tenant(async (ctx) => (await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = 'sbx-1'`))!.id);
const records = () => tenant((ctx) => rows<{ memberId: string; keyword: string | null; eventId: string | null; source: string; optedOutAt: Date }>(ctx.db, sql`
  select member_id as "memberId", keyword, event_id as "eventId", source, opted_out_at as "optedOutAt" from member_opt_outs order by opted_out_at`));
const optedOut = async (who: string) => {
  const id = await memberId(who);
  return tenant(async (ctx) => (await one<{ o: boolean }>(ctx.db, sql`select opted_out as o from members where id = ${id}`))!.o);
};

let seq = 0;
async function queue(kind: 'send_private' | 'send_group', payload: Record<string, unknown>, member: string | null) {
  const community = await communityId();
  return tenant((ctx) => enqueueAction(ctx, { idempotencyKey: `k${++seq}`, kind, channel: 'sandbox', communityId: community, memberId: member, payload: { text: 'hi', ...payload } }));
}
const status = (id: string) => tenant(async (ctx) => (await one<{ status: string; lastError: string | null; attempts: number }>(ctx.db, sql`
  select status, last_error as "lastError", attempts from actions where id = ${id}`))!);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'guardrails-opt-out', name: 'Opt-out' });
  // No quiet hours, so what is left to see here is the opt-out alone.
  await tenant((ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: '00:00', end: '00:00' }, memberMarketingPerDay: null }));
});
afterAll(async () => { await database.drop(); });

describe('matchOptOutKeyword', () => {
  it('compares the whole trimmed message, ignoring case and full-width forms', () => {
    const k = DEFAULT_GUARDRAILS.optOutKeywords;
    expect(matchOptOutKeyword('退订', k)).toBe('退订');
    expect(matchOptOutKeyword('  td\n', k)).toBe('TD');
    expect(matchOptOutKeyword('\u3000ＴＤ\u3000', k)).toBe('TD');
    expect(matchOptOutKeyword('Stop', k)).toBe('stop');
    expect(matchOptOutKeyword('please stop', k)).toBeNull();
    expect(matchOptOutKeyword('退订了吗', k)).toBeNull();
    expect(matchOptOutKeyword('', k)).toBeNull();
    expect(matchOptOutKeyword(undefined, k)).toBeNull();
  });
});

describe('opt-out by keyword at intake', () => {
  it('opts the member out with the message, and the next automated private message to them is cancelled', async () => {
    await ingest([said('m1', 'wang', '大家好'), said('m2', 'li', '在吗')]);
    const wang = await memberId('wang');
    const li = await memberId('li');
    const before = await queue('send_private', { automated: true, class: 'marketing' }, wang);
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    expect((await status(before.id)).status).toBe('sent');

    const results = await ingest([said('m3', 'wang', ' ＴＤ '), said('m4', 'li', 'TD 是什么意思？')]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
    expect(await records()).toEqual([{ memberId: wang, keyword: 'TD', eventId: 'm3', source: 'keyword', optedOutAt: new Date('2026-06-01T04:00:00Z') }]);
    expect(await optedOut('wang')).toBe(true);
    expect(await optedOut('li')).toBe(false);

    const marketing = await queue('send_private', { automated: true, class: 'marketing' }, wang);
    const service = await queue('send_private', { automated: true, class: 'service' }, wang);
    const toGroup = await queue('send_group', { automated: true, class: 'marketing' }, null);
    const manual = await queue('send_private', {}, wang);
    const toLi = await queue('send_private', { automated: true, class: 'marketing' }, li);
    expect(await dispatchActions(database)).toEqual({ sent: 3, failed: 0, retried: 0 });
    for (const a of [marketing, service]) expect(await status(a.id)).toEqual({ status: 'cancelled', lastError: 'member opted out', attempts: 0 });
    // The group still hears automated messages; an operator's own message is never held; others are not affected.
    for (const a of [toGroup, manual, toLi]) expect((await status(a.id)).status).toBe('sent');
  });

  it('records once when the same message is ingested again, and ignores our own echoes', async () => {
    expect((await ingest([said('m3', 'wang', ' ＴＤ ')]))[0]!.status).toBe('duplicate');
    const bot = await ingest([said('echo-1', 'shequn-bot', 'TD', { actionId: '00000000-0000-4000-8000-000000000001' })]);
    expect(bot[0]!.status).toBe('stored');
    expect(await records()).toHaveLength(1);
    expect(await optedOut('shequn-bot')).toBe(false);

    // Opted back in, the member is not opted out again by a replay of the old message...
    const wang = await memberId('wang');
    await tenant((ctx) => optInMember(ctx, wang));
    expect(await records()).toEqual([]);
    await ingest([said('m3', 'wang', ' ＴＤ ')]);
    expect(await optedOut('wang')).toBe(false);
    // ...but is by a new one, with a fresh record.
    await ingest([{ ...said('m5', 'wang', '退订'), occurredAt: '2026-06-02T04:00:00Z' }]);
    expect(await records()).toEqual([expect.objectContaining({ memberId: wang, keyword: '退订', eventId: 'm5', optedOutAt: new Date('2026-06-02T04:00:00Z') })]);
  });

  it('uses the workspace\'s own keywords and keeps the first opt-out of a batch', async () => {
    await tenant((ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, optOutKeywords: ['取消订阅'], quietHours: { start: '00:00', end: '00:00' } }));
    await ingest([
      { ...said('z1', 'zhao', 'TD'), occurredAt: '2026-06-03T01:00:00Z' },
      { ...said('z3', 'zhao', '取消订阅'), occurredAt: '2026-06-03T03:00:00Z' },
      { ...said('z2', 'zhao', '取消订阅 '), occurredAt: '2026-06-03T02:00:00Z' },
    ]);
    const zhao = await memberId('zhao');
    expect((await records()).find((r) => r.memberId === zhao)).toMatchObject({ eventId: 'z2', keyword: '取消订阅' });
  });

  it('a member switched back on at the member page and opting out again gets a fresh record', async () => {
    const wang = await memberId('wang');
    // The member page's switch clears only members.opted_out and leaves the old record behind.
    await tenant((ctx) => ctx.db.execute(sql`update members set opted_out = false where id = ${wang}`));
    await ingest([{ ...said('m6', 'wang', '取消订阅'), occurredAt: '2026-06-04T04:00:00Z' }]);
    expect((await records()).find((r) => r.memberId === wang)).toMatchObject({ eventId: 'm6', optedOutAt: new Date('2026-06-04T04:00:00Z') });
  });
});
