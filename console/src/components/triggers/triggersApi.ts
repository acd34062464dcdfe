// Client for /api/v1/triggers and /api/v1/trigger-firings (docs/api.md, "Triggers"). Like the templates client,
// it lives beside its page: the CSRF token comes from useAuth, and a 401 sends the user back to the login page.
import { useMemo } from 'react';
import { api, ApiError, type CommunityType, type FieldError, type Page, type PageQuery } from '../../api.js';
import { useAuth } from '../../auth.js';

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

function client(csrf: string | undefined) {
  const request = async <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}) as [string, unknown][]) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}${params.toString() ? `?${params.toString()}` : ''}`, {
        method, headers, credentials: 'include', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    const text = await res.text();
    let data: unknown = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: the status says enough */ }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
      if (res.status === 401) void api.me().catch(() => undefined);
      throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, Array.isArray(e?.fields) ? e.fields : []);
    }
    return data as T;
  };
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

export function useTriggersApi(): TriggersApi {
  const { session } = useAuth();
  const csrf = session?.csrfToken;
  return useMemo(() => client(csrf), [csrf]);
}
