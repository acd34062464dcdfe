import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withTenantRetrying } from '../../core/context.js';
import { ownRow, sendCreated, tenant } from '../../server/access.js';
import { corpSchema, createCorpSchema, testResultSchema, updateCorpSchema } from './contracts.js';
import { corpCredentials, createCorp, deleteCorp, findCallbackCorp, getCorp, listCorps, recordTest, updateCorp } from './corps.js';
import { WecomApiError, wecomClient } from './api-client.js';
import { CallbackCryptoError, openCallback } from './crypto.js';
import { field, parseFlatXml } from './xml.js';
import { receiveCallback } from './receive-callback.js';
import { joinWayRoutes } from './join-way-routes.js';
import { enqueueJob } from '../../jobs/queue.js';
import { refreshJobKey } from './refresh-group.js';
import { wecomSyncRoutes } from './sync-routes.js';
import { welcomeTemplateRoutes } from './welcome-template-routes.js';
import { massMessageRoutes } from './mass-message-routes.js';

const read = { access: { role: 'admin', scope: 'read' } } as const;
const write = { access: { role: 'admin', scope: 'write' } } as const;
const tags = ['wecom'];
const idParams = z.object({ id: z.uuid('must be an id') });
const ownCorp = ownRow('wecom_corps', 'WeCom corp');

/** Connecting WeCom corps (admins only: the rows hold secrets), and the public callback WeCom calls. */
export async function wecomRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/channels/wecom/corps', {
    config: read, schema: { tags, summary: 'Connected corps, secrets masked, each with the callback URL to paste into WeCom', response: { 200: z.object({ items: z.array(corpSchema) }) } },
  }, (req) => tenant(req, (ctx) => listCorps(ctx)));

  app.post('/api/v1/channels/wecom/corps', {
    config: write, schema: { tags, summary: 'Connect a corp (409: its corp id is connected already); secrets are stored encrypted and never shown again', body: createCorpSchema, response: { 201: corpSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createCorp(ctx, req.body))));

  app.get('/api/v1/channels/wecom/corps/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: corpSchema } },
  }, (req) => tenant(req, (ctx) => getCorp(ctx, req.params.id)));

  app.patch('/api/v1/channels/wecom/corps/:id', {
    config: write, preValidation: ownCorp,
    schema: { tags, summary: 'Edit a corp; a secret left out keeps its stored value', params: idParams, body: updateCorpSchema, response: { 200: corpSchema } },
  }, (req) => tenant(req, (ctx) => updateCorp(ctx, req.params.id, req.body)));

  app.delete('/api/v1/channels/wecom/corps/:id', {
    config: write, schema: { tags, summary: 'Disconnect a corp; its callback URL stops answering', params: idParams },
  }, (req, reply) => tenant(req, async (ctx) => { await deleteCorp(ctx, req.params.id); reply.code(204); }));

  app.post('/api/v1/channels/wecom/corps/:id/test', {
    config: write, preValidation: ownCorp,
    schema: { tags, summary: 'Fetch an access token with the stored corp id and secret, and say plainly what went wrong', params: idParams, response: { 200: testResultSchema } },
  }, async (req) => {
    // The HTTP call happens outside any transaction: a slow WeCom must not hold a database connection.
    const creds = await tenant(req, (ctx) => corpCredentials(ctx, req.params.id));
    let result: z.infer<typeof testResultSchema>;
    try {
      const { expiresIn } = await wecomClient(creds).accessToken(true);
      result = { ok: true, code: 0, message: `connected: WeCom issued an access token valid for ${expiresIn} s`, expiresIn };
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      result = { ok: false, code: err.code, message: err.message, expiresIn: null };
    }
    await tenant(req, (ctx) => recordTest(ctx, req.params.id, result.ok, result.message));
    return result;
  });

  await app.register(callbackRoutes);
  await app.register(joinWayRoutes);
  await app.register(wecomSyncRoutes);
  await app.register(welcomeTemplateRoutes);
  await app.register(massMessageRoutes);
}

const callbackQuery = z.object({
  // Optional so a request missing them is refused like any other bad signature, not answered 400.
  msg_signature: z.string().max(100).default(''), timestamp: z.string().max(20).default(''), nonce: z.string().max(100).default(''),
  echostr: z.string().max(2000).optional(),
});
const actor = { kind: 'system' as const, name: 'wecom-callback' };

// Every refusal looks the same from outside: which check failed is in the log, not the answer.
const refuse = (reply: FastifyReply) => reply.code(403).type('text/plain').send('forbidden');

async function callbackRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // WeCom posts text/xml, but proxies relabel it: any type but JSON is read as text and must parse as the envelope.
  app.addContentTypeParser(['text/xml', 'application/xml', '*'], { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, String(body)));

  app.get('/api/v1/channels/wecom/:id/callback', {
    config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: { tags, summary: 'WeCom\'s URL check: answers the decrypted echostr as plain text', params: z.object({ id: z.string().max(64) }), querystring: callbackQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const corp = await findCallbackCorp(req.server.database, req.params.id);
    if (!corp || !req.query.echostr) return refuse(reply);
    try {
      const echo = openCallback(corp.keys, { msgSignature: req.query.msg_signature, timestamp: req.query.timestamp, nonce: req.query.nonce, encrypted: req.query.echostr });
      return reply.type('text/plain').send(echo);
    } catch (err) {
      if (!(err instanceof CallbackCryptoError)) throw err;
      req.log.warn({ corp: corp.id, reason: err.message }, 'wecom url check refused');
      return refuse(reply);
    }
  });

  app.post('/api/v1/channels/wecom/:id/callback', {
    config: { access: 'public', rateLimit: { max: 6000, timeWindow: '1 minute' } },
    schema: { tags, summary: 'WeCom\'s encrypted event callbacks (change_external_chat, change_external_contact); a replay changes nothing', params: z.object({ id: z.string().max(64) }), querystring: callbackQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const corp = await findCallbackCorp(req.server.database, req.params.id);
    const envelope = typeof req.body === 'string' ? parseFlatXml(req.body) : null;
    const encrypted = envelope && field(envelope, 'Encrypt');
    if (!corp || !encrypted) return refuse(reply);
    let inner;
    try {
      inner = parseFlatXml(openCallback(corp.keys, { msgSignature: req.query.msg_signature, timestamp: req.query.timestamp, nonce: req.query.nonce, encrypted }));
    } catch (err) {
      if (!(err instanceof CallbackCryptoError)) throw err;
      req.log.warn({ corp: corp.id, reason: err.message }, 'wecom callback refused');
      return refuse(reply);
    }
    if (!inner) return refuse(reply);
    const received = await withTenantRetrying(req.server.database, corp.workspace, actor, (ctx) => receiveCallback(ctx, corp.id, inner));
    const errors = received.results.filter((r) => r.status === 'error');
    if (errors.length) req.log.warn({ corp: corp.id, kind: received.kind, errors }, 'wecom callback events rejected by the intake');
    // Queued once the callback is committed: the refresh's groupchat/get must not run inside that transaction.
    if (received.refresh) await enqueueJob(req.server.database, 'wecom.group.refresh', { workspaceId: corp.workspace.id, corpRowId: corp.id, chatId: received.refresh.chatId }, { singletonKey: refreshJobKey(corp.id, received.refresh.callbackKey) });
    // "success" tells WeCom to stop retrying; anything else would make it resend.
    return reply.type('text/plain').send('success');
  });
}
