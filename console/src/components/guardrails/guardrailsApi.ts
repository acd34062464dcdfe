// Client for /api/v1/automation/guardrails and /opt-outs (docs/api.md). It lives beside the guardrails page
// rather than in api.ts: the session's CSRF token comes from useAuth, and an expired session is reported by
// asking /auth/me, which sends the user to the login page the way every other request does.
import { useMemo } from 'react';
import { api, ApiError, type FieldError, type Page, type PageQuery } from '../../api.js';
import { useAuth } from '../../auth.js';

export interface GuardrailSettings {
  quietHours: { start: string; end: string };
  /** null: no cap */
  memberMarketingPerDay: number | null;
  groupMarketingPerDay: number | null;
  optOutKeywords: string[];
}
export interface GuardrailSettingsView {
  settings: GuardrailSettings;
  defaults: GuardrailSettings;
  timeZone: string;
  updatedAt: string | null;
  updatedBy: string | null;
}
export type OptOutSource = 'keyword' | 'operator';
export interface OptOut {
  memberId: string; displayName: string; optedOutAt: string | null; source: OptOutSource | null;
  keyword: string | null; eventId: string | null; actorName: string | null;
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
      res = await fetch(`/api/v1/automation${path}${params.toString() ? `?${params.toString()}` : ''}`, {
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
    settings: () => request<GuardrailSettingsView>('GET', '/guardrails'),
    saveSettings: (body: GuardrailSettings) => request<GuardrailSettingsView>('PUT', '/guardrails', body),
    optOuts: (q: PageQuery & { q?: string }) => request<Page<OptOut>>('GET', '/opt-outs', undefined, q),
    optOut: (memberId: string) => request<OptOut>('PUT', `/opt-outs/${enc(memberId)}`),
    optIn: (memberId: string) => request<{ memberId: string; optedOut: false }>('DELETE', `/opt-outs/${enc(memberId)}`),
  };
}

export type GuardrailsApi = ReturnType<typeof client>;

export function useGuardrailsApi(): GuardrailsApi {
  const { session } = useAuth();
  const csrf = session?.csrfToken;
  return useMemo(() => client(csrf), [csrf]);
}
