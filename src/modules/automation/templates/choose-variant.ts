import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) that depends only on the key: the first 48 bits of its SHA-256. A hash rather than a
 * random draw, so a retried send (same key) lands on the same variant even before its first attempt was stored.
 */
export function unitHash(key: string): number {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The stable key of one send: the template, who receives it (member, else community) and the send's own key. */
export const sendKey = (templateId: string, recipientId: string, idempotencyKey: string) => `${templateId}\u0000${recipientId}\u0000${idempotencyKey}`;

/**
 * Picks a variant with probability proportional to its weight. Variants are ordered by key first, so the
 * answer does not depend on the order a caller listed them in; weight 0 never wins.
 */
export function chooseVariant<T extends { key: string; weight: number }>(variants: T[], key: string): T {
  const live = variants.filter((v) => v.weight > 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = live.reduce((sum, v) => sum + v.weight, 0);
  if (!live.length) throw new Error('no variant has a weight above 0');
  let point = unitHash(key) * total;
  for (const v of live) {
    if (point < v.weight) return v;
    point -= v.weight;
  }
  return live[live.length - 1]!;
}
