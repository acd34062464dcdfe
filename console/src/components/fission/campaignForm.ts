import dayjs, { type Dayjs } from 'dayjs';
import type { Campaign, CampaignInput, CampaignStatus, RewardKind } from './fissionApi.js';

/** The editor's fields: flat, so each server error lands on the one input it names. */
export interface CampaignValues {
  name: string; status: CampaignStatus; window?: [Dayjs | null, Dayjs | null] | null; liveCodeId?: string; goal: number; holdHours: number;
  rewardKind: RewardKind; rewardPoints?: number | null; rewardId?: string | null; rewardCostYuan?: number | null; vipCommunityId?: string;
  background: string; accent: string; title: string; subtitle: string; progress: string; completed: string;
}

export const BLANK: CampaignValues = {
  name: '', status: 'draft', window: null, goal: 3, holdHours: 24, rewardKind: 'points', rewardPoints: 100,
  background: '#c8102e', accent: '#ffd666', title: '邀请好友 领好礼', subtitle: '扫码入群，和我一起参加活动',
  progress: '{{invitee}} 已通过你的海报加入并留了下来！你已邀请 {{qualified}}/{{goal}} 位好友，还差 {{remaining}} 位即可领取奖励。',
  completed: '恭喜 {{name}}！你已邀请满 {{goal}} 位好友，「{{campaign}}」的奖励已为你发放。',
};

export const valuesOf = (c: Campaign): CampaignValues => ({
  name: c.name, status: c.status, window: c.startsAt || c.endsAt ? [c.startsAt ? dayjs(c.startsAt) : null, c.endsAt ? dayjs(c.endsAt) : null] : null,
  liveCodeId: c.liveCodeId, goal: c.goal, holdHours: c.holdHours, rewardKind: c.rewardKind, rewardPoints: c.rewardPoints, rewardId: c.rewardId,
  rewardCostYuan: c.rewardCostCents === null ? null : c.rewardCostCents / 100, vipCommunityId: c.vipCommunityId ?? undefined,
  ...c.poster, ...c.messages,
});

export const inputOf = (v: CampaignValues): CampaignInput => ({
  name: v.name.trim(), status: v.status, startsAt: v.window?.[0]?.toISOString() ?? null, endsAt: v.window?.[1]?.toISOString() ?? null,
  liveCodeId: v.liveCodeId ?? '', goal: v.goal, holdHours: v.holdHours, rewardKind: v.rewardKind,
  rewardPoints: v.rewardKind === 'points' ? v.rewardPoints ?? null : null,
  rewardId: v.rewardKind === 'reward' ? v.rewardId ?? null : null,
  rewardCostCents: v.rewardKind === 'reward' && typeof v.rewardCostYuan === 'number' ? Math.round(v.rewardCostYuan * 100) : null,
  vipCommunityId: v.vipCommunityId ?? null,
  poster: { background: v.background, accent: v.accent, title: v.title.trim(), subtitle: v.subtitle.trim() },
  messages: { progress: v.progress.trim(), completed: v.completed.trim() },
});

/** Where each field of the API's body is edited here. */
const FIELD_OF: Record<string, keyof CampaignValues> = {
  name: 'name', status: 'status', startsAt: 'window', endsAt: 'window', liveCodeId: 'liveCodeId', goal: 'goal', holdHours: 'holdHours',
  rewardKind: 'rewardKind', rewardPoints: 'rewardPoints', rewardId: 'rewardId', rewardCostCents: 'rewardCostYuan', vipCommunityId: 'vipCommunityId',
  'poster.background': 'background', 'poster.accent': 'accent', 'poster.title': 'title', 'poster.subtitle': 'subtitle',
  'messages.progress': 'progress', 'messages.completed': 'completed',
};

/** Puts the server's field errors on their inputs; false when one names a field the form does not show. */
export function campaignFieldOf(path: string): (string | number)[] | null {
  const name = FIELD_OF[path.replace(/^body\.?/, '')];
  return name ? [name] : null;
}
