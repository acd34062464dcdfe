import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { one } from '../../../db/client.js';
import type { z } from 'zod';
import type { listParticipantsSchema, Participant } from './contracts.js';
import { PARTICIPANT_COLUMNS, PARTICIPANT_FROM } from './participant-row.js';

/**
 * A campaign's participants with their progress. `qualified` order is the campaign's leaderboard: most
 * qualified invites first, and among equals whoever completed (then joined) first, so a tie goes to the
 * one who got there earlier.
 */
export async function listParticipants(ctx: TenantCtx, campaignId: string, q: z.infer<typeof listParticipantsSchema>): Promise<Page<Participant>> {
  const exists = await one(ctx.db, sql`select 1 from fission_campaigns where workspace_id = ${ctx.workspaceId} and id = ${campaignId}`);
  if (!exists) throw notFound('fission campaign');
  const order = q.sort === 'qualified' ? sql`qualified desc, "completedAt" nulls last, "joinedAt", id` : sql`"joinedAt" desc, id`;
  return paginate<Participant>(ctx.db, q, sql`
    select ${PARTICIPANT_COLUMNS} from ${PARTICIPANT_FROM} where p.workspace_id = ${ctx.workspaceId} and p.campaign_id = ${campaignId}`, order);
}
