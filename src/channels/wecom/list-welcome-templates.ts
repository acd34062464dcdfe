import type { TenantCtx } from '../../core/context.js';
import { type Page, type PageQuery, paginate } from '../../core/pagination.js';
import { sql } from '../../db/client.js';
import type { WelcomeTemplate } from './welcome-template-contracts.js';
import { WELCOME_TEMPLATE_COLUMNS, type WelcomeTemplateRow, welcomeTemplateView } from './get-welcome-template.js';

/** A corp's welcome templates, newest first (WeCom keeps at most 100 per corp, path/92366). */
export async function listWelcomeTemplates(ctx: TenantCtx, corpRowId: string, q: PageQuery): Promise<Page<WelcomeTemplate>> {
  const page = await paginate<WelcomeTemplateRow>(ctx.db, q,
    sql`select ${WELCOME_TEMPLATE_COLUMNS} from wecom_welcome_templates where workspace_id = ${ctx.workspaceId} and corp_row_id = ${corpRowId}`,
    sql`"createdAt" desc, id desc`);
  return { ...page, items: page.items.map(welcomeTemplateView) };
}
