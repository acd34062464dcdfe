-- Rollups that let the health dashboard answer whole-day windows without scanning events
-- (docs/metrics.md, "Where the numbers come from"). All are kept by the intake in the events' transaction;
-- the intake takes a per-workspace lock, so two batches can never miss each other's reply or join.
-- Existing rows are filled from the events by the data migration health-rollups (src/db/data-migrations.ts).

-- events: every own event of the member in the community that day (the platform's echoes aside), so a
-- row with events > 0 proves presence; joins/leaves and the day's last join/leave fold membership at a
-- day's end; long_messages are messages whose text is substantive by length alone.
ALTER TABLE member_days
  ADD COLUMN events integer NOT NULL DEFAULT 0,
  ADD COLUMN joins integer NOT NULL DEFAULT 0,
  ADD COLUMN leaves integer NOT NULL DEFAULT 0,
  ADD COLUMN long_messages integer NOT NULL DEFAULT 0,
  ADD COLUMN last_join_at timestamptz,
  ADD COLUMN last_leave_at timestamptz;

-- Every person-written reply, keyed by the message it answers, so a target that arrives after its
-- replies still finds them. The target's author and time are filled in once the target is known to be a
-- person's message in the same community: the reply edges of the interaction network.
CREATE TABLE reply_links (
  workspace_id uuid NOT NULL,
  target_id text NOT NULL,
  reply_id text NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  replied_at timestamptz NOT NULL,
  target_member_id uuid,
  target_at timestamptz,
  PRIMARY KEY (workspace_id, target_id, reply_id),
  FOREIGN KEY (workspace_id, reply_id) REFERENCES events (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX reply_links_time_idx ON reply_links (workspace_id, community_id, replied_at);

-- Messages someone else answered in the same community, with the time of the first such answer.
CREATE TABLE first_replies (
  workspace_id uuid NOT NULL,
  message_id text NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  sent_at timestamptz NOT NULL,
  long_text boolean NOT NULL,
  first_reply_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, message_id),
  FOREIGN KEY (workspace_id, message_id) REFERENCES events (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX first_replies_sent_idx ON first_replies (workspace_id, sent_at);

-- Every join, with the member's first own message in the 48 hours after it (null: none yet).
CREATE TABLE join_activations (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  joined_at timestamptz NOT NULL,
  activated_at timestamptz,
  PRIMARY KEY (workspace_id, community_id, member_id, joined_at),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX join_activations_time_idx ON join_activations (workspace_id, joined_at);

-- Every tenant table gets the same guard as 0001's: row-level security forced, the tenant policy, the
-- owner's bypass (migrations, the job runner) and the restricted role's grants. One definition, so a new
-- table cannot get a slightly different one; later migrations call it.
CREATE FUNCTION shequn_guard_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %s USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid)$p$, t);
  EXECUTE format($p$CREATE POLICY owner_bypass ON %s TO %I USING (true)$p$, t, current_user);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO shequn_app', t);
END $$;
REVOKE ALL ON FUNCTION shequn_guard_tenant_table(regclass) FROM PUBLIC;

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['reply_links', 'first_replies', 'join_activations']::regclass[]) t;
