import { z } from 'zod';
import { CHANNELS, COMMUNITY_TYPES } from '../tracking/event-contract.js';

export const COMMUNITY_STATUSES = ['active', 'archived', 'dismissed'] as const;
const tags = z.array(z.string().trim().min(1).max(40)).max(20);

export const communitySchema = z.object({
  id: z.string(), name: z.string(), type: z.enum(COMMUNITY_TYPES), subtype: z.string().nullable(), channel: z.string(),
  externalId: z.string(), capacity: z.number().int(), status: z.enum(COMMUNITY_STATUSES), tags: z.array(z.string()),
  ownerStaffId: z.string().nullable(), memberCount: z.number().int(), messages7d: z.number().int(), createdAt: z.date(),
});
export type Community = z.infer<typeof communitySchema>;

export const createCommunitySchema = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(COMMUNITY_TYPES).default('basic'),
  subtype: z.string().trim().min(1).max(50).optional(),
  channel: z.enum(CHANNELS).default('sandbox'),
  externalId: z.string().trim().min(1).max(200).optional(),
  capacity: z.number().int().min(1).max(100000).default(500),
  tags: tags.default([]),
});
export type CreateCommunityInput = z.infer<typeof createCommunitySchema>;

export const updateCommunitySchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  type: z.enum(COMMUNITY_TYPES).optional(),
  subtype: z.string().trim().min(1).max(50).nullable().optional(),
  capacity: z.number().int().min(1).max(100000).optional(),
  status: z.enum(COMMUNITY_STATUSES).optional(),
  tags: tags.optional(),
  ownerStaffId: z.uuid().nullable().optional(),
});
export type UpdateCommunityInput = z.infer<typeof updateCommunitySchema>;

export const listCommunitiesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  type: z.enum(COMMUNITY_TYPES).optional(),
  status: z.enum(COMMUNITY_STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
});

export const membershipSchema = z.object({
  memberId: z.string(), displayName: z.string(), role: z.enum(['owner', 'admin', 'member']), isKol: z.boolean(),
  joinedAt: z.date().nullable(), leftAt: z.date().nullable(), joinScene: z.string().nullable(),
  inviterMemberId: z.string().nullable(), inviterName: z.string().nullable(), messages: z.number().int(),
});

export const daySeriesPoint = z.object({
  day: z.string(), messages: z.number().int(), replies: z.number().int(), mentions: z.number().int(),
  activeMembers: z.number().int(), joins: z.number().int(), leaves: z.number().int(),
});

export const timelineItemSchema = z.object({
  id: z.string(), type: z.string(), occurredAt: z.date(), memberId: z.string().nullable(), memberName: z.string().nullable(),
  text: z.string().nullable(), mediaType: z.string().nullable(), replyTo: z.string().nullable(),
  direction: z.enum(['in', 'out']), status: z.string().nullable(),
});

export const memberSchema = z.object({
  id: z.string(), displayName: z.string(), optedOut: z.boolean(), firstSeenAt: z.date(), lastActiveAt: z.date().nullable(),
  identities: z.array(z.object({ channel: z.string(), externalId: z.string() })), communities: z.number().int(), messages: z.number().int(),
  tags: z.array(z.string()),
});
