-- Group moderation (docs/moderation.md): rule sets, word lists, the escalation ladder, exemptions, the
-- workspace block list and the log of every decision. Per-group stats are read from the log.

-- The workspace's moderation settings: the ladder and how long a strike counts. words_version changes on
-- every word list import, so compiled rule sets cached in memory are rebuilt after one.
CREATE TABLE moderation_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- Ordered steps, e.g. {warn,mute_1d,remove}; a member's n-th counted strike takes step n (the last repeats).
  ladder text[] NOT NULL DEFAULT ARRAY['warn', 'mute_1d', 'mute_7d', 'remove'],
  strike_window_days integer NOT NULL DEFAULT 30 CHECK (strike_window_days BETWEEN 1 AND 365),
  words_version integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  CHECK (cardinality(ladder) BETWEEN 1 AND 10),
  CHECK (ladder <@ ARRAY['warn', 'mute_1d', 'mute_7d', 'mute_15d', 'remove'])
);

-- A rule set for the whole workspace, one community type, or one community. The most specific one that
-- exists decides for a group, whole (community > type > workspace): rule sets are not merged, so what an
-- operator sees in one editor is exactly what a group enforces.
CREATE TABLE moderation_rule_sets (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  scope_kind text NOT NULL CHECK (scope_kind IN ('workspace', 'community_type', 'community')),
  community_type text CHECK (community_type IN ('basic', 'vip', 'distribution')),
  community_id uuid,
  -- Off: the scope enforces nothing (and still wins over the less specific ones).
  enabled boolean NOT NULL DEFAULT true,
  -- Each rule kind's settings, validated by the contract (contracts.ts, ruleSettingsSchema).
  rules jsonb NOT NULL,
  -- Bumped on every change: with words_version it keys the compiled rule set cache.
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  CHECK ((scope_kind = 'community_type') = (community_type IS NOT NULL)),
  CHECK ((scope_kind = 'community') = (community_id IS NOT NULL))
);
CREATE UNIQUE INDEX moderation_rule_sets_workspace_idx ON moderation_rule_sets (workspace_id) WHERE scope_kind = 'workspace';
CREATE UNIQUE INDEX moderation_rule_sets_type_idx ON moderation_rule_sets (workspace_id, community_type) WHERE scope_kind = 'community_type';
CREATE UNIQUE INDEX moderation_rule_sets_community_idx ON moderation_rule_sets (workspace_id, community_id) WHERE scope_kind = 'community';

-- Banned terms, shared by the workspace's rule sets; each rule set picks the categories it applies.
CREATE TABLE moderation_terms (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  category text NOT NULL,
  term text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, category, term)
);

-- Members no rule applies to (besides each group's owner and admins, who are exempt in their group).
CREATE TABLE moderation_allow_list (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, member_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

-- The shared block list: a blocked member who joins or speaks in any of the workspace's groups is removed.
CREATE TABLE moderation_blocks (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, member_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

-- Every decision: the message (or join) that caused it, the rule, the evidence, the step taken and the
-- outbox action that carries it out. Unique on the event and rule, so an event judged twice decides once.
CREATE TABLE moderation_violations (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  event_id text NOT NULL,
  community_id uuid,
  member_id uuid NOT NULL,
  -- An engine RuleKind, or 'block_list' for a blocked member's removal.
  rule text NOT NULL,
  category text NOT NULL,
  evidence text NOT NULL,
  -- Every finding of the message: [{rule, category, evidence}].
  findings jsonb NOT NULL DEFAULT '[]',
  message_text text,
  step text NOT NULL CHECK (step IN ('warn', 'mute_1d', 'mute_7d', 'mute_15d', 'remove')),
  -- This decision's place on the member's ladder (1 = first counted strike in the window).
  strike integer NOT NULL,
  action_id uuid,
  -- Why no action could be queued (a group Shequn cannot act on), when none was.
  action_error text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reversed')),
  reversed_by uuid,
  reversed_at timestamptz,
  reversed_reason text,
  reinvite_action_id uuid,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, event_id, rule),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE SET NULL (community_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id),
  FOREIGN KEY (workspace_id, reinvite_action_id) REFERENCES actions (workspace_id, id),
  CHECK ((status = 'reversed') = (reversed_at IS NOT NULL))
);
-- Strikes are counted per member over a window; the log is read newest first, per group for the stats.
CREATE INDEX moderation_violations_member_idx ON moderation_violations (workspace_id, member_id, occurred_at DESC);
CREATE INDEX moderation_violations_time_idx ON moderation_violations (workspace_id, occurred_at DESC);
CREATE INDEX moderation_violations_community_idx ON moderation_violations (workspace_id, community_id, occurred_at DESC);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'moderation_settings', 'moderation_rule_sets', 'moderation_terms', 'moderation_allow_list', 'moderation_blocks', 'moderation_violations'
]::regclass[]) t;
