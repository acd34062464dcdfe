import { one, rows, sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { recordAudit } from '../workspace/record-audit.js';
import { memberEntryInputSchema } from './contracts.js';

/**
 * The two member lists moderation keeps, shared by every group of the workspace: the block list (a blocked
 * member who joins or speaks is removed) and the allow-list (no rule applies to them).
 */
export type MemberList = 'blocks' | 'allow_list';
const TABLE = { blocks: 'moderation_blocks', allow_list: 'moderation_allow_list' } as const;
const NOTE = { blocks: 'reason', allow_list: 'note' } as const;

export interface MemberEntry { memberId: string; memberName: string; note: string | null; createdAt: Date }

export function listMembers(ctx: TenantCtx, list: MemberList): Promise<MemberEntry[]> {
  return rows<MemberEntry>(ctx.db, sql`
    select l.member_id as "memberId", m.display_name as "memberName", l.${sql.identifier(NOTE[list])} as note, l.created_at as "createdAt"
    from ${sql.identifier(TABLE[list])} l join members m on m.workspace_id = l.workspace_id and m.id = l.member_id
    where l.workspace_id = ${ctx.workspaceId} order by l.created_at desc limit 1000`);
}

/** Adds a member (again: the note is replaced). Blocking takes effect on their next join or message. */
export async function addMember(ctx: TenantCtx, list: MemberList, input: unknown): Promise<MemberEntry> {
  const v = parseInput(memberEntryInputSchema, input);
  if (!(await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${v.memberId}`))) {
    throw new AppError('not_found', 'memberId: member not found', [{ path: 'memberId', message: 'member not found' }]);
  }
  await ctx.db.execute(sql`
    insert into ${sql.identifier(TABLE[list])} (workspace_id, member_id, ${sql.identifier(NOTE[list])}, created_by)
    values (${ctx.workspaceId}, ${v.memberId}, ${v.note ?? null}, ${actorUserId(ctx.actor)})
    on conflict (workspace_id, member_id) do update set ${sql.identifier(NOTE[list])} = excluded.${sql.identifier(NOTE[list])}`);
  await recordAudit(ctx, `moderation.${list}_added`, 'member', v.memberId, { note: v.note ?? null });
  return (await listMembers(ctx, list)).find((e) => e.memberId === v.memberId)!;
}

export async function removeMember(ctx: TenantCtx, list: MemberList, memberId: string): Promise<void> {
  await ctx.db.execute(sql`delete from ${sql.identifier(TABLE[list])} where workspace_id = ${ctx.workspaceId} and member_id = ${memberId}`);
  await recordAudit(ctx, `moderation.${list}_removed`, 'member', memberId, {});
}
