import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  Automaton, compileRuleSet, decodeQr, defaultRuleSet, evaluateMessage, fingerprint, fold, normalise, originalSpan, parseWordList,
  type Finding, type MessageContext, type RuleSet,
} from './index.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const ctx = (over: Partial<MessageContext> = {}): MessageContext => ({ now: NOW, communityId: 'g1', joinedAt: null, recent: [], ...over });
const only = (kind: keyof RuleSet, over: Partial<RuleSet> = {}): RuleSet => {
  const rules = defaultRuleSet([], ['example.com']);
  for (const k of Object.keys(rules) as (keyof RuleSet)[]) rules[k].enabled = k === kind;
  return { ...rules, ...over };
};
const run = (rules: RuleSet, text: string, c = ctx()): Finding[] => evaluateMessage(compileRuleSet(rules), { text }, c);

describe('normalise', () => {
  it.each([
    ['加 V', '加v'], ['威 信', '微信'], ['w x', '微信'], ['W*X', '微信'], ['weixin', '微信'], ['V信', '微信'], ['薇信', '微信'],
    ['ＡＢＣ１２３', 'abc123'], ['全角　空格', '全角空格'], ['聯繫微信號', '联系微信号'], ['加\u200b微\u200d信', '加微信'],
    ['➕V', '加v'], ['①③⑧', '138'], ['兼-职_刷.单|日*结', '兼职刷单日结'], ['🔥兼🔥职🔥', '兼职'], ['扣扣', 'qq'],
  ])('%s → %s', (input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it('maps every normalised position back to the original text', () => {
    const text = '快来 兼 职 刷 单，日结';
    const n = normalise(text);
    const at = n.text.indexOf('兼职刷单');
    expect(originalSpan(text, n, at, at + 4)).toBe('兼 职 刷 单');
    const v = normalise('加 威 信 abc');
    expect(originalSpan('加 威 信 abc', v, 1, 3)).toBe('威 信');
  });

  it('fold keeps separators but folds width, case and script', () => {
    expect(fold('ＷＷＷ．ＡＢＣ．ＣＯＭ 網').text).toBe('www.abc.com 网');
  });

  it('fingerprints ignore spacing, punctuation and script, not digits', () => {
    expect(fingerprint('兼职刷单，日结 200！')).toBe(fingerprint('兼 職 刷 單 日結200'));
    expect(fingerprint('兼职刷单 日结 200')).not.toBe(fingerprint('兼职刷单 日结 300'));
    expect(fingerprint('🙂🙂')).toBe('');
  });
});

describe('automaton', () => {
  // A small seeded generator (mulberry32), so a failure reproduces.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const naive = (terms: string[], text: string) => {
    const out: string[] = [];
    for (let end = 1; end <= text.length; end++) terms.forEach((t, i) => { if (t && end >= t.length && text.startsWith(t, end - t.length)) out.push(`${i}@${end}`); });
    return out.sort();
  };

  it('finds exactly what a naive scan finds, on random input', () => {
    const random = rng(42);
    const alphabet = 'ab加微信c';
    const word = (max: number) => Array.from({ length: 1 + Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const terms = Array.from({ length: 1 + Math.floor(random() * 12) }, () => word(4));
      const text = word(60);
      const found = new Automaton(terms, false).findAll(text).map((m) => `${m.term}@${m.end}`).sort();
      expect(found).toEqual(naive(terms, text));
    }
  });

  it('normalises its terms, reports starts, and builds 20,000 terms quickly', () => {
    const a = new Automaton(['加 V', '兼職']);
    expect(a.findAll(normalise('快加v 兼职').text)).toEqual([{ term: 0, start: 1, end: 3 }, { term: 1, start: 3, end: 5 }]);
    const terms = Array.from({ length: 20_000 }, (_, i) => `词${i.toString(36)}项`);
    const started = Date.now();
    const big = new Automaton(terms);
    expect(big.findAll('这里有词zz项和词0项').map((m) => terms[m.term])).toEqual(['词zz项', '词0项']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('links', () => {
  const links = only('links');
  it.each(['看这里 http://abc.xyz/a?b=1', 'www.abc.com', '访问 abc.com 注册', 't.cn/A6xYz9k', 'abc点com', 'ABC。CN', 'ｗｗｗ．ｆｏｏ．ｃｏｍ', 'foo dot com'])(
    'flags %s', (text) => { expect(run(links, text).map((f) => f.rule)).toEqual(['links']); });
  it.each(['价格 3.5kg 两袋', '版本 v1.2 更新了', '12.30 到', '邮箱 teacher@school.com', '官网 shop.example.com', 'https://example.com/x', '没有链接'])(
    'does not flag %s', (text) => { expect(run(links, text)).toEqual([]); });
  it('quotes the link as written', () => {
    expect(run(links, '快去 ＷＷＷ．ＡＢＣ．ＣＯＭ 看看')[0]).toEqual({ rule: 'links', category: 'url', evidence: 'ＷＷＷ．ＡＢＣ．ＣＯＭ' });
  });
});

describe('contacts', () => {
  const contacts = only('contacts');
  it.each([
    ['电话 13800138000', 'phone', '13800138000'], ['138 0013 8000', 'phone', '138 0013 8000'], ['１３８-００１３-８０００', 'phone', '１３８-００１３-８０００'],
    ['一三八〇〇一三八〇〇〇', 'phone', '一三八〇〇一三八〇〇〇'], ['①③⑧⓪⓪①③⑧⓪⓪⓪', 'phone', '①③⑧⓪⓪①③⑧⓪⓪⓪'], ['+86 138 0013 8000', 'phone', '86 138 0013 8000'],
    ['座机 0755-82345678', 'landline', '0755-82345678'], ['400-123-4567', 'landline', '400-123-4567'],
    ['加V：abc_123', 'wechat_id', 'abc_123'], ['威 信 daigou88', 'wechat_id', 'daigou88'], ['w x: yinliu_ls', 'wechat_id', 'yinliu_ls'],
    ['➕V了解 mianmo_ok', 'wechat_id', 'mianmo_ok'], ['v：shop_2024', 'wechat_id', 'shop_2024'], ['微信号是 wx_12345abc', 'wechat_id', 'wx_12345abc'],
    ['QQ 123456789', 'qq', '123456789'], ['扣扣：987654321', 'qq', '987654321'], ['企鹅号 2233445566', 'qq', '2233445566'],
  ])('flags %s', (text, category, evidence) => {
    expect(run(contacts, text)).toEqual([{ rule: 'contacts', category, evidence }]);
  });
  it.each([
    '¥1380 的那款', '订单号 2024052012345678901', '单号 SF1456782309912', '2024-05-12 13:00 开会', '会议号 886 234 567', '价格 1,299 元',
    '我加一下群主微信', '微信支付可以吗', '验证码 483920', '一二三四五六七', 'https://item.jd.com/13800138000.html', 'QQ 音乐很好用',
  ])('does not flag %s', (text) => { expect(run(contacts, text)).toEqual([]); });
});

describe('qr codes', () => {
  const png = async (payload: string) => `data:image/png;base64,${(await toBuffer(payload, { type: 'png', margin: 2, scale: 4 })).toString('base64')}`;
  it('decodes a real QR PNG', async () => {
    expect(decodeQr(await png('https://weixin.qq.com/g/AbCdEf'))).toBe('https://weixin.qq.com/g/AbCdEf');
    expect(decodeQr('data:image/png;base64,AAAA')).toBeNull();
    // The same code as a JPEG (re-encoded from the PNG's pixels).
    const img = PNG.sync.read(await toBuffer('https://t.cn/jpeg', { type: 'png', margin: 2, scale: 6 }));
    const jpg = jpeg.encode({ data: img.data, width: img.width, height: img.height }, 90).data;
    expect(decodeQr(`data:image/jpeg;base64,${Buffer.from(jpg).toString('base64')}`)).toBe('https://t.cn/jpeg');
    expect(decodeQr('data:image/gif;base64,R0lGOD')).toBeNull();
  });
  it('flags QR images and payloads, except links to allowed domains', async () => {
    const rules = compileRuleSet(only('qrCodes'));
    expect(evaluateMessage(rules, { text: '', imageDataUrl: await png('https://u.wechat.com/xyz') }, ctx()))
      .toEqual([{ rule: 'qr_codes', category: 'qr_link', evidence: 'https://u.wechat.com/xyz' }]);
    expect(evaluateMessage(rules, { text: '', qrPayloads: ['WIFI:S:shop;P:123;;'] }, ctx())[0].category).toBe('qr_code');
    expect(evaluateMessage(rules, { text: '', imageDataUrl: await png('https://shop.example.com/p/1') }, ctx())).toEqual([]);
  });
});

describe('behaviour', () => {
  const at = (s: number) => new Date(NOW.getTime() - s * 1000);
  it('flooding counts this group within the window', () => {
    const rules = only('flooding');
    rules.flooding = { enabled: true, maxMessages: 3, perSeconds: 10 };
    const recent = [at(1), at(2), at(3)].map((d) => ({ at: d, communityId: 'g1', fingerprint: 'x' }));
    expect(run(rules, 'hi', ctx({ recent }))).toEqual([{ rule: 'flooding', category: 'flooding', evidence: '4 messages in 10s' }]);
    expect(run(rules, 'hi', ctx({ recent: recent.slice(0, 2) }))).toEqual([]);
    expect(run(rules, 'hi', ctx({ recent: recent.map((r) => ({ ...r, communityId: 'g2' })) }))).toEqual([]);
    expect(run(rules, 'hi', ctx({ recent: [at(1), at(2), at(30)].map((d) => ({ at: d, communityId: 'g1', fingerprint: 'x' })) }))).toEqual([]);
  });
  it('repeats counts distinct groups with the same fingerprint', () => {
    const rules = only('repeats');
    const fp = fingerprint('兼职 日结');
    const recent = [{ at: at(60), communityId: 'g2', fingerprint: fp }, { at: at(120), communityId: 'g3', fingerprint: fp }];
    expect(run(rules, '兼職，日結', ctx({ recent }))[0]?.rule).toBe('repeats');
    expect(run(rules, '兼职 日结', ctx({ recent: recent.slice(0, 1) }))).toEqual([]);
    expect(run(rules, '兼职 日结', ctx({ recent: recent.map((r) => ({ ...r, at: at(3600) })) }))).toEqual([]);
  });
  it('newcomer links fire only in the first minutes', () => {
    const rules = only('newcomerLinks');
    expect(run(rules, '看 abc.com', ctx({ joinedAt: at(60) }))[0]).toEqual({ rule: 'newcomer_links', category: 'domain', evidence: 'abc.com' });
    expect(run(rules, '看 abc.com', ctx({ joinedAt: at(3600) }))).toEqual([]);
    expect(run(rules, '看 abc.com', ctx({ joinedAt: null }))).toEqual([]);
    expect(run(rules, '看 shop.example.com', ctx({ joinedAt: at(60) }))).toEqual([]);
  });
});

describe('words and the word-list format', () => {
  it('parses terms, categories, comments and reports bad lines by number', () => {
    const { terms, errors } = parseWordList(['\uFEFF# ads', '加微信', '代购\tads', '博彩,gambling', '赌场|Gambling', '', '代 购\tads', '***', 'x'.repeat(101), '好词\tbad cat', ',ads'].join('\n'));
    expect(terms).toEqual([
      { term: '加微信', category: 'default' }, { term: '代购', category: 'ads' }, { term: '博彩', category: 'gambling' }, { term: '赌场', category: 'gambling' },
    ]);
    expect(errors.map((e) => e.line)).toEqual([8, 9, 10, 11]);
  });
  it('reports one finding per category, quoting the original', () => {
    const rules = only('words', { words: { enabled: true, terms: parseWordList('兼职刷单\tparttime\n日结\tparttime\n博彩\tgambling').terms } });
    expect(run(rules, '兼 職 刷 單，日结，还有博彩')).toEqual([
      { rule: 'words', category: 'parttime', evidence: '兼 職 刷 單' }, { rule: 'words', category: 'gambling', evidence: '博彩' },
    ]);
    expect(run(rules, '今天天气不错')).toEqual([]);
  });
});
