import { z } from 'zod';
import { withTenant, type Actor, type TenantCtx, type WorkspaceRef } from '../../core/context.js';
import { one, rows, sql, type Database } from '../../db/client.js';
import { wecomClient, type ClientOptions } from './api-client.js';
import { corpCredentials } from './corps.js';

const actor: Actor = { kind: 'system', name: 'wecom.groups.statistics' };
/** groupchat/statistic takes at most 100 owners per call and pages by offset up to 1000 (path/92133). */
const OWNERS_PER_CALL = 100;
const PAGE_LIMIT = 1000;
/** WeCom's days are China's: day_begin_time is rounded down to 00:00 China time. */
const CHINA_OFFSET_MS = 8 * 3600_000;

const statData = z.object({
  new_chat_cnt: z.number().int().default(0), chat_total: z.number().int().default(0), chat_has_msg_cnt: z.number().int().default(0),
  new_member_cnt: z.number().int().default(0), member_total: z.number().int().default(0), member_has_msg_cnt: z.number().int().default(0),
  msg_total: z.number().int().default(0), migrate_trainee_chat_cnt: z.number().int().default(0),
});
const statAnswer = z.object({
  total: z.number().int().default(0),
  next_offset: z.number().int().default(0),
  items: z.array(z.object({ owner: z.string().min(1), data: statData })).default([]),
});
type StatItem = z.infer<typeof statAnswer>['items'][number];

/** The China-time day before `now`, as 'YYYY-MM-DD' and as the Unix second its 00:00 China time is. */
export function previousChinaDay(now: Date): { day: string; beginTime: number } {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const midnight = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()) - 86_400_000;
  return { day: new Date(midnight).toISOString().slice(0, 10), beginTime: (midnight - CHINA_OFFSET_MS) / 1000 };
}

/**
 * The job wecom.groups.statistics (hourly): for every corp, the previous day's group statistics per owner
 * (按群主聚合, groupchat/statistic), pulled once. Owners are the group owners sync has seen. A corp whose
 * day is recorded is skipped without calling WeCom; one that fails is tried again next hour, and the others
 * go on. WeCom is called between the transactions that read the owners and write the rows.
 */
export async function pullGroupStatistics(database: Database, now = new Date(), opts: ClientOptions = {}): Promise<{ pulled: number; failed: string[] }> {
  const { day, beginTime } = previousChinaDay(now);
  const corps = await rows<{ workspaceId: string; timeZone: string; id: string }>(database.db, sql`
    select c.workspace_id as "workspaceId", w.time_zone as "timeZone", c.id from wecom_corps c join workspaces w on w.id = c.workspace_id
    order by c.workspace_id, c.id`);
  let pulled = 0;
  const failed: string[] = [];
  for (const corp of corps) {
    const ws: WorkspaceRef = { id: corp.workspaceId, timeZone: corp.timeZone };
    const inTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actor, fn);
    try {
      const todo = await inTenant(async (ctx) => {
        const done = await one(ctx.db, sql`select 1 as x from wecom_group_stat_days where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corp.id} and day = ${day}::date`);
        if (done) return null;
        const owners = await rows<{ owner: string }>(ctx.db, sql`select distinct owner_userid as owner from wecom_groups
          where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corp.id} and owner_userid is not null order by owner_userid`);
        return owners.length ? { owners: owners.map((o) => o.owner), creds: await corpCredentials(ctx, corp.id) } : null;
      });
      if (!todo) continue;
      const client = wecomClient(todo.creds, opts);
      const items: StatItem[] = [];
      for (let i = 0; i < todo.owners.length; i += OWNERS_PER_CALL) {
        const owners = todo.owners.slice(i, i + OWNERS_PER_CALL);
        for (let offset = 0; ;) {
          const body = await client.api('/cgi-bin/externalcontact/groupchat/statistic', {
            day_begin_time: beginTime, day_end_time: beginTime, owner_filter: { userid_list: owners }, offset, limit: PAGE_LIMIT,
          });
          const page = statAnswer.parse(body);
          items.push(...page.items);
          if (!page.items.length || page.next_offset <= offset || page.next_offset >= page.total) break;
          offset = page.next_offset;
        }
      }
      if (await inTenant((ctx) => storeDay(ctx, corp.id, day, todo.owners.length, items))) pulled++;
    } catch (err) {
      failed.push(`${corp.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { pulled, failed };
}

/** The day row is the claim: a second run that fetched the same day concurrently writes nothing. */
async function storeDay(ctx: TenantCtx, corpRowId: string, day: string, owners: number, items: StatItem[]): Promise<boolean> {
  const won = await one(ctx.db, sql`insert into wecom_group_stat_days (workspace_id, corp_row_id, day, owners)
    values (${ctx.workspaceId}, ${corpRowId}, ${day}::date, ${owners}) on conflict do nothing returning 1 as x`);
  if (!won || !items.length) return !!won;
  const json = JSON.stringify(items.map((it) => ({ owner: it.owner, ...it.data })));
  await ctx.db.execute(sql`
    insert into wecom_group_stats (workspace_id, corp_row_id, day, owner_userid, new_chat_cnt, chat_total, chat_has_msg_cnt,
      new_member_cnt, member_total, member_has_msg_cnt, msg_total, migrate_trainee_chat_cnt)
    select ${ctx.workspaceId}, ${corpRowId}, ${day}::date, x.owner, x.new_chat_cnt, x.chat_total, x.chat_has_msg_cnt,
      x.new_member_cnt, x.member_total, x.member_has_msg_cnt, x.msg_total, x.migrate_trainee_chat_cnt
    from jsonb_to_recordset(${json}::jsonb) as x(owner text, new_chat_cnt int, chat_total int, chat_has_msg_cnt int,
      new_member_cnt int, member_total int, member_has_msg_cnt int, msg_total int, migrate_trainee_chat_cnt int)
    on conflict do nothing`);
  return true;
}
