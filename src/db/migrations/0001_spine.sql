-- The platform spine: workspaces, staff, communities, members, memberships, events, rollups, outbox, jobs.
-- Every tenant table leads its primary key and foreign keys with workspace_id (ready for sharding by
-- workspace) and carries a row-level security policy keyed on the transaction setting app.workspace_id.

DO $$ BEGIN
  CREATE ROLE shequn_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- Global identity tables (not tenant-scoped: a person may staff several workspaces).
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'operator', 'analyst')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX staff_user_idx ON staff (user_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE audit_log (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_api_key_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE communities (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  type text NOT NULL DEFAULT 'basic' CHECK (type IN ('basic', 'vip', 'distribution')),
  subtype text,
  channel text NOT NULL,
  external_id text NOT NULL,
  capacity integer NOT NULL DEFAULT 500 CHECK (capacity > 0),
  owner_staff_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'dismissed')),
  tags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, channel, external_id),
  FOREIGN KEY (workspace_id, owner_staff_id) REFERENCES staff (workspace_id, user_id)
);

CREATE TABLE members (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  display_name text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_active_at timestamptz,
  opted_out boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX members_name_idx ON members (workspace_id, lower(display_name));

CREATE TABLE member_identities (
  workspace_id uuid NOT NULL,
  channel text NOT NULL,
  external_id text NOT NULL,
  member_id uuid NOT NULL,
  union_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, channel, external_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX member_identities_member_idx ON member_identities (workspace_id, member_id);

CREATE TABLE memberships (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
  is_kol boolean NOT NULL DEFAULT false,
  joined_at timestamptz,
  left_at timestamptz,
  join_scene text,
  inviter_member_id uuid,
  join_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, community_id, member_id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, inviter_member_id) REFERENCES members (workspace_id, id)
);
CREATE INDEX memberships_member_idx ON memberships (workspace_id, member_id);

CREATE TABLE tags (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  color text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, name)
);

CREATE TABLE member_tags (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  tag text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, member_id, tag),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, tag) REFERENCES tags (workspace_id, name) ON DELETE CASCADE
);

-- Append-only; the caller-supplied id is the dedupe key.
CREATE TABLE events (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  community_id uuid,
  member_id uuid NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX events_community_time_idx ON events (workspace_id, community_id, occurred_at DESC);
CREATE INDEX events_member_time_idx ON events (workspace_id, member_id, occurred_at DESC);

-- Rollups, updated in the intake transaction. "day" is the calendar day in the workspace time zone.
CREATE TABLE member_days (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  day date NOT NULL,
  messages integer NOT NULL DEFAULT 0,
  replies_given integer NOT NULL DEFAULT 0,
  replies_received integer NOT NULL DEFAULT 0,
  mentions_given integer NOT NULL DEFAULT 0,
  mentions_received integer NOT NULL DEFAULT 0,
  reactions integer NOT NULL DEFAULT 0,
  checkins integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, community_id, member_id, day),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX member_days_member_idx ON member_days (workspace_id, member_id, day);

CREATE TABLE community_days (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  day date NOT NULL,
  messages integer NOT NULL DEFAULT 0,
  replies integer NOT NULL DEFAULT 0,
  mentions integer NOT NULL DEFAULT 0,
  reactions integer NOT NULL DEFAULT 0,
  checkins integer NOT NULL DEFAULT 0,
  joins integer NOT NULL DEFAULT 0,
  leaves integer NOT NULL DEFAULT 0,
  active_members integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, community_id, day),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX community_days_day_idx ON community_days (workspace_id, day);

-- The actions outbox: every effect on a chat platform is asked for here and delivered by the worker.
CREATE TABLE actions (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  idempotency_key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('send_group', 'send_private', 'invite', 'remove', 'tag', 'staff_task', 'alert')),
  channel text NOT NULL,
  community_id uuid,
  member_id uuid,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  requested_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX actions_due_idx ON actions (next_attempt_at) WHERE status = 'pending';
CREATE INDEX actions_community_idx ON actions (workspace_id, community_id, created_at DESC);

-- What the sandbox platform received: the "other side" of the sandbox channel.
CREATE TABLE sandbox_deliveries (
  workspace_id uuid NOT NULL,
  action_id uuid NOT NULL,
  community_external_id text,
  member_external_id text,
  kind text NOT NULL,
  body jsonb NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, action_id),
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE CASCADE
);

-- Durable jobs (infrastructure, not tenant data): claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  singleton_key text UNIQUE,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_by text,
  locked_until timestamptz,
  progress jsonb,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('queued', 'running');

CREATE TABLE schedule_runs (
  name text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);

-- Row-level security on every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['workspaces', 'staff', 'api_keys', 'audit_log', 'communities', 'members', 'member_identities',
    'memberships', 'tags', 'member_tags', 'events', 'member_days', 'community_days', 'actions', 'sandbox_deliveries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (%I = nullif(current_setting('app.workspace_id', true), '')::uuid)$p$,
      t, CASE WHEN t = 'workspaces' THEN 'id' ELSE 'workspace_id' END);
    -- The owner role (migrations, authentication, the job runner) works across tenants on purpose.
    EXECUTE format($p$CREATE POLICY owner_bypass ON %I TO %I USING (true)$p$, t, current_user);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO shequn_app', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON users TO shequn_app;
GRANT USAGE ON SCHEMA public TO shequn_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shequn_app;
