import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant, type TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { memberRoles } from './roles.js';

/*
 * One group, Asia/Shanghai, asOf Mon 2026-04-06 12:00 local: D = 04-06, last 28 days 03-10..04-06, last 14
 * days 03-24..04-06. olga (owner), amy, ben, cal, dee, eli, fay and lou join 03-01; lou sends 20 messages on
 * 03-20 and leaves 03-30; s01..s13 join 03-01 and never speak. nat joins 04-04 13:00 (47 h before asOf), ned
 * 04-04 11:00 (49 h).
 *   olga o1..o10 on 03-25                       amy a1..a4 reply o1..o4, a5 mentions cal (03-26)
 *   ben b1..b5 reply o5..o9, b1 mentions amy and cal, b2 mentions cal (03-27)
 *   cal c1 replies o10, c2 replies a5, c3 mentions amy (03-28)     dee d1 mentions amy, cal, ben (04-01)
 *   eli e1 on 03-15
 */
const G = { channel: 'webhook', externalId: 'gamma', name: 'Gamma' };
const person = (id: string) => ({ channel: 'webhook', externalId: id, name: id });
const local = (at: string) => `2026-${at.replace(' ', 'T')}:00+08:00`;
const say = (id: string, who: string, at: string, data: Record<string, unknown> = {}) =>
  ({ id, type: 'message.sent', occurredAt: local(at), community: G, member: person(who), data: { text: 'a message', ...data } });
const join = (who: string, at: string, data: Record<string, unknown> = {}) => ({ id: `j-${who}`, type: 'member.joined', occurredAt: local(at), community: G, member: person(who), data });
const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
const silent = range(13).map((i) => `s${String(i).padStart(2, '0')}`);

const events = [
  join('olga', '03-01 10:00', { role: 'owner' }), ...['amy', 'ben', 'cal', 'dee', 'eli', 'fay', 'lou', ...silent].map((p) => join(p, '03-01 10:00')),
  join('nat', '04-04 13:00'), join('ned', '04-04 11:00'),
  ...range(20).map((i) => say(`lou${i}`, 'lou', `03-20 10:${String(i).padStart(2, '0')}`)),
  { id: 'l-lou', type: 'member.left', occurredAt: local('03-30 10:00'), community: G, member: person('lou'), data: {} },
  ...range(10).map((i) => say(`o${i}`, 'olga', `03-25 09:${String(i).padStart(2, '0')}`)),
  ...range(4).map((i) => say(`a${i}`, 'amy', `03-26 09:0${i}`, { replyTo: `o${i}` })),
  say('a5', 'amy', '03-26 10:00', { mentions: ['cal'] }),
  ...range(5).map((i) => say(`b${i}`, 'ben', `03-27 09:0${i}`, { replyTo: `o${i + 4}`, ...(i === 1 ? { mentions: ['amy', 'cal'] } : i === 2 ? { mentions: ['cal'] } : {}) })),
  say('c1', 'cal', '03-28 09:00', { replyTo: 'o10' }), say('c2', 'cal', '03-28 09:01', { replyTo: 'a5' }), say('c3', 'cal', '03-28 09:02', { mentions: ['amy'] }),
  say('d1', 'dee', '04-01 09:00', { mentions: ['amy', 'cal', 'ben'] }),
  say('e1', 'eli', '03-15 09:00'),
];

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const names: Record<string, string> = {};
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, { kind: 'system', name: 'test' }, fn);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'roles', []);
  const results = await inWs((ctx) => ingestEvents(ctx, events));
  expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  await inWs(async (ctx) => {
    for (const m of await rows<{ id: string; display_name: string }>(ctx.db, sql`select id, display_name from members`)) names[m.id] = m.display_name;
  });
});
afterAll(async () => { await database.drop(); });

describe('memberRoles', () => {
  it('flags core, KOL candidates, lurkers and newcomers among the members present at asOf', async () => {
    /*
     * Present speakers of the last 28 days (lou has left and is not ranked): olga 10, amy 5, ben 5, cal 3, dee 1,
     * eli 1 -> k = ceil(6/5) = 2, the 2nd largest is 5 -> core olga, amy, ben (the tie at 5 is kept).
     * Received (replies + mentions): olga 4 + 5 + 1 = 10; amy b1 c3 d1 + c2 = 4; cal a5 b1 b2 d1 = 4; ben d1 = 1.
     * KOL: present non-owner/admin members amy ben cal dee eli fay nat ned s01..s13 = 21 -> the first
     * ceil(21/20) = 2 of kolCandidates, which leaves olga (owner) out: amy and cal (received 4 each, so 0.5
     * on that half) before ben (1 received, 0.125, and only dee addresses him, so less reach than cal, whom
     * amy, ben and dee address). Both have >= 3 received.
     * Lurkers (no message 03-24..04-06): eli (03-15), fay, nat, ned, s01..s13 (never). Newcomer: nat (47 h), not ned (49 h).
     */
    const roles = await inWs((ctx) => memberRoles(ctx, { asOf: new Date(local('04-06 12:00')) }));
    const f = (core: boolean, kol_candidate: boolean, lurker: boolean, newcomer: boolean, messages_28d: number, received_28d: number) =>
      ({ core, kol_candidate, lurker, newcomer, messages_28d, received_28d });
    expect(Object.fromEntries(roles.map(({ member_id, ...r }) => [names[member_id], r]))).toEqual({
      olga: f(true, false, false, false, 10, 10),
      amy: f(true, true, false, false, 5, 4),
      ben: f(true, false, false, false, 5, 1),
      cal: f(false, true, false, false, 3, 4),
      dee: f(false, false, false, false, 1, 0),
      eli: f(false, false, true, false, 1, 0),
      fay: f(false, false, true, false, 0, 0),
      nat: f(false, false, true, true, 0, 0),
      ned: f(false, false, true, false, 0, 0),
      ...Object.fromEntries(silent.map((s) => [s, f(false, false, true, false, 0, 0)])),
    });
  });

  it('needs at least 3 received for a KOL candidate, and ranks from the as-of day back', async () => {
    /*
     * asOf 03-27 00:00: D = 03-26, present: olga..lou (lou leaves 03-30), not nat or ned. Last 28 days 02-27..03-26:
     * lou 20, olga 10, amy 5 -> k = 1 -> core lou. Received in [02-28 00:00, 03-27 00:00): olga 4 (a1..a4),
     * cal 1 (a5). KOL: 20 present non-owners -> the first 1 of kolCandidates, cal, but with 1 received (< 3)
     * -> none. Lurkers (03-13..03-26 silent): ben cal dee fay s01..s13 (eli spoke 03-15).
     */
    const roles = await inWs((ctx) => memberRoles(ctx, { asOf: new Date(local('03-27 00:00')) }));
    const flagged = (k: 'core' | 'kol_candidate' | 'lurker' | 'newcomer') => roles.filter((r) => r[k]).map((r) => names[r.member_id]).sort();
    expect(flagged('core')).toEqual(['lou']);
    expect(flagged('kol_candidate')).toEqual([]);
    expect(flagged('lurker')).toEqual(['ben', 'cal', 'dee', 'fay', ...silent]);
    expect(flagged('newcomer')).toEqual([]);
    expect(roles).toHaveLength(21);
  });
});
