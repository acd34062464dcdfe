import { localToUtc } from '../local-time.js';
import type { ImportedChat, ImportedPerson, ImportRecord, MediaType } from '../types.js';
import { addMention, baseOf, DELETED_ACCOUNT, memberSourceId, unparsed } from './telegram-common.js';

/** Where a message sits: its record number in the file, the file inside a folder, the chat it belongs to. */
export interface MessagePlace { line: number; file?: string; chat: ImportedChat; timeZone: string }

/** `media_type` values Telegram Desktop writes. GIFs ("animation") count as pictures, not videos. */
const MEDIA_TYPES: Record<string, MediaType> = {
  sticker: 'sticker', video_file: 'video', video_message: 'video', voice_message: 'voice', animation: 'image', audio_file: 'file',
};

/**
 * Service actions that say nothing about who is in the group (titles, photos, pins, calls, payments, topics,
 * themes…). They are dropped on purpose; any action not listed here, nor handled below, becomes unparsed so a
 * new kind of membership change is never lost quietly.
 */
const NON_MEMBER_ACTIONS = new Set([
  'create_group', 'create_channel', 'migrate_to_supergroup', 'migrate_from_group', 'edit_group_title', 'edit_group_photo',
  'delete_group_photo', 'pin_message', 'clear_history', 'score_in_game', 'send_payment', 'phone_call', 'take_screenshot',
  'allow_sending_messages', 'attach_menu_bot_allowed', 'send_passport_values', 'joined_telegram', 'proximity_reached',
  'requested_phone_number', 'group_call', 'invite_to_group_call', 'set_messages_ttl', 'group_call_scheduled',
  'edit_chat_theme', 'send_webview_data', 'send_premium_gift', 'topic_created', 'topic_edit', 'suggest_profile_photo',
  'requested_peer', 'set_chat_wallpaper', 'set_same_chat_wallpaper', 'boost_apply', 'gift_code_prize', 'giveaway_launch',
  'giveaway_results',
]);

type Json = Record<string, unknown>;

/** One entry of a chat's `messages` array, as records: a message, joins/leaves, nothing, or unparsed. */
export function messageRecords(m: unknown, place: MessagePlace): ImportRecord[] {
  const { line, file, chat } = place;
  const raw = () => JSON.stringify(m) ?? String(m);
  if (!m || typeof m !== 'object' || Array.isArray(m)) return [unparsed(line, file, raw(), 'not a message object')];
  const msg = m as Json;
  const sourceId = typeof msg.id === 'number' || typeof msg.id === 'string' ? String(msg.id) : undefined;
  if (msg.type !== 'message' && msg.type !== 'service') {
    return [unparsed(line, file, raw(), `message type "${String(msg.type)}" is not one Shequn reads (Telegram writes "unsupported" for media its exporter could not handle)`)];
  }
  const at = timeOf(msg, place.timeZone);
  if (!at) return [unparsed(line, file, raw(), 'no readable date_unixtime or date')];
  return msg.type === 'message'
    ? [chatMessage(msg, baseOf(line, file, chat, sourceId, at), raw)]
    : serviceRecords(msg, place, sourceId, at, raw);
}

/** `date_unixtime` is exact; older exports only have `date`, local wall time of the exporting computer. */
function timeOf(msg: Json, timeZone: string): Date | undefined {
  if (typeof msg.date_unixtime === 'string' && /^\d+$/.test(msg.date_unixtime)) return new Date(Number(msg.date_unixtime) * 1000);
  const d = typeof msg.date === 'string' ? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/.exec(msg.date) : null;
  if (!d) return undefined;
  const n = d.slice(1).map(Number) as [number, number, number, number, number, number];
  return localToUtc(...n, timeZone);
}

/** Exports before Telegram Desktop 2.4 wrote `from_id` as a bare number; newer ones write "user123". */
function personOf(name: unknown, id: unknown): ImportedPerson | undefined {
  const n = typeof name === 'string' && name ? name : undefined;
  if (typeof id === 'number') return { id: `user${id}`, name: n ?? DELETED_ACCOUNT };
  if (typeof id === 'string' && id) return { id, name: n ?? DELETED_ACCOUNT };
  return n ? { name: n } : undefined;
}

function chatMessage(msg: Json, base: ReturnType<typeof baseOf>, raw: () => string): ImportRecord {
  const author = personOf(msg.from, msg.from_id);
  if (!author) return unparsed(base.line, base.file, raw(), 'message without from / from_id');
  // text_entities (newer exports) always lists every part; text is a bare string when nothing is formatted.
  const parts: unknown[] = Array.isArray(msg.text_entities) ? msg.text_entities : Array.isArray(msg.text) ? msg.text : [msg.text ?? ''];
  let text = '';
  let hasLink = false;
  const mentions: ImportedPerson[] = [];
  for (const p of parts) {
    if (typeof p === 'string') { text += p; continue; }
    if (!p || typeof p !== 'object') continue;
    const e = p as Json;
    const t = typeof e.text === 'string' ? e.text : '';
    text += t;
    if (e.type === 'mention' && t.startsWith('@')) addMention(mentions, { name: t.slice(1) });
    else if (e.type === 'mention_name') {
      const uid = typeof e.user_id === 'number' || typeof e.user_id === 'string' ? `user${e.user_id}` : undefined;
      addMention(mentions, uid ? { id: uid, name: t } : { name: t });
    } else if (e.type === 'link' || e.type === 'text_link') hasLink = true;
  }
  const mediaType = mediaOf(msg) ?? (hasLink ? 'link' : undefined);
  // reply_to_peer_id means the quoted message is in another chat, whose ids mean nothing here.
  const replyTo = msg.reply_to_message_id != null && msg.reply_to_peer_id == null ? String(msg.reply_to_message_id) : undefined;
  return {
    kind: 'message', ...base, author, text,
    ...(replyTo ? { replyTo } : {}), ...(mentions.length ? { mentions } : {}), ...(mediaType ? { mediaType } : {}),
  };
}

function mediaOf(msg: Json): MediaType | undefined {
  if (typeof msg.media_type === 'string') return Object.hasOwn(MEDIA_TYPES, msg.media_type) ? MEDIA_TYPES[msg.media_type] : 'other';
  if (msg.photo !== undefined) return 'image';
  if (msg.file !== undefined) return 'file';
  if (msg.location_information !== undefined || msg.place_name !== undefined) return 'location';
  if (msg.contact_information !== undefined || msg.poll !== undefined || msg.game_title !== undefined || msg.invoice_information !== undefined) return 'other';
  return undefined;
}

/**
 * Membership actions. `members` holds names only (Telegram writes no ids for them), so a person added by
 * someone else is known by name; the intake links the name to an id it has already seen. A member equal to the
 * actor is the actor: "X invited X" is how Telegram records someone joining a public group on their own, and
 * "X removed X" is someone leaving.
 */
function serviceRecords(msg: Json, place: MessagePlace, sourceId: string | undefined, at: Date, raw: () => string): ImportRecord[] {
  const { line, file, chat } = place;
  const action = msg.action;
  const actor = personOf(msg.actor, msg.actor_id);
  const base = (i: number) => baseOf(line, file, chat, memberSourceId(sourceId, i), at);
  if (action === 'invite_members' || action === 'remove_members') {
    const members = Array.isArray(msg.members) ? msg.members : [];
    if (!members.length) return [unparsed(line, file, raw(), `${action} without members`)];
    return members.map((m, i): ImportRecord => {
      const name = typeof m === 'string' && m ? m : DELETED_ACCOUNT;
      const self = actor !== undefined && actor.name === name;
      const person = self ? actor : { name };
      if (action === 'invite_members') {
        return self || !actor ? { kind: 'join', ...base(i), person, via: self ? 'link' : 'added' } : { kind: 'join', ...base(i), person, by: actor, via: 'added' };
      }
      return self || !actor ? { kind: 'leave', ...base(i), person } : { kind: 'leave', ...base(i), person, removedBy: actor };
    });
  }
  if (action === 'join_group_by_link' || action === 'join_group_by_request') {
    if (!actor) return [unparsed(line, file, raw(), `${action} without actor`)];
    const by = typeof msg.inviter === 'string' && msg.inviter ? { name: msg.inviter } : undefined;
    return [{ kind: 'join', ...base(0), person: actor, ...(by ? { by } : {}), via: 'link' }];
  }
  if (typeof action === 'string' && NON_MEMBER_ACTIONS.has(action)) return [];
  // A bot's custom service text ("information_text") carries no action and no membership change.
  if (action === undefined && typeof msg.information_text === 'string') return [];
  return [unparsed(line, file, raw(), `unknown service action "${String(action)}"`)];
}
