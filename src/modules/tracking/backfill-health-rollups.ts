import { sql, type Db } from '../../db/client.js';
import { isEcho, isUserMessage } from '../analytics/scope.js';
import { SUBSTANTIVE_MIN_LENGTH, substantiveLengthSql } from '../analytics/substantive-text.js';
import { ACTIVATION_INTERVAL } from './conversation-rollups.js';

/**
 * Fills the rollups of migration 0005 from the events already stored, in every workspace, exactly as the
 * intake would have (apply-effects.ts, conversation-rollups.ts). Runs once, as the owner, in one
 * transaction with its record in schema_migrations.
 */
export async function backfillHealthRollups(db: Db): Promise<void> {
  await db.execute(sql`
    insert into member_days as d (workspace_id, community_id, member_id, day, events, joins, leaves, long_messages, last_join_at, last_leave_at)
    select e.workspace_id, e.community_id, e.member_id, (e.occurred_at at time zone w.time_zone)::date, count(*),
           count(*) filter (where e.type = 'member.joined'), count(*) filter (where e.type = 'member.left'),
           count(*) filter (where e.type = 'message.sent' and ${substantiveLengthSql(sql`e.data->>'text'`)} >= ${SUBSTANTIVE_MIN_LENGTH}),
           max(e.occurred_at) filter (where e.type = 'member.joined'), max(e.occurred_at) filter (where e.type = 'member.left')
    from events e join workspaces w on w.id = e.workspace_id
    where e.community_id is not null and not ${isEcho('e')}
    group by 1, 2, 3, 4
    on conflict (workspace_id, community_id, member_id, day) do update set
      events = excluded.events, joins = excluded.joins, leaves = excluded.leaves, long_messages = excluded.long_messages,
      last_join_at = excluded.last_join_at, last_leave_at = excluded.last_leave_at`);
  // Days that only had events of other kinds now have a (zero) community row too, as the intake makes them.
  await db.execute(sql`
    insert into community_days (workspace_id, community_id, day)
    select distinct workspace_id, community_id, day from member_days on conflict do nothing`);
  await db.execute(sql`
    insert into reply_links (workspace_id, target_id, reply_id, community_id, member_id, replied_at, target_member_id, target_at)
    select e.workspace_id, e.data->>'replyTo', e.id, e.community_id, e.member_id, e.occurred_at, t.member_id, t.occurred_at from events e
    left join events t on t.workspace_id = e.workspace_id and t.id = e.data->>'replyTo' and t.community_id = e.community_id and ${isUserMessage('t')}
    where e.community_id is not null and ${isUserMessage('e')} and coalesce(e.data->>'replyTo', '') <> ''
    on conflict do nothing`);
  await db.execute(sql`
    insert into first_replies (workspace_id, message_id, community_id, member_id, sent_at, long_text, first_reply_at)
    select t.workspace_id, t.id, t.community_id, t.member_id, t.occurred_at,
           ${substantiveLengthSql(sql`t.data->>'text'`)} >= ${SUBSTANTIVE_MIN_LENGTH}, min(r.replied_at)
    from events t
    join reply_links r on r.workspace_id = t.workspace_id and r.target_id = t.id and r.community_id = t.community_id
      and r.member_id <> t.member_id and r.replied_at >= t.occurred_at
    where t.community_id is not null and ${isUserMessage('t')}
    group by t.workspace_id, t.id, t.community_id, t.member_id, t.occurred_at, t.data->>'text'
    on conflict do nothing`);
  await db.execute(sql`
    insert into join_activations (workspace_id, community_id, member_id, joined_at, activated_at)
    select j.workspace_id, j.community_id, j.member_id, j.occurred_at, (
      select min(e.occurred_at) from events e
      where e.workspace_id = j.workspace_id and e.member_id = j.member_id and e.community_id = j.community_id and ${isUserMessage('e')}
        and e.occurred_at >= j.occurred_at and e.occurred_at < j.occurred_at + ${ACTIVATION_INTERVAL}::interval)
    from events j where j.type = 'member.joined' and j.community_id is not null
    on conflict do nothing`);
}
