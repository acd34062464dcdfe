import type { Metric } from './contracts.js';
import type { Period } from './periods.js';

export interface Winner { rank: number; name: string; score: number; points: number }

const UNIT: Record<Metric, string> = { points_earned: ' 积分', check_in_days: ' 天', messages: ' 条', engagement: ' 分' };

/** "2026年5月" for a month, "2026-05-01 至 2026-05-20" for a custom period. */
export const periodLabel = (p: Period) => (/^\d{4}-\d{2}$/.test(p.key) ? `${p.key.slice(0, 4)}年${Number(p.key.slice(5, 7))}月` : `${p.from} 至 ${p.to}`);

/** One line per winner: "1. 小美 28 天（+100 积分）". */
export function rankingText(winners: readonly Winner[], metric: Metric): string {
  return winners.map((w) => `${w.rank}. ${w.name} ${w.score}${UNIT[metric]}${w.points > 0 ? `（+${w.points} 积分）` : ''}`).join('\n');
}

/**
 * Fills the announcement's variables (contracts.ts allows exactly these). Filled-in values are not read
 * again, so a member named "{{period}}" is printed as named.
 */
export function renderAnnouncement(text: string, values: { ranking: string; period: string; name: string }): string {
  const byName: Record<string, string> = { ranking: values.ranking, period: values.period, 'leaderboard.name': values.name };
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => byName[name] ?? whole);
}
