import type { EventInput } from '../../modules/tracking/event-contract.js';
import { field, list, type XmlFields } from './xml.js';

/** What one decrypted callback means for Shequn: events for the intake, and changes to a group's own row. */
export interface Normalised {
  /** A stable key for the callback itself, so a replay (WeCom retries until it gets an answer) is dropped. */
  key: string;
  kind: string;
  events: EventInput[];
  community?: { externalId: string; change: 'create' | 'dismiss' | 'change_owner' | 'change_name' | 'change_notice' };
}

// JoinScene / QuitScene codes from the change_external_chat documentation (path/92130).
const JOIN_SCENE: Record<string, 'invite' | 'link' | 'qr_code'> = { 0: 'invite', 1: 'link', 3: 'qr_code' };
const QUIT_REASON: Record<string, 'quit' | 'removed'> = { 0: 'quit', 1: 'removed' };

export function normaliseCallback(f: XmlFields): Normalised {
  const event = field(f, 'Event') ?? field(f, 'MsgType') ?? 'unknown';
  const createTime = Number(field(f, 'CreateTime') ?? 0);
  const occurredAt = new Date((createTime || Date.now() / 1000) * 1000).toISOString();
  const change = field(f, 'ChangeType') ?? '';
  if (event === 'change_external_chat') return groupChange(f, change, occurredAt, createTime);
  if (event === 'change_external_contact') return contactChange(f, change, occurredAt, createTime);
  return { key: `${event}:${change}:${createTime}:${field(f, 'MsgId') ?? ''}`, kind: `${event}.${change || 'other'}`, events: [] };
}

function groupChange(f: XmlFields, change: string, occurredAt: string, createTime: number): Normalised {
  const chatId = field(f, 'ChatId') ?? '';
  const detail = field(f, 'UpdateDetail') ?? '';
  // CurMemVer changes with every membership change, so it tells two joins in the same second apart.
  const key = `chat:${chatId}:${change}:${detail}:${field(f, 'CurMemVer') ?? ''}:${createTime}`;
  const kind = `change_external_chat.${change}${detail ? `.${detail}` : ''}`;
  const community = { channel: 'wecom' as const, externalId: chatId };
  if (!chatId) return { key, kind, events: [] };
  if (change === 'create' || change === 'dismiss') return { key, kind, events: [], community: { externalId: chatId, change } };
  if (change !== 'update') return { key, kind, events: [] };
  if (detail === 'add_member' || detail === 'del_member') {
    const joined = detail === 'add_member';
    const ids = list(f, 'MemChangeList');
    const events: EventInput[] = ids.map((userId) => ({
      id: `wecom:${chatId}:${joined ? 'join' : 'leave'}:${userId}:${field(f, 'CurMemVer') ?? createTime}`,
      type: joined ? 'member.joined' : 'member.left',
      occurredAt,
      community,
      member: { channel: 'wecom', externalId: userId },
      data: joined
        ? { scene: JOIN_SCENE[field(f, 'JoinScene') ?? ''] ?? 'unknown', memChangeCnt: Number(field(f, 'MemChangeCnt') ?? ids.length) }
        : { reason: QUIT_REASON[field(f, 'QuitScene') ?? ''] ?? 'unknown', memChangeCnt: Number(field(f, 'MemChangeCnt') ?? ids.length) },
    }));
    return { key, kind, events };
  }
  if (detail === 'change_owner' || detail === 'change_name' || detail === 'change_notice') {
    return { key, kind, events: [], community: { externalId: chatId, change: detail } };
  }
  return { key, kind, events: [] };
}

function contactChange(f: XmlFields, change: string, occurredAt: string, createTime: number): Normalised {
  const external = field(f, 'ExternalUserID');
  const staff = field(f, 'UserID');
  const key = `contact:${change}:${staff ?? ''}:${external ?? ''}:${createTime}`;
  const kind = `change_external_contact.${change || 'other'}`;
  if (!external) return { key, kind, events: [] };
  // A one-to-one contact with a staff member is not a group event: the contract's custom type carries it.
  return {
    key, kind,
    events: [{
      id: `wecom:contact:${change}:${staff ?? ''}:${external}:${createTime}`,
      type: 'custom',
      occurredAt,
      member: { channel: 'wecom', externalId: external },
      data: { name: `wecom.${change}`, properties: { staffUserId: staff ?? null, state: field(f, 'State') ?? null } },
    }],
  };
}
