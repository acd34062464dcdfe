-- Triggers (docs/automation.md, "Triggers"): event- and segment-driven rules, the firings they record (one
-- per rule, subject and occurrence, each with its own idempotency key) and which members each segment rule
-- last saw in its segment.

-- The parts of a rule (scope, when, delay, condition, do) are validated by the verbs (zod) and kept as
-- jsonb; when_kind and event_type are copied out because the intake's listener and the ticks select by them.
CREATE TABLE trigger_rules (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- The preset the rule was made from (null: from scratch); only shown, never read by the engine.
  preset text,
  scope jsonb NOT NULL,
  when_kind text NOT NULL CHECK (when_kind IN ('event', 'invite_sent', 'segment', 'signal')),
  event_type text,
  when_spec jsonb NOT NULL,
  delay_minutes integer NOT NULL DEFAULT 0 CHECK (delay_minutes >= 0),
  delay jsonb,
  condition text CHECK (condition IN ('not_in_group', 'in_group', 'still_silent', 'still_in_segment')),
  do_spec jsonb NOT NULL,
  cap_per_member integer CHECK (cap_per_member >= 1),
  repeat_after_minutes integer CHECK (repeat_after_minutes >= 1),
  repeat_after jsonb,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK ((when_kind = 'event') = (event_type IS NOT NULL)),
  -- A repeat without a cap would remind forever.
  CHECK (repeat_after_minutes IS NULL OR cap_per_member IS NOT NULL)
);
CREATE UNIQUE INDEX trigger_rules_name_key ON trigger_rules (workspace_id, lower(name));
-- Every intake batch asks for the workspace's enabled event rules; the ticks for the other kinds.
CREATE INDEX trigger_rules_enabled_idx ON trigger_rules (workspace_id, when_kind) WHERE enabled;

-- One row per (rule, subject, occurrence): the idempotency key is built from those three, so a re-ingested
-- event, a rerun tick or two ticks at once record one firing. scheduled_at = occurrence + the rule's delay.
CREATE TABLE trigger_firings (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  -- The member the firing is about (null for a community signal such as a leave spike) and its group.
  member_id uuid,
  community_id uuid,
  -- What happened, e.g. event:<event id>, invite:<action id>, entry:<as-of instant>, week:<monday>; #n for repeats.
  occurrence text NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- The repeat number (1 = the first reminder); the per-member cap counts firings, not this.
  seq integer NOT NULL DEFAULT 1,
  -- Facts the action's text needs later (a spike's leaves and week).
  context jsonb NOT NULL DEFAULT '{}',
  scheduled_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'done', 'skipped')),
  -- Why a firing was skipped (the condition no longer held, the cap, the rule disabled, a refused send).
  reason text,
  action_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  CHECK ((status = 'scheduled') = (closed_at IS NULL)),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES trigger_rules (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE SET NULL (action_id)
);
-- The run tick reads only due firings, across workspaces and soonest first: an ordered scan of this index
-- stops at the first firing not yet due, however many are scheduled for later.
CREATE INDEX trigger_firings_due_idx ON trigger_firings (scheduled_at, id) WHERE status = 'scheduled';
-- The per-member cap and the console's recent firings of a rule.
CREATE INDEX trigger_firings_member_idx ON trigger_firings (workspace_id, rule_id, member_id) WHERE member_id IS NOT NULL;
CREATE INDEX trigger_firings_rule_time_idx ON trigger_firings (workspace_id, rule_id, created_at DESC);
CREATE INDEX trigger_firings_time_idx ON trigger_firings (workspace_id, created_at DESC);

-- Members a segment rule saw in its segment at its last evaluation: a firing is recorded on entry (a member
-- not here yet), and a member who left the segment is removed, so entering again later fires again.
CREATE TABLE trigger_segment_states (
  workspace_id uuid NOT NULL,
  rule_id uuid NOT NULL,
  member_id uuid NOT NULL,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, rule_id, member_id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES trigger_rules (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

-- "An invitation was sent" rules read the invites sent in the last days at every evaluation.
CREATE INDEX actions_invite_sent_idx ON actions (workspace_id, sent_at) WHERE kind = 'invite' AND status = 'sent';

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['trigger_rules', 'trigger_firings', 'trigger_segment_states']::regclass[]) t;
