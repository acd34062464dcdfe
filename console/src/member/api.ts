// The member pages' client for /api/m (docs/member-pages.md). The token comes from the link's fragment
// (#t=...), is kept in this browser's storage so a reload or a tab switch keeps working, and is sent as
// `Authorization: Member <token>`; a cookie copy (reads only) lets an <img> load the poster.

const TOKEN_KEY = 'shequn.member.token';
let memoryToken: string | null = null;

/** Takes a token out of the address (and out of the address bar) or finds the one kept from before. */
export function takeToken(): string | null {
  const m = window.location.hash.match(/^#t=([A-Za-z0-9_-]+)/);
  if (m) {
    memoryToken = m[1]!;
    try {
      localStorage.setItem(TOKEN_KEY, memoryToken);
    } catch {
      // Storage blocked: the token lives for this page only.
    }
    // The address bar no longer shows the token, so a screenshot or a forwarded address does not carry it.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/points`);
  } else {
    try {
      memoryToken = localStorage.getItem(TOKEN_KEY);
    } catch {
      memoryToken = null;
    }
  }
  if (memoryToken) {
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `shequn_member=${memoryToken}; Path=/api/m; SameSite=Strict; Max-Age=${365 * 86400}${secure}`;
  }
  return memoryToken;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/m${path}`, {
    method,
    headers: { ...(memoryToken ? { authorization: `Member ${memoryToken}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: { path: string }[] } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.fields?.[0]?.path);
  }
  return data as T;
}

export const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
export interface Me { member: { id: string; name: string }; workspace: { name: string; timeZone: string }; balance: number }
export interface Entry {
  id: string; amount: number; kind: 'earn' | 'spend' | 'expire'; reason: string; note: string | null;
  balanceAfter: number; createdAt: string; remaining: number | null; expiresAt: string | null;
}
export interface Calendar {
  enabled: boolean; month: string; today: string; timeZone: string;
  days: { day: string; source: string; points: number | null }[];
  checkedInToday: boolean; streak: number; totalDays: number; cards: number;
  makeUp: { perMonth: number; usedThisMonth: number; maxDaysBack: number; days: string[] };
  milestones: { days: number; points: number; cards: number; reached: boolean }[];
}
export interface CheckInResult { checkIn: { day: string; points: number | null }; created: boolean; streak: number; milestones: { days: number; points: number; cards: number }[] }
export interface Reward { id: string; name: string; description: string; kind: 'physical' | 'virtual' | 'coupon'; costPoints: number; stock: number | null; perMemberLimit: number | null }
export interface Redemption { id: string; rewardId: string; rewardName: string; costPoints: number; status: 'pending' | 'fulfilled' | 'cancelled'; createdAt: string; settledAt: string | null }

export interface MemberDraw {
  id: string; name: string; description: string; startsAt: string; endsAt: string; unit: 'draw' | 'day'; pointsCost: number; minCheckInDays: number;
  commitment: string | null;
  prizes: { id: string; name: string; kind: 'points' | 'reward' | 'physical' | 'thanks'; points: number | null; stock: number | null }[];
  eligibility: { eligible: boolean; reason: DrawRefusal | null; remainingUnits: number; checkInDays: number; balance: number };
}
export type DrawRefusal = 'not_open' | 'not_started' | 'ended' | 'unit_used' | 'check_in_days' | 'segment' | 'points' | 'no_prizes';
export interface DrawEntry {
  id: string; drawId: string; unitKey: string; roll: number; prizeId: string; prizeName: string; prizeKind: MemberDraw['prizes'][number]['kind'];
  pointsCost: number; awardStatus: 'pending' | 'fulfilled' | null; createdAt: string;
}
export interface Verification {
  drawId: string; name: string; status: 'draft' | 'open' | 'closed'; commitment: string | null; seed: string | null; closedAt: string | null; algorithm: string;
  entries: { id: string; unitKey: string; roll: number; prizeName: string; createdAt: string; valid: boolean | null }[];
}
export interface Campaign {
  campaignId: string; name: string; endsAt: string | null; goal: number; holdHours: number; joined: boolean; qualified: number; pending: number;
  completed: boolean; rewardKind: 'none' | 'points' | 'reward'; rewardPoints: number | null; rewardName: string | null;
}

export interface MemberCoupon {
  id: string; couponName: string; code: string; state: 'active' | 'used' | 'expired'; validFrom: string; validUntil: string; usedAt: string | null; createdAt: string;
  kind: 'fixed' | 'percentage' | 'threshold' | 'no_threshold'; amountOffCents: number | null; percentOff: number | null; maxDiscountCents: number | null; minSpendCents: number;
}

export const posterUrl = (campaignId: string, as: 'view' | 'share' = 'view') => `/api/m/invites/${campaignId}/poster.png?as=${as}`;

/** The distributor centre (GET /api/m/distribution); amounts in cents. */
export interface DistributorCentre {
  distributor: {
    status: 'pending' | 'approved' | 'rejected'; code: string | null; link: string | null; reason: string | null; uplineName: string | null;
    frozenCents: number; availableCents: number; withdrawingCents: number; withdrawnCents: number; customers: number;
  } | null;
  minWithdrawalCents: number;
  refundWindowDays: number;
  entries: { id: string; orderId: string; tier: number; kind: 'commission' | 'reversal'; amountCents: number; status: 'frozen' | 'available'; releaseAt: string; createdAt: string }[];
  withdrawals: { id: string; amountCents: number; status: 'requested' | 'paid' | 'rejected'; reason: string | null; requestedAt: string }[];
}

export const memberApi = {
  coupons: (state: MemberCoupon['state'], page: number) => call<Page<MemberCoupon>>('GET', `/coupons?state=${state}&page=${page}&pageSize=20`),
  me: () => call<Me>('GET', '/me'),
  points: (page: number) => call<Page<Entry> & { balance: number }>('GET', `/points?page=${page}&pageSize=20`),
  calendar: (month?: string) => call<Calendar>('GET', `/check-in${month ? `?month=${month}` : ''}`),
  checkIn: () => call<CheckInResult>('POST', '/check-in', {}),
  makeUp: (day: string) => call<CheckInResult>('POST', '/check-in/make-up', { day }),
  rewards: () => call<{ items: Reward[]; balance: number }>('GET', '/rewards'),
  redeem: (rewardId: string, idempotencyKey: string) =>
    call<{ redemption: Redemption; created: boolean; balance: number }>('POST', `/rewards/${rewardId}/redeem`, { idempotencyKey }),
  redemptions: () => call<Page<Redemption>>('GET', '/redemptions?pageSize=50'),
  draws: () => call<{ draws: MemberDraw[]; entries: DrawEntry[] }>('GET', '/draws'),
  draw: (drawId: string, idempotencyKey: string) => call<DrawEntry & { created: boolean; balance: number }>('POST', `/draws/${drawId}/draw`, { idempotencyKey }),
  verification: (drawId: string) => call<Verification>('GET', `/draws/${drawId}/verification`),
  invites: () => call<{ items: Campaign[] }>('GET', '/invites'),
  join: (campaignId: string) => call<{ qualified: number; pending: number; goal: number }>('POST', `/invites/${campaignId}/join`, {}),
  distribution: () => call<DistributorCentre>('GET', '/distribution'),
  applyDistributor: (uplineCode?: string) => call<DistributorCentre>('POST', '/distribution/apply', uplineCode ? { uplineCode } : {}),
  withdraw: (amountCents: number, idempotencyKey: string) => call<DistributorCentre>('POST', '/distribution/withdrawals', { amountCents, idempotencyKey }),
};
