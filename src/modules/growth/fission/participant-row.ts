import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Participant } from './contracts.js';

/** A participant's columns as the API answers them: progress from its invites, poster use from its events. */
export const PARTICIPANT_COLUMNS = sql`p.id, p.member_id as "memberId", m.display_name as "memberName", p.source, p.joined_at as "joinedAt",
  p.qualified, c.goal, p.completed_at as "completedAt", p.reward_status as "rewardStatus", p.reward_note as "rewardNote",
  (select count(*)::int from fission_invites i where i.workspace_id = p.workspace_id and i.participant_id = p.id and i.status = 'pending') as pending,
  (select count(*)::int from fission_invites i where i.workspace_id = p.workspace_id and i.participant_id = p.id and i.status = 'void') as void,
  (select count(*)::int from fission_poster_events e where e.workspace_id = p.workspace_id and e.participant_id = p.id and e.kind = 'generated') as posters,
  (select count(*)::int from fission_poster_events e where e.workspace_id = p.workspace_id and e.participant_id = p.id and e.kind = 'shared') as shares`;

export const PARTICIPANT_FROM = sql`fission_participants p
  join fission_campaigns c on c.workspace_id = p.workspace_id and c.id = p.campaign_id
  join members m on m.workspace_id = p.workspace_id and m.id = p.member_id`;

export async function getParticipant(ctx: TenantCtx, campaignId: string, memberId: string): Promise<Participant> {
  const row = await one<Participant>(ctx.db, sql`
    select ${PARTICIPANT_COLUMNS} from ${PARTICIPANT_FROM}
    where p.workspace_id = ${ctx.workspaceId} and p.campaign_id = ${campaignId} and p.member_id = ${memberId}`);
  if (!row) throw notFound('participant');
  return row;
}
