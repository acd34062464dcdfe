import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { enqueueJob } from '../../jobs/queue.js';
import { ownRow, tenant } from '../../server/access.js';
import { getCorp } from './corps.js';
import { groupStatistics } from './group-statistics.js';
import { listSyncs, openSync, syncJobKey } from './syncs.js';

const read = { access: { role: 'admin', scope: 'read' } } as const;
const write = { access: { role: 'admin', scope: 'write' } } as const;
const tags = ['wecom'];
const idParams = z.object({ id: z.uuid('must be an id') });
const ownCorp = ownRow('wecom_corps', 'WeCom corp');

export const syncSchema = z.object({
  id: z.uuid(), corpRowId: z.uuid(), mode: z.enum(['full', 'incremental']), status: z.enum(['running', 'done', 'failed']),
  pages: z.number().int(), groupsSeen: z.number().int(), groupsTotalKnown: z.number().int(), groupsFetched: z.number().int(),
  groupsDismissed: z.number().int(), membersJoined: z.number().int(), membersLeft: z.number().int(),
  groupsSkipped: z.number().int().meta({ description: 'groups WeCom refused to read on their own (groupchat/get); the sync went on without them' }),
  skipped: z.string().nullable().meta({ description: 'the last such refusal: the chat id and WeCom\'s reason' }), error: z.string().nullable(),
  startedAt: z.date(), updatedAt: z.date(), finishedAt: z.date().nullable(),
});
const startSyncSchema = z.strictObject({
  mode: z.enum(['full', 'incremental'], 'mode: must be "full" (read every group) or "incremental" (only groups Shequn does not know)'),
});
const statsQuery = z.object({ days: z.coerce.number().int('days: must be a whole number').min(1, 'days: at least 1').max(180, 'days: WeCom keeps 180 days').default(30) });
const statsDaySchema = z.object({
  day: z.string(), owners: z.number().int(), newChatCnt: z.number().int(), chatTotal: z.number().int(), chatHasMsgCnt: z.number().int(),
  newMemberCnt: z.number().int(), memberTotal: z.number().int(), memberHasMsgCnt: z.number().int(), msgTotal: z.number().int(),
  migrateTraineeChatCnt: z.number().int(),
});

/** Group sync and group statistics of a connected corp (docs/wecom.md "Group sync", "Group statistics"). */
export async function wecomSyncRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/channels/wecom/corps/:id/sync', {
    config: write, preValidation: ownCorp,
    schema: {
      tags, summary: 'Start a group sync (201), or answer the corp\'s sync already running (200); its progress is in GET …/syncs',
      params: idParams, body: startSyncSchema, response: { 200: syncSchema, 201: syncSchema },
    },
  }, async (req, reply) => {
    const { sync, created } = await tenant(req, (ctx) => openSync(ctx, req.params.id, req.body.mode));
    // After the commit, and again for a running sync: a job lost between the two is queued anew, a live one is kept.
    await enqueueJob(req.server.database, 'wecom.groups.sync', { workspaceId: req.principal!.workspace.id, corpRowId: req.params.id, mode: sync.mode },
      { singletonKey: syncJobKey(sync.id), maxAttempts: 5 });
    reply.code(created ? 201 : 200);
    return sync;
  });

  app.get('/api/v1/channels/wecom/corps/:id/syncs', {
    config: read, schema: { tags, summary: 'The corp\'s group syncs, newest first, with their progress', params: idParams, querystring: pageQuerySchema, response: { 200: pageOf(syncSchema) } },
  }, (req) => tenant(req, async (ctx) => { await getCorp(ctx, req.params.id); return listSyncs(ctx, req.params.id, req.query); }));

  app.get('/api/v1/channels/wecom/corps/:id/statistics', {
    config: read,
    schema: { tags, summary: 'Group statistics per day (groupchat/statistic, summed over group owners) of the last days; days not pulled yet are absent', params: idParams, querystring: statsQuery, response: { 200: z.object({ days: z.array(statsDaySchema) }) } },
  }, (req) => tenant(req, async (ctx) => { await getCorp(ctx, req.params.id); return groupStatistics(ctx, req.params.id, req.query.days); }));
}
