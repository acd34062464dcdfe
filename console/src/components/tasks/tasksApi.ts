// Client for the staff task routes (docs/api.md, "Staff tasks"). It speaks the same error shape as the
// shared client in api.ts, so errorText and RequestError treat its failures alike.
import { api, ApiError, type FieldError, type Page, type PageQuery } from '../../api.js';

export type TaskKind = 'private_chat' | 'care' | 'confirm_send' | 'alert' | 'custom';
export type TaskStatus = 'open' | 'done' | 'dismissed';

export interface StaffTask {
  id: string; kind: TaskKind; title: string; body: string; media: Record<string, unknown>[];
  communityId: string | null; communityName: string | null; memberId: string | null; memberName: string | null;
  assigneeId: string | null; assigneeName: string | null; dueAt: string; status: TaskStatus;
  closedAt: string | null; closedBy: string | null; closedByName: string | null; note: string | null;
  actionId: string | null; actionStatus: string | null; idempotencyKey: string; createdBy: string | null; createdAt: string;
}

export interface TaskQuery extends PageQuery {
  /** "mine", "unassigned" or a user id; absent: everyone's. */
  assignee?: string;
  status?: TaskStatus;
  dueBefore?: string;
}

async function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, csrf: string, opts: { query?: object; body?: unknown } = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {}) as [string, unknown][]) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, {
      method, credentials: 'include',
      headers: { accept: 'application/json', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await res.text();
  let data: unknown = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* a proxy's error page: the status still tells */ }
  if (!res.ok) {
    // An expired session: asking who we are lets the shared client send the user to the login page.
    if (res.status === 401) void api.me().catch(() => undefined);
    const body = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
    throw new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message ?? res.statusText, Array.isArray(body?.fields) ? body.fields : []);
  }
  return data as T;
}

const enc = encodeURIComponent;

/** Bound to the session's CSRF token (useAuth().session.csrfToken). */
export const tasksApi = (csrf: string) => ({
  list: (q: TaskQuery) => call<Page<StaffTask>>('GET', '/staff-tasks', csrf, { query: q }),
  complete: (id: string, note?: string) => call<StaffTask>('POST', `/staff-tasks/${enc(id)}/complete`, csrf, { body: { note } }),
  dismiss: (id: string, note?: string) => call<StaffTask>('POST', `/staff-tasks/${enc(id)}/dismiss`, csrf, { body: { note } }),
  reassign: (id: string, assigneeId: string | null) => call<StaffTask>('PATCH', `/staff-tasks/${enc(id)}`, csrf, { body: { assigneeId } }),
});
