import { createHash, createHmac } from 'node:crypto';

/**
 * The fairness arithmetic of lucky draws, pure so that anyone can run it again: the server, the tests and a
 * member checking an outcome after the seed is revealed (docs/growth.md, "Lucky draws").
 */

/** A prize as it stood at one pick: its place on the number line is its order in the list. */
export interface SnapshotPrize { id: string; name: string; kind: string; weight: number }

/** One pick: the prizes available at that moment, their total weight, the roll and the prize it landed on. */
export interface DrawAttempt { prizes: SnapshotPrize[]; total: number; roll: number; prizeId: string; taken: boolean }

/** Bits of a digest read as one integer: 52 of them are exact in a JavaScript number. */
const BITS = 52;
const SPACE = 2 ** BITS;

/** The published commitment: SHA-256 of the seed's 32 raw bytes (the seed is given as 64 hex digits), in hex. */
export function commitmentOf(seedHex: string): string {
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** What is signed for a pick: the first pick of a unit, and `:1`, `:2`... for the picks after a prize ran out. */
export function rollMessage(drawId: string, memberId: string, unitKey: string, attempt: number): string {
  const base = `${drawId}:${memberId}:${unitKey}`;
  return attempt === 0 ? base : `${base}:${attempt}`;
}

function first52Bits(digest: Buffer): number {
  // 6 bytes (48 bits) and the high half of the seventh: below 2^53, so the number is exact.
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
}

/**
 * The roll for a message, an integer in [0, total): HMAC-SHA256(seed, message), its first 52 bits as x,
 * by rejection sampling: x is used only below the largest multiple of total that fits in 2^52, so every
 * roll is exactly equally likely (plain x mod total would favour the low rolls a little). A rejected x
 * (chance below total / 2^52, under 1 in 10^7 for the largest draws) is replaced by the digest of
 * `${message}#1`, `#2`..., until one is accepted.
 */
export function rollFor(seedHex: string, message: string, total: number): number {
  if (!Number.isInteger(total) || total < 1 || total > SPACE) throw new Error(`a roll needs a whole total weight from 1 to 2^52, not ${total}`);
  const key = Buffer.from(seedHex, 'hex');
  const limit = SPACE - (SPACE % total);
  for (let i = 0; ; i++) {
    const digest = createHmac('sha256', key).update(i === 0 ? message : `${message}#${i}`).digest();
    const x = first52Bits(digest);
    if (x < limit) return x % total;
  }
}

/** The prize a roll lands on: prizes take consecutive stretches of [0, total) as long as their weights, in order. */
export function prizeAt<P extends { weight: number }>(prizes: P[], roll: number): P {
  let end = 0;
  for (const p of prizes) {
    end += p.weight;
    if (roll < end) return p;
  }
  throw new Error(`roll ${roll} is beyond the total weight ${end}`);
}

export const totalWeight = (prizes: { weight: number }[]) => prizes.reduce((s, p) => s + p.weight, 0);

/** One pick among the prizes available: the roll for the unit's attempt, and where it lands. */
export function pick(seedHex: string, at: { drawId: string; memberId: string; unitKey: string; attempt: number }, prizes: SnapshotPrize[]) {
  const total = totalWeight(prizes);
  const roll = rollFor(seedHex, rollMessage(at.drawId, at.memberId, at.unitKey, at.attempt), total);
  return { total, roll, prize: prizeAt(prizes, roll) };
}
