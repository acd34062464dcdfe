import { commitmentOf, pick, type DrawAttempt } from './picker.js';

/** What an audit row shows of a draw, enough to compute its outcome again from the revealed seed. */
export interface VerifiableEntry {
  drawId: string;
  memberId: string;
  unitKey: string;
  roll: number;
  prizeId: string;
  snapshot: DrawAttempt[];
}

export interface Verification { valid: boolean; problems: string[] }

/**
 * Recomputes an entry from the seed, with nothing but the entry itself: every pick's roll from
 * HMAC-SHA256(seed, drawId:memberId:unitKey[:attempt]) over the prizes of its snapshot, the prize each roll
 * lands on, that only the last pick was taken and that a later pick no longer offered the prize that ran
 * out (a server claiming "out of stock" to pick again would have to drop that prize, and this shows it).
 * Pass the commitment to check the seed against it as well.
 */
export function verifyEntry(seedHex: string, entry: VerifiableEntry, commitment?: string): Verification {
  const problems: string[] = [];
  if (!/^[0-9a-f]{64}$/.test(seedHex)) return { valid: false, problems: ['the seed is not 64 hex digits'] };
  if (commitment !== undefined && commitmentOf(seedHex) !== commitment) problems.push('the seed does not match the commitment');
  if (entry.snapshot.length === 0) problems.push('the entry records no pick');
  entry.snapshot.forEach((a, i) => {
    const last = i === entry.snapshot.length - 1;
    if (a.prizes.length === 0) { problems.push(`pick ${i}: no prizes`); return; }
    if (a.prizes.some((p) => !Number.isInteger(p.weight) || p.weight < 1)) { problems.push(`pick ${i}: a weight is not a positive whole number`); return; }
    const got = pick(seedHex, { drawId: entry.drawId, memberId: entry.memberId, unitKey: entry.unitKey, attempt: i }, a.prizes);
    if (got.total !== a.total) problems.push(`pick ${i}: total weight is ${got.total}, the entry says ${a.total}`);
    if (got.roll !== a.roll) problems.push(`pick ${i}: the roll is ${got.roll}, the entry says ${a.roll}`);
    if (got.prize.id !== a.prizeId) problems.push(`pick ${i}: the roll lands on ${got.prize.id}, the entry says ${a.prizeId}`);
    if (a.taken !== last) problems.push(last ? `pick ${i}: the last pick must be the one taken` : `pick ${i}: only the last pick may be taken`);
    const next = entry.snapshot[i + 1];
    if (next && next.prizes.some((p) => p.id === a.prizeId)) problems.push(`pick ${i + 1}: still offers ${a.prizeId}, which had run out`);
    if (last) {
      if (a.prizeId !== entry.prizeId) problems.push(`the prize is ${entry.prizeId}, the last pick landed on ${a.prizeId}`);
      if (a.roll !== entry.roll) problems.push(`the roll is ${entry.roll}, the last pick rolled ${a.roll}`);
    }
  });
  return { valid: problems.length === 0, problems };
}
