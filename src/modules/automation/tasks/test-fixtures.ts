// Shared set-up of the staff task tests (not a test file itself).
import type { Database } from '../../../db/client.js';
import { one, sql } from '../../../db/client.js';
import { withTenant, type Actor, type Role, type TenantCtx } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { makeWorkspace } from '../../../../test/helpers/app.js';
import type { WorkspaceRow } from '../../workspace/create-workspace.js';

export const STAFF: { email: string; role: Role }[] = [
  { email: 'owner@t.test', role: 'owner' },
  { email: 'admin@t.test', role: 'admin' },
  { email: 'op1@t.test', role: 'operator' },
  { email: 'op2@t.test', role: 'operator' },
  { email: 'analyst@t.test', role: 'analyst' },
];

export interface TaskWorld {
  ws: WorkspaceRow;
  users: Record<string, string>;
  /** A sandbox group and a WeCom group, each with one member. */
  community: { sandbox: string; wecom: string };
  member: { sandbox: string; wecom: string };
  as: <T>(who: string | 'system', fn: (ctx: TenantCtx) => Promise<T>) => Promise<T>;
}

export async function makeTaskWorld(database: Database, slug: string): Promise<TaskWorld> {
  const ws = await makeWorkspace(database, slug, STAFF.map((s) => ({ email: s.email.replace('@', `.${slug}@`), role: s.role })));
  const users: Record<string, string> = {};
  for (const s of STAFF) {
    const key = s.email.split('@')[0]!;
    users[key] = (await one<{ id: string }>(database.db, sql`select id from users where email = ${s.email.replace('@', `.${slug}@`)}`))!.id;
  }
  const actorOf = (who: string): Actor => who === 'system'
    ? { kind: 'system', name: 'test' }
    : { kind: 'user', userId: users[who]!, role: STAFF.find((s) => s.email.startsWith(`${who}@`))!.role };
  const as = <T>(who: string, fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actorOf(who), fn);
  const ids = await as('system', async (ctx) => {
    await ingestEvents(ctx, (['sandbox', 'wecom'] as const).map((channel) => ({
      id: `${slug}-${channel}-1`, type: 'message.sent', occurredAt: '2026-11-01T00:00:00Z',
      community: { channel, externalId: `${channel}-g1`, name: `${channel} 福利群` },
      member: { channel, externalId: `${channel}-u1`, name: `${channel} 小王` }, data: { text: 'hi' },
    })));
    const pick = async (table: 'communities' | 'members', channel: string) => (await one<{ id: string }>(ctx.db, table === 'communities'
      ? sql`select id from communities where workspace_id = ${ctx.workspaceId} and channel = ${channel}`
      : sql`select m.id from members m join member_identities i on i.workspace_id = m.workspace_id and i.member_id = m.id
            where m.workspace_id = ${ctx.workspaceId} and i.channel = ${channel}`))!.id;
    return {
      community: { sandbox: await pick('communities', 'sandbox'), wecom: await pick('communities', 'wecom') },
      member: { sandbox: await pick('members', 'sandbox'), wecom: await pick('members', 'wecom') },
    };
  });
  return { ws, users, ...ids, as };
}

export const auditActions = (ctx: TenantCtx, targetId: string) =>
  ctx.db.execute(sql`select action from audit_log where workspace_id = ${ctx.workspaceId} and target_id = ${targetId} order by id`)
    .then((r) => (r as unknown as { rows: { action: string }[] }).rows.map((x) => x.action));
