import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { enqueueAction } from '../enqueue-action.js';
import { dispatchActions } from '../dispatch-actions.js';
import { setGuardrailSettings } from './set-guardrail-settings.js';
import { checkDelivery } from './check-delivery.js';
import { DEFAULT_GUARDRAILS, type GuardrailSettings } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let ids: { group: string; a: string; b: string };
const system = { kind: 'system' as const, name: 'test' };
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// A fixed-offset zone in which it is about noon now, so "today" is hours from either midnight whenever the
// suite runs and every expectation below can be computed from the offset alone.
const offsetHours = 12 - new Date().getUTCHours();
const zone = offsetHours === 0 ? 'Etc/GMT' : offsetHours > 0 ? `Etc/GMT-${offsetHours}` : `Etc/GMT+${-offsetHours}`;
const offset = offsetHours * HOUR;
const localNow = () => Date.now() + offset;
const hhmm = (localMs: number) => new Date(localMs).toISOString().slice(11, 16);
const nextLocalMidnight = () => new Date(Math.floor(localNow() / DAY) * DAY + DAY - offset);

const tenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);
const configure = (patch: Partial<GuardrailSettings>) => tenant((ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, ...patch }));
const NO_QUIET = { start: '00:00', end: '00:00' };

let seq = 0;
async function queue(kind: 'send_private' | 'send_group', payload: Record<string, unknown>, memberId: string | null = null): Promise<string> {
  const action = await tenant((ctx) => enqueueAction(ctx, {
    idempotencyKey: `t-${++seq}`, kind, channel: 'sandbox', communityId: ids.group, memberId, payload: { text: `msg ${seq}`, ...payload },
  }));
  return action.id;
}
interface ActionState { status: string; attempts: number; nextAttemptAt: Date; lastError: string | null }
const state = (id: string) => tenant(async (ctx) => (await one<ActionState>(ctx.db, sql`
  select status, attempts, next_attempt_at as "nextAttemptAt", last_error as "lastError" from actions where id = ${id}`))!);

const MARKETING = { automated: true, class: 'marketing' };
const SERVICE = { automated: true, class: 'service' };

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'guardrails-delivery', name: 'Delivery', timeZone: zone });
  const group = { channel: 'sandbox', externalId: 'sbx-g', name: '福利群' };
  ids = await tenant(async (ctx) => {
    await ingestEvents(ctx, ['a', 'b'].map((m) => ({
      id: `join-${m}`, type: 'member.joined', occurredAt: '2026-01-05T02:00:00Z', community: group, member: { channel: 'sandbox', externalId: m, name: m }, data: {},
    })));
    const id = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(ctx.db, q))!.id;
    return {
      group: await id(sql`select id from communities where external_id = 'sbx-g'`),
      a: await id(sql`select member_id as id from member_identities where external_id = 'a'`),
      b: await id(sql`select member_id as id from member_identities where external_id = 'b'`),
    };
  });
});
afterAll(async () => { await database.drop(); });
// Each test starts from an empty outbox, so no earlier send counts against today's caps.
beforeEach(async () => { await tenant((ctx) => ctx.db.execute(sql`delete from actions`)); });

describe('quiet hours at delivery', () => {
  it('holds automated messages until the window ends, without spending an attempt; operator messages go out', async () => {
    const start = hhmm(localNow() - HOUR);
    const end = hhmm(localNow() + HOUR);
    await configure({ quietHours: { start, end } });
    const group = await queue('send_group', MARKETING);
    const service = await queue('send_private', SERVICE, ids.a);
    const manual = await queue('send_group', {});

    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
    const endsAt = new Date(Math.floor(localNow() / DAY) * DAY + Number(end.slice(0, 2)) * HOUR + Number(end.slice(3)) * 60_000 - offset);
    for (const id of [group, service]) {
      // Released: pending again (not left 'sending' under the lease), the attempt given back.
      expect(await state(id)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: endsAt, lastError: null });
    }
    expect((await state(manual)).status).toBe('sent');
    // Not due again before the window ends.
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect((await state(group)).status).toBe('pending');

    // Once the window is over (here: the operator ends quiet hours), the held messages go out.
    await configure({ quietHours: NO_QUIET });
    await tenant((ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where status = 'pending'`));
    expect(await dispatchActions(database)).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(await state(group)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('frequency caps at delivery', () => {
  it('sends one automated marketing message per member per local day and moves the rest to tomorrow', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: 1, groupMarketingPerDay: null });
    const first = await queue('send_private', MARKETING, ids.a);
    const second = await queue('send_private', MARKETING, ids.a);
    // Automated without a class counts as marketing.
    const unclassed = await queue('send_private', { automated: true }, ids.a);
    const service = await queue('send_private', SERVICE, ids.a);
    const manual = await queue('send_private', {}, ids.a);
    const other = await queue('send_private', MARKETING, ids.b);

    expect(await dispatchActions(database)).toEqual({ sent: 4, failed: 0, retried: 0 });
    for (const id of [first, service, manual, other]) expect((await state(id)).status, id).toBe('sent');
    for (const id of [second, unclassed]) {
      expect(await state(id)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: nextLocalMidnight(), lastError: null });
    }
  });

  it('caps automated marketing messages per group, and lands after the next night\'s quiet hours', async () => {
    // Quiet from midnight to 07:00: tomorrow's allowance starts at 07:00.
    await configure({ quietHours: { start: '00:00', end: '07:00' }, groupMarketingPerDay: 2 });
    const manual = await queue('send_group', {});
    const sends = [await queue('send_group', MARKETING), await queue('send_group', MARKETING), await queue('send_group', MARKETING)];
    const service = await queue('send_group', SERVICE);

    expect(await dispatchActions(database)).toEqual({ sent: 4, failed: 0, retried: 0 });
    expect((await state(manual)).status).toBe('sent');
    expect((await state(service)).status).toBe('sent');
    expect([(await state(sends[0]!)).status, (await state(sends[1]!)).status]).toEqual(['sent', 'sent']);
    expect(await state(sends[2]!)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: new Date(nextLocalMidnight().getTime() + 7 * HOUR), lastError: null });

    // Raising the cap lets it out at once.
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 3 });
    await tenant((ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where status = 'pending'`));
    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
  });

  // PGlite has one connection, so two transactions never overlap there; the race needs a server.
  it.skipIf(TEST_DRIVER !== 'postgres')('holds to the cap while another worker\'s send to the member is still uncommitted', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: 1 });
    const first = await queue('send_private', MARKETING, ids.b);
    const second = await queue('send_private', MARKETING, ids.b);
    let commit!: () => void;
    const held = new Promise<void>((resolve) => { commit = resolve; });
    let judged!: () => void;
    const firstJudged = new Promise<void>((resolve) => { judged = resolve; });
    // Worker one: judges and sends the first message, then stays uncommitted until told.
    const workerOne = tenant(async (ctx) => {
      expect(await checkDelivery(ctx, { kind: 'send_private', communityId: ids.group, memberId: ids.b, payload: MARKETING })).toEqual({ decision: 'send' });
      await ctx.db.execute(sql`update actions set status = 'sent', sent_at = now() where id = ${first}`);
      judged();
      await held;
    });
    await firstJudged;
    // Worker two claims the second message meanwhile; its count must wait for worker one's commit.
    const two = dispatchActions(database);
    let twoDone = false;
    void two.then(() => { twoDone = true; });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(twoDone).toBe(false);
    } finally {
      commit();
      await workerOne;
    }
    expect(await two).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await state(second)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: nextLocalMidnight() });
  });

  it('has no cap when the cap is null', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: null });
    for (let i = 0; i < 3; i++) await queue('send_private', MARKETING, ids.a);
    expect(await dispatchActions(database)).toEqual({ sent: 3, failed: 0, retried: 0 });
    const statuses = await tenant((ctx) => rows<{ status: string }>(ctx.db, sql`select status from actions`));
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });
});
