// Typed calls for /api/v1/channels/wecom/corps/:id/welcome-templates (docs/api.md "WeCom", docs/wecom.md).
import { apiRequest, type Page } from '../../api.js';
import type { Paging } from '../../hooks.js';

export type WelcomeAttachment =
  | { kind: 'image'; picUrl: string }
  | { kind: 'link'; title: string; url: string; picUrl: string | null; desc: string | null }
  | { kind: 'miniprogram'; title: string; picMediaId: string; appid: string; page: string };

export interface WelcomeTemplate {
  id: string; corpRowId: string; templateId: string; name: string;
  text: { content: string } | null; attachment: WelcomeAttachment | null; notify: boolean;
  createdAt: string; updatedAt: string; lastPulledAt: string | null;
}
export interface WelcomeTemplateInput { name: string; text: { content: string } | null; attachment: WelcomeAttachment | null }

const enc = encodeURIComponent;
const base = (corpId: string) => `/channels/wecom/corps/${enc(corpId)}/welcome-templates`;
export const welcomeTemplatesApi = {
  list: (corpId: string, paging: Paging) => apiRequest<Page<WelcomeTemplate>>('GET', base(corpId), undefined, { page: paging.page, pageSize: paging.pageSize }),
  create: (corpId: string, body: WelcomeTemplateInput & { notify: boolean }) => apiRequest<WelcomeTemplate>('POST', base(corpId), body),
  update: (corpId: string, id: string, body: WelcomeTemplateInput) => apiRequest<WelcomeTemplate>('PUT', `${base(corpId)}/${enc(id)}`, body),
  refresh: (corpId: string, id: string) => apiRequest<WelcomeTemplate>('GET', `${base(corpId)}/${enc(id)}`, undefined, { refresh: '1' }),
  remove: (corpId: string, id: string) => apiRequest<void>('DELETE', `${base(corpId)}/${enc(id)}`),
};

/** WeCom limits text by UTF-8 bytes (path/92366), so the editor counts what WeCom counts. */
export const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
export const TEXT_MAX_BYTES = 3000;
