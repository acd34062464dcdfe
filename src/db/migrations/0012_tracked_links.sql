-- Tracked links (docs/automation.md, "Tracked links"): each http(s) link a template send carries is replaced
-- by a short address of ours that records the click and redirects to the page. Rows are written with the
-- action that carries them and never change; a click is one row.

CREATE TABLE tracked_links (
  workspace_id uuid NOT NULL,
  -- Random and public: the only thing a click brings. Unique across workspaces, because the redirect has
  -- to find the workspace from it before any tenant is known.
  token text NOT NULL UNIQUE,
  action_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  url text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, token),
  UNIQUE (workspace_id, action_id, position),
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE link_clicks (
  workspace_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  token text NOT NULL,
  clicked_at timestamptz NOT NULL DEFAULT now(),
  -- A hash of the address and browser, so repeated opens by one person count once without keeping either.
  visitor text NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, token) REFERENCES tracked_links (workspace_id, token) ON DELETE CASCADE
);
CREATE INDEX link_clicks_token_idx ON link_clicks (workspace_id, token, clicked_at);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['tracked_links', 'link_clicks']::regclass[]) t;
