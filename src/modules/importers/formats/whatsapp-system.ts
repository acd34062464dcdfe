import type { ImportedPerson, MediaType } from '../types.js';

/**
 * WhatsApp's wording for group events and attachments, as the English-language app writes them. Actor names
 * are matched as `[^:]+?` so that a message like "Alice: Bob left" is never read as Bob leaving.
 */

/** Newer exports wrap names in U+2068 … U+2069 (first-strong isolate); older ones write them bare. */
const ISOLATED = /\u2068([^\u2069]*)\u2069/g;
const stripIsolates = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

/** The exporting user appears as "You" (subject) or "you" (object); both are the person named 'You'. */
export function waPerson(raw: string): ImportedPerson {
  const name = stripIsolates(raw).trim();
  return { name: name === 'you' ? 'You' : name };
}

/** "Bob", "Bob and Carol", "Bob, Carol and Dave" — or, when isolates are present, exactly the isolated names. */
function people(list: string): ImportedPerson[] {
  const isolated = [...list.matchAll(ISOLATED)].map((m) => m[1]!);
  const names = isolated.length ? isolated : list.split(/, (?:and )?| and /);
  return names.filter((n) => n.trim()).map(waPerson);
}

export type SystemEvent =
  | { kind: 'join'; person: ImportedPerson; by?: ImportedPerson; via: 'link' | 'added' | 'unknown' }
  | { kind: 'leave'; person: ImportedPerson; removedBy?: ImportedPerson };

const JOIN_LINK = /^([^:]+?) joined using (?:this group's|this community's|an?) invite link$/;
const JOIN_COMMUNITY = /^([^:]+?) joined from the community$/;
const ADDED = /^([^:]+?) added ([^:]+)$/;
const LEFT = /^([^:]+?) left$/;
const REMOVED = /^([^:]+?) removed ([^:]+)$/;

/**
 * Recognised system lines that say nothing about membership and are dropped on purpose: encryption notices,
 * group creation, subject/icon/description/settings changes, security-code and phone-number changes, admin
 * changes, disappearing-message toggles, pins and join requests (a request is not a join).
 */
const IGNORED = [
  /^Messages and calls are end-to-end encrypted\b/,
  /^Messages to this group are now secured with end-to-end encryption\b/,
  /^[^:]+? created group ["“].*["”]$/,
  /^[^:]+? created this group$/,
  /^[^:]+? changed the subject (?:from ["“].*["”] )?to ["“].*["”]$/,
  /^[^:]+? (?:changed|deleted) this group's icon$/,
  /^[^:]+? (?:changed|deleted) the group description$/,
  /^[^:]+? changed this group's settings to allow .*$/,
  /^[^:]+?'s security code changed\b.*$/,
  /^Your security code with [^:]+? changed\b.*$/,
  /^[^:]+? changed their phone number to a new number\b.*$/,
  /^[^:]+? changed to \+?[\d ()-]+$/,
  /^You're now an admin$/,
  /^You're no longer an admin$/,
  /^[^:]+? turned (?:on|off) disappearing messages\b.*$/,
  /^[^:]+? pinned a message$/,
  /^[^:]+? requested to join$/,
];

/** Membership events for a recognised line, [] for a recognised line to drop, null when not a system line. */
export function systemEvents(text: string): SystemEvent[] | null {
  let m = JOIN_LINK.exec(text);
  if (m) return [{ kind: 'join', person: waPerson(m[1]!), via: 'link' }];
  if ((m = JOIN_COMMUNITY.exec(text))) return [{ kind: 'join', person: waPerson(m[1]!), via: 'unknown' }];
  if ((m = ADDED.exec(text))) {
    const by = waPerson(m[1]!);
    return people(m[2]!).map((p) => ({ kind: 'join', person: p, by, via: 'added' }));
  }
  if ((m = LEFT.exec(text))) return [{ kind: 'leave', person: waPerson(m[1]!) }];
  if ((m = REMOVED.exec(text))) {
    const removedBy = waPerson(m[1]!);
    return people(m[2]!).map((p) => ({ kind: 'leave', person: p, removedBy }));
  }
  const plain = stripIsolates(text);
  return IGNORED.some((re) => re.test(plain)) ? [] : null;
}

/** Media type of an attachment from its file name (iOS `00000012-PHOTO-…jpg`, Android `IMG-…-WA0001.jpg`). */
function mediaOfFile(name: string): MediaType {
  const n = name.toUpperCase();
  if (/STICKER|^STK-|\.WEBP$/.test(n)) return 'sticker';
  if (/-GIF-|\.GIF$/.test(n)) return 'image';
  if (/PHOTO|^IMG-|\.(JPE?G|PNG|HEIC)$/.test(n)) return 'image';
  if (/VIDEO|^VID-|\.(MP4|MOV|3GP)$/.test(n)) return 'video';
  if (/AUDIO|^PTT-|^AUD-|\.(OPUS|M4A|MP3|OGG|AAC)$/.test(n)) return 'voice';
  if (/\.VCF$/.test(n)) return 'other';
  return 'file';
}

const OMITTED: Record<string, MediaType> = {
  image: 'image', video: 'video', audio: 'voice', sticker: 'sticker', document: 'file', gif: 'image', 'contact card': 'other',
};

/**
 * The media type when the first line of a message is an attachment placeholder. `<Media omitted>` (Android
 * without media) does not say which kind, so it is 'other'; a GIF is an image to the people who send one.
 * `keep` says whether the line itself is content worth keeping as text (a shared location's map link).
 */
export function mediaPlaceholder(line: string): { mediaType: MediaType; keep: boolean } | null {
  const t = line.trim();
  if (t === '<Media omitted>') return { mediaType: 'other', keep: false };
  let m = /^(image|video|audio|sticker|GIF|Contact card) omitted$/i.exec(t);
  if (m) return { mediaType: OMITTED[m[1]!.toLowerCase()]!, keep: false };
  if (/(?:^|\s)document omitted$/.test(t)) return { mediaType: 'file', keep: false };
  if ((m = /^<attached: ([^>]+)>$/.exec(t))) return { mediaType: mediaOfFile(m[1]!), keep: false };
  if ((m = /^(\S.*\.\w{2,5}) \(file attached\)$/.exec(t))) return { mediaType: mediaOfFile(m[1]!), keep: false };
  if (/^location: https?:\/\/\S+$/i.test(t)) return { mediaType: 'location', keep: true };
  return null;
}

/** Messages whose content is not in the export although the person did post them at that time. */
export const CONTENT_GONE = /^(?:This message was deleted(?: by admin .*)?|You deleted this message|Waiting for this message\. This may take a while\.)\.?$/;

/** `@⁨Name⁩` (newer exports) or `@14155550100` (older ones, the phone number as written). */
export function mentionsIn(text: string): ImportedPerson[] {
  const out: ImportedPerson[] = [];
  for (const m of text.matchAll(/@(?:\u2068([^\u2069]+)\u2069|(\+?\d{6,15})\b)/g)) out.push(waPerson(m[1] ?? m[2]!));
  return out;
}

export { stripIsolates };
