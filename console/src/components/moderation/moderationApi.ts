// Typed calls for /api/v1/moderation (docs/api.md), over the console's one request function (apiRequest in api.ts).
import { apiRequest, type CommunityType, type Page, type PageQuery } from '../../api.js';

export type RuleKind = 'words' | 'links' | 'qr_codes' | 'contacts' | 'flooding' | 'repeats' | 'newcomer_links';
export type ViolationRule = RuleKind | 'block_list';
export const VIOLATION_RULES: ViolationRule[] = ['words', 'links', 'qr_codes', 'contacts', 'flooding', 'repeats', 'newcomer_links', 'block_list'];
export type LadderStep = 'warn' | 'mute_1d' | 'mute_7d' | 'mute_15d' | 'remove';
export const LADDER_STEPS: LadderStep[] = ['warn', 'mute_1d', 'mute_7d', 'mute_15d', 'remove'];

export interface RuleSettings {
  words: { enabled: boolean; categories: string[] };
  links: { enabled: boolean; allowDomains: string[] };
  qrCodes: { enabled: boolean; allowDomains: string[] };
  contacts: { enabled: boolean };
  flooding: { enabled: boolean; maxMessages: number; perSeconds: number };
  repeats: { enabled: boolean; minGroups: number; withinMinutes: number };
  newcomerLinks: { enabled: boolean; withinMinutes: number };
  warnText: string;
}
export type Scope = { kind: 'workspace' } | { kind: 'community_type'; communityType: CommunityType } | { kind: 'community'; communityId: string };
export interface RuleSet {
  id: string; enabled: boolean; rules: RuleSettings; version: number; updatedAt: string;
  scope: { kind: Scope['kind']; communityType: CommunityType | null; communityId: string | null; communityName: string | null };
}
export interface Finding { rule: RuleKind; category: string; evidence: string }
export interface TestResult { findings: Finding[]; ruleSetId: string | null; exempt: boolean; step: LadderStep | null; strike: number | null }
export interface Violation {
  id: string; eventId: string; occurredAt: string; communityId: string | null; communityName: string | null; memberId: string; memberName: string;
  rule: ViolationRule; category: string; evidence: string; findings: Finding[]; messageText: string | null; step: LadderStep; strike: number;
  actionId: string | null; actionStatus: string | null; actionError: string | null; status: 'active' | 'reversed';
  reversedBy: string | null; reversedAt: string | null; reversedReason: string | null; reinviteActionId: string | null;
}
export interface MemberEntry { memberId: string; memberName: string; note: string | null; createdAt: string }
export interface ModerationSettings { ladder: LadderStep[]; strikeWindowDays: number; wordsVersion: number }
export interface WordCategory { category: string; terms: number }
export interface WordImportResult { imported: number; categories: WordCategory[]; errors: { line: number; message: string }[] }
export interface CommunityStats { communityId: string | null; communityName: string | null; violations: number; reversed: number; members: number; removals: number; byRule: Record<string, number> }

export type MemberList = 'blocks' | 'allow-list';
const base = '/moderation';
export const moderationApi = {
  ruleSets: () => apiRequest<{ items: RuleSet[]; defaults: RuleSettings }>('GET', `${base}/rule-sets`),
  createRuleSet: (body: { scope: Scope; enabled: boolean; rules: RuleSettings }) => apiRequest<RuleSet>('POST', `${base}/rule-sets`, body),
  updateRuleSet: (id: string, body: { enabled: boolean; rules: RuleSettings }) => apiRequest<RuleSet>('PUT', `${base}/rule-sets/${id}`, body),
  deleteRuleSet: (id: string) => apiRequest<void>('DELETE', `${base}/rule-sets/${id}`),
  settings: () => apiRequest<ModerationSettings>('GET', `${base}/settings`),
  saveSettings: (body: { ladder: LadderStep[]; strikeWindowDays: number }) => apiRequest<ModerationSettings>('PUT', `${base}/settings`, body),
  words: () => apiRequest<{ categories: WordCategory[]; version: number }>('GET', `${base}/words`),
  importWords: (body: { text: string; mode: 'replace' | 'merge'; defaultCategory?: string }) => apiRequest<WordImportResult>('POST', `${base}/words/import`, body),
  deleteWords: (category: string) => apiRequest<void>('DELETE', `${base}/words`, undefined, { category }),
  test: (body: { communityId?: string; scope?: Scope; rules?: RuleSettings; text: string }) => apiRequest<TestResult>('POST', `${base}/test`, body),
  violations: (q: PageQuery & { communityId?: string; rule?: string; status?: string }) => apiRequest<Page<Violation>>('GET', `${base}/violations`, undefined, q),
  reverse: (id: string, body: { reason: string; reinvite: boolean }) => apiRequest<{ violation: Violation; note: string }>('POST', `${base}/violations/${id}/reversal`, body),
  members: (list: MemberList) => apiRequest<{ items: MemberEntry[] }>('GET', `${base}/${list}`),
  addMember: (list: MemberList, body: { memberId: string; note?: string }) => apiRequest<MemberEntry>('POST', `${base}/${list}`, body),
  removeMember: (list: MemberList, memberId: string) => apiRequest<void>('DELETE', `${base}/${list}/${memberId}`),
  stats: (days: number) => apiRequest<{ days: number; communities: CommunityStats[] }>('GET', `${base}/stats`, undefined, { days }),
};

/** The scope a rule set or a new one applies to, as the API takes it. */
export function scopeOf(r: RuleSet['scope']): Scope {
  if (r.kind === 'community') return { kind: 'community', communityId: r.communityId! };
  if (r.kind === 'community_type') return { kind: 'community_type', communityType: r.communityType! };
  return { kind: 'workspace' };
}
