// Typed calls for /api/v1/triggers and /api/v1/trigger-firings (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type CommunityType, type Page, type PageQuery } from '../../api.js';

export type Duration = { amount: number; unit: 'minutes' | 'hours' | 'days' };
export type TriggerScope = { kind: 'all' } | { kind: 'type'; type: CommunityType } | { kind: 'communities'; communityIds: string[] };
export const EVENT_TYPES = ['member.joined', 'member.left', 'member.checked_in', 'message.sent', 'message.reaction', 'invite.accepted', 'poster.shared', 'order.paid', 'custom'] as const;
export const SEGMENTS = [
  'role:lurker', 'role:core', 'role:kol_candidate', 'role:newcomer',
  'lifecycle:new', 'lifecycle:active', 'lifecycle:returning', 'lifecycle:resurrecting', 'lifecycle:at_risk', 'lifecycle:dormant', 'lifecycle:left',
  'level:1', 'level:2', 'level:3', 'level:4',
] as const;
export type TriggerWhen =
  | { kind: 'event'; eventType: (typeof EVENT_TYPES)[number]; keyword?: string; name?: string }
  | { kind: 'invite_sent' }
  | { kind: 'segment'; segment: string; silentDays?: number; minTenureDays?: number }
  | { kind: 'signal'; signal: 'leave_spike' };
export const CONDITIONS = ['not_in_group', 'in_group', 'still_silent', 'still_in_segment'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type TriggerDo =
  | { kind: 'send_template'; templateId: string; audience: 'private' | 'group'; class: 'marketing' | 'service' }
  | { kind: 'staff_task'; taskKind: 'private_chat' | 'care' | 'custom'; title: string; body: string; dueInHours: number; assignTo: 'community_owner' | 'user' | 'pool'; assigneeId?: string | null }
  | { kind: 'alert'; title: string; body: string; assigneeId?: string | null }
  | { kind: 'invite'; communityId: string }
  | { kind: 'tag'; tag: string };
export interface TriggerInput {
  name: string; enabled: boolean; scope: TriggerScope; when: TriggerWhen; delay: Duration | null; condition: Condition | null;
  do: TriggerDo; capPerMember: number | null; repeatAfter: Duration | null;
}
export interface Trigger extends TriggerInput {
  id: string; preset: string | null; createdAt: string; updatedAt: string;
  firings: { scheduled: number; done: number; skipped: number }; lastFiredAt: string | null;
}
export type FiringStatus = 'scheduled' | 'done' | 'skipped';
export interface Firing {
  id: string; ruleId: string; ruleName: string; memberId: string | null; memberName: string | null; communityId: string | null; communityName: string | null;
  occurrence: string; occurredAt: string; seq: number; scheduledAt: string; status: FiringStatus; reason: string | null;
  actionId: string | null; actionStatus: string | null; createdAt: string; closedAt: string | null;
}
export const PRESET_KEYS = ['invite_reminder', 'lurker_outreach', 'core_care', 'leave_spike_alert', 'checkin_vip_invite'] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];
export interface PresetInput { name?: string; days?: number; templateId?: string; communityId?: string; assigneeId?: string; scope?: TriggerScope }

function client() {
  const request = <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => apiRequest<T>(method, path, body, query);
  const enc = encodeURIComponent;
  return {
    list: (q: PageQuery) => request<Page<Trigger>>('GET', '/triggers', undefined, q),
    create: (body: TriggerInput) => request<Trigger>('POST', '/triggers', body),
    fromPreset: (key: PresetKey, body: PresetInput) => request<Trigger>('POST', `/triggers/presets/${enc(key)}`, body),
    update: (id: string, body: Partial<TriggerInput>) => request<Trigger>('PATCH', `/triggers/${enc(id)}`, body),
    remove: (id: string) => request<{ ok: boolean }>('DELETE', `/triggers/${enc(id)}`),
    presets: () => request<{ items: { key: PresetKey; name: string; description: string; needs: string[] }[]; inviteReminderText: string }>('GET', '/triggers/presets'),
    firings: (q: PageQuery & { ruleId?: string; status?: FiringStatus }) => request<Page<Firing>>('GET', '/trigger-firings', undefined, q),
  };
}
export type TriggersApi = ReturnType<typeof client>;

const shared = client();

export function useTriggersApi(): TriggersApi {
  return shared;
}
