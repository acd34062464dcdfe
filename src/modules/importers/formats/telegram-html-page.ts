import type { Handler } from 'htmlparser2';
import { localToUtc, offsetMs } from '../local-time.js';
import type { ImportedChat, ImportedPerson, ImportRecord, MediaType } from '../types.js';
import { addMention, baseOf, memberSourceId, unparsed } from './telegram-common.js';
import { readServiceLine } from './telegram-html-service.js';

/** Classes of the media blocks Telegram Desktop writes inside `media_wrap`. GIFs count as pictures. */
const MEDIA_CLASSES: Record<string, MediaType> = {
  photo_wrap: 'image', video_file_wrap: 'video', animated_wrap: 'image', sticker_wrap: 'sticker', sticker: 'sticker',
  media_photo: 'image', media_video: 'video', media_voice_message: 'voice', media_audio_file: 'file', media_file: 'file',
  media_contact: 'other', media_location: 'location', media_live_location: 'location', media_venue: 'location',
  media_game: 'other', media_invoice: 'other', media_poll: 'other', media_call: 'other',
};
/** Generic blocks used when the exporter could not draw a thumbnail; their title says what they are. */
const MEDIA_TITLES: Record<string, { from: MediaType; is: MediaType }> = {
  Sticker: { from: 'image', is: 'sticker' }, Animation: { from: 'video', is: 'image' },
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Stands for <br> while text is gathered, so the exporter's own line breaks and indentation can be dropped. */
const BR = '\u0000';

type Capture = 'header' | 'from' | 'text' | 'service' | 'mediaTitle' | 'anchor';
interface Draft {
  line: number; id?: string; service: boolean; joined: boolean; depth: number;
  forwardedDepth: number; replyDepth: number;
  from?: string; title?: string; text: string; serviceText: string; mediaTitle: string; media?: MediaType;
  replyTo?: string; mentions: ImportedPerson[]; hasLink: boolean; anchor?: { href: string; onclick: string; text: string };
}

/**
 * One Telegram Desktop HTML page (messages.html, messages2.html…) as htmlparser2 callbacks. Records collect in
 * `out`; the caller drains them after each chunk. `line` is the 1-based index of the `div.message` block in the
 * file, date separators and service lines included.
 *
 * Service lines (joins, leaves) carry no time in this format; only the day is known, from the date separator
 * before them. Their `at` is the later of the previous message's time and the start of that day.
 */
export class TelegramHtmlPage implements Partial<Handler> {
  out: ImportRecord[] = [];
  private depth = 0;
  private headerDepth = 0;
  private captures: { what: Capture; depth: number }[] = [];
  private header = '';
  private draft?: Draft;
  private index = 0;
  private lastAuthor?: ImportedPerson;
  private lastTime?: Date;
  private dayStart?: Date;
  /** Minutes east of UTC when a title's offset has to be taken as written (see `timeOf`); null: use the zone. */
  private fixedOffset: number | null = null;

  constructor(
    private readonly file: string | undefined,
    private readonly timeZone: string,
    /** Shared by the pages of one export: the chat the first page's header names, and authors seen so far. */
    private readonly shared: { chat?: ImportedChat; knownNames: Set<string> },
  ) {}

  onopentag(name: string, attrs: Record<string, string>): void {
    this.depth++;
    const cls = (attrs.class ?? '').split(/\s+/);
    const has = (c: string) => cls.includes(c);
    const d = this.draft;
    if (!d) {
      if (name === 'div' && has('message')) this.startMessage(attrs, has('service'), has('joined'));
      else if (has('page_header')) this.headerDepth = this.depth;
      else if (this.headerDepth && name === 'div' && has('text') && has('bold')) this.capture('header');
      return;
    }
    if (this.capturing('text')) {
      if (name === 'br') d.text += BR;
      else if (name === 'a') {
        d.anchor = { href: attrs.href ?? '', onclick: attrs.onclick ?? '', text: '' };
        this.capture('anchor');
      }
      return;
    }
    if (this.capturing('service')) return;
    const forwarded = d.forwardedDepth > 0;
    if (name === 'div' && has('forwarded') && has('body')) d.forwardedDepth = this.depth;
    else if (has('from_name') && !forwarded) this.capture('from');
    else if (has('date') && has('details') && has('pull_right') && !forwarded) d.title = attrs.title;
    else if (has('reply_to')) d.replyDepth = this.depth;
    else if (d.replyDepth && name === 'a') {
      const m = /go_to_message(\d+)/.exec(attrs.href ?? '');
      if (m) d.replyTo = m[1];
    } else if (name === 'div' && has('text') && !has('bold')) this.capture('text');
    else if (d.service && has('body') && has('details')) this.capture('service');
    else if (has('title') && has('bold')) this.capture('mediaTitle');
    for (const c of cls) if (!d.media && Object.hasOwn(MEDIA_CLASSES, c)) d.media = MEDIA_CLASSES[c];
  }

  ontext(data: string): void {
    const top = this.captures[this.captures.length - 1];
    if (!top) return;
    const d = this.draft;
    if (top.what === 'header') this.header += data;
    else if (!d) return;
    else if (top.what === 'anchor') { d.anchor!.text += data; d.text += data; }
    else if (top.what === 'text') d.text += data;
    else if (top.what === 'from') d.from = (d.from ?? '') + data;
    else if (top.what === 'service') d.serviceText += data;
    else if (top.what === 'mediaTitle') d.mediaTitle += data;
  }

  onclosetag(): void {
    const top = this.captures[this.captures.length - 1];
    if (top && top.depth === this.depth) {
      this.captures.pop();
      if (top.what === 'header' && !this.shared.chat && tidy(this.header)) this.shared.chat = { name: tidy(this.header) };
      if (top.what === 'anchor') this.endAnchor();
    }
    const d = this.draft;
    if (d && d.forwardedDepth === this.depth) d.forwardedDepth = 0;
    if (d && d.replyDepth === this.depth) d.replyDepth = 0;
    if (d && d.depth === this.depth) {
      this.draft = undefined;
      this.finish(d);
    }
    if (this.headerDepth === this.depth) this.headerDepth = 0;
    this.depth--;
  }

  private capture(what: Capture): void { this.captures.push({ what, depth: this.depth }); }
  private capturing(what: Capture): boolean { return this.captures.some((c) => c.what === what); }

  private startMessage(attrs: Record<string, string>, service: boolean, joined: boolean): void {
    const id = /^message(-?\d+)$/.exec(attrs.id ?? '')?.[1];
    this.draft = {
      line: ++this.index, ...(id !== undefined ? { id } : {}), service, joined, depth: this.depth, forwardedDepth: 0, replyDepth: 0,
      text: '', serviceText: '', mediaTitle: '', mentions: [], hasLink: false,
    };
  }

  /** mention: `<a href="https://t.me/name">@name</a>`; mention_name: `<a onclick="return ShowMentionName()">Name</a>`. */
  private endAnchor(): void {
    const d = this.draft!;
    const a = d.anchor!;
    d.anchor = undefined;
    if (a.onclick.includes('ShowMentionName')) addMention(d.mentions, { name: a.text.trim() });
    else if (a.text.startsWith('@') && /^https?:\/\/t\.me\/\w+$/.test(a.href)) addMention(d.mentions, { name: a.text.slice(1) });
    else if (/^https?:\/\//.test(a.href)) d.hasLink = true;
  }

  private finish(d: Draft): void {
    if (d.service) return this.finishService(d);
    const raw = () => tidy(d.text.replaceAll(BR, '\n') || d.from || '');
    const from = d.from !== undefined ? tidy(d.from).replace(/ via @\w+$/, '') : undefined;
    const author = from ? { name: from } : d.joined ? this.lastAuthor : undefined;
    if (!author) return void this.out.push(unparsed(d.line, this.file, raw(), 'message without a sender name, and no earlier message to continue'));
    const at = d.title ? this.timeOf(d.title) : undefined;
    if (!at) return void this.out.push(unparsed(d.line, this.file, raw(), `no readable date (title "${d.title ?? ''}")`));
    this.lastAuthor = author;
    this.lastTime = at;
    this.shared.knownNames.add(author.name);
    // Raw newlines in the page are the exporter's indentation; the message's own line breaks are <br>.
    const text = d.text.replace(/\n[ \t]*/g, '').replaceAll(BR, '\n');
    const titled = Object.hasOwn(MEDIA_TITLES, tidy(d.mediaTitle)) ? MEDIA_TITLES[tidy(d.mediaTitle)] : undefined;
    const mediaType = titled && titled.from === d.media ? titled.is : d.media ?? (d.hasLink ? 'link' : undefined);
    this.out.push({
      kind: 'message', ...baseOf(d.line, this.file, this.shared.chat, d.id, at), author, text,
      ...(d.replyTo ? { replyTo: d.replyTo } : {}), ...(d.mentions.length ? { mentions: d.mentions } : {}), ...(mediaType ? { mediaType } : {}),
    });
  }

  private finishService(d: Draft): void {
    const text = tidy(d.serviceText);
    // Negative ids are the exporter's own lines: day separators ("31 December 2020") and "No exported messages".
    if (d.id?.startsWith('-')) {
      const day = /^(\d{1,2}) (\w+) (\d{4})$/.exec(text);
      const month = day ? MONTHS.indexOf(day[2]!) + 1 : 0;
      if (day && month) this.dayStart = this.wallToUtc(Number(day[3]), month, Number(day[1]), 0, 0, 0);
      else if (text !== 'No exported messages') this.out.push(unparsed(d.line, this.file, text, 'unknown exporter line'));
      return;
    }
    if (text.startsWith('This message is not supported by this version of Telegram Desktop')) {
      return void this.out.push(unparsed(d.line, this.file, text, 'Telegram Desktop could not export this message (too old a version)'));
    }
    const meaning = readServiceLine(text, this.shared.knownNames);
    if (meaning.kind === 'ignored') return;
    if (meaning.kind === 'unknown') return void this.out.push(unparsed(d.line, this.file, text, 'unknown service message'));
    const at = this.lastTime && (!this.dayStart || this.lastTime >= this.dayStart) ? this.lastTime : this.dayStart;
    if (!at) return void this.out.push(unparsed(d.line, this.file, text, 'service message before any date'));
    meaning.people.forEach((person, i) => {
      const base = baseOf(d.line, this.file, this.shared.chat, memberSourceId(d.id, i), at);
      if (meaning.kind === 'joins') this.out.push({ kind: 'join', ...base, person, ...(meaning.by ? { by: meaning.by } : {}), via: meaning.via });
      else this.out.push({ kind: 'leave', ...base, person, ...(meaning.by ? { removedBy: meaning.by } : {}) });
    });
  }

  /**
   * Titles read "31.12.2020 21:15:03 UTC+08:00" (older exports: no offset). The offset Telegram writes is the
   * zone's *standard* offset even in summer, so in a zone with daylight saving it is an hour off for half the
   * year. When it matches the standard offset of the import's zone, the zone decides (daylight saving
   * included); when it does not, the export came from elsewhere and the offset is taken as written.
   */
  private timeOf(title: string): Date | undefined {
    const m = /^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d):(\d\d)(?: UTC([+-])(\d\d):(\d\d))?$/.exec(title.trim());
    if (!m) return undefined;
    const [d, mo, y, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (m[7]) {
      const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
      this.fixedOffset = offset === this.standardOffset(y) ? null : offset;
    }
    return this.wallToUtc(y, mo, d, h, mi, s);
  }

  /** Zone lookups are slow (Intl); clocks change on the hour, so one lookup serves a whole wall-clock hour. */
  private hourKey = '';
  private hourShift = 0;
  private standard = { year: NaN, minutes: 0 };

  private wallToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): Date {
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    if (this.fixedOffset !== null) return new Date(wall - this.fixedOffset * 60_000);
    const key = `${y}-${mo}-${d}-${h}`;
    if (key !== this.hourKey) {
      this.hourKey = key;
      this.hourShift = Date.UTC(y, mo - 1, d, h) - localToUtc(y, mo, d, h, 0, 0, this.timeZone).getTime();
    }
    return new Date(wall - this.hourShift);
  }

  /** A zone's offset outside daylight saving, in minutes: the smaller of January's and July's. */
  private standardOffset(year: number): number {
    if (this.standard.year !== year) {
      const jan = offsetMs(Date.UTC(year, 0, 1), this.timeZone);
      const jul = offsetMs(Date.UTC(year, 6, 1), this.timeZone);
      this.standard = { year, minutes: Math.min(jan, jul) / 60_000 };
    }
    return this.standard.minutes;
  }
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
