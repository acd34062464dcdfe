import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { ENTRY_COLUMNS, ENTRY_FROM, parseEntry, type DrawEntry } from './entry-row.js';
import { checkId } from './check-id.js';

/** For the member page: a member's own draws, newest first, of one draw or all of them (at most 200). */
export async function memberDrawEntries(ctx: TenantCtx, memberId: string, drawId?: string): Promise<DrawEntry[]> {
  checkId('memberId', memberId);
  if (drawId !== undefined) checkId('drawId', drawId);
  const found = await rows<DrawEntry>(ctx.db, sql`
    select ${ENTRY_COLUMNS} from ${ENTRY_FROM}
    where e.workspace_id = ${ctx.workspaceId} and e.member_id = ${memberId} ${drawId ? sql`and e.draw_id = ${drawId}` : sql``}
    order by e.created_at desc, e.id desc limit 200`);
  return found.map(parseEntry);
}
