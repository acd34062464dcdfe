-- Points an order earned, so that refunding it takes its share back (docs/points.md, "Refunds").

CREATE TABLE points_order_earnings (
  workspace_id uuid NOT NULL,
  order_id text NOT NULL,
  member_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  paid_cents bigint NOT NULL CHECK (paid_cents > 0),
  points integer NOT NULL CHECK (points > 0),
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND paid_cents),
  clawed_back integer NOT NULL DEFAULT 0 CHECK (clawed_back >= 0),
  -- Owed back but already spent when the refund came: a balance never goes negative, so these stay with the
  -- member, and operators see them.
  unrecovered integer NOT NULL DEFAULT 0 CHECK (unrecovered >= 0),
  CHECK (clawed_back + unrecovered <= points),
  PRIMARY KEY (workspace_id, order_id),
  FOREIGN KEY (workspace_id, entry_id) REFERENCES points_entries (workspace_id, id) ON DELETE CASCADE
);

-- One row per refund event: a replayed refund finds its row and takes nothing more.
CREATE TABLE points_order_refunds (
  workspace_id uuid NOT NULL,
  event_id text NOT NULL,
  order_id text NOT NULL,
  refund_cents bigint NOT NULL,
  clawed_back integer NOT NULL DEFAULT 0,
  unrecovered integer NOT NULL DEFAULT 0,
  entry_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, event_id)
);

SELECT shequn_guard_tenant_table(t)
FROM unnest(ARRAY['points_order_earnings', 'points_order_refunds']::regclass[]) t;
