import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CallbackCryptoError, aesKeyOf, decrypt, encrypt, openCallback, sealReply, signature } from './crypto.js';
import { parseFlatXml } from './xml.js';

/*
 * Official test vectors of WeCom's callback sample (WXBizMsgCrypt, Sample.cs / Sample.cpp of the download
 * linked from 加解密方案说明, https://developer.work.weixin.qq.com/document/path/90968). Seen in the code
 * search as reproduced in github.com/2830499544/VipCard, Chain.Wechat/Tencent/Sample.cs (decrypt case) and
 * in the official C# sample's comments (URL check: "GET /cgi-bin/wxpush?msg_signature=5c45ff5e…").
 */
const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiverId: 'wx5823bf96d3bd56c7' };
const urlCheck = {
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', timestamp: '1409659589', nonce: '263014780',
  encrypted: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const message = {
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149',
  encrypted: 'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const envelope = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${message.encrypted}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
const at = (ts: string) => Number(ts) * 1000;

describe('WeCom callback crypto, official vectors', () => {
  it('verifies the URL check and answers the echostr\'s plain text', () => {
    expect(signature(keys.token, urlCheck.timestamp, urlCheck.nonce, urlCheck.encrypted)).toBe(urlCheck.msgSignature);
    expect(openCallback(keys, urlCheck, at(urlCheck.timestamp))).toBe('1616140317555161061');
  });

  it('decrypts the sample message envelope', () => {
    const outer = parseFlatXml(envelope)!;
    expect(outer.AgentID).toBe('218');
    const xml = openCallback(keys, { ...message, encrypted: String(outer.Encrypt) }, at(message.timestamp));
    expect(parseFlatXml(xml)).toEqual({
      ToUserName: 'wx5823bf96d3bd56c7', FromUserName: 'mycreate', CreateTime: '1409659813', MsgType: 'text',
      Content: 'hello', MsgId: '4561255354251345929', AgentID: '218',
    });
  });

  it('encrypts a reply that decrypts back, with its byte length counted in UTF-8', () => {
    const reply = '<xml><Content><![CDATA[this is这是一个中文测试 a test]]></Content></xml>';
    const enc = encrypt(keys, reply);
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    expect(decrypt(keys, enc)).toBe(reply);
    const sealed = parseFlatXml(sealReply(keys, reply, '1409659813', 'n1'))!;
    expect(openCallback(keys, { msgSignature: String(sealed.MsgSignature), timestamp: '1409659813', nonce: 'n1', encrypted: String(sealed.Encrypt) }, at('1409659813'))).toBe(reply);
  });
});

describe('WeCom callback crypto refuses', () => {
  const refused = (fn: () => unknown, reason: RegExp) => {
    expect(fn).toThrow(CallbackCryptoError);
    expect(fn).toThrow(reason);
  };

  it('a bad or missing signature', () => {
    refused(() => openCallback(keys, { ...urlCheck, msgSignature: '0'.repeat(40) }, at(urlCheck.timestamp)), /bad signature/);
    refused(() => openCallback(keys, { ...urlCheck, msgSignature: '' }, at(urlCheck.timestamp)), /bad signature/);
    refused(() => openCallback(keys, { ...urlCheck, nonce: '263014781' }, at(urlCheck.timestamp)), /bad signature/);
    refused(() => openCallback({ ...keys, token: 'other' }, urlCheck, at(urlCheck.timestamp)), /bad signature/);
  });

  it('a timestamp more than five minutes off, either way', () => {
    refused(() => openCallback(keys, urlCheck, at(urlCheck.timestamp) + 301_000), /stale/);
    refused(() => openCallback(keys, urlCheck, at(urlCheck.timestamp) - 301_000), /stale/);
    expect(openCallback(keys, urlCheck, at(urlCheck.timestamp) + 299_000)).toBe('1616140317555161061');
  });

  it('a message for another corp', () => {
    refused(() => openCallback({ ...keys, receiverId: 'wx5823bf96d3bd56c8' }, urlCheck, at(urlCheck.timestamp)), /receiver id/);
  });

  it('bad padding, broken ciphertext and a malformed key', () => {
    const key = aesKeyOf(keys.encodingAesKey);
    const raw = (plain: Buffer) => {
      const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]).toString('base64');
    };
    refused(() => decrypt(keys, raw(Buffer.alloc(32, 0))), /bad padding/);
    refused(() => decrypt(keys, raw(Buffer.concat([Buffer.alloc(31, 7), Buffer.from([33])]))), /bad padding/);
    refused(() => decrypt(keys, raw(Buffer.concat([Buffer.alloc(30, 1), Buffer.from([3, 2])]))), /bad padding/);
    refused(() => decrypt(keys, 'AAAA'), /whole AES blocks/);
    refused(() => decrypt({ ...keys, encodingAesKey: 'short' }, urlCheck.encrypted), /43 letters/);
    // A length field pointing past the end of the plaintext.
    const plain = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 1, 0]), Buffer.alloc(8)]);
    refused(() => decrypt(keys, raw(Buffer.concat([plain, Buffer.alloc(4, 4)]))), /length out of range/);
  });
});

describe('the flat XML reader', () => {
  it('reads CDATA, plain text and a list of items, and refuses DTDs and other roots', () => {
    expect(parseFlatXml('<xml><A><![CDATA[x<y]]></A><B>1 &amp; 2</B><L><Item><![CDATA[u1]]></Item><Item>u2</Item></L></xml>'))
      .toEqual({ A: 'x<y', B: '1 & 2', L: ['u1', 'u2'] });
    expect(parseFlatXml('<!DOCTYPE x [<!ENTITY e "boom">]><xml><A>&e;</A></xml>')).toBeNull();
    expect(parseFlatXml('<root><A>1</A></root>')).toBeNull();
  });
});
