/**
 * The contract between the moderation engine (pure: normalising text, matching word lists, detecting links,
 * contacts, QR codes, flooding and repeats) and the moderation module that stores rules, decides actions
 * and keeps the log. The engine never touches the database: everything it needs about the past (a member's
 * recent messages, when they joined) is handed to it.
 */

export type RuleKind = 'words' | 'links' | 'qr_codes' | 'contacts' | 'flooding' | 'repeats' | 'newcomer_links';
export const RULE_KINDS: readonly RuleKind[] = ['words', 'links', 'qr_codes', 'contacts', 'flooding', 'repeats', 'newcomer_links'];

/** One banned term of a word list; `category` groups terms (ads, gambling, politics, abuse...). */
export interface WordTerm { term: string; category: string }

/** What a rule set enforces. A community's effective rule set is built by the module from its rules. */
export interface RuleSet {
  words: { enabled: boolean; terms: WordTerm[] };
  /** Any link except to these domains (and their subdomains). */
  links: { enabled: boolean; allowDomains: string[] };
  /** An image that decodes as a QR code (other than one to an allowed domain). */
  qrCodes: { enabled: boolean; allowDomains: string[] };
  /** Phone numbers and WeChat / QQ IDs in their many spellings (加V, 威信, vx: abc123, 扣扣...). */
  contacts: { enabled: boolean };
  /** More than `maxMessages` messages from one member within `perSeconds` seconds in one group. */
  flooding: { enabled: boolean; maxMessages: number; perSeconds: number };
  /** The same message (by fingerprint) from one member in at least `minGroups` groups within `withinMinutes`. */
  repeats: { enabled: boolean; minGroups: number; withinMinutes: number };
  /** A link (or QR code) from a member who joined less than `withinMinutes` ago. */
  newcomerLinks: { enabled: boolean; withinMinutes: number };
}

/** The message being judged. */
export interface MessageInput {
  text: string;
  /** An inline image (data: URL, PNG or JPEG) to scan for a QR code. */
  imageDataUrl?: string;
  /** QR payloads the platform or connector already decoded from the message's image. */
  qrPayloads?: string[];
}

/** What the engine needs to know about the past; the module reads it from the events. */
export interface MessageContext {
  now: Date;
  communityId: string;
  /** When the member joined this community; null when unknown. */
  joinedAt: Date | null;
  /** The member's earlier messages (all groups of the workspace), newest first, within the longest window any rule needs. */
  recent: { at: Date; communityId: string; fingerprint: string }[];
}

/** One rule a message broke, with what in the message broke it (shown to staff in the log). */
export interface Finding {
  rule: RuleKind;
  /** The word list category for `words`; the detector's own label otherwise (`phone`, `wechat_id`, `domain`...). */
  category: string;
  /** The offending part as written (the original text span, the link, the decoded QR payload). */
  evidence: string;
}

/** A rule set prepared for many messages (the word automaton built once). */
export interface CompiledRuleSet { readonly rules: RuleSet; readonly matcher: unknown }
