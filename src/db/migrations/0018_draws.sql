-- Lucky draws (抽奖, docs/growth.md "Lucky draws"): prizes with weights and stock, one draw per eligibility
-- unit, an append-only audit trail and a commit-reveal seed so members can check every outcome.

CREATE TABLE draws (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- The eligibility unit: 'draw' once per member per draw, 'day' once per member per workspace-local day.
  unit text NOT NULL CHECK (unit IN ('draw', 'day')),
  points_cost integer NOT NULL DEFAULT 0 CHECK (points_cost >= 0),
  min_check_in_days integer NOT NULL DEFAULT 0 CHECK (min_check_in_days >= 0),
  -- An analytics segment name (lifecycle:active, role:core, level:3...); null: every member.
  segment text,
  -- Set when the draw opens: the secret seed (hex of 32 random bytes) and its SHA-256 commitment, which is
  -- published at once. The seed is only answered once the draw is closed.
  server_seed text,
  seed_commitment text,
  opened_at timestamptz,
  closed_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'draft') = (server_seed IS NULL) AND (server_seed IS NULL) = (seed_commitment IS NULL))
);
-- The close job reads open draws whose window has ended.
CREATE INDEX draws_open_ends_idx ON draws (ends_at) WHERE status = 'open';

CREATE TABLE draw_prizes (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  draw_id uuid NOT NULL,
  -- The order prizes are laid out on the roll's number line; part of every entry's snapshot.
  position integer NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('points', 'reward', 'physical', 'thanks')),
  points integer CHECK (points IS NULL OR points >= 1),
  -- A reward of the catalogue (loyalty/rewards), checked through its verb when the draw is saved.
  reward_id uuid,
  weight integer NOT NULL CHECK (weight >= 1),
  -- Units left; null: unlimited. The guarded decrement of this column keeps awards within stock.
  stock integer CHECK (stock IS NULL OR stock >= 0),
  initial_stock integer,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, draw_id, position),
  FOREIGN KEY (workspace_id, draw_id) REFERENCES draws (workspace_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'points') = (points IS NOT NULL)),
  CHECK ((kind = 'reward') = (reward_id IS NOT NULL)),
  CHECK (kind <> 'thanks' OR stock IS NULL),
  CHECK (kind NOT IN ('reward', 'physical') OR stock IS NOT NULL)
);

-- One row per eligibility unit a member used: the primary key is the "at most one draw per unit" rule, so
-- concurrent draws of one member in one unit leave one row. Claimed first in the drawing transaction.
CREATE TABLE draw_units (
  workspace_id uuid NOT NULL,
  draw_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- 'draw' for once-per-draw, the local day (YYYY-MM-DD) for once-per-day.
  unit_key text NOT NULL,
  idempotency_key text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, draw_id, member_id, unit_key),
  UNIQUE (workspace_id, draw_id, idempotency_key),
  FOREIGN KEY (workspace_id, draw_id) REFERENCES draws (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

-- The audit trail: one row per draw, never changed (the app role may only insert and read it).
CREATE TABLE draw_entries (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL,
  draw_id uuid NOT NULL,
  member_id uuid NOT NULL,
  unit_key text NOT NULL,
  idempotency_key text NOT NULL,
  -- The final roll, in [0, the total weight of the prizes available at that moment).
  roll integer NOT NULL,
  prize_id uuid NOT NULL,
  prize_name text NOT NULL,
  prize_kind text NOT NULL,
  -- [{prizes: [{id, name, kind, weight}], total, roll, prizeId, taken}]: every pick, with the prizes and
  -- weights available at its moment; more than one when a picked prize's last unit went meanwhile.
  snapshot jsonb NOT NULL,
  points_cost integer NOT NULL,
  -- The loyalty postings: the spend that paid for the draw, and the earn of a points prize.
  spend_entry_id uuid,
  prize_entry_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, draw_id, member_id, unit_key),
  FOREIGN KEY (workspace_id, draw_id, member_id, unit_key) REFERENCES draw_units (workspace_id, draw_id, member_id, unit_key) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, prize_id) REFERENCES draw_prizes (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX draw_entries_draw_idx ON draw_entries (workspace_id, draw_id, created_at DESC);
CREATE INDEX draw_entries_member_idx ON draw_entries (workspace_id, member_id, created_at DESC);

-- A reward or physical prize won, to be handed out: the mutable side of an entry (the entry stays as drawn).
CREATE TABLE draw_awards (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  entry_id uuid NOT NULL,
  draw_id uuid NOT NULL,
  member_id uuid NOT NULL,
  prize_id uuid NOT NULL,
  reward_id uuid,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fulfilled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  fulfilled_at timestamptz,
  fulfilled_by uuid,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, entry_id),
  FOREIGN KEY (workspace_id, entry_id) REFERENCES draw_entries (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX draw_awards_draw_idx ON draw_awards (workspace_id, draw_id, status);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['draws', 'draw_prizes', 'draw_units', 'draw_entries', 'draw_awards']::regclass[]) t;
-- Append-only for the application: an audit row is written once.
REVOKE UPDATE, DELETE ON draw_entries FROM shequn_app;
