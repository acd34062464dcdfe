// Typed calls for /api/v1/welcome-flows and /api/v1/welcome-batches (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type ActionStatus, type CommunityType, type Page, type PageQuery } from '../../api.js';

export type Audience = 'private' | 'group';
export const AUDIENCES: Audience[] = ['private', 'group'];
/** The server's limits (src/modules/automation/welcome/contracts.ts). */
export const MAX_WINDOW_MINUTES = 60;
export const MAX_OFFSET_MINUTES = 48 * 60;
export const MAX_STEPS = 20;

export type Scope = { kind: 'all' } | { kind: 'type'; type: CommunityType } | { kind: 'communities'; communityIds: string[] };
export interface TemplateRef { id: string; name: string | null; status: string | null }
export interface JourneyStep { offsetMinutes: number; templateId: string; audience: Audience }
export interface WelcomeFlowInput {
  name: string; enabled: boolean; scope: Scope;
  groupWelcome: { templateId: string; windowMinutes: number };
  privateWelcome: { templateId: string } | null;
  journey: JourneyStep[];
}
export interface WelcomeFlow {
  id: string; name: string; enabled: boolean;
  scope: { kind: 'all' } | { kind: 'type'; type: CommunityType } | { kind: 'communities'; communityIds: string[]; communities: { id: string; name: string }[] };
  groupWelcome: { templateId: string; windowMinutes: number; template: TemplateRef };
  privateWelcome: { templateId: string; template: TemplateRef } | null;
  journey: (JourneyStep & { template: TemplateRef })[];
  createdAt: string; updatedAt: string;
}
export type BatchStatus = ActionStatus | 'refused';
export interface WelcomeBatch {
  id: string; communityId: string; communityName: string; flowId: string | null; flowName: string | null;
  windowStart: string; windowEnd: string; newcomers: { memberId: string; name: string }[]; dropped: number;
  status: BatchStatus; error: string | null; problems: { memberId: string | null; step: string; error: string }[];
  actionId: string | null; sentAt: string | null; createdAt: string;
}

function client() {
  const request = <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => apiRequest<T>(method, path, body, query);
  const enc = encodeURIComponent;
  return {
    list: (q: PageQuery) => request<Page<WelcomeFlow>>('GET', '/welcome-flows', undefined, q),
    create: (body: WelcomeFlowInput) => request<WelcomeFlow>('POST', '/welcome-flows', body),
    update: (id: string, body: WelcomeFlowInput) => request<WelcomeFlow>('PUT', `/welcome-flows/${enc(id)}`, body),
    setEnabled: (id: string, enabled: boolean) => request<WelcomeFlow>('PATCH', `/welcome-flows/${enc(id)}`, { enabled }),
    remove: (id: string) => request<{ ok: boolean }>('DELETE', `/welcome-flows/${enc(id)}`),
    batches: (q: PageQuery & { flowId?: string; communityId?: string }) => request<Page<WelcomeBatch>>('GET', '/welcome-batches', undefined, q),
  };
}
export type WelcomeApi = ReturnType<typeof client>;

const shared = client();

export function useWelcomeApi(): WelcomeApi {
  return shared;
}
