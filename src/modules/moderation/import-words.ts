import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { recordAudit } from '../workspace/record-audit.js';
import { parseWordList } from './engine/index.js';
import { wordImportSchema } from './contracts.js';
import { bumpWordsVersion } from './settings.js';
import { listWordCategories } from './list-word-categories.js';

export interface WordImportResult { imported: number; categories: { category: string; terms: number }[]; errors: { line: number; message: string }[] }

/**
 * Imports a plain text word list (the engine's format, engine/wordlist.ts). Lines it cannot read are
 * answered by line number and skipped; the rest is stored. `replace` empties the categories the file names
 * before adding its terms, so a category can be re-imported whole; `merge` only adds. A file with errors
 * only changes nothing.
 */
export async function importWords(ctx: TenantCtx, input: unknown): Promise<WordImportResult> {
  const v = parseInput(wordImportSchema, input);
  const parsed = parseWordList(v.text, v.defaultCategory);
  if (!parsed.terms.length) return { imported: 0, categories: (await listWordCategories(ctx)).categories, errors: parsed.errors };
  const categories = [...new Set(parsed.terms.map((t) => t.category))];
  if (v.mode === 'replace') {
    await ctx.db.execute(sql`delete from moderation_terms where workspace_id = ${ctx.workspaceId}
      and category in (select jsonb_array_elements_text(${JSON.stringify(categories)}::jsonb))`);
  }
  const inserted = await rows<{ term: string }>(ctx.db, sql`
    insert into moderation_terms (workspace_id, category, term)
    select ${ctx.workspaceId}, x.category, x.term from jsonb_to_recordset(${JSON.stringify(parsed.terms)}::jsonb) as x(term text, category text)
    on conflict do nothing returning term`);
  await bumpWordsVersion(ctx);
  await recordAudit(ctx, 'moderation.words_imported', 'workspace', ctx.workspaceId, { mode: v.mode, categories, imported: inserted.length, errors: parsed.errors.length });
  return { imported: inserted.length, categories: (await listWordCategories(ctx)).categories, errors: parsed.errors };
}
