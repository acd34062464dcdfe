import type { CorpCredentials } from './corps.js';

export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';
export const baseUrlOf = (corp: { baseUrl: string | null }) =>
  (corp.baseUrl || process.env.SHEQUN_WECOM_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');

/** A WeCom answer with a non-zero errcode, with what an operator should do about it. */
export class WecomApiError extends Error {
  constructor(readonly code: number, readonly raw: string, message: string) { super(message); }
  /** Retrying with the same inputs cannot help (wrong secret, missing permission). */
  get permanent(): boolean { return !RETRYABLE.has(this.code); }
  /**
   * The refusal is about the corp's access as a whole (credentials, permission, network), not about the one
   * item asked for: going on with the next item would only meet it again.
   */
  get concernsCorp(): boolean { return RETRYABLE.has(this.code) || CORP_WIDE.has(this.code); }
}

const TOKEN_EXPIRED = new Set([40014, 42001]);
const RATE_LIMITED = new Set([45009, 45033]);
const RETRYABLE = new Set([-1, ...TOKEN_EXPIRED, ...RATE_LIMITED]);
// Wrong secret or corp id, missing token, no permission, untrusted IP (全局错误码, path/90313).
const CORP_WIDE = new Set([40001, 40013, 40091, 41001, 48002, 60011, 60020]);

/** Plain words for the errcodes an operator meets while connecting a corp (全局错误码, path/90313). */
export function explain(code: number, raw: string): string {
  if (code === 40001) return 'WeCom refused the secret (40001): copy the app\'s Secret again from 应用管理 → the app';
  if (code === 40013) return 'WeCom does not know this corp id (40013): copy 企业ID from 我的企业 → 企业信息';
  if (code === 40091) return 'the secret is not valid (40091): copy it again, without spaces';
  if (TOKEN_EXPIRED.has(code)) return `the access token expired or is invalid (${code}); Shequn fetches a new one`;
  if (RATE_LIMITED.has(code)) return `WeCom's rate limit was reached (${code}); Shequn backs off and tries again`;
  if (code === 60011 || code === 48002) return `the app lacks permission (${code}): in 客户联系 → API, give this app access to customer contacts, and check its visible range`;
  if (code === 60020) return 'this server\'s IP is not a trusted IP of the app (60020): add it under 企业可信IP';
  if (code === -1) return `WeCom could not be reached or was busy (${raw})`;
  return `WeCom answered errcode ${code}: ${raw}`;
}

interface CachedToken { token: string; expiresAt: number }
/** Per process: each API process fetches its own token, which WeCom allows (a new one does not revoke the old). */
const tokens = new Map<string, CachedToken>();
/** Refresh this long before WeCom's expires_in runs out, so a call never carries a token expiring in flight. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface ClientOptions { fetch?: typeof fetch; now?: () => number; sleep?: (ms: number) => Promise<void>; timeoutMs?: number }

export function wecomClient(corp: CorpCredentials, opts: ClientOptions = {}) {
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = baseUrlOf(corp);
  // A changed secret must not reuse the old secret's token.
  const cacheKey = `${base}|${corp.corpId}|${corp.secret}`;

  async function call(url: string, init?: RequestInit): Promise<Record<string, any>> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new WecomApiError(-1, (err as Error).message, explain(-1, (err as Error).message));
    }
    const text = await res.text();
    let body: Record<string, any>;
    try { body = JSON.parse(text); } catch { throw new WecomApiError(-1, `HTTP ${res.status}`, explain(-1, `HTTP ${res.status}, not JSON`)); }
    const code = Number(body.errcode ?? 0);
    if (code !== 0) throw new WecomApiError(code, String(body.errmsg ?? ''), explain(code, String(body.errmsg ?? '')));
    return body;
  }

  async function accessToken(force = false): Promise<{ token: string; expiresIn: number }> {
    const cached = tokens.get(cacheKey);
    if (!force && cached && cached.expiresAt - REFRESH_MARGIN_MS > now()) return { token: cached.token, expiresIn: Math.round((cached.expiresAt - now()) / 1000) };
    const q = new URLSearchParams({ corpid: corp.corpId, corpsecret: corp.secret });
    const body = await call(`${base}/cgi-bin/gettoken?${q}`);
    const expiresIn = Number(body.expires_in ?? 7200);
    tokens.set(cacheKey, { token: String(body.access_token), expiresAt: now() + expiresIn * 1000 });
    return { token: String(body.access_token), expiresIn };
  }

  /**
   * One API call with the token added: an expired token is fetched anew and the call made once more; a rate
   * limit waits and tries again a few times, then gives up to the caller (the outbox retries later).
   */
  async function api(path: string, body?: unknown): Promise<Record<string, any>> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const { token } = await accessToken(refreshed);
      const url = `${base}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
      try {
        return await call(url, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err;
        if (TOKEN_EXPIRED.has(err.code) && !refreshed) { refreshed = true; tokens.delete(cacheKey); continue; }
        if (RATE_LIMITED.has(err.code) && attempt < 3) { await sleep(500 * 2 ** attempt); continue; }
        throw err;
      }
    }
  }

  return { accessToken, api };
}

/** Forgets cached tokens (tests; a deleted corp). */
export const clearTokenCache = () => tokens.clear();
