import { describe, expect, it } from 'vitest';
import { topicTerms } from './topic-terms.js';
import { similarPairs } from './topic-similarity.js';

describe('topicTerms', () => {
  it('keeps Latin words of 3 letters or more, lowercased, without stop words', () => {
    expect(topicTerms('The AirFryer is GREAT for chips, ok? Über-cool café')).toEqual(['airfryer', 'chips', 'über', 'cool', 'café']);
  });
  it('splits runs of Chinese into bigrams and drops the commonest ones', () => {
    // 我们 and 大家 are stop bigrams; a single character makes no bigram.
    expect(topicTerms('我们大家 空气炸锅！好')).toEqual(['们大', '空气', '气炸', '炸锅']);
  });
  it('ignores links, digits and punctuation, and keeps repeats as term frequency', () => {
    expect(topicTerms('看https://shop.example.com/airfryer很好 iPhone15 robot, robot! 10km')).toEqual(['iphone', 'robot', 'robot', '很好']);
    expect(topicTerms('')).toEqual([]);
  });
});

describe('similarPairs', () => {
  it('follows the worked example of docs/metrics.md', () => {
    const docs = [
      { member_id: 'b', name: 'Bob', text: 'airfryer 炸锅\nairfryer 炸锅\nrecipe' },
      { member_id: 'e', name: 'Eve', text: 'airfryer 炸锅\nfishing\nfishing' },
    ];
    const idf = 1 + Math.log(3 / 2);
    const bob = [1 + Math.log(2), 1 + Math.log(2), idf];
    const eve = [1, 1, (1 + Math.log(2)) * idf];
    const cosine = (bob[0]! + bob[1]!) / Math.hypot(...bob) / Math.hypot(...eve);
    expect(cosine).toBeCloseTo(0.4406, 4);
    expect(similarPairs(docs, () => false)).toEqual([
      { a: { member_id: 'b', name: 'Bob' }, b: { member_id: 'e', name: 'Eve' }, shared_terms: ['airfryer', '炸锅'], similarity: expect.closeTo(cosine, 12) },
    ]);
    // Already tied: no suggestion.
    expect(similarPairs(docs, (x, y) => x === 'b' && y === 'e')).toEqual([]);
  });
  it('drops pairs below 0.2', () => {
    // y: alpha (shared, idf 1), beta, gamma (idf 1 + ln 1.5 = 1.405). x: alpha and k words of its own (1.405).
    // cosine = 1 / (sqrt(1 + k * 1.405^2) * sqrt(1 + 2 * 1.405^2)): k = 2 -> 0.2021 (kept), k = 3 -> 0.1709 (dropped).
    const own = (k: number) => ['delta', 'epsilon', 'zeta', 'theta'].slice(0, k);
    const y = { member_id: 'y', name: 'Y', text: 'alpha beta gamma' };
    const pair = (k: number) => similarPairs([{ member_id: 'x', name: 'X', text: ['alpha', ...own(k)].join(' ') }, y], () => false);
    const idf = 1 + Math.log(1.5);
    expect(pair(2)).toEqual([expect.objectContaining({ shared_terms: ['alpha'], similarity: expect.closeTo(1 / (1 + 2 * idf * idf), 12) })]);
    expect(pair(3)).toEqual([]);
  });
});
