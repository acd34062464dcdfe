import type { Database } from '../../db/client.js';
import { one, sql } from '../../db/client.js';
import { AppError } from '../../core/errors.js';

export interface WorkspaceRow { id: string; slug: string; name: string; timeZone: string }

/** System-level: creating a tenant happens before any tenant context exists. */
export async function createWorkspace(database: Database, input: { slug: string; name: string; timeZone?: string }): Promise<WorkspaceRow> {
  if (!/^[a-z0-9][a-z0-9-]{1,40}$/.test(input.slug)) throw new AppError('validation', 'slug: lowercase letters, digits and dashes, 2-41 characters');
  const row = await one<WorkspaceRow>(database.db, sql`
    insert into workspaces (slug, name, time_zone) values (${input.slug}, ${input.name}, ${input.timeZone ?? 'Asia/Shanghai'})
    on conflict (slug) do nothing
    returning id, slug, name, time_zone as "timeZone"`);
  if (!row) throw new AppError('conflict', `workspace ${input.slug} already exists`);
  return row;
}

export async function findWorkspaceBySlug(database: Database, slug: string): Promise<WorkspaceRow | undefined> {
  return one<WorkspaceRow>(database.db, sql`select id, slug, name, time_zone as "timeZone" from workspaces where slug = ${slug}`);
}
