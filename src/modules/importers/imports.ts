import { one, sql, type SQL } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { paginate, type PageQuery } from '../../core/pagination.js';
import { recordAudit } from '../workspace/record-audit.js';
import type { ImportRow } from './contracts.js';
import type { ImportProgress, ImportSummary } from './run-import.js';

/** The imports row as the API shows it; stored_path stays on the server. */
const select = (ctx: TenantCtx) => sql`
  select i.id, i.file_name as "fileName", i.size_bytes::float8 as "sizeBytes", i.format, i.community, i.time_zone as "timeZone",
         i.status, i.progress, i.summary, i.error, i.created_by as "createdBy", u.name as "createdByName",
         i.created_at as "createdAt", i.started_at as "startedAt", i.finished_at as "finishedAt"
  from imports i left join users u on u.id = i.created_by
  where i.workspace_id = ${ctx.workspaceId}`;

export async function getImport(ctx: TenantCtx, id: string): Promise<ImportRow> {
  const row = await one<ImportRow>(ctx.db, sql`${select(ctx)} and i.id = ${id}`);
  if (!row) throw notFound('import');
  return row;
}

export function listImports(ctx: TenantCtx, q: PageQuery & { status?: string }) {
  const filters: SQL[] = [];
  if (q.status) filters.push(sql`and i.status = ${q.status}`);
  return paginate<ImportRow>(ctx.db, q, sql`${select(ctx)} ${sql.join(filters, sql` `)}`, sql`"createdAt" desc, id`);
}

export interface NewImport {
  id: string; fileName: string; storedPath: string; sizeBytes: number; format: string; community?: string; timeZone: string;
}

export async function createImport(ctx: TenantCtx, input: NewImport): Promise<ImportRow> {
  await ctx.db.execute(sql`
    insert into imports (workspace_id, id, file_name, stored_path, size_bytes, format, community, time_zone, created_by)
    values (${ctx.workspaceId}, ${input.id}, ${input.fileName}, ${input.storedPath}, ${input.sizeBytes}, ${input.format},
            ${input.community ?? null}, ${input.timeZone}, ${actorUserId(ctx.actor)})`);
  await recordAudit(ctx, 'import.created', 'import', input.id, { fileName: input.fileName, sizeBytes: input.sizeBytes, format: input.format });
  return getImport(ctx, input.id);
}

/** What the job needs, including where the file is. */
export interface ImportJobRow { status: string; storedPath: string; format: string; community: string | null; timeZone: string }

/** Marks the import running and answers what to run; null when it is gone or already finished. */
export async function startImport(ctx: TenantCtx, id: string): Promise<ImportJobRow | null> {
  const row = await one<ImportJobRow>(ctx.db, sql`
    update imports set status = 'running', started_at = coalesce(started_at, now()), error = null
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status in ('queued', 'running')
    returning status, stored_path as "storedPath", format, community, time_zone as "timeZone"`);
  return row ?? null;
}

export async function setImportProgress(ctx: TenantCtx, id: string, p: ImportProgress): Promise<void> {
  await ctx.db.execute(sql`update imports set progress = ${JSON.stringify(p)}::jsonb
    where workspace_id = ${ctx.workspaceId} and id = ${id} and status = 'running'`);
}

export async function finishImport(ctx: TenantCtx, id: string, s: ImportSummary): Promise<void> {
  const progress = { bytesRead: s.bytes, bytesTotal: s.bytes, records: s.records, stored: s.stored };
  await ctx.db.execute(sql`update imports set status = 'done', summary = ${JSON.stringify(s)}::jsonb, progress = ${JSON.stringify(progress)}::jsonb,
      error = null, finished_at = now() where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}

/** final: the import has failed for good; otherwise it waits in the queue for the job's next attempt. */
export async function failImport(ctx: TenantCtx, id: string, error: string, final: boolean): Promise<void> {
  await ctx.db.execute(sql`update imports set status = ${final ? 'failed' : 'queued'}, error = ${error.slice(0, 2000)},
      finished_at = ${final ? new Date() : null} where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}
