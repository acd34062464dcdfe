-- Facts about this installation rather than any workspace: how far the first start got, so a first
-- start interrupted half-way (Ctrl-C while the demo is being seeded) is finished on the next start
-- instead of leaving a half-filled demo behind for good.
CREATE TABLE instance_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Databases set up before this table existed finished their first start already.
INSERT INTO instance_state (key, value)
SELECT 'first_start', '{"status":"done"}'::jsonb WHERE EXISTS (SELECT 1 FROM workspaces);
