import { afterEach, describe, expect, it } from 'vitest';
import { registerAdapter } from '../../../channels/registry.js';
import { isLoopbackUrl } from '../../../core/public-url.js';
import { trackingBaseFor } from './link-base.js';
import { rewriteLinks } from './rewrite-links.js';

const BASE = 'https://go.shop.cn';
const counter = () => {
  let n = 0;
  return () => `tok${++n}`;
};

describe('rewriteLinks', () => {
  it('replaces each distinct link in text once, keeping the punctuation that closes the sentence', () => {
    const { content, links } = rewriteLinks('text', {
      text: '新品上架：https://shop.cn/p/1?from=sop，快看！再看 https://shop.cn/p/2. 又是 https://shop.cn/p/1?from=sop（限时）',
    }, BASE, counter());
    expect(content.text).toBe('新品上架：https://go.shop.cn/l/tok1，快看！再看 https://go.shop.cn/l/tok2. 又是 https://go.shop.cn/l/tok1（限时）');
    expect(links).toEqual([
      { token: 'tok1', position: 0, url: 'https://shop.cn/p/1?from=sop' },
      { token: 'tok2', position: 1, url: 'https://shop.cn/p/2' },
    ]);
  });

  it("tracks a link card's target and links in its text, but never an image or a cover (loaded, not clicked)", () => {
    const card = rewriteLinks('link', { title: '领券', description: '详情 http://a.cn/x', url: 'https://a.cn/card', coverUrl: 'https://a.cn/c.png' }, BASE, counter());
    expect(card.content).toEqual({ title: '领券', description: '详情 https://go.shop.cn/l/tok2', url: 'https://go.shop.cn/l/tok1', coverUrl: 'https://a.cn/c.png' });
    expect(card.links.map((l) => l.url)).toEqual(['https://a.cn/card', 'http://a.cn/x']);
    const image = rewriteLinks('image', { url: 'https://a.cn/p.png', caption: '海报' }, BASE, counter());
    expect(image).toEqual({ content: { url: 'https://a.cn/p.png', caption: '海报' }, links: [] });
    const mini = rewriteLinks('mini_program', { title: '小程序', appId: 'wx1', pagePath: 'pages/a?id=1' }, BASE, counter());
    expect(mini.links).toEqual([]);
  });

  it('leaves text without links, and a bare scheme, as it was', () => {
    expect(rewriteLinks('text', { text: '早上好 https:// 没有地址' }, BASE, counter())).toEqual({ content: { text: '早上好 https:// 没有地址' }, links: [] });
  });
});

describe('trackingBaseFor', () => {
  const saved = process.env.SHEQUN_PUBLIC_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHEQUN_PUBLIC_URL; else process.env.SHEQUN_PUBLIC_URL = saved;
  });

  it('tracks on a public address, and on a loopback one only for members on this machine (the sandbox)', () => {
    const restore = registerAdapter({ channel: 'wecom', ratePerSecond: 10, send: async () => ({ events: [] }) });
    try {
      process.env.SHEQUN_PUBLIC_URL = 'https://shequn.shop.cn/';
      expect(trackingBaseFor('wecom')).toBe('https://shequn.shop.cn');
      process.env.SHEQUN_PUBLIC_URL = 'http://127.0.0.1:3000';
      expect(trackingBaseFor('sandbox')).toBe('http://127.0.0.1:3000');
      // A WeCom member's phone cannot open this machine's localhost: the link goes out as written.
      expect(trackingBaseFor('wecom')).toBeNull();
    } finally {
      restore();
    }
  });

  it('knows the loopback spellings', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080', 'http://0.0.0.0:3000', 'http://app.localhost']) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ['https://shequn.shop.cn', 'http://10.0.0.5:3000', 'http://192.168.1.2']) expect(isLoopbackUrl(url)).toBe(false);
  });
});
