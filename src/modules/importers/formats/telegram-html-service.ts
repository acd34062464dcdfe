import type { ImportedPerson } from '../types.js';

/**
 * What a Telegram Desktop HTML service line ("body details") says about membership. The wording is the
 * exporter's, in English whatever the app language: "X invited A, B and C", "X removed Y" ("X removed X" when
 * X left), "X joined group by link from Y", "X joined group by request". Names are names only: the HTML
 * export has no user ids.
 */
export type ServiceMeaning =
  | { kind: 'joins'; people: ImportedPerson[]; by?: ImportedPerson; via: 'link' | 'added' }
  | { kind: 'leaves'; people: ImportedPerson[]; by?: ImportedPerson }
  | { kind: 'ignored' }
  | { kind: 'unknown' };

/**
 * Service lines that say nothing about who is in the group, in the exporter's wording: group/channel title and
 * photo changes, pins, voice/video chats, auto-delete, themes, topics, payments, bots, screenshots… Dropped on
 * purpose; anything else that is not a membership line is reported as unparsed.
 */
const NON_MEMBER_LINES: RegExp[] = [
  /^.+ created group «.*»( with members .+)?$/s,
  /^.+ changed group title to «.*»$/s,
  /^Channel title changed to «.*»$/s,
  /^.+ (changed|removed) group photo$/,
  /^Channel photo (changed|removed)$/,
  /^Channel «.*» created$/s,
  /^.+ converted (this group to a supergroup|a basic group to this supergroup «.*»)$/s,
  /^.+ pinned .+$/,
  /^History cleared$/,
  /^.+ scored -?\d+ in .+$/,
  /^You (have successfully transferred|were charged|allowed this bot|have sent the following documents|have just successfully transferred|are now within) /,
  /^.+ (took a screenshot|joined Telegram|requested your phone number|suggests to use this photo|disabled chat theme)$/,
  /^.+ is now within .+ from .+$/,
  /^.+ started (voice|video) chat( \(\d+ seconds\))?$/,
  /^(Voice|Video) chat( \(\d+ seconds\))?$/,
  /^.+ invited .+ to the (voice|video) chat$/,
  /^.+ has set messages (to auto-delete in .*|not to auto-delete)$/,
  /^New messages will (not auto-delete|auto-delete in .*)$/,
  /^(.+ scheduled a (voice|video) chat for|(Voice|Video) chat scheduled for) .+$/,
  /^(.+ changed chat theme to|Channel theme was changed to) .+$/,
  /^Channel theme was disabled$/,
  /^.+ sent you a gift/,
  /^.+ (created topic «.*»|changed topic .+)$/s,
  /^requested: /,
  /^.+ set (a new|the same) background for this chat$/,
];

/** `known` = names already seen as authors, so "Tom and Jerry" stays one person in "X invited Tom and Jerry". */
export function readServiceLine(text: string, known: ReadonlySet<string>): ServiceMeaning {
  let m = /^(.+) joined group by link from (.+)$/s.exec(text);
  if (m) return { kind: 'joins', people: [{ name: m[1]! }], by: { name: m[2]! }, via: 'link' };
  m = /^(.+) joined group by (link|request)$/s.exec(text);
  if (m) return { kind: 'joins', people: [{ name: m[1]! }], via: 'link' };
  if (NON_MEMBER_LINES.some((re) => re.test(text))) return { kind: 'ignored' };
  m = /^(.+?) invited (.+)$/s.exec(text);
  if (m) {
    const actor = m[1]!;
    const names = splitNames(m[2]!, known);
    // "X invited X": Telegram's record of someone joining a public group by themselves.
    if (names.length === 1 && names[0] === actor) return { kind: 'joins', people: [{ name: actor }], via: 'link' };
    return { kind: 'joins', people: names.map((name) => ({ name })), by: { name: actor }, via: 'added' };
  }
  m = /^(.+?) removed (.+)$/s.exec(text);
  if (m) {
    const [, actor, member] = m as unknown as [string, string, string];
    return actor === member ? { kind: 'leaves', people: [{ name: member }] } : { kind: 'leaves', people: [{ name: member }], by: { name: actor } };
  }
  return { kind: 'unknown' };
}

/**
 * The exporter joins names as "A, B and C". A name that itself holds ", " or " and " cannot be told apart
 * from a list unless it was seen before as an author.
 */
export function splitNames(list: string, known: ReadonlySet<string>): string[] {
  if (known.has(list)) return [list];
  const last = list.lastIndexOf(' and ');
  if (last < 0) return [list];
  const head = list.slice(0, last);
  const tail = list.slice(last + 5);
  const first = known.has(head) ? [head] : head.split(', ');
  return [...first, tail];
}
