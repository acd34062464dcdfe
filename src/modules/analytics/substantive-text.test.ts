import { describe, expect, it } from 'vitest';
import { isSubstantiveText, substantiveLength } from './substantive-text.js';

describe('substantiveLength', () => {
  it('counts code points, trims and collapses whitespace', () => {
    expect(substantiveLength(undefined)).toBe(0);
    expect(substantiveLength('  hello   world \n')).toBe(11);
    expect(substantiveLength('\u3000你好\u00a0世界\u3000')).toBe(5);
    expect(substantiveLength('𝒜𝒷')).toBe(2); // astral letters are one character each
  });
  it('removes links: http(s):// or www. over printable ASCII, not glued to a letter', () => {
    expect(substantiveLength('https://example.com/a?b=c#d')).toBe(0);
    expect(substantiveLength('see HTTP://X.ORG and www.y.cn/p')).toBe(7); // "see and"
    expect(substantiveLength('看https://x.cn/a很好')).toBe(3);
    expect(substantiveLength('awww.so cute')).toBe(12);
  });
  it('removes emoji with their joiners, selectors, skin tones, flags and tags', () => {
    expect(substantiveLength('👍👍👍')).toBe(0);
    expect(substantiveLength('👨‍👩‍👧‍👦')).toBe(0); // ZWJ family
    expect(substantiveLength('👍🏽❤️🇨🇳')).toBe(0);
    expect(substantiveLength('🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toBe(0); // tag sequence flag
    expect(substantiveLength('1️⃣')).toBe(1); // keycap keeps its digit
    expect(substantiveLength('ok 😀 😀 😀 ok')).toBe(5); // "ok ok"
  });
  it('calls 20 characters substantive', () => {
    expect(isSubstantiveText('a'.repeat(19))).toBe(false);
    expect(isSubstantiveText('a'.repeat(20))).toBe(true);
    expect(isSubstantiveText(`${'a'.repeat(19)} 🎉 https://x.io`)).toBe(false);
    expect(isSubstantiveText('这个产品真的非常好用，推荐给大家试试看吧')).toBe(true);
  });
});
