/**
 * WeCom's callback XML is one flat <xml> element of text fields (CDATA or plain), with at most one level of
 * nesting for lists (MemChangeList/Item). A full XML parser would bring entity expansion and DTDs, which a
 * public endpoint has no use for; this reads exactly that shape and nothing else.
 */
export type XmlFields = Record<string, string | string[]>;

const FIELD = /<([A-Za-z][A-Za-z0-9_]*)>([\s\S]*?)<\/\1>/g;
const MAX_BYTES = 256 * 1024;

export function parseFlatXml(xml: string): XmlFields | null {
  if (xml.length > MAX_BYTES || /<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!root) return null;
  const out: XmlFields = {};
  for (const [, name, inner] of root[1]!.matchAll(FIELD)) {
    const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(inner!);
    if (cdata) { out[name!] = cdata[1]!; continue; }
    // A list: every child element's text, in order (MemChangeList holds <Item> ids).
    if (/<[A-Za-z]/.test(inner!)) { out[name!] = [...inner!.matchAll(FIELD)].map((m) => text(m[2]!)); continue; }
    out[name!] = unescape(inner!.trim());
  }
  return out;
}

function text(inner: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(inner);
  return cdata ? cdata[1]! : unescape(inner.trim());
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export const field = (f: XmlFields, name: string): string | undefined => {
  const v = f[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const list = (f: XmlFields, name: string): string[] => {
  const v = f[name];
  return Array.isArray(v) ? v.filter(Boolean) : typeof v === 'string' && v ? [v] : [];
};
