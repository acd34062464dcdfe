import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { CreateTemplateInput, TemplateView } from './contracts.js';
import { getTemplate } from './get-template.js';
import { validateVariants } from './validate-variants.js';
import { insertVariant } from './write-variant.js';

export const duplicateName = (name: string) =>
  new AppError('conflict', `name: a template named ${name} already exists`, [{ path: 'name', message: 'already exists' }]);

/** A new template; each variant starts at version 1. */
export async function createTemplate(ctx: TenantCtx, input: CreateTemplateInput): Promise<TemplateView> {
  const variants = validateVariants(input.contentType, input.variants);
  const row = await one<{ id: string }>(ctx.db, sql`
    insert into message_templates (workspace_id, name, content_type, created_by)
    select ${ctx.workspaceId}, ${input.name}, ${input.contentType}, ${actorUserId(ctx.actor)}
    where not exists (select 1 from message_templates where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${input.name}))
    on conflict do nothing returning id`);
  if (!row) throw duplicateName(input.name);
  for (const [position, v] of variants.entries()) await insertVariant(ctx, row.id, position, v);
  await recordAudit(ctx, 'template.created', 'template', row.id, { name: input.name, contentType: input.contentType, variants: variants.map((v) => v.key) });
  return getTemplate(ctx, row.id);
}
