import crypto from 'node:crypto';

export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
/** Tokens and keys are high-entropy, so a fast hash is enough; it keeps a stolen table useless. */
export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
