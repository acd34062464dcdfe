-- WeCom customer groups as the corp sees them (docs/wecom.md): which corp a Shequn community belongs to,
-- its owner's WeCom userid (the sender of group mass messages), the last synced name and notice, and the
-- resumable state of a group sync. Helper-owned sections below are extended by the sync, join-way and
-- mass-message work.

CREATE TABLE wecom_groups (
  workspace_id uuid NOT NULL,
  corp_row_id uuid NOT NULL,
  chat_id text NOT NULL,
  community_id uuid NOT NULL,
  -- The group owner's WeCom userid (a staff member's account); null until a sync has read it.
  owner_userid text,
  name text,
  notice text,
  member_count integer,
  synced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, corp_row_id, chat_id),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX wecom_groups_community_idx ON wecom_groups (workspace_id, community_id);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_groups']::regclass[]) t;
