import type { Channel } from '../tracking/event-contract.js';
import type { MEDIA_TYPES } from '../tracking/event-contract.js';

/** The chat-export formats Shequn reads, as the tools people use write them. */
export const IMPORT_FORMATS = ['whatsapp', 'telegram-json', 'telegram-html', 'slack', 'discord-json', 'discord-csv', 'wechat-csv', 'qq-txt'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type MediaType = (typeof MEDIA_TYPES)[number];

/** A person as an export names them: `id` when the platform gives a stable one, else only the name. */
export interface ImportedPerson { id?: string; name: string }

/** Which group a record belongs to, for exports that hold several (Slack channels, Telegram/Discord files). */
export interface ImportedChat { id?: string; name: string }

interface RecordBase {
  /** 1-based line (text formats), record number (JSON/CSV rows) or message index (HTML) in `file`. */
  line: number;
  /** Path of the file inside the import, for messages about a folder or zip; absent for a single file. */
  file?: string;
  chat?: ImportedChat;
  /** The platform's own id for the record when the export has one (Telegram, Slack ts, Discord). */
  sourceId?: string;
  at: Date;
}

export interface ImportedMessage extends RecordBase {
  kind: 'message';
  author: ImportedPerson;
  /** The text as written; multi-line messages joined with "\n". Empty for pure media. */
  text: string;
  /** sourceId of the message this one explicitly replies to. */
  replyTo?: string;
  mentions?: ImportedPerson[];
  mediaType?: MediaType;
}

export interface ImportedJoin extends RecordBase {
  kind: 'join';
  person: ImportedPerson;
  /** Who added or invited them, when the export says. */
  by?: ImportedPerson;
  via: 'link' | 'added' | 'unknown';
}

export interface ImportedLeave extends RecordBase {
  kind: 'leave';
  person: ImportedPerson;
  /** Set when they were removed rather than left on their own. */
  removedBy?: ImportedPerson;
}

/** A line or record that could not be understood: counted and shown, never silently dropped. */
export interface UnparsedRecord {
  kind: 'unparsed';
  line: number;
  file?: string;
  text: string;
  reason: string;
}

export type ImportRecord = ImportedMessage | ImportedJoin | ImportedLeave | UnparsedRecord;

/** What was handed to the importer: one file, or a folder (a zip is opened by the parser that wants it). */
export interface ImportSource { path: string; isDirectory: boolean }

export interface ParseContext {
  /** IANA zone for exports whose times carry no offset (WhatsApp, QQ, WeChat CSV): the exporting phone's zone. */
  timeZone: string;
  /** Called with the bytes read so far out of the source's total, for progress bars. */
  onBytes?: (bytesRead: number) => void;
}

export interface ImportParser {
  format: ImportFormat;
  channel: Channel;
  /**
   * How sure this parser is, from a quick look (the first few KB, a folder's listing), that the source is
   * its format: 0 = no, 1 = certain. Auto-detection takes the highest.
   */
  sniff(source: ImportSource): Promise<number>;
  /** Streams the records in file order; memory must not grow with the size of the export. */
  parse(source: ImportSource, ctx: ParseContext): AsyncGenerator<ImportRecord>;
}
