-- Commerce core (docs/commerce.md): the catalogue (products and their SKUs with stock), orders with their
-- lines and state history, and payments and refunds through a provider. Money is integer cents.

CREATE TABLE products (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'on_sale' CHECK (status IN ('on_sale', 'off_sale')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX products_recent_idx ON products (workspace_id, created_at DESC);

CREATE TABLE product_skus (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  currency text NOT NULL DEFAULT 'CNY' CHECK (length(currency) = 3),
  -- Units left. Orders take them by a guarded decrement (stock >= quantity); the CHECK is the last word.
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX product_skus_product_idx ON product_skus (workspace_id, product_id);

-- One row per restock request: a replayed restock adds nothing more.
CREATE TABLE sku_restocks (
  workspace_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  sku_id uuid NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, sku_id) REFERENCES product_skus (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE commerce_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- An order still unpaid this long after it was placed is cancelled and its stock returned.
  unpaid_timeout_minutes integer NOT NULL DEFAULT 30 CHECK (unpaid_timeout_minutes BETWEEN 1 AND 10080),
  -- Signs the sandbox provider's notifications (HMAC-SHA256) unless SHEQUN_SANDBOX_PAY_SECRET is set.
  sandbox_secret text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'created'
    CHECK (status IN ('created', 'paid', 'fulfilled', 'completed', 'cancelled', 'refund_requested', 'refunded')),
  currency text NOT NULL DEFAULT 'CNY',
  subtotal_cents bigint NOT NULL DEFAULT 0 CHECK (subtotal_cents >= 0),
  discount_cents bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0 AND discount_cents <= subtotal_cents),
  total_cents bigint NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
  -- [{source, ref, amountCents}] as asked for by the caller (a coupon, a group-buy price...).
  discounts jsonb NOT NULL DEFAULT '[]',
  paid_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
  -- While a refund is pending: the status to go back to when it leaves part of the payment.
  status_before_refund text CHECK (status_before_refund IS NULL OR status_before_refund IN ('paid', 'fulfilled')),
  community_id uuid,
  campaign text,
  template_id uuid,
  variant text,
  distributor_id uuid,
  idempotency_key text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  CHECK (refunded_cents <= paid_cents),
  CHECK (paid_cents <= total_cents),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX orders_recent_idx ON orders (workspace_id, created_at DESC);
CREATE INDEX orders_member_idx ON orders (workspace_id, member_id, created_at DESC);
CREATE INDEX orders_community_idx ON orders (workspace_id, community_id, created_at DESC) WHERE community_id IS NOT NULL;
-- The expiry job reads only the unpaid orders past their time.
CREATE INDEX orders_unpaid_due_idx ON orders (expires_at) WHERE status = 'created';

CREATE TABLE order_lines (
  workspace_id uuid NOT NULL,
  order_id uuid NOT NULL,
  line_no integer NOT NULL,
  sku_id uuid NOT NULL,
  product_id uuid NOT NULL,
  -- Names and price as they were when the order was placed.
  product_name text NOT NULL,
  sku_name text NOT NULL,
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  quantity integer NOT NULL CHECK (quantity >= 1),
  line_cents bigint NOT NULL CHECK (line_cents >= 0),
  PRIMARY KEY (workspace_id, order_id, line_no),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, sku_id) REFERENCES product_skus (workspace_id, id)
);

-- The state history: one row per transition that took effect.
CREATE TABLE order_transitions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  amount_cents bigint,
  note text,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX order_transitions_order_idx ON order_transitions (workspace_id, order_id, at);

CREATE TABLE payments (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  provider text NOT NULL,
  -- The provider's transaction id: a notification finds its payment by it.
  provider_txn_id text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  failure text,
  pay_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, provider, provider_txn_id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX payments_order_idx ON payments (workspace_id, order_id, created_at);

CREATE TABLE refunds (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL,
  payment_id uuid NOT NULL,
  provider text NOT NULL,
  provider_refund_id text,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 1),
  reason text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, payment_id) REFERENCES payments (workspace_id, id)
);
CREATE INDEX refunds_order_idx ON refunds (workspace_id, order_id, created_at);
-- At most one refund in flight per order.
CREATE UNIQUE INDEX refunds_one_pending_idx ON refunds (workspace_id, order_id) WHERE status = 'pending';

-- Every provider notification once: a replay finds its row and changes nothing.
CREATE TABLE payment_notifications (
  workspace_id uuid NOT NULL,
  provider text NOT NULL,
  notification_id text NOT NULL,
  kind text NOT NULL,
  body jsonb NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, provider, notification_id)
);

-- The sandbox provider's outgoing notifications, delivered asynchronously by the payments.sandbox job.
CREATE TABLE sandbox_payment_outbox (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  body text NOT NULL,
  signature text NOT NULL,
  delivered_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX sandbox_payment_outbox_due_idx ON sandbox_payment_outbox (created_at) WHERE delivered_at IS NULL;

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'products', 'product_skus', 'sku_restocks', 'commerce_settings', 'orders', 'order_lines', 'order_transitions',
  'payments', 'refunds', 'payment_notifications', 'sandbox_payment_outbox']::regclass[]) t;
