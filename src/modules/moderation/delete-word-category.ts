import { sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { recordAudit } from '../workspace/record-audit.js';
import { bumpWordsVersion } from './settings.js';

/** Empties one word list category; rule sets that name it then match nothing for it. */
export async function deleteWordCategory(ctx: TenantCtx, category: string): Promise<void> {
  await ctx.db.execute(sql`delete from moderation_terms where workspace_id = ${ctx.workspaceId} and category = ${category}`);
  await bumpWordsVersion(ctx);
  await recordAudit(ctx, 'moderation.words_deleted', 'workspace', ctx.workspaceId, { category });
}
