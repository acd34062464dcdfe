// Typed calls for /api/v1/sop (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type CommunityType, type Page, type PageQuery } from '../../api.js';

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

function client() {
  const request = <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => apiRequest<T>(method, `/sop${path}`, body, query);
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

const shared = client();

export function useSopApi(): SopApi {
  return shared;
}
