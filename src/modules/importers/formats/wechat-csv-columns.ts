import type { MediaType } from '../types.js';

/**
 * Header names the WeChat CSV parser recognises (case-insensitive, surrounding spaces ignored):
 * - WeChatMsg / 留痕 layout: localId, MsgSvrID, TalkerId (or StrTalker), Type, SubType, IsSender,
 *   CreateTime (Unix seconds, or ms when 13 digits), StrTime, StrContent, Remark, NickName, Sender (wxid).
 * - simpler layouts: time / 时间 / 消息时间 / 发送时间; sender / 发送人 / 发送者 / 昵称; content / 内容 /
 *   消息内容; type / 消息类型 / 类型; wxid / 发送者ID; id / 消息ID.
 * `sender` is the wxid when the file also has NickName or Remark (WeChatMsg), else the display name.
 */
export interface Columns {
  id?: number;
  /** MsgSvrID is the id quoted replies point at; localId is only stable within one phone's database. */
  serverId: boolean;
  chatId?: number;
  type?: number;
  subType?: number;
  isSender?: number;
  unix?: number;
  time?: number;
  text: number;
  names: number[];
  senderId?: number;
}

export function mapHeader(header: string[]): Columns | string {
  const at = new Map(header.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const first = (...names: string[]) => names.map((n) => at.get(n)).find((i) => i !== undefined);
  const named = ['nickname', 'remark', '发送人', '发送者', '昵称'].map((n) => at.get(n)).filter((i): i is number => i !== undefined);
  const senderIsId = named.length > 0;
  const names = senderIsId ? named : [at.get('sender')].filter((i): i is number => i !== undefined);
  const text = first('strcontent', 'content', '内容', '消息内容');
  const unix = first('createtime');
  const time = first('strtime', 'time', '时间', '消息时间', '发送时间');
  const serverIdCol = at.get('msgsvrid');
  const cols: Columns = {
    id: serverIdCol ?? first('localid', 'id', '消息id'),
    serverId: serverIdCol !== undefined,
    chatId: first('talkerid', 'strtalker'),
    type: first('type', '消息类型', '类型'),
    subType: first('subtype'),
    isSender: first('issender'),
    unix,
    time,
    text: text ?? -1,
    names,
    senderId: senderIsId ? first('sender', 'wxid', '发送者id') : first('wxid', '发送者id'),
  };
  if (text === undefined) return 'no content column (StrContent, content, 内容 or 消息内容)';
  if (unix === undefined && time === undefined) return 'no time column (CreateTime, StrTime, time, 时间 or 消息时间)';
  if (!names.length && cols.senderId === undefined) return 'no sender column (NickName, Sender, sender, 发送人 or 发送者)';
  return cols;
}

export type RowKind =
  | { kind: 'message'; mediaType?: MediaType; quote?: boolean }
  | { kind: 'system' }
  | { kind: 'sysmsg' };

/** App messages (Type 49) by SubType: 5 link, 6 file, 33/36 mini program, 57 quoted reply; the rest 'other'. */
function appMessage(subType: string): RowKind {
  switch (subType) {
    case '5': return { kind: 'message', mediaType: 'link' };
    case '6': return { kind: 'message', mediaType: 'file' };
    case '33': case '36': return { kind: 'message', mediaType: 'mini_program' };
    case '57': return { kind: 'message', quote: true };
    default: return { kind: 'message', mediaType: 'other' };
  }
}

const NUMERIC: Record<string, RowKind> = {
  '1': { kind: 'message' },
  '3': { kind: 'message', mediaType: 'image' },
  '34': { kind: 'message', mediaType: 'voice' },
  '42': { kind: 'message', mediaType: 'other' }, // contact card
  '43': { kind: 'message', mediaType: 'video' },
  '47': { kind: 'message', mediaType: 'sticker' },
  '48': { kind: 'message', mediaType: 'location' },
  '50': { kind: 'message', mediaType: 'other' }, // voice/video call
  '10000': { kind: 'system' },
  '10002': { kind: 'sysmsg' },
};

/** Type names the simpler tools write instead of numbers. */
const NAMED: Record<string, RowKind> = {
  文本: { kind: 'message' }, 文字: { kind: 'message' }, text: { kind: 'message' },
  图片: { kind: 'message', mediaType: 'image' }, image: { kind: 'message', mediaType: 'image' },
  语音: { kind: 'message', mediaType: 'voice' }, voice: { kind: 'message', mediaType: 'voice' },
  视频: { kind: 'message', mediaType: 'video' }, video: { kind: 'message', mediaType: 'video' },
  表情: { kind: 'message', mediaType: 'sticker' }, 动画表情: { kind: 'message', mediaType: 'sticker' }, sticker: { kind: 'message', mediaType: 'sticker' },
  文件: { kind: 'message', mediaType: 'file' }, file: { kind: 'message', mediaType: 'file' },
  链接: { kind: 'message', mediaType: 'link' }, 分享链接: { kind: 'message', mediaType: 'link' }, link: { kind: 'message', mediaType: 'link' },
  小程序: { kind: 'message', mediaType: 'mini_program' },
  位置: { kind: 'message', mediaType: 'location' }, location: { kind: 'message', mediaType: 'location' },
  引用消息: { kind: 'message', quote: true },
  名片: { kind: 'message', mediaType: 'other' }, 红包: { kind: 'message', mediaType: 'other' }, 转账: { kind: 'message', mediaType: 'other' },
  合并转发: { kind: 'message', mediaType: 'other' }, 聊天记录: { kind: 'message', mediaType: 'other' }, 通话: { kind: 'message', mediaType: 'other' },
  系统消息: { kind: 'system' }, system: { kind: 'system' },
};

/** How to read a row; a file without a type column is all text. null for a type this parser does not know. */
export function classify(type: string | undefined, subType: string | undefined): RowKind | null {
  if (type === undefined || type.trim() === '') return { kind: 'message' };
  const t = type.trim();
  if (t === '49') return appMessage((subType ?? '').trim());
  return NUMERIC[t] ?? NAMED[t.toLowerCase()] ?? null;
}
