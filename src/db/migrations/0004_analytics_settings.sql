-- Per-workspace analytics settings an operator tunes (the engagement score's weights, half-life and level
-- thresholds under the key "engagement"). One row per workspace; a missing row or key means the defaults
-- of docs/metrics.md, so the settings stay optional and new keys need no migration.
CREATE TABLE analytics_settings (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  settings jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (workspace_id)
);

ALTER TABLE analytics_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE analytics_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_settings USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
DO $$ BEGIN
  -- Like 0001: the owner role (migrations, the job runner) works across tenants on purpose.
  EXECUTE format($p$CREATE POLICY owner_bypass ON analytics_settings TO %I USING (true)$p$, current_user);
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_settings TO shequn_app;
