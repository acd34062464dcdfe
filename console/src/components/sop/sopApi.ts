// Client for /api/v1/sop (docs/api.md, "SOP plans"). Like the templates client it lives beside its page and
// takes the CSRF token from useAuth; a 401 asks /auth/me so an expired session lands on the login page.
import { useMemo } from 'react';
import { api, ApiError, type CommunityType, type FieldError, type Page, type PageQuery } from '../../api.js';
import { useAuth } from '../../auth.js';

export type AutomationClass = 'marketing' | 'service';
export type Recurrence =
  | { kind: 'daily' }
  | { kind: 'weekdays'; days: number[] }
  | { kind: 'dates'; dates: string[] }
  | { kind: 'after_open'; days: number[] };
export type RecurrenceKind = Recurrence['kind'];
export const RECURRENCE_KINDS: RecurrenceKind[] = ['daily', 'weekdays', 'dates', 'after_open'];

export interface StepInput { id?: string; label: string; time: string; recurrence: Recurrence; templateId: string; class: AutomationClass; endsOn: string | null }
export interface Step extends StepInput { id: string; position: number; templateName: string }
export interface PlanInput { name: string; enabled: boolean; communityTypes: CommunityType[]; communityIds: string[]; steps: StepInput[] }
export interface Plan extends Omit<PlanInput, 'steps'> { id: string; steps: Step[]; targets: number; createdAt: string; updatedAt: string }
export interface PlanListItem extends Omit<Plan, 'steps'> { stepCount: number }
export interface CapWarning { date: string; communities: number; maxSends: number; cap: number; examples: { communityId: string; name: string; sends: number }[] }
export interface CapCheck { cap: number | null; days: number; warnings: CapWarning[] }

export type PresetInput =
  | { preset: 'opening_ceremony'; name?: string; communityTypes: CommunityType[]; communityIds: string[]; templates: { welcome: string; value: string; rules: string; closing: string } }
  | { preset: 'pre_heat'; name?: string; communityTypes: CommunityType[]; communityIds: string[]; saleDate: string; saleTime: string; templates: { topic: string; reminder: string; link: string } };

export const OCCURRENCE_STATUSES = ['planned', 'pending', 'held', 'sent', 'failed', 'cancelled', 'missed', 'refused'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];
export interface CalendarOccurrence {
  at: string; localTime: string; planId: string; planName: string; stepId: string; stepLabel: string; templateName: string; class: AutomationClass;
  communities: number; statuses: Partial<Record<OccurrenceStatus, number>>; status: OccurrenceStatus | null; error: string | null;
}
export interface CalendarDay { date: string; overCap: boolean; communitiesOverCap: number; occurrences: CalendarOccurrence[] }
export interface Calendar { from: string; to: string; timeZone: string; cap: number | null; communityId: string | null; days: CalendarDay[] }

function client(csrf: string | undefined) {
  const request = async <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}) as [string, unknown][]) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetch(`/api/v1/sop${path}${params.toString() ? `?${params.toString()}` : ''}`, {
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
    list: (q: PageQuery) => request<Page<PlanListItem>>('GET', '/plans', undefined, q),
    get: (id: string) => request<Plan>('GET', `/plans/${enc(id)}`),
    create: (body: PlanInput) => request<Plan>('POST', '/plans', body),
    update: (id: string, body: PlanInput) => request<Plan>('PUT', `/plans/${enc(id)}`, body),
    remove: (id: string) => request<{ ok: boolean }>('DELETE', `/plans/${enc(id)}`),
    check: (body: PlanInput & { planId?: string }) => request<CapCheck>('POST', '/plans/check', body),
    previewPreset: (body: PresetInput) => request<PlanInput>('POST', '/plans/preset/preview', body),
    calendar: (q: { from: string; to: string; communityId?: string; planId?: string }) => request<Calendar>('GET', '/calendar', undefined, q),
  };
}
export type SopApi = ReturnType<typeof client>;

export function useSopApi(): SopApi {
  const { session } = useAuth();
  const csrf = session?.csrfToken;
  return useMemo(() => client(csrf), [csrf]);
}
