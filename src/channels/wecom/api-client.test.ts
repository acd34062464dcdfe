import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WecomApiError, baseUrlOf, clearTokenCache, wecomClient } from './api-client.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';

let fake: FakeWecom;
beforeAll(async () => { fake = await startFakeWecom(); });
afterAll(() => fake.close());
beforeEach(() => { clearTokenCache(); fake.requests.length = 0; });

const corp = () => ({ id: 'c1', corpId: 'ww0001', secret: 's3cret', baseUrl: fake.baseUrl });
const noSleep = { sleep: async () => {} };
const tokenCalls = () => fake.requests.filter((r) => r.path === '/cgi-bin/gettoken');

describe('WeCom API client', () => {
  it('fetches a token with corpid and corpsecret and caches it until shortly before expires_in', async () => {
    let now = 1_000_000;
    fake.answer('/cgi-bin/gettoken', tokenOk('T1', 7200), tokenOk('T2', 7200));
    const client = wecomClient(corp(), { now: () => now });
    expect(await client.accessToken()).toEqual({ token: 'T1', expiresIn: 7200 });
    expect(tokenCalls()[0]!.query.get('corpid')).toBe('ww0001');
    expect(tokenCalls()[0]!.query.get('corpsecret')).toBe('s3cret');
    now += 6000_000; // 100 minutes: still more than the 5-minute margin left
    expect((await client.accessToken()).token).toBe('T1');
    now += 1000_000; // 116 minutes: inside the margin, so refreshed
    expect((await client.accessToken()).token).toBe('T2');
    expect(tokenCalls()).toHaveLength(2);
  });

  it('refreshes an expired token (42001) once and retries the call', async () => {
    fake.answer('/cgi-bin/gettoken', tokenOk('OLD'), tokenOk('NEW'));
    fake.answer('/cgi-bin/externalcontact/groupchat/get', { errcode: 42001, errmsg: 'access_token expired' }, { errcode: 0, errmsg: 'ok', group_chat: { chat_id: 'wr1' } });
    const body = await wecomClient(corp(), noSleep).api('/cgi-bin/externalcontact/groupchat/get', { chat_id: 'wr1' });
    expect(body.group_chat.chat_id).toBe('wr1');
    const calls = fake.requests.filter((r) => r.path.endsWith('groupchat/get')).map((r) => r.query.get('access_token'));
    expect(calls).toEqual(['OLD', 'NEW']);
  });

  it('gives up after one refresh when the token stays invalid (40014)', async () => {
    fake.answer('/cgi-bin/gettoken', tokenOk('A'), tokenOk('B'));
    fake.answer('/cgi-bin/x', { errcode: 40014, errmsg: 'invalid access_token' });
    const err = await wecomClient(corp(), noSleep).api('/cgi-bin/x').catch((e) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err.code).toBe(40014);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('backs off on the rate limit (45009) and succeeds when it lifts', async () => {
    const waits: number[] = [];
    fake.answer('/cgi-bin/gettoken', tokenOk('T'));
    fake.answer('/cgi-bin/y', { errcode: 45009, errmsg: 'api freq out of limit' }, { errcode: 45009, errmsg: 'api freq out of limit' }, { errcode: 0, errmsg: 'ok' });
    await wecomClient(corp(), { sleep: async (ms) => void waits.push(ms) }).api('/cgi-bin/y');
    expect(waits).toEqual([500, 1000]);
  });

  it('explains a wrong secret, a wrong corp id and a missing permission in plain words', async () => {
    const cases: [number, RegExp, boolean][] = [[40001, /Secret/, true], [40013, /企业ID/, true], [60011, /permission/, true], [48002, /permission/, true], [45009, /rate limit/, false]];
    for (const [code, words, permanent] of cases) {
      clearTokenCache();
      fake.answer('/cgi-bin/gettoken', { errcode: code, errmsg: 'x' });
      const err = await wecomClient(corp(), noSleep).accessToken().catch((e) => e);
      expect(err, String(code)).toBeInstanceOf(WecomApiError);
      expect(err.message, String(code)).toMatch(words);
      expect(err.permanent, String(code)).toBe(permanent);
    }
  });

  it('reports an unreachable server as errcode -1', async () => {
    const err = await wecomClient({ ...corp(), baseUrl: 'http://127.0.0.1:1' }).accessToken().catch((e) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err.code).toBe(-1);
  });

  it('takes the base URL from the corp, then SHEQUN_WECOM_BASE_URL, then the public default', () => {
    const before = process.env.SHEQUN_WECOM_BASE_URL;
    delete process.env.SHEQUN_WECOM_BASE_URL;
    expect(baseUrlOf({ baseUrl: null })).toBe('https://qyapi.weixin.qq.com');
    process.env.SHEQUN_WECOM_BASE_URL = 'http://proxy.internal/';
    expect(baseUrlOf({ baseUrl: null })).toBe('http://proxy.internal');
    expect(baseUrlOf({ baseUrl: 'http://corp.example' })).toBe('http://corp.example');
    if (before === undefined) delete process.env.SHEQUN_WECOM_BASE_URL; else process.env.SHEQUN_WECOM_BASE_URL = before;
  });
});
