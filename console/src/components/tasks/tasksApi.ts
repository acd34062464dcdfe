// Typed calls for the staff task routes (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

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

// The csrf argument is kept for callers' sake; the shared client already holds the session's token.
const call = <T>(method: 'GET' | 'POST' | 'PATCH', path: string, _csrf: string, opts: { query?: object; body?: unknown } = {}): Promise<T> =>
  apiRequest<T>(method, path, opts.body, opts.query);

const enc = encodeURIComponent;

/** Bound to the session's CSRF token (useAuth().session.csrfToken). */
export const tasksApi = (csrf: string) => ({
  list: (q: TaskQuery) => call<Page<StaffTask>>('GET', '/staff-tasks', csrf, { query: q }),
  complete: (id: string, note?: string) => call<StaffTask>('POST', `/staff-tasks/${enc(id)}/complete`, csrf, { body: { note } }),
  dismiss: (id: string, note?: string) => call<StaffTask>('POST', `/staff-tasks/${enc(id)}/dismiss`, csrf, { body: { note } }),
  reassign: (id: string, assigneeId: string | null) => call<StaffTask>('PATCH', `/staff-tasks/${enc(id)}`, csrf, { body: { assigneeId } }),
});
