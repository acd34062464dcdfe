// Typed calls for /api/v1/templates (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type FieldError, type Page, type PageQuery } from '../../api.js';

export type ContentType = 'text' | 'image' | 'link' | 'mini_program';
export const CONTENT_TYPES: ContentType[] = ['text', 'image', 'link', 'mini_program'];
export interface Content {
  text?: string; url?: string; caption?: string; title?: string; description?: string; coverUrl?: string; appId?: string; pagePath?: string;
}
export type ContentField = keyof Content;
/** Fields per type, as the server checks them (src/modules/automation/templates/content.ts); `vars`: variables allowed. */
export const FIELDS: Record<ContentType, { name: ContentField; required: boolean; vars: boolean; long?: boolean }[]> = {
  text: [{ name: 'text', required: true, vars: true, long: true }],
  image: [{ name: 'url', required: true, vars: false }, { name: 'caption', required: false, vars: true, long: true }],
  link: [
    { name: 'title', required: true, vars: true }, { name: 'description', required: false, vars: true, long: true },
    { name: 'url', required: true, vars: false }, { name: 'coverUrl', required: false, vars: false },
  ],
  mini_program: [
    { name: 'title', required: true, vars: true }, { name: 'appId', required: true, vars: false },
    { name: 'pagePath', required: true, vars: false }, { name: 'coverUrl', required: false, vars: false },
  ],
};
export const VARIABLES = ['member.name', 'member.link', 'community.name', 'workspace.name', 'date'] as const;

export interface VariantInput { key: string; weight: number; content: Content }
export interface Variant extends VariantInput { version: number; retired: boolean; updatedAt: string }
export interface Template {
  id: string; name: string; contentType: ContentType; status: 'active' | 'archived';
  createdAt: string; updatedAt: string; archivedAt: string | null; variants: Variant[];
}
export interface TemplateListItem extends Omit<Template, 'variants'> { variants: { key: string; weight: number; version: number }[]; sends: number }
export interface Version { variantKey: string; version: number; content: Content; createdAt: string; createdBy: string | null; createdByName: string | null; current: boolean }
export interface Rendered { variantKey: string; version: number; contentType: ContentType; content: Content; text: string }
export interface Preview {
  chosen: Rendered | null;
  variants: ((Rendered & { error: null }) | { variantKey: string; version: number; error: string })[];
}
export interface DraftPreview { content: Content; text: string; problems: FieldError[]; unfilled: string[] }
export interface Recipient { communityId: string; memberId?: string }
export interface SendResult { actionId: string; status: string; kind: string; variantKey: string; version: number; text: string }
export const OUTCOME_METRICS = ['replies', 'clicks', 'joins', 'orders'] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];
export interface OutcomeCounts {
  sends: number; replies: number; replyRate: number | null;
  linkSends: number; clickedSends: number; clicks: number; clickRate: number | null;
  privateSends: number; joins: number; joinRate: number | null;
  orderedSends: number; orders: number; revenueCents: number; orderRate: number | null;
}
export interface Outcomes {
  templateId: string; windowHours: number; metric: OutcomeMetric; totalSends: number;
  variants: (OutcomeCounts & { key: string; weight: number; retired: boolean; probabilityBest: number | null })[];
}

function client() {
  const request = <T>(method: string, path: string, body?: unknown, query?: object): Promise<T> => apiRequest<T>(method, `/templates${path}`, body, query);
  const enc = encodeURIComponent;
  return {
    list: (q: PageQuery & { status?: string; q?: string }) => request<Page<TemplateListItem>>('GET', '', undefined, q),
    get: (id: string) => request<Template>('GET', `/${enc(id)}`),
    create: (body: { name: string; contentType: ContentType; variants: VariantInput[] }) => request<Template>('POST', '', body),
    update: (id: string, body: { name?: string; variants?: VariantInput[] }) => request<Template>('PATCH', `/${enc(id)}`, body),
    remove: (id: string) => request<{ ok: boolean }>('DELETE', `/${enc(id)}`),
    archive: (id: string) => request<Template>('POST', `/${enc(id)}/archive`),
    restore: (id: string) => request<Template>('POST', `/${enc(id)}/restore`),
    versions: (id: string, key: string) => request<{ items: Version[] }>('GET', `/${enc(id)}/variants/${enc(key)}/versions`),
    previewDraft: (body: { contentType: ContentType; content: Content; communityId?: string; memberId?: string }) => request<DraftPreview>('POST', '/preview', body),
    render: (id: string, body: Recipient & { idempotencyKey?: string }) => request<Preview>('POST', `/${enc(id)}/render`, body),
    send: (id: string, body: Recipient & { idempotencyKey: string }) => request<SendResult>('POST', `/${enc(id)}/sends`, body),
    outcomes: (id: string, q: { windowHours: number; metric: OutcomeMetric }) => request<Outcomes>('GET', `/${enc(id)}/outcomes`, undefined, q),
  };
}
export type TemplatesApi = ReturnType<typeof client>;

const shared = client();

export function useTemplatesApi(): TemplatesApi {
  return shared;
}
