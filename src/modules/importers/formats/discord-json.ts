import fs from 'node:fs';
import type { ImportedChat, ImportedPerson, ImportParser, ImportRecord, MediaType } from '../types.js';
import { head } from '../lines.js';
import { person, unparsed } from './record-helpers.js';
import { mediaFromFileName } from './media-from-file.js';
import { chatFromFileName, exportFiles } from './discord-shared.js';
import { walkJsonObject } from './json-walk.js';

/**
 * DiscordChatExporter JSON: `{guild, channel, dateRange, exportedAt, messages: [...], messageCount}`, one
 * channel per file; a folder of such files is several channels, read in name order. `messages` is streamed.
 * `line` is the message's 1-based index in `messages`.
 *
 * Bots (author.isBot) are imported as ordinary authors: ImportedPerson has no bot flag, and dropping them here
 * would hide bot traffic the operator may want to see; analytics can exclude them by id.
 */
export const discordJsonParser: ImportParser = {
  format: 'discord-json',
  channel: 'discord',

  async sniff(source) {
    const files = await exportFiles(source, '.json').catch(() => []);
    let best = 0;
    for (const { full } of files.slice(0, 3)) best = Math.max(best, scoreHead(await head(full, 4096)));
    return best;
  },

  async *parse(source, ctx) {
    let done = 0;
    for (const { full, file } of await exportFiles(source, '.json')) {
      const size = (await fs.promises.stat(full)).size;
      yield* parseFile(full, file, (b) => ctx.onBytes?.(done + b));
      done += size;
      ctx.onBytes?.(done);
    }
  },
};

function scoreHead(text: string): number {
  const t = text.trimStart();
  if (!t.startsWith('{')) return 0;
  const guild = /"guild"\s*:\s*\{/.test(t);
  const channel = /"channel"\s*:\s*\{[^}]*"type"\s*:/.test(t);
  if (guild && channel && /"messages"\s*:\s*\[/.test(t)) return 0.97;
  if (guild && channel) return 0.9;
  return 0;
}

const JOINS = new Set(['GuildMemberJoin']);
/** System notifications that say nothing about who is in the chat. */
const SKIPPED = new Set(['Call', 'ChannelNameChange', 'ChannelIconChange', 'ChannelPinnedMessage', 'ThreadCreated', 'PollResult']);

async function* parseFile(full: string, file: string | undefined, onBytes: (b: number) => void): AsyncGenerator<ImportRecord> {
  let guild: { name?: string } | undefined;
  let channel: { id?: string; name?: string } | undefined;
  let chat: ImportedChat | undefined;
  const events = walkJsonObject(full, { arrays: new Set(['messages']), fields: new Set(['guild', 'channel']), onBytes });
  for await (const ev of events) {
    if (ev.kind === 'field') {
      if (ev.key === 'guild') guild = asObject(ev.value);
      else channel = asObject(ev.value);
      chat = undefined;
    } else if (ev.kind === 'error') {
      yield unparsed(ev.index, '', `the JSON breaks off here, nothing after it can be read: ${ev.message}`, file);
      return;
    } else {
      chat ??= chatOf(guild, channel, full);
      const rec = messageRecord(ev.value, ev.index, file, chat);
      if (rec) yield rec;
    }
  }
}

function chatOf(guild: { name?: string } | undefined, channel: { id?: string; name?: string } | undefined, full: string): ImportedChat {
  if (!channel?.name) return chatFromFileName(full);
  const name = guild?.name ? `${guild.name} / ${channel.name}` : channel.name;
  return channel.id ? { id: String(channel.id), name } : { name };
}

/** The record for one exported message; undefined for system notifications not about members. */
function messageRecord(value: unknown, line: number, file: string | undefined, chat: ImportedChat): ImportRecord | undefined {
  const m = asObject(value);
  const raw = () => JSON.stringify(value) ?? '';
  if (!m) return unparsed(line, raw(), 'message is not an object', file);
  const type = typeof m.type === 'string' ? m.type : '';
  const at = typeof m.timestamp === 'string' ? new Date(m.timestamp) : undefined;
  if (!at || Number.isNaN(at.getTime())) return unparsed(line, raw(), 'message has no valid timestamp', file);
  const author = personOf(m.author);
  if (!author) return unparsed(line, raw(), 'message has no author', file);
  const base = { line, ...(file !== undefined ? { file } : {}), chat, ...(m.id ? { sourceId: String(m.id) } : {}), at };
  const mentions = Array.isArray(m.mentions) ? m.mentions.map(personOf).filter((p): p is ImportedPerson => !!p) : [];

  if (type === 'Default' || type === 'Reply') {
    const replyTo = type === 'Reply' ? asObject(m.reference)?.messageId : undefined;
    const mediaType = mediaOf(m);
    return {
      kind: 'message', ...base, author,
      text: typeof m.content === 'string' ? m.content : '',
      ...(replyTo ? { replyTo: String(replyTo) } : {}),
      ...(mentions.length ? { mentions } : {}),
      ...(mediaType ? { mediaType } : {}),
    };
  }
  if (JOINS.has(type)) return { kind: 'join', ...base, person: author, via: 'link' };
  if (type === 'RecipientAdd') {
    const added = mentions[0];
    if (!added) return unparsed(line, raw(), 'RecipientAdd without the added user in mentions', file);
    return { kind: 'join', ...base, person: added, by: author, via: 'added' };
  }
  if (type === 'RecipientRemove') {
    const gone = mentions[0];
    if (!gone) return unparsed(line, raw(), 'RecipientRemove without the removed user in mentions', file);
    return { kind: 'leave', ...base, person: gone, ...(gone.id !== author.id ? { removedBy: author } : {}) };
  }
  if (SKIPPED.has(type)) return undefined;
  return unparsed(line, raw(), `unknown message type "${type}"`, file);
}

function personOf(value: unknown): ImportedPerson | undefined {
  const a = asObject(value);
  if (!a) return undefined;
  const name = (typeof a.nickname === 'string' && a.nickname) || (typeof a.name === 'string' && a.name) || '';
  if (!name && !a.id) return undefined;
  return person(name || String(a.id), a.id ? String(a.id) : undefined);
}

function mediaOf(m: Record<string, any>): MediaType | undefined {
  const first = Array.isArray(m.attachments) ? asObject(m.attachments[0]) : undefined;
  if (first) return mediaFromFileName(String(first.fileName ?? first.url ?? ''));
  if (Array.isArray(m.stickers) && m.stickers.length) return 'sticker';
  return undefined;
}

function asObject(v: unknown): Record<string, any> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}
