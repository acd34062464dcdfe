import { one, rows, sql, texts } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { compileRuleSet } from './engine/index.js';
import type { CompiledRuleSet, RuleSet, WordTerm } from './engine/types.js';
import { ruleSettingsSchema, type RuleSettings, type Scope } from './contracts.js';
import { getModerationSettings } from './settings.js';

export interface EffectiveRules { ruleSetId: string | null; settings: RuleSettings | null; compiled: CompiledRuleSet | null }

interface Candidate { id: string; enabled: boolean; rules: unknown; version: number }

/**
 * The rule set a group enforces: its own, else its community type's, else the workspace default; the most
 * specific one wins whole (docs/moderation.md, "Precedence"). A disabled winner enforces nothing.
 */
export async function ruleSetFor(ctx: TenantCtx, target: { communityId: string } | Scope): Promise<Candidate | undefined> {
  if ('communityId' in target && !('kind' in target)) {
    return one<Candidate>(ctx.db, sql`
      select r.id, r.enabled, r.rules, r.version from communities c
      join moderation_rule_sets r on r.workspace_id = c.workspace_id
        and (r.community_id = c.id or r.community_type = c.type or r.scope_kind = 'workspace')
      where c.workspace_id = ${ctx.workspaceId} and c.id = ${target.communityId}
      order by case r.scope_kind when 'community' then 0 when 'community_type' then 1 else 2 end limit 1`);
  }
  const scope = target as Scope;
  if (scope.kind === 'community') return ruleSetFor(ctx, { communityId: scope.communityId });
  return one<Candidate>(ctx.db, sql`
    select id, enabled, rules, version from moderation_rule_sets
    where workspace_id = ${ctx.workspaceId} and (${scope.kind === 'community_type' ? sql`community_type = ${scope.communityType}` : sql`false`} or scope_kind = 'workspace')
    order by case scope_kind when 'community_type' then 0 else 1 end limit 1`);
}

/** Compiled rule sets by workspace, rule set, version and word list version: a 20,000-term automaton is built once, not per message. */
const cache = new Map<string, CompiledRuleSet>();
const CACHE_LIMIT = 500;

async function termsFor(ctx: TenantCtx, categories: string[]): Promise<WordTerm[]> {
  return rows<WordTerm>(ctx.db, sql`
    select term, category from moderation_terms where workspace_id = ${ctx.workspaceId}
      and (${categories.length === 0} or category = any(${texts(categories)}))`);
}

/** The engine's RuleSet for stored settings and terms. */
export function toRuleSet(s: RuleSettings, terms: WordTerm[]): RuleSet {
  return {
    words: { enabled: s.words.enabled, terms }, links: s.links, qrCodes: s.qrCodes, contacts: s.contacts,
    flooding: s.flooding, repeats: s.repeats, newcomerLinks: s.newcomerLinks,
  };
}

/** Compiles settings that are not stored (the console's draft): never cached, they change with every keystroke. */
export async function compileDraft(ctx: TenantCtx, settings: RuleSettings): Promise<CompiledRuleSet> {
  return compileRuleSet(toRuleSet(settings, settings.words.enabled ? await termsFor(ctx, settings.words.categories) : []));
}

/** The compiled effective rules of a group or scope, from the cache when neither the rule set nor the word lists changed. */
export async function effectiveRules(ctx: TenantCtx, target: { communityId: string } | Scope): Promise<EffectiveRules> {
  const found = await ruleSetFor(ctx, target);
  if (!found || !found.enabled) return { ruleSetId: found?.id ?? null, settings: null, compiled: null };
  const settings = ruleSettingsSchema.parse(found.rules);
  const { wordsVersion } = await getModerationSettings(ctx);
  const key = `${ctx.workspaceId}:${found.id}:${found.version}:${wordsVersion}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileRuleSet(toRuleSet(settings, settings.words.enabled ? await termsFor(ctx, settings.words.categories) : []));
    // Oldest first out: a Map iterates in insertion order.
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return { ruleSetId: found.id, settings, compiled };
}
