import { z } from 'zod';

/** Wire shape of one normalised event, as accepted by POST /api/v1/events and produced by every channel. */

export const CHANNELS = ['sandbox', 'webhook', 'wecom', 'wechat', 'whatsapp', 'telegram', 'slack', 'discord', 'qq'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

const externalId = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');

export const COMMUNITY_TYPES = ['basic', 'vip', 'distribution'] as const;
/** Operator vocabulary for each type (DESIGN.md); free text is allowed too, these are the suggestions. */
export const COMMUNITY_SUBTYPES: Record<(typeof COMMUNITY_TYPES)[number], string[]> = {
  basic: ['福利群', '粉丝群', '秒杀群', '快闪群', '工具群'],
  vip: ['进阶群', '精英群', '会员群'],
  distribution: ['商学院', '班级群'],
};

export const communityRefSchema = z.object({
  channel: channelSchema,
  externalId,
  name: z.string().trim().min(1).max(200).optional(),
  /** Only used when the community is seen for the first time. */
  type: z.enum(COMMUNITY_TYPES).optional(),
  subtype: z.string().trim().min(1).max(50).optional(),
});

export const memberRefSchema = z.object({
  channel: channelSchema,
  externalId,
  name: z.string().trim().min(1).max(200).optional(),
  unionId: z.string().max(200).optional(),
});

export const MEDIA_TYPES = ['image', 'video', 'voice', 'file', 'link', 'sticker', 'mini_program', 'location', 'other'] as const;

const eventDataSchemas = {
  'member.joined': z.looseObject({
    scene: z.enum(['invite', 'qr_code', 'link', 'search', 'added_by_staff', 'import', 'unknown']).optional(),
    /** externalId (same channel) of the member who invited this one */
    inviter: externalId.optional(),
    role: z.enum(['owner', 'admin', 'member']).optional(),
    liveCode: z.string().max(200).optional(),
    /** a distributor's referral code the member arrived through (docs/commerce.md, "Distribution") */
    referral: z.string().trim().min(1).max(32).optional(),
  }),
  'member.left': z.looseObject({
    reason: z.enum(['quit', 'removed', 'unknown']).optional(),
  }),
  'message.sent': z.looseObject({
    text: z.string().max(20000).optional(),
    replyTo: z.string().max(200).optional(),
    mentions: z.array(externalId).max(100).optional(),
    mediaType: z.enum(MEDIA_TYPES).optional(),
  }).refine((d) => d.text !== undefined || d.mediaType !== undefined, { message: 'text or mediaType is required', path: ['text'] }),
  'message.reaction': z.looseObject({
    messageId: z.string().min(1).max(200),
    emoji: z.string().min(1).max(64),
  }),
  'member.checked_in': z.looseObject({
    source: z.enum(['keyword', 'button', 'import']).optional(),
  }),
  'page.viewed': z.looseObject({
    url: z.string().max(2000),
    referrer: z.string().max(2000).optional(),
  }),
  'poster.shared': z.looseObject({
    campaignId: z.string().max(200).optional(),
  }),
  'invite.accepted': z.looseObject({
    inviter: externalId,
    campaignId: z.string().max(200).optional(),
  }),
  'order.paid': z.looseObject({
    orderId: z.string().min(1).max(200),
    amountCents: z.number().int().nonnegative(),
    currency: z.string().length(3).default('CNY'),
    /** a distributor's referral code the order came through: binds the buyer before commission is worked out */
    referral: z.string().trim().min(1).max(32).optional(),
  }),
  'order.refunded': z.looseObject({
    orderId: z.string().min(1).max(200),
    amountCents: z.number().int().nonnegative(),
    currency: z.string().length(3).default('CNY'),
  }),
  custom: z.looseObject({
    name: z.string().min(1).max(100),
    properties: z.record(z.string(), z.unknown()).default({}),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];

/** Types that need a community (the event happens inside a group). */
const COMMUNITY_REQUIRED: ReadonlySet<EventType> = new Set(['member.joined', 'member.left', 'message.sent', 'message.reaction']);

export const eventEnvelopeSchema = z.object({
  id: z.string().trim().min(1, 'must not be empty').max(200),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  occurredAt: z.iso.datetime({ offset: true }),
  community: communityRefSchema.optional(),
  member: memberRefSchema,
  data: z.record(z.string(), z.unknown()).default({}),
});

export type EventInput = z.input<typeof eventEnvelopeSchema>;

export interface NormalisedEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  community?: z.infer<typeof communityRefSchema>;
  member: z.infer<typeof memberRefSchema>;
  data: Record<string, any>;
}

/** Validates one raw item; on failure returns "<field path>: <reason>" naming the first bad field. */
export function parseEvent(raw: unknown): { ok: true; event: NormalisedEvent } | { ok: false; error: string } {
  const env = eventEnvelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, error: formatIssue(env.error.issues[0]!) };
  const e = env.data;
  if (COMMUNITY_REQUIRED.has(e.type) && !e.community) return { ok: false, error: `community: required for ${e.type}` };
  const data = eventDataSchemas[e.type].safeParse(e.data);
  if (!data.success) return { ok: false, error: formatIssue(data.error.issues[0]!, ['data']) };
  return {
    ok: true,
    event: { id: e.id, type: e.type, occurredAt: new Date(e.occurredAt), community: e.community, member: e.member, data: data.data as Record<string, any> },
  };
}

function formatIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path].map(String).join('.');
  return `${path || '(root)'}: ${issue.message}`;
}
