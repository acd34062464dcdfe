-- Live codes (活码, docs/growth.md "Live codes"): one QR code and short link that sends each scan to a group
-- of its pool with room, and opens a new group through the channel when every group is full.

CREATE TABLE live_codes (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Random and public: the scan address carries only this, so it is unique across workspaces and the
  -- scan route finds the workspace from it before any tenant is known (like tracked_links.token).
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  channel text NOT NULL,
  strategy text NOT NULL CHECK (strategy IN ('fill_in_order', 'least_full', 'round_robin')),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
  base_name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- round_robin: the pool position chosen last, so the next scan starts after it.
  rr_position integer NOT NULL DEFAULT -1,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX live_codes_name_idx ON live_codes (workspace_id, lower(name));

CREATE TABLE live_code_communities (
  workspace_id uuid NOT NULL,
  live_code_id uuid NOT NULL,
  community_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  -- Opened by the live code because the pool was full (not picked by an operator).
  created_by_live_code boolean NOT NULL DEFAULT false,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, live_code_id, community_id),
  FOREIGN KEY (workspace_id, live_code_id) REFERENCES live_codes (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX live_code_communities_community_idx ON live_code_communities (workspace_id, community_id);

-- One row per visit (a repeat scan from the same browser within the reservation window reuses its row).
CREATE TABLE live_code_scans (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  live_code_id uuid NOT NULL,
  source text,
  -- null: the pool was full and the channel cannot open a group.
  community_id uuid,
  -- A hash of the address and browser: distinct visitors are counted without keeping either.
  visitor text NOT NULL,
  scanned_at timestamptz NOT NULL DEFAULT now(),
  -- Set when a join claims the scan. Kept here (and in live_code_joins) so a routing decision reads the
  -- open reservations of a group from one partial index.
  joined_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, live_code_id) REFERENCES live_codes (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX live_code_scans_code_idx ON live_code_scans (workspace_id, live_code_id, scanned_at);
CREATE INDEX live_code_scans_open_idx ON live_code_scans (workspace_id, community_id, scanned_at) WHERE joined_at IS NULL;

-- A member.joined event whose data.liveCode names the live code: one row per event.
CREATE TABLE live_code_joins (
  workspace_id uuid NOT NULL,
  event_id text NOT NULL,
  live_code_id uuid NOT NULL,
  community_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- The scan the join claimed; null when none was open (the group's own QR passed on, say).
  scan_id uuid,
  source text,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, event_id),
  UNIQUE (workspace_id, scan_id),
  FOREIGN KEY (workspace_id, event_id) REFERENCES events (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, live_code_id) REFERENCES live_codes (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, scan_id) REFERENCES live_code_scans (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX live_code_joins_code_idx ON live_code_joins (workspace_id, live_code_id, joined_at);

SELECT shequn_guard_tenant_table(t)
FROM unnest(ARRAY['live_codes', 'live_code_communities', 'live_code_scans', 'live_code_joins']::regclass[]) t;
