import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { AppError } from '../../core/errors.js';
import { tenant, sendCreated } from '../../server/access.js';
import {
  communitySchema, createCommunitySchema, daySeriesPoint, listCommunitiesQuery, memberSchema, membershipSchema,
  timelineItemSchema, updateCommunitySchema,
} from './contracts.js';
import { createCommunity, getCommunity, listCommunities, updateCommunity } from './communities.js';
import { getMember, listMembers, listMemberships, updateMember, updateMembership } from './members.js';
import { communityActivity, listMemberEvents } from '../tracking/activity.js';
import { communityTimeline } from './timeline.js';
import { enqueueAction } from '../automation/enqueue-action.js';
import { queueMembershipAction } from './membership-action.js';

const idParams = z.object({ id: z.uuid() });
const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;

export async function communityRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/communities', {
    config: read,
    schema: { tags: ['communities'], querystring: pageQuerySchema.extend(listCommunitiesQuery.shape), response: { 200: pageOf(communitySchema) } },
  }, (req) => tenant(req, (ctx) => listCommunities(ctx, req.query)));

  app.post('/api/v1/communities', {
    config: write,
    schema: { tags: ['communities'], body: createCommunitySchema, response: { 201: communitySchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createCommunity(ctx, req.body))));

  app.get('/api/v1/communities/:id', {
    config: read, schema: { tags: ['communities'], params: idParams, response: { 200: communitySchema } },
  }, (req) => tenant(req, (ctx) => getCommunity(ctx, req.params.id)));

  app.patch('/api/v1/communities/:id', {
    config: write, schema: { tags: ['communities'], params: idParams, body: updateCommunitySchema, response: { 200: communitySchema } },
  }, (req) => tenant(req, (ctx) => updateCommunity(ctx, req.params.id, req.body)));

  app.get('/api/v1/communities/:id/members', {
    config: read,
    schema: {
      tags: ['communities'], params: idParams,
      querystring: pageQuerySchema.extend({ q: z.string().trim().max(100).optional(), status: z.enum(['active', 'left', 'all']).default('active') }),
      response: { 200: pageOf(membershipSchema) },
    },
  }, (req) => tenant(req, async (ctx) => {
    await getCommunity(ctx, req.params.id);
    return listMemberships(ctx, req.params.id, req.query) as never;
  }));

  app.patch('/api/v1/communities/:id/members/:memberId', {
    config: write,
    schema: {
      tags: ['communities'], summary: 'Set a member\'s role in the group or mark them as a KOL',
      params: z.object({ id: z.uuid(), memberId: z.uuid() }),
      body: z.object({ role: z.enum(['owner', 'admin', 'member']).optional(), isKol: z.boolean().optional() }),
      response: { 200: z.object({ ok: z.boolean() }) },
    },
  }, (req) => tenant(req, async (ctx) => {
    await updateMembership(ctx, req.params.id, req.params.memberId, req.body);
    return { ok: true };
  }));

  app.get('/api/v1/communities/:id/activity', {
    config: read,
    schema: { tags: ['communities'], params: idParams, querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(60) }), response: { 200: z.object({ series: z.array(daySeriesPoint) }) } },
  }, (req) => tenant(req, async (ctx) => {
    await getCommunity(ctx, req.params.id);
    return { series: await communityActivity(ctx, req.params.id, req.query.days) };
  }));

  app.get('/api/v1/communities/:id/timeline', {
    config: read,
    schema: {
      tags: ['communities'], summary: 'Chat timeline: messages, joins and leaves, plus outbound actions not yet delivered',
      params: idParams, querystring: z.object({ before: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(timelineItemSchema), nextBefore: z.string().nullable() }) },
    },
  }, (req) => tenant(req, (ctx) => communityTimeline(ctx, req.params.id, req.query.before ? new Date(req.query.before) : undefined, req.query.limit)));

  app.post('/api/v1/communities/:id/messages', {
    config: write,
    schema: {
      tags: ['communities'], summary: 'Queue a message to the group through the outbox',
      params: idParams, body: z.object({ text: z.string().trim().min(1).max(4000), idempotencyKey: z.string().min(1).max(200).optional() }),
      response: { 201: z.object({ id: z.string(), status: z.string() }) },
    },
  }, async (req, reply) => sendCreated(reply, await tenant(req, async (ctx) => {
    const community = await getCommunity(ctx, req.params.id);
    if (community.status !== 'active') throw new AppError('conflict', `community is ${community.status}`);
    const action = await enqueueAction(ctx, {
      idempotencyKey: req.body.idempotencyKey ?? `manual:${req.id}:${Date.now()}`,
      kind: 'send_group', channel: community.channel, communityId: community.id, payload: { text: req.body.text },
    });
    return { id: action.id, status: action.status };
  })));

  const membershipActionBody = z.object({
    memberId: z.uuid(),
    reason: z.string().trim().min(1).max(200).optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  });
  for (const [kind, path, summary] of [
    ['invite', 'invitations', 'Invite a member into the group through the outbox (the platform reports the join back)'],
    ['remove', 'removals', 'Remove a member from the group through the outbox (the platform reports the leave back)'],
  ] as const) {
    app.post(`/api/v1/communities/:id/${path}`, {
      config: write,
      schema: { tags: ['communities'], summary, params: idParams, body: membershipActionBody, response: { 201: z.object({ id: z.string(), status: z.string() }) } },
    }, async (req, reply) => sendCreated(reply, await tenant(req, async (ctx) => {
      const action = await queueMembershipAction(ctx, kind, req.params.id, {
        memberId: req.body.memberId, reason: req.body.reason,
        idempotencyKey: req.body.idempotencyKey ?? `manual:${req.id}:${Date.now()}`,
      });
      return { id: action.id, status: action.status };
    })));
  }

  app.get('/api/v1/members', {
    config: read,
    schema: { tags: ['members'], querystring: pageQuerySchema.extend({ q: z.string().trim().max(100).optional(), communityId: z.uuid().optional() }), response: { 200: pageOf(memberSchema) } },
  }, (req) => tenant(req, (ctx) => listMembers(ctx, req.query) as never));

  const memberDetail = memberSchema.extend({ memberships: z.array(z.object({
    communityId: z.string(), communityName: z.string(), role: z.string(), isKol: z.boolean(), joinedAt: z.coerce.date().nullable(), leftAt: z.coerce.date().nullable(),
  })) });

  app.get('/api/v1/members/:id', {
    config: read, schema: { tags: ['members'], params: idParams, response: { 200: memberDetail } },
  }, (req) => tenant(req, (ctx) => getMember(ctx, req.params.id) as never));

  app.patch('/api/v1/members/:id', {
    config: write,
    schema: {
      tags: ['members'], params: idParams,
      body: z.object({ displayName: z.string().trim().min(1).max(200).optional(), optedOut: z.boolean().optional(), tags: z.array(z.string().trim().min(1).max(40)).max(50).optional() }),
      response: { 200: memberDetail },
    },
  }, (req) => tenant(req, (ctx) => updateMember(ctx, req.params.id, req.body) as never));

  app.get('/api/v1/members/:id/events', {
    config: read,
    schema: {
      tags: ['members'], params: idParams, querystring: pageQuerySchema,
      response: { 200: pageOf(z.object({ id: z.string(), type: z.string(), occurredAt: z.date(), communityId: z.string().nullable(), communityName: z.string().nullable(), data: z.record(z.string(), z.unknown()) })) },
    },
  }, (req) => tenant(req, async (ctx) => {
    await getMember(ctx, req.params.id);
    return listMemberEvents(ctx, req.params.id, req.query) as never;
  }));
}
