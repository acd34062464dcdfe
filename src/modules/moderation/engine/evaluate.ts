import { Automaton } from './automaton.js';
import { floodCount, isNewcomer, repeatGroups } from './behaviour.js';
import { findContacts } from './contacts.js';
import { findLinks, isAllowedHost, type LinkHit } from './links.js';
import { fingerprint, fold, originalSpan, views } from './normalise.js';
import { decodeQr } from './qr.js';
import type { CompiledRuleSet, Finding, MessageContext, MessageInput, RuleSet } from './types.js';

/** What `CompiledRuleSet.matcher` holds: the automaton over every term, and each term's category. */
interface Matcher { automaton: Automaton; categories: string[] }

const MAX_EVIDENCE = 200;
const cut = (s: string) => (s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}…` : s);

/** Builds the word automaton once; the compiled set is then shared by every message of the community. */
export function compileRuleSet(rules: RuleSet): CompiledRuleSet {
  const terms = rules.words.enabled ? rules.words.terms : [];
  const matcher: Matcher = { automaton: new Automaton(terms.map((t) => t.term)), categories: terms.map((t) => t.category) };
  return { rules, matcher };
}

/** A QR payload that is a link to an allowed domain is fine; any other payload is a finding. */
function qrFinding(payload: string, allowDomains: readonly string[]): Finding | null {
  const trimmed = payload.trim();
  const links = findLinks(fold(trimmed));
  const isLink = links.length > 0 && links[0].start === 0;
  if (isLink && links.every((l) => isAllowedHost(l.host, allowDomains))) return null;
  return { rule: 'qr_codes', category: isLink ? 'qr_link' : 'qr_code', evidence: cut(trimmed) || '(empty QR code)' };
}

/**
 * Judges one message against a compiled rule set: at most one finding per rule kind, except words, which
 * report one finding per category matched (a message can be both an ad and gambling). Findings come in the
 * order of RULE_KINDS. The views (folded, normalised) and the image decode are computed only when a rule
 * that needs them is on.
 */
export function evaluateMessage(compiled: CompiledRuleSet, message: MessageInput, ctx: MessageContext): Finding[] {
  const { rules } = compiled;
  const matcher = compiled.matcher as Matcher;
  const text = message.text ?? '';
  const findings: Finding[] = [];
  let both: ReturnType<typeof views> | undefined;
  const folded = () => (both ??= views(text)).folded;
  const normalised = () => (both ??= views(text)).normalised;
  let payloads: string[] | undefined;
  const qrPayloads = () => {
    if (!payloads) {
      payloads = [...(message.qrPayloads ?? [])];
      const decoded = message.imageDataUrl ? decodeQr(message.imageDataUrl) : null;
      if (decoded !== null && !payloads.includes(decoded)) payloads.push(decoded);
    }
    return payloads;
  };

  if (rules.words.enabled && matcher.categories.length && text) {
    const n = normalised();
    const firstByCategory = new Map<string, string>();
    matcher.automaton.scan(n.text, (term, end) => {
      const category = matcher.categories[term];
      if (!firstByCategory.has(category)) firstByCategory.set(category, originalSpan(text, n, end - matcher.automaton.lengths[term], end));
    });
    for (const [category, evidence] of firstByCategory) findings.push({ rule: 'words', category, evidence: cut(evidence) });
  }

  let allLinks: LinkHit[] | undefined;
  const linksIn = () => (allLinks ??= text ? findLinks(folded()) : []);
  let links: LinkHit[] | undefined;
  const badLinks = () => (links ??= linksIn().filter((l) => l.host !== '' && !isAllowedHost(l.host, rules.links.allowDomains)));
  if (rules.links.enabled && badLinks().length) {
    const l = badLinks()[0];
    findings.push({ rule: 'links', category: l.category, evidence: cut(originalSpan(text, folded(), l.start, l.end)) });
  }

  let qr: Finding | null | undefined;
  const qrHit = () => {
    if (qr === undefined) qr = qrPayloads().map((p) => qrFinding(p, rules.qrCodes.allowDomains)).find((f) => f !== null) ?? null;
    return qr;
  };
  if (rules.qrCodes.enabled && qrHit()) findings.push(qrHit()!);

  if (rules.contacts.enabled && text) {
    // Digits and cue words inside a link (`mp.weixin.qq.com/s/…`, `item.jd.com/100012345678`) are the
    // link's, not contact details: the links rule judges those.
    const f = folded();
    const inLink = linksIn().map((l) => [l.start, l.end] as const);
    const first = findContacts(f, normalised()).find((h) => !inLink.some(([a, b]) => h.start >= a && h.start < b));
    if (first) findings.push({ rule: 'contacts', category: first.category, evidence: cut(originalSpan(text, f, first.start, first.end)) });
  }

  if (rules.flooding.enabled) {
    const count = floodCount(ctx, rules.flooding);
    if (count !== null) findings.push({ rule: 'flooding', category: 'flooding', evidence: `${count} messages in ${rules.flooding.perSeconds}s` });
  }

  if (rules.repeats.enabled) {
    const groups = repeatGroups(ctx, rules.repeats, fingerprint(text));
    if (groups !== null) findings.push({ rule: 'repeats', category: 'repeat', evidence: cut(`${groups} groups: ${text}`) });
  }

  if (rules.newcomerLinks.enabled && isNewcomer(ctx, rules.newcomerLinks)) {
    const l = badLinks()[0];
    if (l) findings.push({ rule: 'newcomer_links', category: l.category, evidence: cut(originalSpan(text, folded(), l.start, l.end)) });
    else if (qrHit()) findings.push({ rule: 'newcomer_links', category: qrHit()!.category, evidence: qrHit()!.evidence });
  }
  return findings;
}

