import { createHash } from 'node:crypto';
import type { Channel, EventInput } from '../tracking/event-contract.js';
import type { ImportedChat, ImportedPerson, ImportRecord } from './types.js';

const MAX_TEXT = 20_000;
const MAX_MENTIONS = 100;
const hash = (s: string, n: number) => createHash('sha1').update(s).digest('hex').slice(0, n);

/**
 * Turns parsed records into intake events with ids that depend only on what the export says, never on
 * where in the file it stands: importing the same file twice, or a later export that overlaps an earlier
 * one, stores each message once.
 */
export class EventMapper {
  /** Identical records at the same instant (two "ok"s in one minute) are told apart by their order. */
  private sameInstant = new Map<string, number>();
  private instant = NaN;
  /**
   * Exports that name a person by id in messages but only by name in service lines (Telegram invites):
   * a name already seen with an id is that person. A name met before its id stays a member of its own.
   */
  private idByName = new Map<string, string>();

  constructor(private readonly channel: Channel, private readonly communityName?: string) {}

  /** The community a record lands in: the --community name when given, else the chat the export names. */
  community(chat: ImportedChat | undefined, fallbackName: string) {
    if (this.communityName) return { channel: this.channel, externalId: `import:${this.communityName}`.slice(0, 200), name: this.communityName.slice(0, 200) };
    const name = chat?.name || fallbackName;
    return { channel: this.channel, externalId: (chat?.id ? chat.id : `import:${name}`).slice(0, 200), name: name.slice(0, 200) };
  }

  toEvent(rec: Exclude<ImportRecord, { kind: 'unparsed' }>, fallbackChatName: string): EventInput {
    const community = this.community(rec.chat, fallbackChatName);
    // Ids follow the chat of the export, not the --community chosen, so importing the same file under
    // another name still adds nothing.
    const chatKey = hash(`${this.channel}|${rec.chat?.id ?? rec.chat?.name ?? fallbackChatName}`, 12);
    const person = rec.kind === 'message' ? rec.author : rec.person;
    const member = this.member(person);
    const occurredAt = rec.at.toISOString();
    const id = rec.sourceId ? `imp-${chatKey}-${rec.sourceId}` : `imp-${chatKey}-${this.contentId(rec, member.externalId)}`;
    const base = { id: id.slice(0, 200), occurredAt, community, member };
    if (rec.kind === 'join') {
      const by = rec.by ? this.member(rec.by).externalId : undefined;
      const scene = rec.via === 'link' ? 'link' : rec.via === 'added' ? 'invite' : 'unknown';
      return { ...base, type: 'member.joined', data: { scene, ...(by && by !== member.externalId ? { inviter: by } : {}) } };
    }
    if (rec.kind === 'leave') {
      const removed = rec.removedBy && this.member(rec.removedBy).externalId !== member.externalId;
      return { ...base, type: 'member.left', data: { reason: removed ? 'removed' : 'quit' } };
    }
    const mentions = [...new Set((rec.mentions ?? []).map((p) => this.member(p).externalId))].slice(0, MAX_MENTIONS);
    return {
      ...base, type: 'message.sent',
      data: {
        text: rec.text.length > MAX_TEXT ? rec.text.slice(0, MAX_TEXT) : rec.text,
        ...(rec.mediaType ? { mediaType: rec.mediaType } : {}),
        ...(rec.replyTo ? { replyTo: `imp-${chatKey}-${rec.replyTo}`.slice(0, 200) } : {}),
        ...(mentions.length ? { mentions } : {}),
      },
    };
  }

  private member(p: ImportedPerson) {
    const name = p.name.trim() || p.id || 'unknown';
    if (p.id) this.idByName.set(name, p.id);
    const externalId = (p.id ?? this.idByName.get(name) ?? name).slice(0, 200);
    return { channel: this.channel, externalId, name: name.slice(0, 200) };
  }

  private contentId(rec: Exclude<ImportRecord, { kind: 'unparsed' }>, who: string): string {
    const t = rec.at.getTime();
    if (t !== this.instant) {
      this.instant = t;
      this.sameInstant.clear();
    }
    const what = rec.kind === 'message' ? `${rec.text}|${rec.mediaType ?? ''}` : rec.kind === 'join' ? `${rec.via}|${rec.by?.name ?? ''}` : rec.removedBy?.name ?? '';
    const key = `${rec.kind}|${t}|${who}|${what}`;
    const n = (this.sameInstant.get(key) ?? 0) + 1;
    this.sameInstant.set(key, n);
    return hash(`${key}|${n}`, 20);
  }
}
