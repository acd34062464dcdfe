import type { ImportedChat, ImportedPerson, ImportParser, ImportRecord } from '../types.js';
import { person, unparsed } from './record-helpers.js';
import { mediaFromMime } from './media-from-file.js';
import { renderSlackText, type SlackNames } from './slack-text.js';
import { listSlackNames, openSlackFiles, type SlackFiles } from './slack-source.js';

/**
 * Slack workspace export (folder or the zip Slack sends): users.json, channels.json, optional groups.json
 * (private channels), and one folder per channel holding one JSON array of messages per day. Channels are
 * read in channels.json then groups.json order, days in date order. DMs (dms.json, mpims.json) are skipped:
 * they are not community chats. `line` is the message's 1-based index in its day file; 0 means the whole
 * file or folder could not be read.
 */
export const slackParser: ImportParser = {
  format: 'slack',
  channel: 'slack',

  async sniff(source) {
    const names = await listSlackNames(source).catch(() => [] as string[]);
    const top = (n: string) => names.some((x) => x === n || x.endsWith(`/${n}`));
    if (top('channels.json') && top('users.json')) return 0.97;
    if (top('channels.json') && names.some((x) => /\d{4}-\d{2}-\d{2}\.json$/.test(x))) return 0.8;
    return 0;
  },

  async *parse(source, ctx) {
    const files = await openSlackFiles(source);
    try {
      yield* parseExport(files, ctx.onBytes);
    } finally {
      await files.close();
    }
  },
};

/** Subtypes that are not about members (bots, channel settings, pins, reminders, huddles, deleted stubs). */
export const SLACK_SKIPPED_SUBTYPES: ReadonlySet<string> = new Set([
  'bot_message', 'bot_add', 'bot_remove', 'bot_enable', 'bot_disable',
  'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive',
  'channel_convert_to_private', 'channel_convert_to_public', 'channel_posting_permissions',
  'group_topic', 'group_purpose', 'group_name', 'group_archive', 'group_unarchive',
  'pinned_item', 'unpinned_item', 'reminder_add', 'tombstone', 'huddle_thread', 'sh_room_created',
  'app_conversation_join', 'app_conversation_leave', 'slackbot_response',
]);
const MESSAGE_SUBTYPES = new Set(['thread_broadcast', 'reply_broadcast', 'file_share', 'me_message']);
const JOIN_SUBTYPES = new Set(['channel_join', 'group_join']);
const LEAVE_SUBTYPES = new Set(['channel_leave', 'group_leave']);

interface SlackChannel { id?: string; name: string }

async function* parseExport(files: SlackFiles, onBytes?: (b: number) => void): AsyncGenerator<ImportRecord> {
  let read = 0;
  const has = new Set(files.names);
  const meta = async (name: string): Promise<{ value?: any[]; error?: ImportRecord }> => {
    if (!has.has(name)) return {};
    const { data: buf, bytes } = await files.read(name);
    read += bytes;
    onBytes?.(read);
    try {
      const value = JSON.parse(stripBom(buf.toString('utf8')));
      return Array.isArray(value) ? { value } : { error: unparsed(0, '', `${name} is not a JSON array`, name) };
    } catch (err) {
      return { error: unparsed(0, buf.subarray(0, 200).toString('utf8'), `invalid JSON: ${(err as Error).message}`, name) };
    }
  };

  const users = new Map<string, string>();
  const channels: SlackChannel[] = [];
  const skippedFolders = new Set<string>();
  for (const name of ['users.json', 'channels.json', 'groups.json', 'dms.json', 'mpims.json']) {
    const { value, error } = await meta(name);
    if (error) yield error;
    for (const item of value ?? []) {
      if (!item || typeof item !== 'object') continue;
      if (name === 'users.json') users.set(String(item.id), displayName(item.profile, item) ?? String(item.id));
      else if (name === 'dms.json' || name === 'mpims.json') skippedFolders.add(String(item.name ?? item.id));
      else if (item.name) channels.push({ ...(item.id ? { id: String(item.id) } : {}), name: String(item.name) });
    }
  }
  const channelNames = new Map(channels.filter((c) => c.id).map((c) => [c.id!, c.name]));
  const names: SlackNames = { user: (id) => users.get(id), channel: (id) => channelNames.get(id) };

  const days = new Map<string, string[]>();
  for (const n of files.names) {
    const slash = n.indexOf('/');
    if (slash === -1) continue;
    const folder = n.slice(0, slash);
    if (!days.has(folder)) days.set(folder, []);
    if (/^\d{4}-\d{2}-\d{2}\.json$/.test(n.slice(slash + 1))) days.get(folder)!.push(n);
  }
  // Without channels.json the folders are all we know: each is a channel with no id.
  if (!has.has('channels.json') && !has.has('groups.json')) {
    for (const folder of [...days.keys()].sort()) if (!skippedFolders.has(folder)) channels.push({ name: folder });
  }

  const known = new Set(channels.map((c) => c.name));
  for (const ch of channels) {
    const chat: ImportedChat = ch.id ? { id: ch.id, name: ch.name } : { name: ch.name };
    for (const file of (days.get(ch.name) ?? []).sort()) {
      const { data: buf, bytes } = await files.read(file);
      read += bytes;
      let messages: unknown;
      try {
        messages = JSON.parse(stripBom(buf.toString('utf8')));
      } catch (err) {
        messages = undefined;
        yield unparsed(0, buf.subarray(0, 200).toString('utf8'), `invalid JSON: ${(err as Error).message}`, file);
      }
      if (messages !== undefined && !Array.isArray(messages)) yield unparsed(0, '', 'day file is not a JSON array of messages', file);
      if (Array.isArray(messages)) {
        for (let i = 0; i < messages.length; i++) {
          const rec = messageRecord(messages[i], i + 1, file, chat, names);
          if (rec) yield rec;
        }
      }
      onBytes?.(read);
    }
  }
  for (const folder of [...days.keys()].sort()) {
    if (!known.has(folder) && !skippedFolders.has(folder)) {
      yield unparsed(0, folder, 'folder is not a channel listed in channels.json or groups.json', `${folder}/`);
    }
  }
}

function messageRecord(value: any, line: number, file: string, chat: ImportedChat, names: SlackNames): ImportRecord | undefined {
  const raw = () => JSON.stringify(value) ?? '';
  if (!value || typeof value !== 'object' || value.type !== 'message') return unparsed(line, raw(), 'not a Slack message object', file);
  const subtype: string | undefined = typeof value.subtype === 'string' ? value.subtype : undefined;
  if (subtype && SLACK_SKIPPED_SUBTYPES.has(subtype)) return undefined;
  const at = tsToDate(value.ts);
  if (!at) return unparsed(line, raw(), 'message has no valid ts', file);
  if (typeof value.user !== 'string' || !value.user) {
    // App and integration posts without a user id are bots, like bot_message.
    if (value.bot_id) return undefined;
    return unparsed(line, raw(), 'message has no user', file);
  }
  const who = personOf(value.user, value.user_profile, names);
  const base = { line, file, chat, sourceId: String(value.ts), at };

  if (subtype && JOIN_SUBTYPES.has(subtype)) {
    const inviter = typeof value.inviter === 'string' ? personOf(value.inviter, undefined, names) : undefined;
    return inviter ? { kind: 'join', ...base, person: who, by: inviter, via: 'added' } : { kind: 'join', ...base, person: who, via: 'link' };
  }
  if (subtype && LEAVE_SUBTYPES.has(subtype)) return { kind: 'leave', ...base, person: who };
  if (subtype && !MESSAGE_SUBTYPES.has(subtype)) return unparsed(line, raw(), `unknown message subtype "${subtype}"`, file);

  const { text, mentions } = renderSlackText(typeof value.text === 'string' ? value.text : '', names);
  const replyTo = typeof value.thread_ts === 'string' && value.thread_ts !== value.ts ? value.thread_ts : undefined;
  const firstFile = Array.isArray(value.files) ? value.files[0] : undefined;
  return {
    kind: 'message', ...base, author: who, text,
    ...(replyTo ? { replyTo } : {}),
    ...(mentions.length ? { mentions } : {}),
    ...(firstFile ? { mediaType: mediaFromMime(firstFile.mimetype, firstFile.name) } : {}),
  };
}

function personOf(id: string, profile: any, names: SlackNames): ImportedPerson {
  return person(names.user(id) ?? displayName(profile, profile) ?? id, id);
}

/** What Slack shows for a person: display name, else full name, else the account name. */
function displayName(profile: any, user: any): string | undefined {
  return profile?.display_name || profile?.real_name || user?.real_name || user?.name || undefined;
}

/** "1609420503.000200" (seconds.microseconds) to an instant, to the millisecond. */
function tsToDate(ts: unknown): Date | undefined {
  if (typeof ts !== 'string') return undefined;
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!m) return undefined;
  return new Date(Number(m[1]) * 1000 + Math.floor(Number((m[2] ?? '0').padEnd(6, '0')) / 1000));
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
