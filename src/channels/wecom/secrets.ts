import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.js';

/**
 * Secrets at rest (corp secret, callback token, EncodingAESKey), sealed with AES-256-GCM. The key is
 * SHA-256 of SHEQUN_SECRET_KEY; without it, outside production, a fixed development key is used so
 * `npm start` works out of the box — anyone with the source can open those, which docs/wecom.md says.
 */
const DEV_KEY_SOURCE = 'shequn-development-secret-key-not-for-production';

function key(): Buffer {
  const source = process.env.SHEQUN_SECRET_KEY;
  // A refusal the operator can act on (409 with the reason), not an internal error.
  if (!source && process.env.NODE_ENV === 'production') throw new AppError('conflict', 'SHEQUN_SECRET_KEY must be set in production to store channel secrets: set it to a long random string and restart Shequn');
  return createHash('sha256').update(source || DEV_KEY_SOURCE).digest();
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function unseal(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unreadable sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** What the API shows of a secret: enough to recognise it, never enough to use it. */
export const mask = (plain: string): string => (plain.length <= 4 ? '****' : `****${plain.slice(-4)}`);
