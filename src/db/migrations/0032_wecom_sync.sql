-- WeCom group sync and group statistics (docs/wecom.md, "Group sync" and "Group statistics").
-- wecom_syncs: one row per run of the wecom.groups.sync job, holding groupchat/list's cursor after every
-- page so a crashed or retried job goes on where it stopped instead of reading every group again.
CREATE TABLE wecom_syncs (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  corp_row_id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  -- groupchat/list's next_cursor after the last page written; '' before the first page.
  cursor text NOT NULL DEFAULT '',
  pages integer NOT NULL DEFAULT 0,
  groups_seen integer NOT NULL DEFAULT 0,
  -- The corp's groups Shequn knew when the sync started: the progress bar's denominator, since
  -- groupchat/list does not say how many groups there are.
  groups_total_known integer NOT NULL DEFAULT 0,
  groups_fetched integer NOT NULL DEFAULT 0,
  groups_dismissed integer NOT NULL DEFAULT 0,
  members_joined integer NOT NULL DEFAULT 0,
  members_left integer NOT NULL DEFAULT 0,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);
-- One running sync per corp: two at once would diff the same groups against each other's half-written state.
CREATE UNIQUE INDEX wecom_syncs_running_idx ON wecom_syncs (workspace_id, corp_row_id) WHERE status = 'running';
CREATE INDEX wecom_syncs_recent_idx ON wecom_syncs (workspace_id, corp_row_id, started_at DESC);

-- groupchat/statistic (path/92133), one row per corp, day and group owner. A day is pulled once:
-- wecom_group_stat_days records that it was, also when WeCom had no rows for it.
CREATE TABLE wecom_group_stat_days (
  workspace_id uuid NOT NULL,
  corp_row_id uuid NOT NULL,
  day date NOT NULL,
  owners integer NOT NULL,
  pulled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, corp_row_id, day),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE wecom_group_stats (
  workspace_id uuid NOT NULL,
  corp_row_id uuid NOT NULL,
  day date NOT NULL,
  owner_userid text NOT NULL,
  new_chat_cnt integer NOT NULL DEFAULT 0,
  chat_total integer NOT NULL DEFAULT 0,
  chat_has_msg_cnt integer NOT NULL DEFAULT 0,
  new_member_cnt integer NOT NULL DEFAULT 0,
  member_total integer NOT NULL DEFAULT 0,
  member_has_msg_cnt integer NOT NULL DEFAULT 0,
  msg_total integer NOT NULL DEFAULT 0,
  migrate_trainee_chat_cnt integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, corp_row_id, day, owner_userid),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);

-- Identity merge by unionid (resolve-refs.ts): a member arriving on a new channel is matched by union id.
CREATE INDEX member_identities_union_idx ON member_identities (workspace_id, union_id) WHERE union_id IS NOT NULL;

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_syncs', 'wecom_group_stat_days', 'wecom_group_stats']::regclass[]) t;
