// Typed calls for /api/v1/channels/wecom (docs/api.md "WeCom", docs/wecom.md).
import { apiRequest } from '../../api.js';

export interface WecomCorp {
  id: string; name: string; corpId: string; agentId: string; baseUrl: string | null;
  secretMasked: string; tokenMasked: string; encodingAesKeyMasked: string; callbackUrl: string;
  lastTest: { at: string; ok: boolean; message: string } | null;
  createdAt: string; updatedAt: string;
}
export interface CorpInput { name: string; corpId: string; agentId: string; secret: string; token: string; encodingAesKey: string; baseUrl: string | null }
export interface TestResult { ok: boolean; code: number; message: string; expiresIn: number | null }

const enc = encodeURIComponent;
const base = '/channels/wecom/corps';
export const wecomApi = {
  corps: () => apiRequest<{ items: WecomCorp[] }>('GET', base),
  create: (body: CorpInput) => apiRequest<WecomCorp>('POST', base, body),
  update: (id: string, body: Partial<CorpInput>) => apiRequest<WecomCorp>('PATCH', `${base}/${enc(id)}`, body),
  remove: (id: string) => apiRequest<void>('DELETE', `${base}/${enc(id)}`),
  test: (id: string) => apiRequest<TestResult>('POST', `${base}/${enc(id)}/test`, {}),
};

/** The API answers a path when it was not told its public address; WeCom needs the whole URL. */
export const absoluteUrl = (url: string) => (url.startsWith('/') ? `${window.location.origin}${url}` : url);
