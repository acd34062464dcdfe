import { describe, expect, it } from 'vitest';
import { periodLabel, rankingText, renderAnnouncement } from './announcement.js';
import { closesAt, customPeriod, duePeriods, monthPeriod, type Schedule } from './periods.js';
import { rankMembers } from './rank.js';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const monthly = (since: string | null, enabled = true): Schedule => ({ period: { kind: 'monthly' }, enabled, enabledSince: since ? at(since) : null });
const keys = (s: Schedule, now: string, settled: string[] = []) => duePeriods(s, new Set(settled), at(now), TZ).map((p) => p.key);

describe('leaderboard periods', () => {
  it('spells months and custom ranges, closing at the local midnight after their last day', () => {
    expect(monthPeriod('2028-02')).toEqual({ key: '2028-02', from: '2028-02-01', to: '2028-02-29' });
    expect(customPeriod('2026-05-01', '2026-05-10')).toEqual({ key: '2026-05-01..2026-05-10', from: '2026-05-01', to: '2026-05-10' });
    expect(closesAt(monthPeriod('2026-04'), TZ).toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(closesAt(monthPeriod('2026-04'), 'UTC').toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('owes a monthly board each month that closed while it was on, from the month it began', () => {
    const board = monthly('2026-03-15T10:00:00');
    expect(keys(board, '2026-03-31T23:59:59')).toEqual([]);
    expect(keys(board, '2026-04-01T00:00:00')).toEqual(['2026-03']);
    expect(keys(board, '2026-05-01T00:05:00')).toEqual(['2026-03', '2026-04']);
    expect(keys(board, '2026-05-01T00:05:00', ['2026-03'])).toEqual(['2026-04']);
    expect(keys(board, '2026-05-01T00:05:00', ['2026-03', '2026-04'])).toEqual([]);
    // Across a year end.
    expect(keys(monthly('2026-12-20T00:00:00'), '2027-01-01T00:00:00')).toEqual(['2026-12']);
  });

  it('owes nothing while off, and not the months it was off once back on', () => {
    expect(keys(monthly('2026-03-15T10:00:00', false), '2026-06-01T00:00:00')).toEqual([]);
    expect(keys(monthly(null), '2026-06-01T00:00:00')).toEqual([]);
    // Switched back on 10 April: April is owed (it closed after), March is not (it closed before).
    expect(keys(monthly('2026-04-10T09:00:00'), '2026-05-01T00:00:00')).toEqual(['2026-04']);
    // Switched on exactly as a month closes: that month closed first, so it is not owed.
    expect(keys(monthly('2026-05-01T00:00:00'), '2026-06-01T00:00:00')).toEqual(['2026-05']);
  });

  it('owes a custom board its one period once it has closed, even when the board was made later', () => {
    const board: Schedule = { period: { kind: 'custom', from: '2026-05-01', to: '2026-05-10' }, enabled: true, enabledSince: at('2026-06-01T00:00:00') };
    expect(keys(board, '2026-05-10T23:59:59')).toEqual([]);
    expect(keys(board, '2026-06-02T00:00:00')).toEqual(['2026-05-01..2026-05-10']);
    expect(keys(board, '2026-06-02T00:00:00', ['2026-05-01..2026-05-10'])).toEqual([]);
    expect(keys({ ...board, enabled: false }, '2026-06-02T00:00:00')).toEqual([]);
  });
});

describe('ranking', () => {
  const seen = (day: number) => new Date(Date.UTC(2026, 0, day));
  it('orders by score, then by who was first seen, then by member id; shares no rank; leaves out zeros', () => {
    const ranked = rankMembers([
      { memberId: 'c', score: 5, firstSeenAt: seen(3) },
      { memberId: 'a', score: 7, firstSeenAt: seen(9) },
      { memberId: 'b', score: 5, firstSeenAt: seen(2) },
      { memberId: 'e', score: 5, firstSeenAt: seen(2) },
      { memberId: 'd', score: 0, firstSeenAt: seen(1) },
      { memberId: 'f', score: 1, firstSeenAt: seen(1) },
    ]);
    expect(ranked.map((r) => [r.rank, r.memberId, r.score])).toEqual([[1, 'a', 7], [2, 'b', 5], [3, 'e', 5], [4, 'c', 5], [5, 'f', 1]]);
  });
});

describe('announcements', () => {
  it('fills the ranking, the period and the board name, and nothing else', () => {
    const ranking = rankingText([{ rank: 1, name: '小美', score: 28, points: 100 }, { rank: 2, name: '{{period}}', score: 20, points: 0 }], 'check_in_days');
    expect(ranking).toBe('1. 小美 28 天（+100 积分）\n2. {{period}} 20 天');
    expect(renderAnnouncement('🏆 {{ leaderboard.name }} {{period}}\n{{ranking}}', { ranking, period: periodLabel(monthPeriod('2026-05')), name: '签到榜' }))
      .toBe('🏆 签到榜 2026年5月\n1. 小美 28 天（+100 积分）\n2. {{period}} 20 天');
    expect(periodLabel(customPeriod('2026-05-01', '2026-05-20'))).toBe('2026-05-01 至 2026-05-20');
  });
});
