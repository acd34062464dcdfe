-- Flash sales (秒杀, docs/commerce.md "Flash sale"): time-boxed sessions selling SKUs at a sale price from
-- stock set aside for them. A hot SKU's sale stock is split over K bucket rows so concurrent buyers spread
-- over rows instead of queueing on one; per-member limits are a locked counter row. Money is integer cents.

CREATE TABLE flash_sale_sessions (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Units one member may buy in the session, over all its SKUs.
  per_member_limit integer NOT NULL CHECK (per_member_limit >= 1),
  enabled boolean NOT NULL DEFAULT true,
  -- Rows each SKU's sale stock is split over.
  bucket_count integer NOT NULL DEFAULT 8 CHECK (bucket_count BETWEEN 1 AND 64),
  -- Pre-heat (预热): one reminder to this group, remind_minutes_before the start.
  community_id uuid,
  reminder_text text,
  remind_minutes_before integer NOT NULL DEFAULT 60 CHECK (remind_minutes_before BETWEEN 1 AND 10080),
  reminded_at timestamptz,
  reminder_action_id uuid,
  reminder_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (ends_at > starts_at),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE SET NULL (community_id)
);
CREATE INDEX flash_sale_sessions_recent_idx ON flash_sale_sessions (workspace_id, starts_at DESC);
-- The reminder job reads only sessions still waiting for their reminder.
CREATE INDEX flash_sale_sessions_remind_idx ON flash_sale_sessions (starts_at) WHERE reminded_at IS NULL AND community_id IS NOT NULL;

-- A SKU on sale in a session: its sale price and the units set aside for it (taken from the SKU's stock).
CREATE TABLE flash_sale_items (
  workspace_id uuid NOT NULL,
  session_id uuid NOT NULL,
  sku_id uuid NOT NULL,
  position integer NOT NULL,
  sale_price_cents integer NOT NULL CHECK (sale_price_cents >= 0),
  sale_stock integer NOT NULL CHECK (sale_stock >= 1),
  PRIMARY KEY (workspace_id, session_id, sku_id),
  FOREIGN KEY (workspace_id, session_id) REFERENCES flash_sale_sessions (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, sku_id) REFERENCES product_skus (workspace_id, id)
);

-- The sale stock of an item split in rows; buyers take from one by a guarded decrement.
CREATE TABLE flash_sale_buckets (
  workspace_id uuid NOT NULL,
  session_id uuid NOT NULL,
  sku_id uuid NOT NULL,
  bucket_no integer NOT NULL,
  stock integer NOT NULL CHECK (stock >= 0),
  -- Refused admissions counted here (a random bucket), not on one session row, for the same reason.
  refused integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, session_id, sku_id, bucket_no),
  FOREIGN KEY (workspace_id, session_id, sku_id) REFERENCES flash_sale_items (workspace_id, session_id, sku_id) ON DELETE CASCADE
);

-- Units each member holds in a session: one guarded upsert (bought + q <= limit) under the row's lock.
CREATE TABLE flash_sale_member_counts (
  workspace_id uuid NOT NULL,
  session_id uuid NOT NULL,
  member_id uuid NOT NULL,
  bought integer NOT NULL CHECK (bought >= 0),
  PRIMARY KEY (workspace_id, session_id, member_id),
  FOREIGN KEY (workspace_id, session_id) REFERENCES flash_sale_sessions (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

-- One row per admitted buyer; the idempotency key makes a replay answer the first admission.
CREATE TABLE flash_sale_admissions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL,
  sku_id uuid NOT NULL,
  member_id uuid NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 1),
  bucket_no integer,
  order_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  -- returned: the order was cancelled unpaid and the units went back to the bucket.
  status text NOT NULL DEFAULT 'admitted' CHECK (status IN ('admitted', 'returned')),
  created_at timestamptz NOT NULL DEFAULT now(),
  returned_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, session_id, idempotency_key),
  FOREIGN KEY (workspace_id, session_id) REFERENCES flash_sale_sessions (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX flash_sale_admissions_order_idx ON flash_sale_admissions (workspace_id, order_id);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'flash_sale_sessions', 'flash_sale_items', 'flash_sale_buckets', 'flash_sale_member_counts', 'flash_sale_admissions']::regclass[]) t;
