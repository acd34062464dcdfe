import type { DayContext } from './day-context.js';
import { drawPresent } from './day-context.js';
import { CHINA_OFFSET_MS, HOUR_MS } from './china-time.js';
import { PRODUCTS, productUrl, text, type MessageBody } from './message-text.js';
import { MessageKind } from './recent-messages.js';
import type { Community } from './world.js';

const REACTION_EMOJI = ['👍', '❤️', '😂', '🌹', '👏', '[强]', '🙏'];

function chinaHour(t: number): number {
  return Math.floor(((t + CHINA_OFFSET_MS) % 86_400_000) / HOUR_MS);
}

/** Today's topic most of the time, now and then another product of the same line. */
export function productOfTheMoment(ctx: DayContext, c: Community): { name: string; index: number } {
  const list = PRODUCTS[c.ref.type];
  const index = ctx.rng.chance(0.6) ? ctx.topicProduct : ctx.rng.int(0, list.length - 1);
  return { name: list[index]!, index };
}

/** What a reply says depends on what it answers: questions get answers, answers get thanks, and so on. */
function replyBody(ctx: DayContext, c: Community, targetKind: MessageKind, targetName: string, t: number): [MessageBody, MessageKind] {
  const { rng } = ctx;
  const product = productOfTheMoment(ctx, c).name;
  switch (targetKind) {
    case MessageKind.Question:
      return [{ text: text.answer(rng, c.ref.type, product) }, MessageKind.Answer];
    case MessageKind.Answer:
      return rng.chance(0.6) ? [{ text: text.thanks(rng, targetName) }, MessageKind.Thanks] : [{ text: text.chat(rng) }, MessageKind.Chat];
    case MessageKind.Greeting:
      return [{ text: text.greeting(rng, chinaHour(t)) }, MessageKind.Greeting];
    case MessageKind.HostPost: {
      const r = rng.float();
      if (r < 0.5) return [{ text: text.aboutHostPost(rng) }, MessageKind.Chat];
      if (r < 0.8) return [{ text: text.question(rng, c.ref.type, product) }, MessageKind.Question];
      return [{ text: text.emoji(rng) }, MessageKind.Chat];
    }
    case MessageKind.Spam:
      return [{ text: text.aboutSpam(rng) }, MessageKind.Chat];
    default:
      return rng.chance(0.7) ? [{ text: text.chat(rng) }, MessageKind.Chat] : [{ text: text.emoji(rng) }, MessageKind.Chat];
  }
}

/** A message that starts something: greetings at the edges of the day, questions, chatter, pictures, links. */
function openingBody(ctx: DayContext, c: Community, t: number): [MessageBody, MessageKind] {
  const { rng } = ctx;
  const hour = chinaHour(t);
  const greetingShare = hour < 10 || hour >= 22 ? 0.15 : 0.04;
  const r = rng.float();
  if (r < greetingShare) return [{ text: text.greeting(rng, hour) }, MessageKind.Greeting];
  const s = rng.float();
  const product = productOfTheMoment(ctx, c);
  if (s < 0.22) return [{ text: text.question(rng, c.ref.type, product.name) }, MessageKind.Question];
  if (s < 0.6) return [{ text: text.chat(rng) }, MessageKind.Chat];
  if (s < 0.7) return [{ text: text.emoji(rng) }, MessageKind.Chat];
  if (s < 0.8) return [{ mediaType: 'image' }, MessageKind.Chat];
  if (s < 0.86) return [{ mediaType: 'sticker' }, MessageKind.Chat];
  if (s < 0.9) return [{ mediaType: 'link', text: `【${product.name}】${productUrl(product.index, c.ref.externalId)}` }, MessageKind.Chat];
  if (s < 0.93) return [{ mediaType: 'mini_program', text: `小程序 · ${product.name}` }, MessageKind.Chat];
  if (s < 0.97) return [{ mediaType: 'voice' }, MessageKind.Chat];
  return [{ mediaType: 'video' }, MessageKind.Chat];
}

/** A present KOL of the group other than `exclude`, or -1. */
function presentKol(ctx: DayContext, c: Community, t: number, exclude: number): number {
  const kols = c.kolMemberships;
  if (kols.length === 0) return -1;
  const m = kols[ctx.rng.int(0, kols.length - 1)]!;
  return m !== exclude && ctx.world.memberships.isPresent(m, t) ? m : -1;
}

/** One ordinary member message at instant t: picks the speaker, maybe a message to reply to, mentions. */
export function ordinaryMessage(ctx: DayContext, c: Community, t: number): void {
  const { rng, world } = ctx;
  const ms = world.memberships;
  let target = c.recent.size > 0 && rng.chance(0.25) ? c.recent.pickTarget(rng, -1) : -1;
  let author = -1;
  // Questions pull in the group's experts: KOLs answer a good share of them.
  if (target >= 0 && c.recent.kindAt(target) === MessageKind.Question && rng.chance(0.35)) {
    author = presentKol(ctx, c, t, c.recent.authorAt(target));
  }
  if (author < 0) author = drawPresent(ctx, t, true);
  if (author < 0) return;
  if (target >= 0 && c.recent.authorAt(target) === author) target = c.recent.pickTarget(rng, author);

  let body: MessageBody;
  let kind: MessageKind;
  const mentions: number[] = [];
  if (target >= 0) {
    const targetAuthor = c.recent.authorAt(target);
    [body, kind] = replyBody(ctx, c, c.recent.kindAt(target), world.memberRefs[ms.member[targetAuthor]!]!.name, t);
    body.replyTo = c.recent.idAt(target);
    if (rng.chance(0.3)) mentions.push(targetAuthor);
  } else {
    [body, kind] = openingBody(ctx, c, t);
    if (kind === MessageKind.Question && rng.chance(0.15)) mentions.push(presentKol(ctx, c, t, author));
    else if (rng.chance(0.04)) mentions.push(c.recent.recentAuthor(rng));
  }
  addMentions(ctx, body, mentions, author, t);
  const authorMember = ms.member[author]!;
  const id = ctx.sink.emit(t, 'message.sent', c.ref, world.memberRefs[authorMember]!, body as Record<string, unknown>);
  const kol = world.memberIsKol[authorMember] === 1;
  c.recent.add(id, author, kind, kol ? 4 : 1);
  maybeReactions(ctx, c, id, author, t, kol ? 0.12 : 0.03);
}

/** Writes "@name " in front of the text and lists the mentioned members, skipping anyone not in the group. */
export function addMentions(ctx: DayContext, body: MessageBody, candidates: number[], author: number, t: number): void {
  // An @ lives in text; pictures and voice notes cannot mention anyone.
  if (body.text === undefined) return;
  const ms = ctx.world.memberships;
  let prefix = '';
  for (const m of candidates) {
    if (m < 0 || m === author || !ms.isPresent(m, t)) continue;
    const ref = ctx.world.memberRefs[ms.member[m]!]!;
    if (body.mentions?.includes(ref.externalId)) continue;
    (body.mentions ??= []).push(ref.externalId);
    prefix += `@${ref.name} `;
  }
  if (prefix) body.text = prefix + body.text;
}

/** Likes and emoji reactions from readers, a few minutes after the message. */
export function maybeReactions(ctx: DayContext, c: Community, messageId: string, author: number, t: number, chance: number): void {
  const { rng, world, clock } = ctx;
  if (!rng.chance(chance)) return;
  const count = 1 + rng.poisson(0.5);
  for (let k = 0; k < count; k++) {
    const at = clock.clamp(t + 1 + rng.exponential(8 * 60_000));
    const reactor = drawPresent(ctx, at, false, author);
    if (reactor < 0) continue;
    ctx.sink.emit(at, 'message.reaction', c.ref, world.memberRefs[world.memberships.member[reactor]!]!, {
      messageId,
      emoji: rng.pick(REACTION_EMOJI),
    });
  }
}
