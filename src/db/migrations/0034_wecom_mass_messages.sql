-- WeCom group mass messages (docs/wecom.md "Outbound adapter and group mass messages"): one row per send_group action handed over
-- to staff on a WeCom group. Shequn creates the WeCom task (externalcontact/add_msg_template, chat_type group)
-- so the group owner only taps 发送 in their app, then polls get_groupmsg_send_result until it is settled.
-- action_id is unique: a second hand-over or a re-run job never creates a second WeCom task.

CREATE TABLE wecom_mass_messages (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  action_id uuid NOT NULL,
  staff_task_id uuid,
  community_id uuid,
  corp_row_id uuid,
  chat_id text,
  -- The group owner's WeCom userid, who must confirm; null when Shequn did not know it.
  sender text,
  msgid text,
  -- pending: not yet created in WeCom; created: waiting for the sender to confirm; sent, failed, cancelled: settled.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'created', 'sent', 'failed', 'cancelled')),
  send_time timestamptz,
  last_polled_at timestamptz,
  error text,
  -- What the WeCom task leaves out (an attachment WeCom cannot take as it stands): the staff member adds it by hand.
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, action_id),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);
-- The poll reads only unsettled rows, oldest poll first.
CREATE INDEX wecom_mass_messages_unsettled_idx ON wecom_mass_messages (last_polled_at NULLS FIRST) WHERE status IN ('pending', 'created');
CREATE INDEX wecom_mass_messages_recent_idx ON wecom_mass_messages (workspace_id, created_at DESC);

-- The poll's catch-up read (hand-overs whose create job never got queued) runs every 5 minutes across
-- workspaces: it must read only WeCom group sends waiting for staff, not the whole outbox.
CREATE INDEX actions_wecom_awaiting_idx ON actions (handed_over_at) WHERE channel = 'wecom' AND kind = 'send_group' AND status = 'awaiting_staff';

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_mass_messages']::regclass[]) t;
