-- Points (docs/growth.md, "Points"). Every change of a balance is an entry with an
-- idempotency key; a balance is the sum of its entries and is also kept on the account row, whose CHECK is
-- the last word on "never negative". Earned points sit in lots that spends and expiry consume oldest first.

CREATE TABLE points_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- null: points never expire.
  expiry_days integer CHECK (expiry_days IS NULL OR expiry_days BETWEEN 1 AND 3650),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE points_earn_rules (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  activity text NOT NULL CHECK (activity IN ('check_in', 'message', 'invite', 'order')),
  -- Per occurrence; for orders, per whole yuan paid.
  points integer NOT NULL CHECK (points BETWEEN 1 AND 100000),
  -- Points from this activity per member per local day; null: no cap.
  daily_cap integer CHECK (daily_cap IS NULL OR daily_cap >= 1),
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, activity)
);

CREATE TABLE points_accounts (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  balance integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, member_id),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE points_entries (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  -- Positive: earned (a lot is opened); negative: spent or expired (lots are consumed).
  amount integer NOT NULL CHECK (amount <> 0),
  kind text NOT NULL CHECK (kind IN ('earn', 'spend', 'expire')),
  reason text NOT NULL,
  -- Set on points from an earn rule, so the daily cap is one indexed sum.
  activity text,
  local_day date,
  note text,
  idempotency_key text NOT NULL,
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, member_id) REFERENCES points_accounts (workspace_id, member_id) ON DELETE CASCADE,
  CHECK ((kind = 'earn') = (amount > 0))
);
CREATE INDEX points_entries_member_idx ON points_entries (workspace_id, member_id, created_at DESC);
CREATE INDEX points_entries_activity_idx ON points_entries (workspace_id, member_id, activity, local_day) WHERE activity IS NOT NULL;
CREATE INDEX points_entries_earned_idx ON points_entries (workspace_id, created_at) WHERE kind = 'earn';

CREATE TABLE points_lots (
  workspace_id uuid NOT NULL,
  -- The earn entry that opened the lot.
  entry_id uuid NOT NULL,
  member_id uuid NOT NULL,
  earned_at timestamptz NOT NULL,
  expires_at timestamptz,
  remaining integer NOT NULL CHECK (remaining >= 0),
  PRIMARY KEY (workspace_id, entry_id),
  FOREIGN KEY (workspace_id, entry_id) REFERENCES points_entries (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX points_lots_open_idx ON points_lots (workspace_id, member_id, expires_at, earned_at) WHERE remaining > 0;
CREATE INDEX points_lots_expiring_idx ON points_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

-- Which lots a spend or an expiry took from, so a refund knows what it gives back and an audit adds up.
CREATE TABLE points_lot_uses (
  workspace_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  lot_entry_id uuid NOT NULL,
  amount integer NOT NULL CHECK (amount > 0),
  PRIMARY KEY (workspace_id, entry_id, lot_entry_id),
  FOREIGN KEY (workspace_id, entry_id) REFERENCES points_entries (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, lot_entry_id) REFERENCES points_lots (workspace_id, entry_id) ON DELETE CASCADE
);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'points_settings', 'points_earn_rules', 'points_accounts', 'points_entries', 'points_lots', 'points_lot_uses'
]::regclass[]) t;
