// Typed calls for /api/v1/live-codes (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type Strategy = 'fill_in_order' | 'least_full' | 'round_robin';
export const STRATEGIES: Strategy[] = ['fill_in_order', 'least_full', 'round_robin'];
/** The server's limits and defaults (src/modules/growth/live-codes/contracts.ts). */
export const DEFAULT_CAPACITY = 200;
export const MAX_POOL = 100;
export const MAX_SOURCE_LENGTH = 64;
export const RESERVATION_MINUTES = 10;
/**
 * Channels whose adapter can open a group when the pool is full (`createCommunity` in src/channels/types.ts);
 * the server answers the same as `canOpenCommunities` on each live code, this only decides what to warn about.
 */
const OPENS_GROUPS = new Set(['sandbox']);
export const opensGroups = (channel: string) => OPENS_GROUPS.has(channel);

export interface LiveCodeInput {
  name: string; channel: string; strategy: Strategy; capacity: number; baseName?: string; enabled: boolean; communityIds: string[];
}
export interface PoolCommunity {
  id: string; name: string; position: number; status: string; createdByLiveCode: boolean;
  members: number; reserved: number; capacity: number; full: boolean;
}
export interface LiveCode {
  id: string; slug: string; path: string; url: string | null; name: string; channel: string; strategy: Strategy; capacity: number;
  baseName: string; enabled: boolean; canOpenCommunities: boolean; full: boolean; pool: PoolCommunity[];
  scans: number; joins: number; createdAt: string; updatedAt: string;
}
export interface SourceStats { source: string | null; scans: number; visitors: number; joins: number; conversion: number | null }
export interface LiveCodeStats {
  days: number; from: string;
  totals: Omit<SourceStats, 'source'> & { poolFull: number; unattributedJoins: number };
  sources: SourceStats[];
  communities: (PoolCommunity & { inPool: boolean; scans: number; joins: number })[];
}

/** The scan address to hand out: the server's public one, else this console's own origin. */
export function scanAddress(code: Pick<LiveCode, 'url' | 'path'>, source?: string): string {
  const base = code.url ?? `${window.location.origin}${code.path}`;
  const s = source?.trim();
  return s ? `${base}?s=${encodeURIComponent(s)}` : base;
}

function client() {
  const enc = encodeURIComponent;
  return {
    list: (q: PageQuery) => apiRequest<Page<LiveCode>>('GET', '/live-codes', undefined, q),
    get: (id: string) => apiRequest<LiveCode>('GET', `/live-codes/${enc(id)}`),
    create: (body: LiveCodeInput) => apiRequest<LiveCode>('POST', '/live-codes', body),
    update: (id: string, body: LiveCodeInput) => apiRequest<LiveCode>('PUT', `/live-codes/${enc(id)}`, body),
    setEnabled: (id: string, enabled: boolean) => apiRequest<LiveCode>('PATCH', `/live-codes/${enc(id)}`, { enabled }),
    remove: (id: string) => apiRequest<{ ok: boolean }>('DELETE', `/live-codes/${enc(id)}`),
    stats: (id: string, days: number) => apiRequest<LiveCodeStats>('GET', `/live-codes/${enc(id)}/stats`, undefined, { days }),
    /** Plain links: the session cookie authorises a GET, so an <img> shows it and a download link saves it. */
    qrUrl: (id: string, format: 'png' | 'svg', source?: string) => {
      const s = source?.trim();
      return `/api/v1/live-codes/${enc(id)}/qr.${format}${s ? `?s=${enc(s)}` : ''}`;
    },
  };
}
export type LiveCodesApi = ReturnType<typeof client>;

const shared = client();

export function useLiveCodesApi(): LiveCodesApi {
  return shared;
}
