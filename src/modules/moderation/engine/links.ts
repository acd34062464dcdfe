import { fold, type Normalised } from './normalise.js';

/**
 * Link detection on the folded view (full-width `ｗｗｗ．` already ASCII, dots kept). Three shapes:
 *  - a scheme or `www.` URL;
 *  - a bare domain `abc.com`, `t.cn/xyz`: a label, a dot, and a known top-level domain. The TLD list is what
 *    keeps `3.5kg`, `v1.2` and `12.30` from reading as domains;
 *  - a dodged dot: `abc点com`, `abc。cn`, `abc dot com`, `abc(.)com`.
 * Addresses after `@` are e-mail, not links, and are left alone.
 */
export interface LinkHit { host: string; category: 'url' | 'domain'; start: number; end: number }

const TLDS = [
  'com', 'cn', 'net', 'org', 'top', 'xyz', 'vip', 'cc', 'me', 'io', 'info', 'club', 'shop', 'site', 'online', 'app',
  'link', 'ly', 'co', 'tv', 'hk', 'tw', 'so', 'biz', 'pro', 'fun', 'live', 'store', 'icu', 'ink', 'wang', 'work', 'ltd',
  'tk', 'ml', 'ga', 'gq', 'cf', 'ws', 'pw', 'asia', 'mobi', 'life', 'world', 'red', 'kim', 'win', 'bet', 'casino',
  'gov', 'edu', 'us', 'uk', 'jp', 'kr', 'sg', 'my', 'mo', 'to', 'gd', 'im', 'ai', 'dev', 'cloud', 'group', 'tech',
];
const DOT = String.raw`(?:\s?(?:\.|点|。|dot|\(\.\)|\[\.\]|（\.）|\(点\)|【点】)\s?)`;
const LABEL = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`;
const TLD = `(?:${TLDS.join('|')})`;
const URL = String.raw`(?:https?:\/\/|www\.)[^\s<>"'，。！？、；（）【】《》“”‘’\u4e00-\u9fff]+`;
const BARE = `(?<![a-z0-9@.-])${LABEL}(?:${DOT}${LABEL})*${DOT}${TLD}(?![a-z0-9])(?:/[a-z0-9/_.?=&%#~+-]*)?`;
const LINK = new RegExp(`${URL}|${BARE}`, 'g');
const DODGED_DOT = new RegExp(DOT, 'g');

/** The host of a URL or bare domain as written (dodged dots read as dots), lower case, no port. */
export function hostOf(link: string): string {
  const noScheme = link.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const host = noScheme.split(/[/?#]/, 1)[0].replace(DODGED_DOT, '.').replace(/:\d+$/, '');
  return host.replace(/^\.+|\.+$/g, '');
}

/** Allowed when the host is an allowed domain or one of its subdomains (`shop.example.com` under `example.com`). */
export function isAllowedHost(host: string, allowDomains: readonly string[]): boolean {
  return allowDomains.some((d) => {
    const domain = d.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
    return domain !== '' && (host === domain || host.endsWith('.' + domain));
  });
}

// Every link has a dot or a dodged dot: most chat messages have neither and skip the big regex.
const MAY_LINK = /[.点。]|dot/;

export function findLinks(folded: Normalised): LinkHit[] {
  const out: LinkHit[] = [];
  if (!MAY_LINK.test(folded.text)) return out;
  for (const m of folded.text.matchAll(LINK)) {
    const raw = m[0].replace(/[.,;:!?)\]]+$/, ''); // trailing sentence punctuation is not part of the link
    const start = m.index ?? 0;
    out.push({ host: hostOf(raw), category: /^(https?:|www\.)/.test(raw) ? 'url' : 'domain', start, end: start + raw.length });
  }
  return out;
}

/** Links in `text` whose host is not allowed; the same check the QR and newcomer rules use. */
export function disallowedLinks(text: string, allowDomains: readonly string[], folded: Normalised = fold(text)): LinkHit[] {
  return findLinks(folded).filter((l) => l.host !== '' && !isAllowedHost(l.host, allowDomains));
}
