import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback encryption (企业微信 加解密方案, developer.work.weixin.qq.com/document/path/90968).
 * Every failure is a CallbackCryptoError: the endpoint answers them all the same way, so a prober learns
 * nothing about which check it tripped.
 */
export class CallbackCryptoError extends Error {}

export interface CallbackKeys { token: string; encodingAesKey: string; receiverId: string }

/** WeCom retries a callback for a few minutes at most; older signed requests are replays. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
const BLOCK = 32;

export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new CallbackCryptoError('EncodingAESKey must be 43 letters or digits');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new CallbackCryptoError('EncodingAESKey does not decode to 32 bytes');
  return key;
}

export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

export interface SignedRequest { msgSignature: string; timestamp: string; nonce: string; encrypted: string }

/** Checks signature and freshness, then decrypts; answers the message (the echostr's plain text, or the XML). */
export function openCallback(keys: CallbackKeys, req: SignedRequest, now = Date.now()): string {
  const expected = Buffer.from(signature(keys.token, req.timestamp, req.nonce, req.encrypted));
  const given = Buffer.from(req.msgSignature.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackCryptoError('bad signature');
  const ts = Number(req.timestamp);
  if (!/^\d{1,12}$/.test(req.timestamp) || Math.abs(now / 1000 - ts) > MAX_CLOCK_SKEW_SECONDS) throw new CallbackCryptoError('stale or malformed timestamp');
  return decrypt(keys, req.encrypted);
}

export function decrypt(keys: CallbackKeys, encrypted: string): string {
  const key = aesKeyOf(keys.encodingAesKey);
  const data = Buffer.from(encrypted, 'base64');
  if (!data.length || data.length % 16 !== 0) throw new CallbackCryptoError('ciphertext is not whole AES blocks');
  let padded: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    // WeCom pads to 32-byte blocks, which OpenSSL's 16-byte PKCS#7 check would refuse: unpad by hand.
    decipher.setAutoPadding(false);
    padded = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new CallbackCryptoError('cannot decrypt');
  }
  const plain = unpad(padded);
  if (plain.length < 20) throw new CallbackCryptoError('plaintext too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new CallbackCryptoError('message length out of range');
  const receiver = plain.subarray(20 + length).toString('utf8');
  const a = Buffer.from(receiver);
  const b = Buffer.from(keys.receiverId);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CallbackCryptoError('wrong receiver id');
  return plain.subarray(20, 20 + length).toString('utf8');
}

export function encrypt(keys: CallbackKeys, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(keys.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = pad(Buffer.concat([random, length, body, Buffer.from(keys.receiverId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** A passive reply: the encrypted envelope WeCom expects in the POST's answer. */
export function sealReply(keys: CallbackKeys, message: string, timestamp: string, nonce: string): string {
  const encrypted = encrypt(keys, message);
  const sig = signature(keys.token, timestamp, nonce, encrypted);
  return `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${sig}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
}

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

function unpad(buf: Buffer): Buffer {
  const n = buf[buf.length - 1]!;
  if (n < 1 || n > BLOCK || n > buf.length) throw new CallbackCryptoError('bad padding');
  for (let i = buf.length - n; i < buf.length; i++) if (buf[i] !== n) throw new CallbackCryptoError('bad padding');
  return buf.subarray(0, buf.length - n);
}
