import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../../db/client.js';
import { listMemberDraws } from './list-member-draws.js';
import { memberDrawEntries } from './member-draw-entries.js';
import { drawForMember } from './draw-for-member.js';
import { DAY, drawBody, drawsFixture, fieldOf, NAMES as names } from './test-fixtures.js';

let f: Awaited<ReturnType<typeof drawsFixture>>;
let database: typeof f.database, op: typeof f.op, analyst: typeof f.analyst, m: typeof f.m;
let tenant: typeof f.tenant, balance: typeof f.balance, openDraw: typeof f.openDraw, draw: typeof f.draw;

beforeAll(async () => {
  f = await drawsFixture('draws');
  ({ database, op, analyst, m, tenant, balance, openDraw, draw } = f);
});
afterAll(() => f.close());

describe('lucky draws: stock, units and eligibility', () => {
  it('validates a draw with the field named, and reads for analysts, writes for operators', async () => {
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ prizes: [] })))).toBe('prizes');
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ prizes: [{ name: 'x', kind: 'thanks', weight: 0 }] })))).toBe('prizes.0.weight');
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ prizes: [{ name: 'x', kind: 'thanks', weight: 1, stock: 3 }] })))).toBe('prizes.0.stock');
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ prizes: [{ name: 'x', kind: 'points', weight: 1 }] })))).toBe('prizes.0.points');
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ prizes: [{ name: 'x', kind: 'physical', weight: 1 }] })))).toBe('prizes.0.stock');
    const missing = await op.post('/api/v1/draws', drawBody({ prizes: [{ name: 'x', kind: 'reward', rewardId: '00000000-0000-4000-8000-000000000000', weight: 1, stock: 1 }] }));
    expect([missing.statusCode, fieldOf(missing)]).toEqual([400, 'prizes.0.rewardId']);
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ endsAt: new Date(Date.now() - 4 * DAY).toISOString() })))).toBe('endsAt');
    expect(fieldOf(await op.post('/api/v1/draws', drawBody({ segment: 'lifecycle:bored' })))).toBe('segment');
    expect((await analyst.post('/api/v1/draws', drawBody())).statusCode).toBe(403);
    const id = (await op.post('/api/v1/draws', drawBody({ name: '草稿' }))).json().id;
    expect((await analyst.get(`/api/v1/draws/${id}`)).json()).toMatchObject({ status: 'draft', commitment: null, seed: null });
    const edited = await op.put(`/api/v1/draws/${id}`, drawBody({ name: '改过的草稿' }));
    expect(edited.json().name).toBe('改过的草稿');
    expect([(await draw(id, 'm0')).statusCode, fieldOf(await draw(id, 'm0'))]).toEqual([409, 'status']);
    await op.post(`/api/v1/draws/${id}/open`);
    const late = await op.put(`/api/v1/draws/${id}`, drawBody());
    expect([late.statusCode, fieldOf(late)]).toEqual([409, 'status']);
  });


  it('concurrent draws never hand out more than the stock: 20 members, 3 units and a thanks prize', async () => {
    const d = await openDraw();
    expect(d.commitment).toMatch(/^[0-9a-f]{64}$/);
    const who = names.slice(3, 23);
    const results = await Promise.all(who.map((n) => draw(d.id, n)));
    expect(results.map((r) => r.statusCode)).toEqual(who.map(() => 200));
    const won = results.map((r) => r.json().prizeKind);
    expect(won.filter((k) => k !== 'thanks')).toHaveLength(3);
    expect(won.filter((k) => k === 'thanks')).toHaveLength(17);
    const after = (await op.get(`/api/v1/draws/${d.id}`)).json();
    expect(after.prizes.map((p: any) => [p.kind, p.stock, p.awarded])).toEqual([['physical', 0, 2], ['points', 0, 1], ['thanks', null, 17]]);
    const stocks = await rows<{ stock: number | null }>(database.db, sql`select stock from draw_prizes where draw_id = ${d.id}`);
    expect(stocks.every((s) => s.stock === null || s.stock >= 0)).toBe(true);
    // Every member paid once; the points winner got 50 back; physical winners have an award to hand out.
    const pointsWinner = results.find((r) => r.json().prizeKind === 'points')!.json();
    expect(await balance(pointsWinner.memberId)).toBe(140);
    expect((await Promise.all(who.map((n) => balance(m[n]!)))).filter((b) => b === 90)).toHaveLength(19);
    const awards = results.filter((r) => r.json().prizeKind === 'physical').map((r) => r.json());
    expect(awards.every((a) => a.awardStatus === 'pending' && a.awardId)).toBe(true);
    const fulfilled = await op.post(`/api/v1/draw-awards/${awards[0].awardId}/fulfil`);
    expect(fulfilled.json().status).toBe('fulfilled');
    // Everything is gone but "thanks", so later draws still work and all land on it.
    expect((await draw(d.id, 'm0')).json().prizeKind).toBe('thanks');
    const page = (await analyst.get(`/api/v1/draws/${d.id}/entries?pageSize=5&page=2`)).json();
    expect([page.total, page.items.length, page.page]).toEqual([21, 5, 2]);
  });


  it('a double click counts once per unit; replaying a key answers the first draw and charges once', async () => {
    const d = await openDraw({ unit: 'day', prizes: [{ name: '谢谢', kind: 'thanks', weight: 1 }] });
    const before = await balance(m.m1!);
    const clicks = await Promise.all(Array.from({ length: 6 }, (_, i) => draw(d.id, 'm1', `dbl-click-${i}`)));
    expect(clicks.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(clicks.filter((r) => r.statusCode === 409).every((r) => fieldOf(r) === 'memberId')).toBe(true);
    expect(await balance(m.m1!)).toBe(before - 10);
    const same = await Promise.all(Array.from({ length: 6 }, () => draw(d.id, 'm2', 'same-key-0001')));
    expect(same.map((r) => r.statusCode)).toEqual(same.map(() => 200));
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1);
    expect(same.filter((r) => r.json().created)).toHaveLength(1);
    const replay = await draw(d.id, 'm2', 'same-key-0001');
    expect([replay.json().created, replay.json().id]).toEqual([false, same[0]!.json().id]);
    expect(await balance(m.m2!)).toBe(90);
    const unit = (await rows<{ unitKey: string }>(database.db, sql`select unit_key as "unitKey" from draw_units where draw_id = ${d.id} and member_id = ${m.m2!}`));
    expect(unit).toHaveLength(1);
    expect(unit[0]!.unitKey).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mine = await tenant((ctx) => listMemberDraws(ctx, m.m2!));
    expect(mine.find((x) => x.id === d.id)!.eligibility).toMatchObject({ eligible: false, reason: 'unit_used' });
    expect((await tenant((ctx) => memberDrawEntries(ctx, m.m2!, d.id))).map((e) => e.id)).toEqual([same[0]!.json().id]);
  });


  it('refuses a member without the points, check-in days or segment, and spends nothing', async () => {
    const d = await openDraw({ minCheckInDays: 2, segment: 'lifecycle:new', prizes: [{ name: '帆布袋', kind: 'physical', weight: 1, stock: 5 }] });
    const poor = await draw(d.id, 'm23');
    expect(poor.statusCode).toBe(409);
    // m23 has no points but also too few check-ins: the check-in rule is named first.
    expect(fieldOf(poor)).toBe('minCheckInDays');
    const few = await draw(d.id, 'm2');
    expect([few.statusCode, fieldOf(few)]).toEqual([409, 'minCheckInDays']);
    const ok = await draw(d.id, 'm1');
    expect([ok.statusCode, ok.json().prizeName]).toEqual([200, '帆布袋']);
    const free = await openDraw({ pointsCost: 500, prizes: [{ name: '帆布袋', kind: 'physical', weight: 1, stock: 5 }] });
    const before = await balance(m.m4!);
    const broke = await draw(free.id, 'm4');
    expect([broke.statusCode, fieldOf(broke)]).toEqual([409, 'amount']);
    expect(await balance(m.m4!)).toBe(before);
    expect((await op.get(`/api/v1/draws/${free.id}`)).json().prizes[0].stock).toBe(5);
    expect(await rows(database.db, sql`select 1 from draw_units where draw_id = ${free.id}`)).toEqual([]);
    const seg = await openDraw({ segment: 'lifecycle:new', prizes: [{ name: '谢谢', kind: 'thanks', weight: 1 }] });
    const gone = await draw(seg.id, 'gone');
    expect([gone.statusCode, fieldOf(gone)]).toEqual([409, 'segment']);
    expect(await balance(m.gone!)).toBe(100);
    expect((await draw(seg.id, 'm5')).statusCode).toBe(200);
    const list = await tenant((ctx) => listMemberDraws(ctx, m.gone!));
    expect(list.find((x) => x.id === seg.id)!.eligibility).toMatchObject({ eligible: false, reason: 'segment', remainingUnits: 1 });
    expect(list.find((x) => x.id === d.id)!.eligibility).toMatchObject({ eligible: false, reason: 'check_in_days', checkInDays: 0 });
    const m6 = await tenant((ctx) => listMemberDraws(ctx, m.m6!));
    expect(m6.find((x) => x.id === seg.id)!.eligibility).toMatchObject({ eligible: true, reason: null, remainingUnits: 1, balance: await balance(m.m6!) });
    expect(m6.find((x) => x.id === free.id)!.eligibility).toMatchObject({ eligible: false, reason: 'points' });
  });


  it('the member-facing verbs refuse a malformed id or key naming the field', async () => {
    const d = await openDraw({ prizes: [{ name: '谢谢', kind: 'thanks', weight: 1 }] });
    const fieldOfError = (p: Promise<unknown>) => p.then(() => 'no error', (e: { fields?: { path: string }[] }) => e.fields?.[0]?.path);
    expect(await fieldOfError(tenant((ctx) => drawForMember(ctx, 'not-a-draw', m.m0!, { idempotencyKey: 'member-page-0001' })))).toBe('drawId');
    expect(await fieldOfError(tenant((ctx) => drawForMember(ctx, d.id, 'nobody', { idempotencyKey: 'member-page-0001' })))).toBe('memberId');
    expect(await fieldOfError(tenant((ctx) => drawForMember(ctx, d.id, m.m0!, { idempotencyKey: 'short' })))).toBe('idempotencyKey');
    expect(await fieldOfError(tenant((ctx) => memberDrawEntries(ctx, m.m0!, 'x')))).toBe('drawId');
    expect(await fieldOfError(tenant((ctx) => listMemberDraws(ctx, '1')))).toBe('memberId');
    const first = await tenant((ctx) => drawForMember(ctx, d.id, m.m0!, { idempotencyKey: 'member-page-0001' }));
    expect([first.created, first.prizeName]).toEqual([true, '谢谢']);
  });

  it('another workspace\'s draws are not found', async () => {
    const stranger = await f.stranger();
    const d = await openDraw({ name: '私有' });
    expect((await stranger.get(`/api/v1/draws/${d.id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/draws/${d.id}`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/draws/${d.id}/draw`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/draws/${d.id}/close`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/draws/${d.id}/entries`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/draws')).json().total).toBe(0);
  });
});
