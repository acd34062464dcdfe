import { withTenant, withTenantRetrying, type Actor, type TenantCtx, type WorkspaceRef } from '../../core/context.js';
import { one, rows, sql, texts, type Database } from '../../db/client.js';
import type { JobInfo } from '../../jobs/definitions.js';
import { extendLease, reportProgress } from '../../jobs/queue.js';
import { updateCommunity } from '../../modules/community/communities.js';
import { WecomApiError, wecomClient, type ClientOptions } from './api-client.js';
import { applyGroup } from './apply-group.js';
import { corpCredentials } from './corps.js';
import { getGroupChat, listGroupChats } from './groupchat-api.js';
import { failSync, finishSync, openSync, saveSyncPage, type SyncCounts, type SyncMode } from './syncs.js';

const actor: Actor = { kind: 'system', name: 'wecom.groups.sync' };
const LEASE_SECONDS = 300;
const HEARTBEAT_MS = 60_000;
/**
 * Groups per groupchat/list page (WeCom allows up to 1000). Each listed group costs a groupchat/get, so a smaller
 * page moves the progress bar and the saved cursor every 100 groups: a retry redoes at most that many.
 */
const SYNC_PAGE = 100;

export interface SyncGroupsPayload { workspaceId: string; corpRowId: string; mode: SyncMode }

/**
 * The job wecom.groups.sync: every customer group of a corp through groupchat/list, page by page, each group
 * through groupchat/get and applyGroup. The cursor and counts are saved after each page, so a retried job
 * goes on at the saved cursor; a page half-done when it failed is applied again, which changes nothing twice
 * (stable event ids, upserts). WeCom is called between transactions, never inside one.
 *
 * full: every group is read with groupchat/get and its members diffed, repairing whatever callbacks missed.
 * incremental: only groups Shequn does not know yet are read; known ones are kept current by the callbacks
 * (joins and leaves arrive as events, renames and owner changes queue wecom.group.refresh). Both dismiss
 * the communities of groups groupchat/list no longer lists.
 */
export async function syncGroups(database: Database, p: SyncGroupsPayload, job: JobInfo, opts: ClientOptions = {}): Promise<void> {
  const ws = await one<WorkspaceRef>(database.db, sql`select id, time_zone as "timeZone" from workspaces where id = ${p.workspaceId}`);
  if (!ws) return;
  const inTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actor, fn);
  const opened = await inTenant(async (ctx) => {
    const corp = await one(ctx.db, sql`select 1 as x from wecom_corps where workspace_id = ${ctx.workspaceId} and id = ${p.corpRowId}`);
    if (!corp) return null; // disconnected since: its syncs went with it
    return { ...(await openSync(ctx, p.corpRowId, p.mode)), creds: await corpCredentials(ctx, p.corpRowId) };
  });
  if (!opened) return;
  const { sync, creds } = opened;
  const client = wecomClient(creds, opts);
  const counts: SyncCounts = {
    pages: sync.pages, groupsSeen: sync.groupsSeen, groupsFetched: sync.groupsFetched, membersJoined: sync.membersJoined,
    membersLeft: sync.membersLeft, groupsSkipped: sync.groupsSkipped, skipped: sync.skipped,
  };
  let cursor = sync.cursor;
  // A page of 1000 groups is 1000 groupchat/get calls: the lease is kept alive between pages too.
  const heartbeat = setInterval(() => { void extendLease(database, job.id, job.workerId, LEASE_SECONDS).catch(() => undefined); }, HEARTBEAT_MS);
  try {
    // pages > 0 with an empty cursor: the last page was written before a crash; only finishing is left.
    while (counts.pages === 0 || cursor) {
      const page = await listGroupChats(client, cursor, SYNC_PAGE);
      const ids = page.group_chat_list.map((g) => g.chat_id);
      const known = sync.mode === 'incremental' ? await inTenant((ctx) => knownChats(ctx, p.corpRowId, ids)) : new Set<string>();
      const skipped: string[] = [];
      for (const chatId of ids) {
        if (known.has(chatId)) continue;
        const chat = await readGroup(client, chatId);
        if ('refused' in chat) {
          // One group WeCom will not read (dismissed since it was listed, say) must not stop the other thousand;
          // it still counts as listed, so it is not dismissed on the strength of a failed read.
          skipped.push(chatId);
          counts.groupsSkipped++;
          counts.skipped = `${chatId}: ${chat.refused}`.slice(0, 500);
          continue;
        }
        const applied = await withTenantRetrying(database, ws, actor, (ctx) => applyGroup(ctx, p.corpRowId, chat));
        counts.groupsFetched++;
        counts.membersJoined += applied.joined;
        counts.membersLeft += applied.left;
      }
      counts.pages++;
      counts.groupsSeen += ids.length;
      cursor = page.next_cursor;
      await inTenant(async (ctx) => {
        await markSeen(ctx, p.corpRowId, [...known, ...skipped]);
        await saveSyncPage(ctx, sync.id, cursor, counts);
      });
      await reportProgress(database, job.id, { syncId: sync.id, ...counts, groupsTotalKnown: sync.groupsTotalKnown });
    }
    await withTenantRetrying(database, ws, actor, async (ctx) => finishSync(ctx, sync.id, await dismissGone(ctx, p.corpRowId, sync.startedAt, counts.groupsSeen)));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A wrong secret or a missing permission will not mend itself by waiting; the operator is told at once.
    const final = (err instanceof WecomApiError && err.permanent) || job.attempts >= job.maxAttempts;
    await inTenant((ctx) => failSync(ctx, sync.id, message, final));
    if (!final) throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/** groupchat/get, or WeCom's reason when it refuses this one group for a reason that is not the corp's. */
async function readGroup(client: ReturnType<typeof wecomClient>, chatId: string) {
  try {
    return await getGroupChat(client, chatId);
  } catch (err) {
    if (err instanceof WecomApiError && err.permanent && !err.concernsCorp) return { refused: err.message };
    throw err;
  }
}

async function knownChats(ctx: TenantCtx, corpRowId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await rows<{ chatId: string }>(ctx.db, sql`select chat_id as "chatId" from wecom_groups
    where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and synced_at is not null and chat_id = any(${texts(ids)})`);
  return new Set(found.map((f) => f.chatId));
}

/** Groups an incremental sync skipped were still listed: they count as seen, so they are not dismissed. */
async function markSeen(ctx: TenantCtx, corpRowId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await ctx.db.execute(sql`update wecom_groups set synced_at = now()
    where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and chat_id = any(${texts(ids.sort())})`);
}

/**
 * Groups known before the sync began that it never saw are gone from WeCom (groupchat/list lists every
 * group whose owner is in the app's visible range). A sync that saw nothing dismisses nothing: an emptied
 * visible range looks the same, and dismissing every group on it would be worse than keeping a stale one.
 */
async function dismissGone(ctx: TenantCtx, corpRowId: string, startedAt: Date, seen: number): Promise<number> {
  if (seen === 0) return 0;
  const gone = await rows<{ communityId: string }>(ctx.db, sql`
    select g.community_id as "communityId" from wecom_groups g join communities c on c.workspace_id = g.workspace_id and c.id = g.community_id
    where g.workspace_id = ${ctx.workspaceId} and g.corp_row_id = ${corpRowId} and g.created_at < ${startedAt}
      and (g.synced_at is null or g.synced_at < ${startedAt}) and c.status <> 'dismissed'
    order by g.community_id`);
  for (const g of gone) await updateCommunity(ctx, g.communityId, { status: 'dismissed' });
  return gone.length;
}
