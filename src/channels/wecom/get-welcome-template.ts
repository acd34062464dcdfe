import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { one, sql } from '../../db/client.js';
import type { Attachment, WelcomeTemplate } from './welcome-template-contracts.js';

/**
 * Runs one step in the caller's workspace, each call its own transaction: the welcome-template verbs read,
 * call WeCom, and write in separate steps so a slow WeCom never holds a database connection.
 */
export type InTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => Promise<T>;

export interface WelcomeTemplateRow {
  id: string; corpRowId: string; templateId: string; name: string; text: string | null; attachment: Attachment | null;
  notify: boolean; createdAt: Date; updatedAt: Date; lastPulledAt: Date | null;
}

export const WELCOME_TEMPLATE_COLUMNS = sql`id, corp_row_id as "corpRowId", template_id as "templateId", name, text, attachment,
  notify, created_at as "createdAt", updated_at as "updatedAt", last_pulled_at as "lastPulledAt"`;

export const welcomeTemplateView = (r: WelcomeTemplateRow): WelcomeTemplate => ({
  ...r, text: r.text === null ? null : { content: r.text },
});

export const WHAT = 'WeCom welcome template';

/** A template of this corp in this workspace; another corp's or workspace's is "not found" alike. */
export async function getWelcomeTemplate(ctx: TenantCtx, corpRowId: string, id: string): Promise<WelcomeTemplate> {
  const r = await one<WelcomeTemplateRow>(ctx.db, sql`select ${WELCOME_TEMPLATE_COLUMNS} from wecom_welcome_templates
    where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId} and id = ${id}`);
  if (!r) throw notFound(WHAT);
  return welcomeTemplateView(r);
}
