import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const REWARD_KINDS = ['none', 'points', 'reward'] as const;
export const REWARD_STATUSES = ['none', 'paid', 'out_of_stock', 'refused'] as const;

/** The progress messages' variables (render-message.ts fills exactly these). */
export const MESSAGE_VARIABLES = ['name', 'campaign', 'invitee', 'qualified', 'goal', 'remaining'] as const;
export const DEFAULT_MESSAGES = {
  progress: '{{invitee}} 已通过你的海报加入并留了下来！你已邀请 {{qualified}}/{{goal}} 位好友，还差 {{remaining}} 位即可领取奖励。',
  completed: '恭喜 {{name}}！你已邀请满 {{goal}} 位好友，「{{campaign}}」的奖励已为你发放。',
};
export const DEFAULT_POSTER = { background: '#c8102e', accent: '#ffd666', title: '邀请好友 领好礼', subtitle: '扫码入群，和我一起参加活动' };

const colour = z.string('must be text').regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #c8102e');
const template = z.string('must be text').trim().min(1, 'must not be empty').max(500, 'at most 500 characters')
  .refine((t) => [...t.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].every((m) => (MESSAGE_VARIABLES as readonly string[]).includes(m[1]!)),
    `may use only {{${MESSAGE_VARIABLES.join('}}, {{')}}}`);

export const posterArtSchema = z.strictObject({
  background: colour.default(DEFAULT_POSTER.background),
  accent: colour.default(DEFAULT_POSTER.accent).meta({ description: 'the colour of the title and the frame around the QR code' }),
  title: z.string('must be text').trim().min(1, 'must not be empty').max(40, 'at most 40 characters').default(DEFAULT_POSTER.title),
  subtitle: z.string('must be text').trim().max(80, 'at most 80 characters').default(DEFAULT_POSTER.subtitle),
});
export type PosterArt = z.output<typeof posterArtSchema>;

export const campaignInputSchema = z.strictObject({
  name: z.string('must be text').trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  status: z.enum(CAMPAIGN_STATUSES, 'must be draft, active or ended').default('draft'),
  startsAt: z.coerce.date('must be a date and time').nullable().default(null).meta({ description: 'joins before this do not count; null: from activation' }),
  endsAt: z.coerce.date('must be a date and time').nullable().default(null).meta({ description: 'joins after this do not count; null: until ended' }),
  liveCodeId: z.uuid('must be a live code id').meta({ description: 'the live code whose pool newcomers are routed to' }),
  goal: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000')
    .meta({ description: 'qualified invites that complete the task' }),
  holdHours: z.number('must be a number').int('must be a whole number').min(0, 'must be 0 or more').max(720, 'must be at most 720').default(24)
    .meta({ description: 'hours an invitee must stay in the group to count' }),
  rewardKind: z.enum(REWARD_KINDS, 'must be none, points or reward').default('points'),
  rewardPoints: z.number('must be a number').int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000, 'must be at most 1000000').nullable().default(null),
  rewardId: z.uuid('must be a reward id').nullable().default(null).meta({ description: 'a reward of the catalogue, granted from its stock' }),
  rewardCostCents: z.number('must be a number').int('must be a whole number').min(0, 'must be 0 or more').max(100_000_000, 'too large').nullable().default(null)
    .meta({ description: 'what one catalogue reward costs, for cost per qualified member in money; null: counted in its points' }),
  vipCommunityId: z.uuid('must be a community id').nullable().default(null).meta({ description: 'completers are invited into this group' }),
  poster: posterArtSchema.default(DEFAULT_POSTER),
  messages: z.strictObject({ progress: template.default(DEFAULT_MESSAGES.progress), completed: template.default(DEFAULT_MESSAGES.completed) })
    .default(DEFAULT_MESSAGES),
}).superRefine((v, ctx) => {
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  if (v.rewardKind === 'points' && v.rewardPoints === null) ctx.addIssue({ code: 'custom', path: ['rewardPoints'], message: 'is needed for a points reward' });
  if (v.rewardKind === 'reward' && v.rewardId === null) ctx.addIssue({ code: 'custom', path: ['rewardId'], message: 'is needed for a catalogue reward' });
});
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignValues = z.output<typeof campaignInputSchema>;

export const campaignSchema = z.object({
  id: z.string(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES), startsAt: z.date().nullable(), endsAt: z.date().nullable(),
  liveCodeId: z.string(), liveCodeName: z.string(), goal: z.number().int(), holdHours: z.number().int(),
  rewardKind: z.enum(REWARD_KINDS), rewardPoints: z.number().int().nullable(), rewardId: z.string().nullable(), rewardName: z.string().nullable(),
  rewardCostCents: z.number().int().nullable(), vipCommunityId: z.string().nullable(),
  poster: z.object({ background: z.string(), accent: z.string(), title: z.string(), subtitle: z.string() }),
  messages: z.object({ progress: z.string(), completed: z.string() }),
  participants: z.number().int(), qualified: z.number().int(), completed: z.number().int(),
  createdAt: z.date(), updatedAt: z.date(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const participantSchema = z.object({
  id: z.string(), memberId: z.string(), memberName: z.string(), source: z.string(), joinedAt: z.date(),
  qualified: z.number().int(), pending: z.number().int(), void: z.number().int(), goal: z.number().int(),
  completedAt: z.date().nullable(), rewardStatus: z.enum(REWARD_STATUSES), rewardNote: z.string().nullable(),
  posters: z.number().int().meta({ description: 'posters generated for this participant' }),
  shares: z.number().int().meta({ description: 'times the poster was opened or saved to share' }),
});
export type Participant = z.infer<typeof participantSchema>;

export const listParticipantsSchema = pageQuerySchema.extend({
  sort: z.enum(['recent', 'qualified'], 'must be recent or qualified').default('recent'),
});

export const enrolSchema = z.strictObject({ memberId: z.uuid('must be a member id') });

const dayRow = z.object({
  day: z.string(), participants: z.number().int(), posters: z.number().int(), shares: z.number().int(),
  scans: z.number().int(), joins: z.number().int(), qualified: z.number().int(),
});

export const campaignStatsSchema = z.object({
  days: z.number().int(), from: z.date(),
  totals: z.object({
    participants: z.number().int(),
    postersGenerated: z.number().int().meta({ description: 'participants with at least one poster made for them' }),
    shares: z.number().int().meta({ description: 'poster opens and saves by participants' }),
    scans: z.number().int().meta({ description: 'scans of the live code under participants\' sources' }),
    joins: z.number().int().meta({ description: 'joins through participants\' codes (qualified, pending and void)' }),
    qualified: z.number().int(), pending: z.number().int(), void: z.number().int(), completed: z.number().int(),
    kFactor: z.number().nullable().meta({ description: 'qualified invites / participants; null without participants' }),
    rewardCost: z.number().meta({ description: 'cost of the rewards paid, in costUnit' }),
    costUnit: z.enum(['points', 'cents']),
    costPerQualified: z.number().nullable().meta({ description: 'rewardCost / qualified invites; null without qualified invites' }),
  }),
  series: z.array(dayRow),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const memberCampaignSchema = z.object({
  campaignId: z.string(), name: z.string(), endsAt: z.date().nullable(), goal: z.number().int(), holdHours: z.number().int(),
  joined: z.boolean(), qualified: z.number().int(), pending: z.number().int(), completed: z.boolean(),
  rewardKind: z.enum(REWARD_KINDS), rewardPoints: z.number().int().nullable(), rewardName: z.string().nullable(),
});
export type MemberCampaign = z.infer<typeof memberCampaignSchema>;
