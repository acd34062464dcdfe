// Typed client for the HTTP API in docs/api.md. The session lives in an httpOnly cookie, so the only secret the
// browser keeps is the CSRF token, and it keeps it in memory: a reload asks /auth/me for it again.

export type Role = 'owner' | 'admin' | 'operator' | 'analyst';
export const ROLES: Role[] = ['owner', 'admin', 'operator', 'analyst'];
const ROLE_RANK: Record<Role, number> = { analyst: 1, operator: 2, admin: 3, owner: 4 };
export const roleAtLeast = (role: Role | undefined, min: Role) => !!role && ROLE_RANK[role] >= ROLE_RANK[min];

export type CommunityType = 'basic' | 'vip' | 'distribution';
export const COMMUNITY_TYPES: CommunityType[] = ['basic', 'vip', 'distribution'];
export type CommunityStatus = 'active' | 'archived' | 'dismissed';
export const COMMUNITY_STATUSES: CommunityStatus[] = ['active', 'archived', 'dismissed'];
export const CHANNELS = ['sandbox', 'webhook', 'wecom', 'wechat', 'whatsapp', 'telegram', 'slack', 'discord', 'qq'] as const;
export type ApiKeyScope = 'events:write' | 'read' | 'write';
export const API_KEY_SCOPES: ApiKeyScope[] = ['events:write', 'read', 'write'];
/** Outbox states; a failed action arrives as "failed: <last error>". */
export type ActionStatus = 'pending' | 'sending' | 'awaiting_staff' | 'sent' | 'failed' | 'cancelled';

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export const ACTION_STATUSES: ActionStatus[] = ['pending', 'sending', 'awaiting_staff', 'sent', 'failed', 'cancelled'];
export type ActionKind = 'send_group' | 'send_private' | 'invite' | 'remove' | 'tag' | 'staff_task' | 'alert';
/** One outbox row (GET /outbox). */
export interface OutboxAction {
  id: string; kind: ActionKind; channel: string; status: ActionStatus;
  communityId: string | null; communityName: string | null; memberId: string | null; memberName: string | null;
  summary: string; automation: 'marketing' | 'service' | null;
  attempts: number; lastError: string | null; nextAttemptAt: string; createdAt: string; sentAt: string | null;
}
export interface PageQuery { page?: number; pageSize?: number }

export interface Session {
  csrfToken: string;
  user: { id: string; email: string; name: string };
  workspace: { id: string; slug: string; name: string; timeZone: string };
  role: Role;
}

export interface Overview {
  totals: { communities: number; members: number; messages: number; joins: number; leaves: number; activeMembers7d: number };
  series: { day: string; messages: number; joins: number; leaves: number; activeMembers: number }[];
}

export interface Community {
  id: string; name: string; type: CommunityType; subtype: string | null; channel: string; externalId: string;
  capacity: number; status: CommunityStatus; tags: string[]; ownerStaffId: string | null;
  memberCount: number; messages7d: number; createdAt: string;
}
/**
 * Channels Shequn can act on (send, invite, remove): those with an outbound adapter in
 * src/channels/registry.ts. The API refuses the others with a 409, so this only decides what to offer.
 */
const OUTBOUND_CHANNELS = new Set(['sandbox']);
export const canActOn = (c: Pick<Community, 'channel' | 'status'>) => OUTBOUND_CHANNELS.has(c.channel) && c.status === 'active';

export interface CommunityInput {
  name?: string; type?: CommunityType; subtype?: string | null; channel?: string; externalId?: string;
  capacity?: number; status?: CommunityStatus; tags?: string[];
}

export interface Membership {
  memberId: string; displayName: string; role: 'owner' | 'admin' | 'member'; isKol: boolean;
  joinedAt: string | null; leftAt: string | null; joinScene: string | null;
  inviterMemberId: string | null; inviterName: string | null; messages: number;
}
export interface MembershipActionInput { memberId: string; reason?: string; idempotencyKey?: string }

export interface ActivityDay {
  day: string; messages: number; replies: number; mentions: number; activeMembers: number; joins: number; leaves: number;
}

export interface TimelineItem {
  id: string; type: string; occurredAt: string; memberId: string | null; memberName: string | null;
  text: string | null; mediaType: string | null; replyTo: string | null; direction: 'in' | 'out'; status: string | null;
}
export interface Timeline { items: TimelineItem[]; nextBefore: string | null }

export interface Member {
  id: string; displayName: string; optedOut: boolean; firstSeenAt: string; lastActiveAt: string | null;
  identities: { channel: string; externalId: string }[]; communities: number; messages: number;
}
export interface MemberDetail extends Member {
  memberships: { communityId: string; communityName: string; role: string; isKol: boolean; joinedAt: string | null; leftAt: string | null }[];
}
export interface MemberEvent {
  id: string; type: string; occurredAt: string; communityId: string | null; communityName: string | null; data: Record<string, unknown>;
}

export interface ApiKey {
  id: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
}
export interface Staff { userId: string; email: string; name: string; role: Role; createdAt: string }
export interface AuditEntry {
  id: string; at: string; actor: string; action: string; targetType: string | null; targetId: string | null; details: Record<string, unknown>;
}

/** Chat-export formats the importer reads (src/modules/importers/types.ts); 'auto' lets it decide. */
export const IMPORT_FORMATS = ['whatsapp', 'telegram-json', 'telegram-html', 'slack', 'discord-json', 'discord-csv', 'wechat-csv', 'qq-txt'] as const;
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
export interface ImportProgress { bytesRead: number; bytesTotal: number; records: number; stored: number }
export interface ImportSummary {
  format: string; detection: { auto: boolean; confidence: number };
  chats: number; records: number; messages: number; joins: number; leaves: number;
  stored: number; duplicates: number; unparsed: number; rejected: number;
  samples: { line: number; file?: string; text: string; reason: string }[]; bytes: number; seconds: number;
}
export interface ImportJob {
  id: string; fileName: string; sizeBytes: number; format: string; community: string | null; timeZone: string;
  status: ImportStatus; progress: ImportProgress | null; summary: ImportSummary | null; error: string | null;
  createdBy: string | null; createdByName: string | null; createdAt: string; startedAt: string | null; finishedAt: string | null;
}
export interface ImportUploadQuery { fileName: string; format: string; community?: string; timeZone?: string }

/** The health dashboard's data (docs/metrics.md); keys are the API's, snake_case as served. */
export interface AnalyticsQuery { communityId?: string; from?: string; to?: string }
export interface LeaveSpike { community_id: string; week: string; leaves: number; trailing_mean: number; trailing_std: number }
export interface TopSpeaker { member_id: string; name: string; messages: number; share: number }
export interface HealthReport {
  window: { from: string; to: string }; communities: number;
  messages: number; speakers: number; members_known: number; joins: number; leaves: number;
  top20_share: number | null; gini: number | null; absence_factor: number;
  reply_share: number | null; median_first_reply_minutes: number | null;
  value_contributors: number; value_output_per_week: number;
  lurker_share: number | null; activation_48h: number | null;
  dau: number; wau: number; mau: number; avg_dau: number; stickiness: number | null;
  leave_spikes: LeaveSpike[]; top_speakers: TopSpeaker[];
}
/** counts[weekday][hour], Monday = 0, in the workspace time zone. */
export interface Heatmap { window: { from: string; to: string }; communities: number; time_zone: string; messages: number; counts: number[][] }
export interface SpeakerDistribution {
  window: { from: string; to: string }; communities: number; messages: number; speakers: number; truncated: boolean;
  items: { member_id: string; name: string; messages: number }[];
}

/** Segments (src/modules/analytics/segments.ts): lifecycle stage, role and engagement level at an instant. */
export const LIFECYCLE_STAGES = ['left', 'new', 'active', 'returning', 'resurrecting', 'at_risk', 'dormant'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const SEGMENT_ROLES = ['core', 'kol_candidate', 'lurker', 'newcomer'] as const;
export const SEGMENT_LEVELS = [1, 2, 3, 4] as const;
export interface SegmentsReport {
  as_of: string; as_of_day: string;
  segments: { segment: string; members: number }[];
  lifecycle: { counts: Record<LifecycleStage, number>; trend: { period_start: string; as_of: string; counts: Record<LifecycleStage, number> }[] };
}
export interface MemberProfile {
  member_id: string; name: string; communities: { community_id: string; name: string; stage: LifecycleStage }[];
  roles: string[]; score: number | null; level: number | null; last_active_day: string | null; segments: string[];
}
export interface SegmentQuery { communityId?: string; asOf?: string }

/** The interaction network of one community (src/modules/analytics/network-contracts.ts). */
export interface NetworkNode {
  member_id: string; name: string; role: 'owner' | 'admin' | 'member'; is_kol: boolean; messages: number;
  degree: number; weighted_degree: number; in_weight: number; pagerank: number; betweenness: number; cluster: number | null;
}
export interface InteractionNetwork {
  window: { from: string; to: string };
  nodes: NetworkNode[];
  edges: { source: string; target: string; replies: number; mentions: number; weight: number }[];
  clusters: { id: number; size: number; top_members: string[] }[];
  hub_dependence: {
    hub_share: number | null; top_node: { member_id: string; name: string } | null; top_node_share: number | null;
    cut_off_if_top_leaves: number; components: number; largest_component: number;
  };
  introductions: { a: { member_id: string; name: string }; b: { member_id: string; name: string }; shared_terms: string[]; similarity: number }[];
}

export interface FieldError { path: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds the server asked us to wait (Retry-After), for rate limits. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The auth provider registers this so an expired session anywhere sends the user back to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

// Any plain object of scalars; empty values are left out so "no filter" never reaches the server as "".
type Query = object;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}) as [string, unknown][]) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // a proxy's HTML error page, say; the status code still tells what happened
  }
}

async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify rejects an empty body declared as JSON, so the header only goes with a body.
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method, headers, credentials: 'include',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = parseJson(await res.text());
  if (!res.ok) {
    const body = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
    const retry = Number(res.headers.get('retry-after'));
    const err = new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message ?? res.statusText,
      Array.isArray(body?.fields) ? body.fields : [], Number.isFinite(retry) && retry > 0 ? retry : null);
    // A wrong password is also a 401; only an expired session should bounce the user to the login page.
    if (res.status === 401 && path !== '/auth/login') {
      csrfToken = null;
      onUnauthorized?.();
    }
    throw err;
  }
  return data as T;
}

/**
 * The one way the console calls the API (the module clients beside their pages use it too): JSON in and
 * out, the session's CSRF token on writes, errors as ApiError with their fields, and an expired session
 * sent back to the login page.
 */
export function apiRequest<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  return request<T>(method, path, { body, query });
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const del = <T>(path: string) => request<T>('DELETE', path);
const enc = encodeURIComponent;

/**
 * Sends a file as the raw request body, which the server streams to disk: XMLHttpRequest rather than fetch,
 * because only it reports upload progress.
 */
function uploadRaw<T>(path: string, query: Query, file: Blob, onProgress: (percent: number) => void): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url(path, query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const body = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
      if (xhr.status === 401) {
        csrfToken = null;
        onUnauthorized?.();
      }
      reject(new ApiError(xhr.status, body?.code ?? `http_${xhr.status}`, body?.message ?? xhr.statusText, Array.isArray(body?.fields) ? body.fields : []));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

async function remember(session: Promise<Session>): Promise<Session> {
  const s = await session;
  csrfToken = s.csrfToken;
  return s;
}

export const api = {
  login: (email: string, password: string) => remember(post<Session>('/auth/login', { email, password })),
  me: () => remember(get<Session>('/auth/me')),
  logout: async () => {
    try {
      await post<{ ok: boolean }>('/auth/logout');
    } finally {
      csrfToken = null;
    }
  },

  overview: (days: number) => get<Overview>('/overview', { days }),

  health: (q: AnalyticsQuery) => get<HealthReport>('/analytics/health', q),
  heatmap: (q: AnalyticsQuery) => get<Heatmap>('/analytics/heatmap', q),
  speakers: (q: AnalyticsQuery) => get<SpeakerDistribution>('/analytics/speakers', q),
  segments: (q: SegmentQuery & { weeks?: number }) => get<SegmentsReport>('/analytics/segments', q),
  segmentMembers: (segment: string, q: SegmentQuery & PageQuery) =>
    get<Page<MemberProfile> & { as_of: string }>(`/analytics/segments/${enc(segment)}/members`, q),
  /** A plain link: the session cookie authorises a GET, and the browser saves the file under the server's name. */
  segmentCsvUrl: (segment: string, q: SegmentQuery) => url(`/analytics/segments/${enc(segment)}/members.csv`, q),
  network: (q: AnalyticsQuery & { communityId: string }) => get<InteractionNetwork>('/analytics/network', q),

  communities: (q: PageQuery & { q?: string; type?: string; status?: string; channel?: string }) =>
    get<Page<Community>>('/communities', q),
  community: (id: string) => get<Community>(`/communities/${enc(id)}`),
  createCommunity: (body: CommunityInput) => post<Community>('/communities', body),
  updateCommunity: (id: string, body: CommunityInput) => patch<Community>(`/communities/${enc(id)}`, body),
  communityMembers: (id: string, q: PageQuery & { q?: string; status?: 'active' | 'left' | 'all' }) =>
    get<Page<Membership>>(`/communities/${enc(id)}/members`, q),
  communityActivity: (id: string, days: number) => get<{ series: ActivityDay[] }>(`/communities/${enc(id)}/activity`, { days }),
  timeline: (id: string, q: { before?: string | null; limit?: number }) => get<Timeline>(`/communities/${enc(id)}/timeline`, q),
  sendMessage: (id: string, text: string, idempotencyKey?: string) =>
    post<{ id: string; status: string }>(`/communities/${enc(id)}/messages`, { text, idempotencyKey }),
  /** Queued through the outbox: membership changes only when the platform reports the join or leave back. */
  inviteMember: (id: string, body: MembershipActionInput) =>
    post<{ id: string; status: string }>(`/communities/${enc(id)}/invitations`, body),
  removeMember: (id: string, body: MembershipActionInput) =>
    post<{ id: string; status: string }>(`/communities/${enc(id)}/removals`, body),

  members: (q: PageQuery & { q?: string; communityId?: string }) => get<Page<Member>>('/members', q),
  member: (id: string) => get<MemberDetail>(`/members/${enc(id)}`),
  updateMember: (id: string, body: { displayName?: string; optedOut?: boolean }) => patch<Member>(`/members/${enc(id)}`, body),
  memberEvents: (id: string, q: PageQuery) => get<Page<MemberEvent>>(`/members/${enc(id)}/events`, q),

  apiKeys: (q: PageQuery) => get<Page<ApiKey>>('/api-keys', q),
  createApiKey: (body: { name: string; scopes: ApiKeyScope[] }) => post<ApiKey & { key: string }>('/api-keys', body),
  revokeApiKey: (id: string) => del<ApiKey>(`/api-keys/${enc(id)}`),

  staff: (q: PageQuery) => get<Page<Staff>>('/staff', q),
  addStaff: (body: { email: string; name: string; role: Role; password: string }) => post<Staff>('/staff', body),
  updateStaff: (userId: string, role: Role) => patch<Staff>(`/staff/${enc(userId)}`, { role }),

  auditLog: (q: PageQuery) => get<Page<AuditEntry>>('/audit-log', q),

  outbox: (q: PageQuery & { status?: string; communityId?: string }) => get<Page<OutboxAction>>('/outbox', q),
  outboxCounts: () => get<Record<ActionStatus, number>>('/outbox/counts'),
  retryAction: (id: string) => post<OutboxAction>(`/outbox/${enc(id)}/retry`, {}),
  cancelAction: (id: string) => post<OutboxAction>(`/outbox/${enc(id)}/cancel`, {}),

  imports: (q: PageQuery & { status?: ImportStatus }) => get<Page<ImportJob>>('/imports', q),
  importJob: (id: string) => get<ImportJob>(`/imports/${enc(id)}`),
  /** Uploads a chat export; the import itself then runs in the background (poll imports()). */
  uploadImport: (file: Blob, q: ImportUploadQuery, onProgress: (percent: number) => void) =>
    uploadRaw<ImportJob>('/imports', q, file, onProgress),
};
