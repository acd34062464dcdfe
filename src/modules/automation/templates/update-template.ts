import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { TemplateView, UpdateTemplateInput } from './contracts.js';
import { duplicateName } from './create-template.js';
import { getTemplate, templateRow } from './get-template.js';
import { validateVariants } from './validate-variants.js';
import { insertVariant, insertVersion } from './write-variant.js';

const canonical = (content: unknown) => JSON.stringify(Object.entries(content as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Renames a template and/or replaces the variants it offers. A variant whose content changed gets a new
 * version (the old ones stay, for the sends that used them); a weight change alone makes no version, since
 * what members read did not change. A variant left out is retired, not deleted; listing its key again
 * brings it back.
 */
export async function updateTemplate(ctx: TenantCtx, id: string, input: UpdateTemplateInput): Promise<TemplateView> {
  const t = await templateRow(ctx, id, true);
  if (t.status === 'archived') throw new AppError('conflict', 'template: is archived; restore it before editing', [{ path: 'template', message: 'is archived' }]);
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== t.name) {
    const clash = await one(ctx.db, sql`select 1 from message_templates where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${input.name}) and id <> ${id}`);
    if (clash) throw duplicateName(input.name);
    await ctx.db.execute(sql`update message_templates set name = ${input.name} where workspace_id = ${ctx.workspaceId} and id = ${id}`);
    changes.name = { before: t.name, after: input.name };
  }
  if (input.variants) {
    const variants = validateVariants(t.contentType, input.variants);
    const existing = await rows<{ key: string; version: number; content: unknown; retired: boolean }>(ctx.db, sql`
      select v.key, v.current_version as version, cv.content, v.retired_at is not null as retired
      from template_variants v
      join template_versions cv on cv.workspace_id = v.workspace_id and cv.template_id = v.template_id and cv.variant_key = v.key and cv.version = v.current_version
      where v.workspace_id = ${ctx.workspaceId} and v.template_id = ${id}`);
    const byKey = new Map(existing.map((e) => [e.key, e]));
    const newVersions: { key: string; version: number }[] = [];
    for (const [position, v] of variants.entries()) {
      const old = byKey.get(v.key);
      if (!old) {
        await insertVariant(ctx, id, position, v);
        newVersions.push({ key: v.key, version: 1 });
        continue;
      }
      let version = old.version;
      if (canonical(old.content) !== canonical(v.content)) {
        version += 1;
        await insertVersion(ctx, id, v.key, version, v.content);
        newVersions.push({ key: v.key, version });
      }
      await ctx.db.execute(sql`
        update template_variants set weight = ${v.weight}, position = ${position}, current_version = ${version}, retired_at = null
        where workspace_id = ${ctx.workspaceId} and template_id = ${id} and key = ${v.key}`);
    }
    const kept = new Set(variants.map((v) => v.key));
    const retired = existing.filter((e) => !e.retired && !kept.has(e.key)).map((e) => e.key);
    if (retired.length) {
      await ctx.db.execute(sql`
        update template_variants set retired_at = now() where workspace_id = ${ctx.workspaceId} and template_id = ${id}
          and key = any(string_to_array(${retired.join('\u0001')}, ${'\u0001'}))`);
    }
    changes.weights = Object.fromEntries(variants.map((v) => [v.key, v.weight]));
    if (newVersions.length) changes.newVersions = newVersions;
    if (retired.length) changes.retired = retired;
  }
  await ctx.db.execute(sql`update message_templates set updated_at = now() where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  await recordAudit(ctx, 'template.updated', 'template', id, changes);
  return getTemplate(ctx, id);
}
