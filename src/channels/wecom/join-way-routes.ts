import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ownRow, tenant } from '../../server/access.js';
import { notFound } from '../../core/errors.js';
import { one, sql } from '../../db/client.js';
import { joinWaySchema } from './join-way-contracts.js';
import { readJoinWay } from './read-join-way.js';
import { syncJoinWay } from './sync-join-way.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['live-codes', 'wecom'];
const idParams = z.object({ id: z.uuid('must be a live code id') });

/** A WeCom live code's 「加入群聊」 join way (docs/wecom.md "Live codes"), with the same access as live codes. */
export async function joinWayRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/live-codes/:id/wecom-join-way', {
    config: read, schema: { tags, summary: 'The WeCom join way behind a live code: QR code URL, chosen chats, state, last sync and error', params: idParams, response: { 200: joinWaySchema } },
  }, (req) => tenant(req, (ctx) => readJoinWay(ctx, req.params.id)));

  app.post('/api/v1/live-codes/:id/wecom-join-way/sync', {
    config: write, preValidation: ownRow('live_codes', 'live code'),
    schema: { tags, summary: 'Sync the join way with WeCom now (inline; answers it as stored afterwards)', params: idParams, response: { 200: joinWaySchema } },
  }, async (req) => {
    const ws = await tenant(req, async (ctx) => {
      if (!await one(ctx.db, sql`select 1 from live_codes where workspace_id = ${ctx.workspaceId} and id = ${req.params.id}`)) throw notFound('live code');
      return { id: ctx.workspaceId, timeZone: ctx.timeZone };
    });
    // Outside any transaction: the sync reads, calls WeCom and writes in steps of its own.
    await syncJoinWay(req.server.database, ws, req.params.id);
    return tenant(req, (ctx) => readJoinWay(ctx, req.params.id));
  });
}
