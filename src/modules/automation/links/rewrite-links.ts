import { randomBytes } from 'node:crypto';
import type { Content, ContentType } from '../templates/content.js';

export interface TrackedLink { token: string; position: number; url: string }

/** The path of a tracked link under the public address; the redirect route answers it. */
export const LINK_PATH = '/l/';

/**
 * A link inside text ends at white space, quotes, angle brackets or the full-width punctuation a Chinese
 * sentence puts right after it (a URL written in a 中文 message is rarely followed by a space).
 */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`，。！？；：、（）【】「」『』《》]+/g;
// ASCII punctuation at the very end usually closes the sentence, not the address ("see https://x.cn/a.").
const TRAILING = /[.,!?;:)\]}'"]+$/;

/**
 * Where a click can happen, per content type. Text fields may hold links anywhere; a link card's `url` is the
 * card's target. An image's `url` is the picture itself and a `coverUrl` is an image the app loads: rewriting
 * them would count every display as a click, so they stay as written, and so do mini-program paths.
 */
const TEXT_FIELDS: Record<ContentType, (keyof Content)[]> = { text: ['text'], image: ['caption'], link: ['title', 'description'], mini_program: ['title'] };
const TARGET_FIELDS: Partial<Record<ContentType, (keyof Content)[]>> = { link: ['url'] };

export const newLinkToken = (): string => randomBytes(12).toString('base64url');

/**
 * The content with each http(s) link replaced by `<base>/l/<token>`, and the links it made, in order of
 * first appearance. One token per distinct address in a message, so a link written twice counts its clicks
 * together. Pure apart from the token source, which tests replace.
 */
export function rewriteLinks(type: ContentType, content: Content, base: string, token: () => string = newLinkToken): { content: Content; links: TrackedLink[] } {
  const links: TrackedLink[] = [];
  const byUrl = new Map<string, string>();
  const tracked = (url: string) => {
    let address = byUrl.get(url);
    if (!address) {
      const link = { token: token(), position: links.length, url };
      links.push(link);
      address = `${base}${LINK_PATH}${link.token}`;
      byUrl.set(url, address);
    }
    return address;
  };
  const out: Content = { ...content };
  for (const field of TARGET_FIELDS[type] ?? []) {
    const value = out[field];
    if (value) out[field] = tracked(value);
  }
  for (const field of TEXT_FIELDS[type]) {
    const value = out[field];
    if (!value) continue;
    out[field] = value.replace(URL_IN_TEXT, (match) => {
      const trailing = TRAILING.exec(match)?.[0] ?? '';
      const url = match.slice(0, match.length - trailing.length);
      return url.length > 'https://'.length ? tracked(url) + trailing : match;
    });
  }
  return { content: out, links };
}
