// Typed calls for /api/v1/automation/guardrails and /opt-outs (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

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

function client() {
  const request = <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => apiRequest<T>(method, `/automation${path}`, body, query);
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

const shared = client();

export function useGuardrailsApi(): GuardrailsApi {
  return shared;
}
