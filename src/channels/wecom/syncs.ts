import type { TenantCtx } from '../../core/context.js';
import { paginate, type Page, type PageQuery } from '../../core/pagination.js';
import { one, sql } from '../../db/client.js';

export type SyncMode = 'full' | 'incremental';
export interface Sync {
  id: string; corpRowId: string; mode: SyncMode; status: 'running' | 'done' | 'failed'; cursor: string;
  pages: number; groupsSeen: number; groupsTotalKnown: number; groupsFetched: number; groupsDismissed: number;
  membersJoined: number; membersLeft: number; groupsSkipped: number; skipped: string | null; error: string | null;
  startedAt: Date; updatedAt: Date; finishedAt: Date | null;
}
export interface SyncCounts {
  pages: number; groupsSeen: number; groupsFetched: number; membersJoined: number; membersLeft: number;
  /** Groups WeCom would not read on their own, and the last such refusal. */
  groupsSkipped: number; skipped: string | null;
}

const COLUMNS = sql`id, corp_row_id as "corpRowId", mode, status, cursor, pages, groups_seen as "groupsSeen",
  groups_total_known as "groupsTotalKnown", groups_fetched as "groupsFetched", groups_dismissed as "groupsDismissed",
  members_joined as "membersJoined", members_left as "membersLeft", groups_skipped as "groupsSkipped", skipped, error,
  started_at as "startedAt", updated_at as "updatedAt", finished_at as "finishedAt"`;

export const syncJobKey = (syncId: string) => `wecom.groups.sync:${syncId}`;

/**
 * The corp's running sync, or a new one. A second request while one runs answers the running one (whatever
 * its mode): two syncs of one corp would diff the same groups at once.
 */
export async function openSync(ctx: TenantCtx, corpRowId: string, mode: SyncMode): Promise<{ sync: Sync; created: boolean }> {
  const created = await one<Sync>(ctx.db, sql`
    insert into wecom_syncs (workspace_id, corp_row_id, mode, groups_total_known)
    values (${ctx.workspaceId}, ${corpRowId}, ${mode},
      (select count(*)::int from wecom_groups where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId}))
    on conflict (workspace_id, corp_row_id) where status = 'running' do nothing
    returning ${COLUMNS}`);
  if (created) return { sync: created, created: true };
  const running = await one<Sync>(ctx.db, sql`select ${COLUMNS} from wecom_syncs
    where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and status = 'running'`);
  if (!running) throw new Error('a running sync finished while another was being opened; ask again');
  return { sync: running, created: false };
}

export function listSyncs(ctx: TenantCtx, corpRowId: string, q: PageQuery): Promise<Page<Sync>> {
  return paginate<Sync>(ctx.db, q, sql`select ${COLUMNS} from wecom_syncs where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId}`,
    sql`"startedAt" desc, id`);
}

/** After a page: where groupchat/list goes on from, and the running totals. Only a running sync moves. */
export async function saveSyncPage(ctx: TenantCtx, id: string, cursor: string, c: SyncCounts): Promise<void> {
  await ctx.db.execute(sql`update wecom_syncs set cursor = ${cursor}, pages = ${c.pages}, groups_seen = ${c.groupsSeen},
      groups_fetched = ${c.groupsFetched}, members_joined = ${c.membersJoined}, members_left = ${c.membersLeft},
      groups_skipped = ${c.groupsSkipped}, skipped = ${c.skipped}, error = null, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'running'`);
}

export async function finishSync(ctx: TenantCtx, id: string, dismissed: number): Promise<void> {
  await ctx.db.execute(sql`update wecom_syncs set status = 'done', groups_dismissed = ${dismissed}, error = null, updated_at = now(), finished_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'running'`);
}

/** A retryable failure keeps the sync running (the job comes back and resumes); a final one ends it. */
export async function failSync(ctx: TenantCtx, id: string, error: string, final: boolean): Promise<void> {
  await ctx.db.execute(sql`update wecom_syncs set error = ${error.slice(0, 1000)}, updated_at = now(),
      status = ${final ? 'failed' : 'running'}, finished_at = ${final ? new Date() : null}
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'running'`);
}
