-- Group-buy (拼团, docs/commerce.md "Group-buy"): deals an operator defines, the groups members open, and
-- who sits in each group with the order they placed. No row is ever made up: a group is exactly the members
-- who opened or joined it.

CREATE TABLE group_buy_deals (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  sku_id uuid NOT NULL,
  -- Members a group needs, the opener included, all paid, for it to succeed.
  group_size integer NOT NULL CHECK (group_size BETWEEN 2 AND 100),
  -- A group opened now stays open this long; short of its size at the end, it fails and everyone is refunded.
  window_hours integer NOT NULL CHECK (window_hours BETWEEN 1 AND 720),
  group_price_cents integer NOT NULL CHECK (group_price_cents >= 0),
  enabled boolean NOT NULL DEFAULT true,
  -- Groups can be opened from valid_from until valid_until (either end open when null).
  valid_from timestamptz,
  valid_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until > valid_from),
  FOREIGN KEY (workspace_id, sku_id) REFERENCES product_skus (workspace_id, id) ON DELETE RESTRICT
);

CREATE TABLE group_buy_groups (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  deal_id uuid NOT NULL,
  opener_member_id uuid NOT NULL,
  -- The deal's terms when the group was opened: later edits of the deal do not change a running group.
  sku_id uuid NOT NULL,
  size integer NOT NULL CHECK (size >= 2),
  group_price_cents integer NOT NULL CHECK (group_price_cents >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'succeeded', 'failed')),
  -- Seats held by members (the guarded increment `where seats_taken < size` is what keeps a group within its size).
  seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
  -- Members whose order was paid while the group was open; it succeeds when this reaches size.
  paid_count integer NOT NULL DEFAULT 0 CHECK (paid_count >= 0),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  succeeded_at timestamptz,
  failed_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  CHECK (seats_taken <= size),
  CHECK (paid_count <= seats_taken),
  CHECK ((status = 'succeeded') = (succeeded_at IS NOT NULL)),
  CHECK ((status = 'failed') = (failed_at IS NOT NULL)),
  FOREIGN KEY (workspace_id, deal_id) REFERENCES group_buy_deals (workspace_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (workspace_id, sku_id) REFERENCES product_skus (workspace_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (workspace_id, opener_member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX group_buy_groups_deal_idx ON group_buy_groups (workspace_id, deal_id, created_at DESC);
-- The expiry job reads only open groups by their end.
CREATE INDEX group_buy_groups_due_idx ON group_buy_groups (expires_at) WHERE status = 'open';

CREATE TABLE group_buy_members (
  workspace_id uuid NOT NULL,
  group_id uuid NOT NULL,
  member_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('opener', 'joiner')),
  order_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  -- The member's order was cancelled unpaid (its unpaid timeout, or staff) while the group was open: the seat
  -- went back to the group for someone else; the member stays listed and cannot join this group again.
  released_at timestamptz,
  -- After a group failed, what was done to this member's order, once: refunded, cancelled (unpaid) or
  -- nothing (it was cancelled or refunded already). Null while not settled.
  settlement text CHECK (settlement IS NULL OR settlement IN ('refunded', 'cancelled', 'nothing')),
  refund_id uuid,
  settled_at timestamptz,
  PRIMARY KEY (workspace_id, group_id, member_id),
  UNIQUE (workspace_id, order_id),
  UNIQUE (workspace_id, idempotency_key),
  CHECK ((settlement IS NULL) = (settled_at IS NULL)),
  CHECK (released_at IS NULL OR paid_at IS NULL),
  FOREIGN KEY (workspace_id, group_id) REFERENCES group_buy_groups (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);
-- The expiry job's second half reads only members of failed groups not settled yet.
CREATE INDEX group_buy_members_unsettled_idx ON group_buy_members (workspace_id, group_id) WHERE settled_at IS NULL;

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['group_buy_deals', 'group_buy_groups', 'group_buy_members']::regclass[]) t;
