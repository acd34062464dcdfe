import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWordList } from './wordlist.js';
import type { WordTerm } from './types.js';

/**
 * The labelled sample and word list under test/fixtures/moderation (see the README there), shared by the
 * quality test and bench/moderation.ts so both judge exactly the same data.
 */
export interface LabelledMessage { text: string; label: 'spam' | 'ham'; kind: string; dodged?: boolean }

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/moderation');

/** `messages.jsonl` (the sample) or `holdout.jsonl` (written after the word list was frozen). */
export function loadSample(file = 'messages.jsonl'): LabelledMessage[] {
  return fs.readFileSync(path.join(fixtures, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledMessage);
}

export function loadFixtureWords(): WordTerm[] {
  const { terms, errors } = parseWordList(fs.readFileSync(path.join(fixtures, 'words.txt'), 'utf8'));
  if (errors.length) throw new Error(`words.txt: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return terms;
}

/** Domains a shopping / school community would allow: the shops its members buy from, Tencent docs, a school site. */
export const SAMPLE_ALLOW_DOMAINS = ['taobao.com', 'tb.cn', 'jd.com', 'docs.qq.com', 'mp.weixin.qq.com', 'edu.cn'];

export interface Confusion { tp: number; fp: number; fn: number; tn: number; precision: number; recall: number }

export function confusion(results: { label: 'spam' | 'ham'; flagged: boolean }[]): Confusion {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const r of results) {
    if (r.flagged) { if (r.label === 'spam') tp++; else fp++; } else if (r.label === 'spam') fn++; else tn++;
  }
  return { tp, fp, fn, tn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}
