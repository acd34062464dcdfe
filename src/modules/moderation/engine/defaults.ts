import type { RuleSet, WordTerm } from './types.js';

/**
 * A starting rule set: words, links, QR codes and contacts on; flooding (more than 8 messages in 30 s),
 * repeats (the same message in 3 groups within 10 minutes) and newcomer links (first 10 minutes) on with
 * thresholds an operator would tune. The quality test and the bench use it with the fixture word list.
 */
export function defaultRuleSet(terms: WordTerm[] = [], allowDomains: string[] = []): RuleSet {
  return {
    words: { enabled: true, terms },
    links: { enabled: true, allowDomains },
    qrCodes: { enabled: true, allowDomains },
    contacts: { enabled: true },
    flooding: { enabled: true, maxMessages: 8, perSeconds: 30 },
    repeats: { enabled: true, minGroups: 3, withinMinutes: 10 },
    newcomerLinks: { enabled: true, withinMinutes: 10 },
  };
}
