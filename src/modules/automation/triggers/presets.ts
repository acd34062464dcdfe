import { z } from 'zod';
import type { CreateTriggerInput } from './contracts.js';
import { scopeSchema } from './contracts.js';

export const PRESET_KEYS = ['invite_reminder', 'lurker_outreach', 'core_care', 'leave_spike_alert', 'checkin_vip_invite'] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];

/** The default reminder of invite_reminder: warm, no pressure, an easy way to say no. */
export const INVITE_REMINDER_TEXT =
  '{{member.name}}，你好呀～前几天邀请你加入「{{community.name}}」，可能消息太多被淹没啦。群里会分享一些实用的内容和福利，' +
  '方便的时候点开邀请就能进来；如果暂时不需要，忽略这条就好，不会再打扰你太多次 😊';
export const INVITE_REMINDER_TEMPLATE_NAME = '邀请入群温馨提醒';

/** What an operator may change when creating from a preset; everything else takes the preset's defaults. */
export const presetInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  enabled: z.boolean().optional(),
  scope: scopeSchema.optional(),
  days: z.number().int().min(1).max(90).optional()
    .meta({ description: 'invite_reminder: days before the reminder (default 3); lurker_outreach: days silent (14, fixed by the lurker role) in the group; core_care: days silent (7)' }),
  templateId: z.uuid().optional().meta({ description: 'invite_reminder: the reminder to send; default: a template made from the preset\'s text' }),
  communityId: z.uuid().optional().meta({ description: 'checkin_vip_invite (required): the vip group to invite into' }),
  assigneeId: z.uuid().optional().meta({ description: 'lurker_outreach, core_care: who gets the tasks; default: the group\'s owner on staff' }),
});
export type PresetInput = z.infer<typeof presetInputSchema>;

export interface PresetInfo { key: PresetKey; name: string; description: string; needs: ('templateId' | 'communityId')[] }

export const PRESETS: PresetInfo[] = [
  { key: 'invite_reminder', name: '邀请未进群提醒', description: '发出入群邀请 3 天后仍未进群：私聊温和提醒一次，3 天后仍未进群再提醒一次，每人最多 2 次', needs: [] },
  { key: 'lurker_outreach', name: '潜水成员私聊', description: '进群满 14 天、14 天没有发言的成员：给群主（或指定同事）一个私聊任务', needs: [] },
  { key: 'core_care', name: '核心成员关怀', description: '核心成员 7 天没有任何互动：给群主一个关怀任务', needs: [] },
  { key: 'leave_spike_alert', name: '退群激增告警', description: '某个群本周退群人数明显高于前几周：提醒管理员查看', needs: [] },
  { key: 'checkin_vip_invite', name: '打卡邀请进 VIP 群', description: '成员打卡（完成任务）后：邀请进入指定的 VIP 群，每人一次', needs: ['communityId'] },
];

const taskAssignee = (input: PresetInput) => (input.assigneeId ? { assignTo: 'user' as const, assigneeId: input.assigneeId } : { assignTo: 'community_owner' as const });

/** The rule a preset makes; invite_reminder's template is filled in by the caller. */
export function presetRule(key: PresetKey, input: PresetInput, templateId: string | null, defaultName: string): CreateTriggerInput {
  const common = { name: input.name ?? defaultName, enabled: input.enabled ?? true, scope: input.scope ?? { kind: 'all' as const } };
  switch (key) {
    case 'invite_reminder': {
      const days = { amount: input.days ?? 3, unit: 'days' as const };
      return {
        ...common, when: { kind: 'invite_sent' }, delay: days, condition: 'not_in_group', capPerMember: 2, repeatAfter: days,
        do: { kind: 'send_template', templateId: templateId!, audience: 'private', class: 'marketing' },
      };
    }
    case 'lurker_outreach':
      return {
        ...common, when: { kind: 'segment', segment: 'role:lurker', minTenureDays: input.days ?? 14 }, condition: 'still_in_segment', capPerMember: 1,
        do: {
          kind: 'staff_task', taskKind: 'private_chat', title: '私聊潜水成员：{{member.name}}（{{community.name}}）', dueInHours: 24, ...taskAssignee(input),
          body: '{{member.name}}，你好～我是「{{community.name}}」的群主。看你进群有一阵子了，最近有没有想了解的内容？有任何问题都可以直接问我。',
        },
      };
    case 'core_care':
      return {
        ...common, when: { kind: 'segment', segment: 'role:core', silentDays: input.days ?? 7 }, condition: 'still_silent',
        do: {
          kind: 'staff_task', taskKind: 'care', title: '关怀沉默的核心成员：{{member.name}}（{{community.name}}）', dueInHours: 24, ...taskAssignee(input),
          body: '{{member.name}}，好久没在群里看到你啦，最近还好吗？大家都挺想念你的分享～',
        },
      };
    case 'leave_spike_alert':
      return {
        ...common, when: { kind: 'signal', signal: 'leave_spike' },
        do: { kind: 'alert', title: '退群激增：{{community.name}}', body: '「{{community.name}}」本周退群人数明显高于前几周，建议查看最近的群消息、推送频率和是否有广告。' },
      };
    case 'checkin_vip_invite':
      return {
        ...common, when: { kind: 'event', eventType: 'member.checked_in' }, capPerMember: 1,
        do: { kind: 'invite', communityId: input.communityId! },
      };
  }
}
