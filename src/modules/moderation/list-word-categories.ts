import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { getModerationSettings } from './settings.js';

/** The word list categories with their term counts, and the word list version the rule cache keys on. */
export async function listWordCategories(ctx: TenantCtx): Promise<{ categories: { category: string; terms: number }[]; version: number }> {
  const categories = await rows<{ category: string; terms: number }>(ctx.db, sql`
    select category, count(*)::int as terms from moderation_terms where workspace_id = ${ctx.workspaceId} group by category order by category`);
  return { categories, version: (await getModerationSettings(ctx)).wordsVersion };
}
