// Client for /api/v1/welcome-flows and /api/v1/welcome-batches (docs/api.md). It lives beside the welcome
// flows page rather than in api.ts: the session's CSRF token comes from useAuth, and an expired session is
// reported by asking /auth/me, which sends the user to the login page the way every other request does.
import { useMemo } from 'react';
import { api, ApiError, type ActionStatus, type CommunityType, type FieldError, type Page, type PageQuery } from '../../api.js';
import { useAuth } from '../../auth.js';

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
    list: (q: PageQuery) => request<Page<WelcomeFlow>>('GET', '/welcome-flows', undefined, q),
    create: (body: WelcomeFlowInput) => request<WelcomeFlow>('POST', '/welcome-flows', body),
    update: (id: string, body: WelcomeFlowInput) => request<WelcomeFlow>('PUT', `/welcome-flows/${enc(id)}`, body),
    setEnabled: (id: string, enabled: boolean) => request<WelcomeFlow>('PATCH', `/welcome-flows/${enc(id)}`, { enabled }),
    remove: (id: string) => request<{ ok: boolean }>('DELETE', `/welcome-flows/${enc(id)}`),
    batches: (q: PageQuery & { flowId?: string; communityId?: string }) => request<Page<WelcomeBatch>>('GET', '/welcome-batches', undefined, q),
  };
}
export type WelcomeApi = ReturnType<typeof client>;

export function useWelcomeApi(): WelcomeApi {
  const { session } = useAuth();
  const csrf = session?.csrfToken;
  return useMemo(() => client(csrf), [csrf]);
}
