import type { ImportedChat, ImportedPerson, UnparsedRecord } from '../types.js';

/** Telegram Desktop writes this for a sender or member whose account is gone. */
export const DELETED_ACCOUNT = 'Deleted Account';

export function unparsed(line: number, file: string | undefined, text: string, reason: string): UnparsedRecord {
  return { kind: 'unparsed', line, ...(file ? { file } : {}), text: text.slice(0, 200), reason };
}

/**
 * One service message can add or remove several people. The intake dedupes on sourceId, so each person
 * gets their own: the message id for the first, "<id>-2", "<id>-3"… for the rest. Both Telegram formats
 * use the same scheme, so the same chat exported twice still dedupes.
 */
export function memberSourceId(messageId: string | undefined, index: number): string | undefined {
  if (messageId === undefined) return undefined;
  return index === 0 ? messageId : `${messageId}-${index + 1}`;
}

/** Fields shared by every record of one message, without the undefined keys that `toStrictEqual` sees. */
export function baseOf(line: number, file: string | undefined, chat: ImportedChat | undefined, sourceId: string | undefined, at: Date) {
  return { line, ...(file ? { file } : {}), ...(chat ? { chat } : {}), ...(sourceId !== undefined ? { sourceId } : {}), at };
}

/** Adds a mention once: Telegram repeats the same @name freely within one message. */
export function addMention(list: ImportedPerson[], p: ImportedPerson): void {
  if (!p.name && !p.id) return;
  if (list.some((m) => (p.id ? m.id === p.id : !m.id && m.name === p.name))) return;
  list.push(p);
}
