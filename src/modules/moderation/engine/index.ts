/** The moderation engine: pure functions over text and context (see types.ts for the contract). */
export * from './types.js';
export { normalise, fold, views, fingerprint, originalSpan, type Normalised } from './normalise.js';
export { Automaton, type Match } from './automaton.js';
export { findLinks, disallowedLinks, hostOf, isAllowedHost, type LinkHit } from './links.js';
export { findContacts, type ContactHit } from './contacts.js';
export { decodeQr } from './qr.js';
export { floodCount, repeatGroups, isNewcomer } from './behaviour.js';
export { parseWordList, type WordListParse } from './wordlist.js';
export { compileRuleSet, evaluateMessage } from './evaluate.js';
export { defaultRuleSet } from './defaults.js';
