import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMUNITY_SUBTYPES, parseEvent, type EventInput } from '../tracking/event-contract.js';
import { communityProfiles, estimateEvents, generateEvents, type SimulationOptions } from './generate-events.js';

const NOW = new Date('2026-11-20T10:00:00Z'); // 18:00 in Shanghai
const DAY = 86_400_000;

function collect(opts: SimulationOptions): EventInput[] {
  const out: EventInput[] = [];
  for (const batch of generateEvents(opts)) out.push(...batch);
  return out;
}

function digest(opts: SimulationOptions): string {
  const hash = createHash('sha256');
  for (const batch of generateEvents(opts)) for (const e of batch) hash.update(JSON.stringify(e));
  return hash.digest('hex');
}

const small: SimulationOptions = { communities: 6, members: 500, days: 14, seed: 7, now: NOW };
// The size the CLI is expected to be run with; shared by the statistical tests below.
const standard: SimulationOptions = { communities: 20, members: 3000, days: 60, seed: 1, now: NOW };
const standardEvents = collect(standard);
const key = (e: EventInput) => `${e.community!.externalId}|${e.member.externalId}`;

describe('generateEvents: shape and determinism', () => {
  it('gives identical events, ids included, for identical options', () => {
    expect(digest(small)).toBe(digest({ ...small }));
  });

  it('gives different events for a different seed', () => {
    expect(digest({ ...small, seed: 8 })).not.toBe(digest(small));
  });

  it('yields full batches of batchSize except the last, with unique stable ids', () => {
    const sizes: number[] = [];
    const ids = new Set<string>();
    for (const batch of generateEvents({ ...small, batchSize: 250 })) {
      sizes.push(batch.length);
      for (const e of batch) ids.add(e.id);
    }
    expect(sizes.slice(0, -1).every((n) => n === 250)).toBe(true);
    expect(sizes.at(-1)!).toBeGreaterThan(0);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(ids.size).toBe(total);
    expect([...ids].every((id) => /^sim7-\d+$/.test(id))).toBe(true);
    expect(collect({ ...small, idPrefix: 'demo' })[0]!.id).toMatch(/^demo-\d+$/);
  });

  it('does not depend on the batch size', () => {
    expect(digest({ ...small, batchSize: 37 })).toBe(digest(small));
  });

  it('honours an explicit start that is not a midnight, and tiny or lopsided worlds', () => {
    const start = new Date('2026-03-01T05:30:00Z');
    const events = collect({ communities: 3, members: 200, days: 3, seed: 5, start });
    const window = events.filter((e) => Date.parse(e.occurredAt) >= start.getTime());
    expect(window.length).toBeGreaterThan(100);
    expect(Date.parse(events.at(-1)!.occurredAt)).toBeLessThan(start.getTime() + 3 * DAY);
    for (const opts of [
      { communities: 1, members: 1, days: 1, seed: 1 },
      { communities: 30, members: 10, days: 3, seed: 2 },
      { communities: 1, members: 2000, days: 2, seed: 3 },
    ]) {
      const tiny = collect({ ...opts, now: NOW });
      expect(tiny.length).toBeGreaterThan(0);
      expect(tiny.filter((e) => !parseEvent(e).ok)).toEqual([]);
    }
    expect(() => collect({ ...small, days: 0 })).toThrow(RangeError);
    expect(() => collect({ ...small, members: 1.5 })).toThrow(RangeError);
  });

  it('cuts the stream at until: the same events as an uncut run, up to that instant and no further', () => {
    const full = collect(small);
    const until = new Date(Date.parse(full[Math.floor(full.length * 0.7)]!.occurredAt) + 1);
    const cut = collect({ ...small, until });
    expect(cut.length).toBeGreaterThan(full.length * 0.6);
    expect(cut.length).toBeLessThan(full.length);
    expect(cut).toEqual(full.slice(0, cut.length));
    expect(Date.parse(cut[cut.length - 1]!.occurredAt)).toBeLessThan(until.getTime());
    expect(Date.parse(full[cut.length]!.occurredAt)).toBeGreaterThanOrEqual(until.getTime());
    expect(() => collect({ ...small, until: new Date('nonsense') })).toThrow('until');
  });

  it('produces only events the intake accepts', () => {
    const errors = standardEvents.map((e) => parseEvent(e)).filter((r) => !r.ok);
    expect(errors.slice(0, 3)).toEqual([]);
  });

  it('is ordered by time and stays inside the window, history joins before it', () => {
    // Default start: the last Shanghai midnight before NOW (2026-11-20 00:00 +08:00) minus 60 days.
    const start = Date.parse('2026-11-19T16:00:00Z') - 60 * DAY;
    let previous = -Infinity;
    let backwards = 0;
    let earlyNonJoins = 0;
    for (const e of standardEvents) {
      const t = Date.parse(e.occurredAt);
      if (t < previous) backwards++;
      if (t < start && e.type !== 'member.joined') earlyNonJoins++;
      previous = t;
    }
    expect({ backwards, earlyNonJoins }).toEqual({ backwards: 0, earlyNonJoins: 0 });
    expect(previous).toBeLessThan(start + 60 * DAY);
    expect(standardEvents.filter((e) => Date.parse(e.occurredAt) >= start).length).toBeGreaterThan(standardEvents.length * 0.9);
  });

  it('lands in the intended size range', () => {
    expect(standardEvents.length).toBeGreaterThan(100_000);
    expect(standardEvents.length).toBeLessThan(250_000);
    const messages = standardEvents.filter((e) => e.type === 'message.sent').length;
    expect(messages / standardEvents.length).toBeGreaterThan(0.5);
    const estimate = estimateEvents(standard);
    expect(estimate).toBeGreaterThan(standardEvents.length * 0.75);
    expect(estimate).toBeLessThan(standardEvents.length * 1.25);
  });

  it('describes the groups in communityProfiles exactly as the events name them', () => {
    const profiles = communityProfiles(standard);
    expect(profiles).toHaveLength(20);
    const seen = new Map(standardEvents.map((e) => [e.community!.externalId, e.community!]));
    for (const p of profiles) {
      expect(COMMUNITY_SUBTYPES[p.type]).toContain(p.subtype);
      expect(seen.get(p.externalId)).toMatchObject({ name: p.name, type: p.type, subtype: p.subtype, channel: 'sandbox' });
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(profiles.map((p) => p.type)).size).toBe(3);
  });
});

/** Actions by members outside the group, mentions and invites of absent members, double joins. */
function membershipProblems(events: EventInput[]): string[] {
  const inGroup = new Set<string>();
  const problems: string[] = [];
  for (const e of events) {
    const k = key(e);
    if (e.type === 'member.joined') {
      if (inGroup.has(k)) problems.push(`double join ${e.id}`);
      inGroup.add(k);
    } else if (e.type === 'member.left') {
      if (!inGroup.delete(k)) problems.push(`leave while out ${e.id}`);
    } else if (['message.sent', 'message.reaction', 'member.checked_in', 'poster.shared'].includes(e.type)) {
      if (!inGroup.has(k)) problems.push(`${e.type} while out ${e.id}`);
    }
    const data = e.data as { mentions?: string[]; inviter?: string };
    for (const m of data.mentions ?? []) if (!inGroup.has(`${e.community!.externalId}|${m}`)) problems.push(`mention of absent ${e.id}`);
    if (e.type === 'member.joined' && data.inviter && !inGroup.has(`${e.community!.externalId}|${data.inviter}`)) problems.push(`inviter absent ${e.id}`);
  }
  return problems;
}

/** Replies and reactions that point at a message not yet sent, or sent in another group. */
function referenceProblems(events: EventInput[]): { problems: string[]; replyShare: number } {
  const messageGroup = new Map<string, string>();
  const problems: string[] = [];
  let replies = 0;
  for (const e of events) {
    const data = e.data as { replyTo?: string; messageId?: string };
    const target = e.type === 'message.sent' ? data.replyTo : e.type === 'message.reaction' ? data.messageId : undefined;
    if (target !== undefined) {
      if (messageGroup.get(target) !== e.community!.externalId) problems.push(`${e.type} ${e.id} -> ${target}`);
      if (e.type === 'message.sent') replies++;
    }
    if (e.type === 'message.sent') messageGroup.set(e.id, e.community!.externalId);
  }
  return { problems, replyShare: replies / messageGroup.size };
}

// The invariants must hold for any seed, not only the one the statistics were looked at with.
const otherSeeds = [2, 3, 4, 5, 6].map((seed) => collect({ communities: 8, members: 800, days: 20, seed, now: NOW }));

describe('generateEvents: consistency a real group would have', () => {
  it('only lets members act in a group while they are in it', () => {
    for (const events of [standardEvents, ...otherSeeds]) expect(membershipProblems(events).slice(0, 5)).toEqual([]);
  });

  it('replies and reactions point at earlier messages of the same group', () => {
    for (const events of [standardEvents, ...otherSeeds]) {
      const { problems, replyShare } = referenceProblems(events);
      expect(problems.slice(0, 5)).toEqual([]);
      expect(replyShare).toBeGreaterThan(0.15);
    }
  });

  it('refunds only paid orders, never for more than was paid', () => {
    const paid = new Map<string, number>();
    let refunds = 0;
    for (const e of standardEvents) {
      const data = e.data as { orderId: string; amountCents: number };
      if (e.type === 'order.paid') {
        expect(paid.has(data.orderId)).toBe(false);
        expect(data.amountCents).toBeGreaterThanOrEqual(990);
        paid.set(data.orderId, data.amountCents);
      } else if (e.type === 'order.refunded') {
        refunds++;
        expect(data.amountCents).toBeLessThanOrEqual(paid.get(data.orderId)!);
      }
    }
    expect(paid.size).toBeGreaterThan(200);
    expect(refunds).toBeGreaterThan(0);
    expect(refunds).toBeLessThan(paid.size * 0.1);
  });
});

describe('generateEvents: the shape of real community activity', () => {
  const messages = standardEvents.filter((e) => e.type === 'message.sent');
  const customerMessages = messages.filter((e) => e.member.externalId.startsWith('sim-u-'));

  it('has a heavy tail: the top 20% of speakers send most messages, most members lurk', () => {
    const perSpeaker = new Map<string, number>();
    for (const e of customerMessages) perSpeaker.set(e.member.externalId, (perSpeaker.get(e.member.externalId) ?? 0) + 1);
    const counts = [...perSpeaker.values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.ceil(counts.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(top / customerMessages.length).toBeGreaterThan(0.5);
    const members = new Set(standardEvents.filter((e) => e.member.externalId.startsWith('sim-u-')).map((e) => e.member.externalId));
    expect(members.size).toBe(3000);
    expect(1 - perSpeaker.size / members.size).toBeGreaterThan(0.5);
  });

  it('has lurkers in any single month too', () => {
    const monthStart = Date.parse(standardEvents.at(-1)!.occurredAt) - 30 * DAY;
    const inMonth = standardEvents.filter((e) => Date.parse(e.occurredAt) >= monthStart);
    const present = new Set<string>();
    const inGroup = new Set<string>();
    for (const e of standardEvents) {
      if (e.type === 'member.joined') inGroup.add(key(e));
      if (Date.parse(e.occurredAt) >= monthStart) break;
      if (e.type === 'member.left') inGroup.delete(key(e));
    }
    for (const k of inGroup) present.add(k.split('|')[1]!);
    const spoke = new Set(inMonth.filter((e) => e.type === 'message.sent').map((e) => e.member.externalId));
    const silent = [...present].filter((m) => m.startsWith('sim-u-') && !spoke.has(m)).length;
    const share = silent / [...present].filter((m) => m.startsWith('sim-u-')).length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.75);
  });

  it('has KOLs who draw replies and mentions', () => {
    const authorOf = new Map(messages.map((e) => [e.id, e.member.externalId]));
    const pull = new Map<string, number>();
    for (const e of customerMessages) {
      const data = e.data as { replyTo?: string; mentions?: string[] };
      const targets = [...(data.replyTo ? [authorOf.get(data.replyTo)!] : []), ...(data.mentions ?? [])];
      for (const t of targets) if (t.startsWith('sim-u-')) pull.set(t, (pull.get(t) ?? 0) + 1);
    }
    const ranked = [...pull.values()].sort((a, b) => b - a);
    const total = ranked.reduce((a, b) => a + b, 0);
    // 1% of members (30 people) attract a large share of all replies and mentions.
    expect(ranked.slice(0, 30).reduce((a, b) => a + b, 0) / total).toBeGreaterThan(0.2);
  });

  it('follows the daily rhythm of China time', () => {
    const byHour = new Array(24).fill(0);
    for (const e of messages) byHour[(new Date(e.occurredAt).getUTCHours() + 8) % 24]++;
    const night = byHour[2] + byHour[3] + byHour[4];
    expect(byHour[21]).toBeGreaterThan(night * 3);
    expect(byHour[9]).toBeGreaterThan(byHour[15]);
    expect(byHour[12]).toBeGreaterThan(byHour[16]);
  });

  it('has join waves, churn, check-in streaks and the minor event types', () => {
    const joinsByDay = new Map<string, number>();
    const types = new Map<string, number>();
    for (const e of standardEvents) {
      types.set(e.type, (types.get(e.type) ?? 0) + 1);
      if (e.type === 'member.joined') {
        const day = `${e.community!.externalId} ${e.occurredAt.slice(0, 10)}`;
        joinsByDay.set(day, (joinsByDay.get(day) ?? 0) + 1);
      }
    }
    const daily = [...joinsByDay.values()].sort((a, b) => a - b);
    expect(daily.at(-1)!).toBeGreaterThan(daily[Math.floor(daily.length / 2)]! * 5);
    for (const type of ['member.left', 'member.checked_in', 'message.reaction', 'page.viewed', 'poster.shared', 'invite.accepted']) {
      expect(types.get(type) ?? 0, type).toBeGreaterThan(50);
    }
    const scenes = new Set(standardEvents.filter((e) => e.type === 'member.joined').map((e) => (e.data as { scene: string }).scene));
    expect(scenes).toEqual(new Set(['invite', 'qr_code', 'link', 'search', 'added_by_staff']));
    const reasons = standardEvents.filter((e) => e.type === 'member.left').map((e) => (e.data as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'removed').length).toBeGreaterThan(0);
    expect(reasons.filter((r) => r === 'removed').length).toBeLessThan(reasons.length * 0.25);
    const streakDays = standardEvents
      .filter((e) => e.type === 'message.sent')
      .map((e) => Number(/打卡第(\d+)天/.exec((e.data as { text?: string }).text ?? '')?.[1] ?? 0));
    expect(streakDays.filter((n) => n >= 7).length).toBeGreaterThan(0);
  });
});
