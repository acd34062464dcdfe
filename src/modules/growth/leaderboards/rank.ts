export interface Scored { memberId: string; score: number; firstSeenAt: Date }
export interface Ranked extends Scored { rank: number }

/**
 * Pure: members by score, highest first, ranks 1, 2, 3... with no shared ranks (a prize per rank needs one
 * member per rank). Equal scores: the member first seen in the workspace earlier ranks higher (seniority,
 * the same whatever the metric), then the smaller member id, so the order never depends on how the rows
 * were read. Members scoring 0 are not ranked.
 */
export function rankMembers(scores: readonly Scored[]): Ranked[] {
  return scores.filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .map((s, i) => ({ ...s, rank: i + 1 }));
}
