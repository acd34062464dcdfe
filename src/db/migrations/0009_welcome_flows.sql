-- Welcome flows (docs/automation.md, "Welcome flows"): what a community says to newcomers, the joins
-- waiting for their batched group welcome, and the batches sent.

-- Templates are referenced without a foreign key: a flow must not stop an operator deleting a never-sent
-- template (templates answer 409 themselves for sent ones), and a send of a missing template is refused
-- at batch time and shown on the batch, where the operator sees it.
CREATE TABLE welcome_flows (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- all: every community; type: communities of scope_type; communities: those in welcome_flow_communities.
  scope_kind text NOT NULL CHECK (scope_kind IN ('all', 'type', 'communities')),
  scope_type text CHECK (scope_type IN ('basic', 'vip', 'distribution')),
  group_template_id uuid NOT NULL,
  window_minutes integer NOT NULL DEFAULT 3 CHECK (window_minutes BETWEEN 0 AND 60),
  private_template_id uuid,
  -- Ordered steps: [{"offsetMinutes": 60, "templateId": "...", "audience": "private" | "group"}].
  journey jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK ((scope_kind = 'type') = (scope_type IS NOT NULL))
);
-- Most specific wins, so each level may hold one flow per target: one for all communities, one per type,
-- one per community (welcome_flow_communities' key). Two flows for the same target would leave the choice
-- to chance.
CREATE UNIQUE INDEX welcome_flows_all_key ON welcome_flows (workspace_id) WHERE scope_kind = 'all';
CREATE UNIQUE INDEX welcome_flows_type_key ON welcome_flows (workspace_id, scope_type) WHERE scope_kind = 'type';
CREATE UNIQUE INDEX welcome_flows_name_key ON welcome_flows (workspace_id, lower(name));

CREATE TABLE welcome_flow_communities (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  flow_id uuid NOT NULL,
  PRIMARY KEY (workspace_id, community_id),
  FOREIGN KEY (workspace_id, flow_id) REFERENCES welcome_flows (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX welcome_flow_communities_flow_idx ON welcome_flow_communities (workspace_id, flow_id);

-- The batches of group welcomes. A batch's id is its first join's id, so the batch, its idempotency keys
-- and a rerun after a crash all derive from one stored value.
CREATE TABLE welcome_batches (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  community_id uuid NOT NULL,
  flow_id uuid,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  newcomers integer NOT NULL,
  -- Joins dropped because the member left before the welcome was queued.
  dropped integer NOT NULL DEFAULT 0,
  action_id uuid,
  -- The group welcome was refused (template archived or deleted, group archived...): why.
  error text,
  -- Private welcomes and journey steps refused for single members: [{memberId, step, error}].
  problems jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, flow_id) REFERENCES welcome_flows (workspace_id, id) ON DELETE SET NULL (flow_id),
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE SET NULL (action_id)
);
CREATE INDEX welcome_batches_time_idx ON welcome_batches (workspace_id, created_at DESC);
CREATE INDEX welcome_batches_community_idx ON welcome_batches (workspace_id, community_id, created_at DESC);

-- One row per welcomed join event (unique per event, so ingesting a join again records nothing new).
CREATE TABLE welcome_joins (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  event_id text NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  flow_id uuid,
  joined_at timestamptz NOT NULL,
  -- joined_at + the flow's window when the join was recorded.
  window_closes_at timestamptz NOT NULL,
  -- pending: waiting for its batch; batched: in batch_id; left: the member left before it; skipped: the
  -- flow was disabled or deleted before the batch.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'batched', 'left', 'skipped')),
  batch_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, event_id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, flow_id) REFERENCES welcome_flows (workspace_id, id) ON DELETE SET NULL (flow_id),
  FOREIGN KEY (workspace_id, batch_id) REFERENCES welcome_batches (workspace_id, id) ON DELETE SET NULL (batch_id)
);
-- The batch job looks for closed windows across workspaces, then takes one community's pending joins.
CREATE INDEX welcome_joins_due_idx ON welcome_joins (window_closes_at) WHERE status = 'pending';
CREATE INDEX welcome_joins_pending_idx ON welcome_joins (workspace_id, community_id, joined_at) WHERE status = 'pending';
CREATE INDEX welcome_joins_batch_idx ON welcome_joins (workspace_id, batch_id) WHERE batch_id IS NOT NULL;

-- A member who leaves cancels their undelivered welcome actions; every leave asks, so it must be cheap.
CREATE INDEX actions_welcome_pending_idx ON actions (workspace_id, community_id, member_id)
  WHERE status = 'pending' AND payload ? 'welcome';

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['welcome_flows', 'welcome_flow_communities', 'welcome_batches', 'welcome_joins']::regclass[]) t;
