import type { ImportedPerson } from '../types.js';

/**
 * WeChat's Chinese system notices (Type 10000). The exporting user appears as 你 and is kept as the person
 * named '你'; everyone else is quoted with "" or “”, several names joined by 、.
 */
const P = String.raw`(你|["“][^"“”]+["”])`;
const names = (raw: string): ImportedPerson[] => raw.replace(/^["“]|["”]$/g, '').split('、').filter(Boolean).map((name) => ({ name }));
const one = (raw: string): ImportedPerson => names(raw)[0] ?? { name: raw };

export type WeChatEvent =
  | { kind: 'join'; person: ImportedPerson; by?: ImportedPerson; via: 'link' | 'added' | 'unknown' }
  | { kind: 'leave'; person: ImportedPerson; removedBy?: ImportedPerson }
  | { kind: 'revoke'; person: ImportedPerson };

const INVITED = new RegExp(`^${P}邀请${P}加入了群聊$`);
const SCANNED = new RegExp(`^${P}通过扫描${P}分享的二维码加入群聊$`);
const JOINED = new RegExp(`^${P}加入了群聊$`);
const REMOVED = new RegExp(`^${P}将${P}移出了群聊$`);
const LEFT = new RegExp(`^${P}退出了群聊$`);
const REVOKED = new RegExp(`^${P} ?撤回了一条消息$`);

/**
 * Notices recognised as saying nothing about membership, dropped on purpose: renames, announcements, owner
 * changes, invite-confirmation switches, pats (拍一拍), red-packet receipts, the privacy reminder about
 * strangers in the group, and friend-added greetings.
 */
const IGNORED = [
  /修改群名为/, /修改了群公告/, /发布了群公告/, /成为新群主/, /群聊邀请确认/, /拍了拍/, /领取了.*红包/, /收到红包/,
  /与群里其他人都不是(?:微信)?朋友关系/, /^你已添加了.+，现在可以开始聊天了。?$/, /^以上是打招呼的内容$/, /^以下为新消息$/,
];

/** Events for a recognised notice, [] for one to drop, null when not recognised. */
export function weChatSystem(text: string): WeChatEvent[] | null {
  const t = text.trim();
  let m = INVITED.exec(t);
  if (m) {
    const by = one(m[1]!);
    return names(m[2]!).map((person) => ({ kind: 'join', person, by, via: 'added' }));
  }
  if ((m = SCANNED.exec(t))) return [{ kind: 'join', person: one(m[1]!), by: one(m[2]!), via: 'link' }];
  if ((m = JOINED.exec(t))) return names(m[1]!).map((person) => ({ kind: 'join', person, via: 'unknown' }));
  if ((m = REMOVED.exec(t))) {
    const removedBy = one(m[1]!);
    return names(m[2]!).map((person) => ({ kind: 'leave', person, removedBy }));
  }
  if ((m = LEFT.exec(t))) return [{ kind: 'leave', person: one(m[1]!) }];
  if ((m = REVOKED.exec(t))) return [{ kind: 'revoke', person: one(m[1]!) }];
  return IGNORED.some((re) => re.test(t)) ? [] : null;
}

/** Type 10002 carries XML; a recall's <replacemsg> holds the same wording as a 10000 notice. */
export function weChatSysmsg(xml: string): WeChatEvent[] | null {
  if (/<sysmsg[^>]*type="pat"/.test(xml)) return [];
  if (!/<sysmsg[^>]*type="revokemsg"/.test(xml)) return null;
  const m = /<replacemsg><!\[CDATA\[([\s\S]*?)\]\]><\/replacemsg>/.exec(xml);
  return m ? weChatSystem(m[1]!) : null;
}
