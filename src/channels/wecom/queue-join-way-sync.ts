import type { FastifyRequest } from 'fastify';
import { one, sql } from '../../db/client.js';
import { tenant } from '../../server/access.js';
import { enqueueJob } from '../../jobs/queue.js';

export const JOIN_WAY_SYNC_JOB = 'wecom.join_way.sync';

/**
 * After a live code was created, edited, paused, resumed or deleted: queues its join-way sync when it is a
 * WeCom code now or has a join way from before (a deleted or moved code's config must go). Queued rather than
 * run in the request: the live code's own transaction has committed, and WeCom may be slow.
 */
export async function queueJoinWaySync(req: FastifyRequest, liveCodeId: string): Promise<void> {
  const found = await tenant(req, async (ctx) => ({
    workspaceId: ctx.workspaceId,
    wanted: !!(await one(ctx.db, sql`
      select 1 from live_codes where workspace_id = ${ctx.workspaceId} and id = ${liveCodeId} and channel = 'wecom'
      union all select 1 from wecom_join_ways where workspace_id = ${ctx.workspaceId} and live_code_id = ${liveCodeId} limit 1`)),
  }));
  if (found.wanted) await enqueueJob(req.server.database, JOIN_WAY_SYNC_JOB, { workspaceId: found.workspaceId, liveCodeId });
}
