-- Community group-buy leaders (社区团购 团长, docs/commerce.md "Group leaders"): the member who runs a
-- community's pickup point, the orders of that community attributed to them at payment (with the pickup point
-- as it was then), and the leader-commission ledger. Money is integer cents. A leader's balances live on its
-- row, and every change to them takes that row's lock.

CREATE TABLE group_leaders (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  community_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  -- Basis points of the paid amount: 1000 = 10 %, at most 30 %.
  commission_bps integer NOT NULL CHECK (commission_bps BETWEEN 0 AND 3000),
  pickup_name text NOT NULL,
  pickup_address text NOT NULL,
  pickup_phone text NOT NULL,
  pickup_hours text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  frozen_cents bigint NOT NULL DEFAULT 0 CHECK (frozen_cents >= 0),
  available_cents bigint NOT NULL DEFAULT 0 CHECK (available_cents >= 0),
  -- Everything refunds took back, frozen or released.
  reversed_cents bigint NOT NULL DEFAULT 0 CHECK (reversed_cents >= 0),
  appointed_at timestamptz NOT NULL DEFAULT now(),
  appointed_by text,
  suspended_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, community_id, member_id),
  CHECK ((status = 'suspended') = (suspended_at IS NOT NULL)),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
-- One active leader per community: the one a paid order of that community is attributed to.
CREATE UNIQUE INDEX group_leaders_one_active_idx ON group_leaders (workspace_id, community_id) WHERE status = 'active';
CREATE INDEX group_leaders_recent_idx ON group_leaders (workspace_id, appointed_at DESC);

-- The orders a leader collected, once per order, with the pickup point and rate as they were at payment.
CREATE TABLE leader_orders (
  workspace_id uuid NOT NULL,
  order_id uuid NOT NULL,
  leader_id uuid NOT NULL,
  community_id uuid NOT NULL,
  buyer_member_id uuid NOT NULL,
  paid_cents bigint NOT NULL CHECK (paid_cents >= 0),
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND paid_cents),
  commission_bps integer NOT NULL,
  commission_cents bigint NOT NULL DEFAULT 0 CHECK (commission_cents >= 0),
  reversed_cents bigint NOT NULL DEFAULT 0 CHECK (reversed_cents BETWEEN 0 AND commission_cents),
  pickup_name text NOT NULL,
  pickup_address text NOT NULL,
  pickup_phone text NOT NULL,
  pickup_hours text NOT NULL,
  paid_at timestamptz NOT NULL,
  handed_over_at timestamptz,
  handed_over_by text,
  PRIMARY KEY (workspace_id, order_id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, leader_id) REFERENCES group_leaders (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX leader_orders_leader_idx ON leader_orders (workspace_id, leader_id, paid_at DESC);

-- The ledger. A commission row is positive; a reversal row is negative and names the refund it came from.
CREATE TABLE leader_commissions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  leader_id uuid NOT NULL,
  order_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('commission', 'reversal')),
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
  status text NOT NULL CHECK (status IN ('frozen', 'available')),
  release_at timestamptz NOT NULL,
  released_at timestamptz,
  refund_id uuid,
  -- leader:<orderId> for the commission, leader-reversal:<refundId> for a reversal.
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  CHECK ((kind = 'commission') = (amount_cents > 0)),
  CHECK ((kind = 'reversal') = (refund_id IS NOT NULL)),
  FOREIGN KEY (workspace_id, leader_id) REFERENCES group_leaders (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, order_id) REFERENCES leader_orders (workspace_id, order_id) ON DELETE CASCADE
);
CREATE INDEX leader_commissions_order_idx ON leader_commissions (workspace_id, order_id);
CREATE INDEX leader_commissions_due_idx ON leader_commissions (release_at) WHERE status = 'frozen';

-- One row per succeeded refund of a collected order: a refund seen twice reverses nothing more.
CREATE TABLE leader_refunds (
  workspace_id uuid NOT NULL,
  refund_id uuid NOT NULL,
  order_id uuid NOT NULL,
  refund_cents bigint NOT NULL,
  reversed_cents bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, refund_id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES leader_orders (workspace_id, order_id) ON DELETE CASCADE
);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['group_leaders', 'leader_orders', 'leader_commissions', 'leader_refunds']::regclass[]) t;
