import { describe, expect, it } from 'vitest';
import { compileRuleSet, evaluateMessage } from './evaluate.js';
import { defaultRuleSet } from './defaults.js';
import { confusion, loadFixtureWords, loadSample, SAMPLE_ALLOW_DOMAINS, type Confusion } from './sample.js';
import type { MessageContext, RuleSet } from './types.js';

/**
 * Precision and recall of the default rule set (words + links + contacts + QR codes; flooding, repeats and
 * newcomer links need history the sample does not have) on the labelled samples in test/fixtures/moderation.
 * The floors sit a little under what was measured (docs/moderation.md, "Engine"): a drop means the engine got
 * worse; the samples are never edited to make a change pass.
 *
 * Three measurements, because the word list and the sample were written by the same hand:
 *  - the sample with the full rule set (optimistic: the list knows the sample's vocabulary);
 *  - the sample without the word list (links + contacts alone, which owe nothing to the sample);
 *  - the holdout, written after words.txt was frozen (the fairest of the three, but only 60 messages).
 */
const ctx: MessageContext = { now: new Date('2026-01-01T00:00:00Z'), communityId: 'c', joinedAt: null, recent: [] };

function measure(file: string, words: boolean): Confusion {
  const rules: RuleSet = defaultRuleSet(words ? loadFixtureWords() : [], SAMPLE_ALLOW_DOMAINS);
  rules.words.enabled = words;
  rules.flooding.enabled = false;
  rules.repeats.enabled = false;
  rules.newcomerLinks.enabled = false;
  const compiled = compileRuleSet(rules);
  const sample = loadSample(file);
  const results = sample.map((m) => ({ ...m, findings: evaluateMessage(compiled, { text: m.text }, ctx) }));
  const c = confusion(results.map((r) => ({ label: r.label, flagged: r.findings.length > 0 })));
  const missed = results.filter((r) => r.label === 'spam' && !r.findings.length).map((r) => `  missed  [${r.kind}] ${r.text}`);
  const wrong = results.filter((r) => r.label === 'ham' && r.findings.length)
    .map((r) => `  flagged [${r.kind}] ${r.text}  <- ${r.findings.map((f) => `${f.rule}/${f.category}: ${f.evidence}`).join('; ')}`);
  console.log([
    `${file}, ${words ? 'full rule set' : 'without the word list'}: ${sample.length} messages`,
    '                flagged  not flagged',
    `  spam        ${String(c.tp).padStart(7)}  ${String(c.fn).padStart(11)}`,
    `  ham         ${String(c.fp).padStart(7)}  ${String(c.tn).padStart(11)}`,
    `precision ${c.precision.toFixed(3)}  recall ${c.recall.toFixed(3)}`,
    ...missed, ...wrong,
  ].join('\n'));
  return c;
}

describe('moderation quality on the labelled samples', () => {
  it('the sample, full rule set', () => {
    expect(loadSample().length).toBeGreaterThanOrEqual(300);
    const c = measure('messages.jsonl', true);
    // measured 0.922 / 1.000
    expect(c.precision).toBeGreaterThanOrEqual(0.90);
    expect(c.recall).toBeGreaterThanOrEqual(0.97);
  });

  it('the sample, links and contacts only', () => {
    const c = measure('messages.jsonl', false);
    // measured 0.919 / 0.785
    expect(c.precision).toBeGreaterThanOrEqual(0.89);
    expect(c.recall).toBeGreaterThanOrEqual(0.75);
  });

  it('the holdout, full rule set', () => {
    const c = measure('holdout.jsonl', true);
    // measured 1.000 / 0.840
    expect(c.precision).toBeGreaterThanOrEqual(0.95);
    expect(c.recall).toBeGreaterThanOrEqual(0.80);
  });
});
