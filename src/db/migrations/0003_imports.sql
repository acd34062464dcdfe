-- Chat exports uploaded through the console or API, imported in the background by the job imports.run.
-- The file itself stays on disk under <data dir>/uploads/<workspace>/<import>/ (stored_path) after the
-- import, so an operator can run it again; the row carries where it got to and what it found.
CREATE TABLE imports (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  stored_path text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  -- 'auto' or one of the importer's formats, as asked for; the format actually used is in summary.
  format text NOT NULL,
  community text,
  time_zone text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  -- {bytesRead, bytesTotal, records, stored} while it runs.
  progress jsonb,
  -- The importer's ImportSummary once done.
  summary jsonb,
  error text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX imports_created_idx ON imports (workspace_id, created_at DESC);

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON imports USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);
DO $$ BEGIN
  -- Like 0001: the owner role (migrations, the job runner) works across tenants on purpose.
  EXECUTE format($p$CREATE POLICY owner_bypass ON imports TO %I USING (true)$p$, current_user);
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON imports TO shequn_app;
