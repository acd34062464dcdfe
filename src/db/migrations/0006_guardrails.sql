-- Guardrails for automated messages (docs/automation.md, "Guardrails"): quiet hours, frequency caps and
-- opt-out keywords per workspace, and the record of each member's opt-out.

-- One row per workspace; no row means the defaults of docs/automation.md. A null cap means "no cap".
CREATE TABLE guardrail_settings (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  quiet_start text NOT NULL CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_end text NOT NULL CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  member_marketing_per_day integer CHECK (member_marketing_per_day >= 1),
  group_marketing_per_day integer CHECK (group_marketing_per_day >= 1),
  opt_out_keywords text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (workspace_id)
);

-- How and when a member opted out: by a keyword message (keyword, event_id) or by an operator (actor_user_id).
-- One row per member while opted out; opting back in deletes it (the audit log keeps the history).
-- members.opted_out stays the switch every other part of the product reads (member pages, invitations),
-- and is set and cleared together with this row.
CREATE TABLE member_opt_outs (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  opted_out_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('keyword', 'operator')),
  keyword text,
  event_id text,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (workspace_id, member_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
-- The same message ingested twice never records two opt-outs.
CREATE UNIQUE INDEX member_opt_outs_event_key ON member_opt_outs (workspace_id, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX member_opt_outs_time_idx ON member_opt_outs (workspace_id, opted_out_at DESC);
-- The guardrails page lists opted-out members; they are few, so a partial index finds them without a scan.
CREATE INDEX members_opted_out_idx ON members (workspace_id) WHERE opted_out;

-- The frequency caps count today's sent automated messages per member and per group before every
-- automated send; without these the dispatcher would scan the member's or group's whole outbox history.
-- The predicates are repeated word for word in src/modules/automation/guardrails/count-sent-today.ts.
CREATE INDEX actions_automated_private_idx ON actions (workspace_id, member_id, sent_at)
  WHERE status = 'sent' AND kind = 'send_private' AND payload @> '{"automated": true}';
CREATE INDEX actions_automated_group_idx ON actions (workspace_id, community_id, sent_at)
  WHERE status = 'sent' AND kind = 'send_group' AND payload @> '{"automated": true}';

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['guardrail_settings', 'member_opt_outs']::regclass[]) t;
