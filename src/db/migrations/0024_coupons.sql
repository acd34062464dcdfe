-- Coupons (docs/commerce.md "Coupons"): templates an operator defines, the units members claim, and the
-- order each claim was spent on.

CREATE TABLE coupons (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- fixed: amount off (optionally above a minimum spend); percentage: percent off with an optional cap;
  -- threshold (满减): spend at least min_spend_cents, take amount_off_cents off; no_threshold (无门槛): amount off any order.
  kind text NOT NULL CHECK (kind IN ('fixed', 'percentage', 'threshold', 'no_threshold')),
  amount_off_cents integer CHECK (amount_off_cents IS NULL OR amount_off_cents >= 1),
  percent_off integer CHECK (percent_off IS NULL OR percent_off BETWEEN 1 AND 99),
  max_discount_cents integer CHECK (max_discount_cents IS NULL OR max_discount_cents >= 1),
  min_spend_cents integer NOT NULL DEFAULT 0 CHECK (min_spend_cents >= 0),
  -- Validity: an absolute window (valid_from to valid_until), or valid_days from each claim.
  valid_from timestamptz,
  valid_until timestamptz,
  valid_days integer CHECK (valid_days IS NULL OR valid_days >= 1),
  -- Units that may be claimed; null: unlimited. The guarded increment of claimed is what keeps claims within it.
  total_limit integer CHECK (total_limit IS NULL OR total_limit >= 0),
  claimed integer NOT NULL DEFAULT 0 CHECK (claimed >= 0),
  per_member_limit integer CHECK (per_member_limit IS NULL OR per_member_limit >= 1),
  enabled boolean NOT NULL DEFAULT true,
  -- An order cancelled before payment gives a still-valid claim back to its member when true.
  return_on_cancel boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (total_limit IS NULL OR claimed <= total_limit),
  CHECK ((kind = 'percentage') = (percent_off IS NOT NULL)),
  CHECK ((kind = 'percentage') = (amount_off_cents IS NULL)),
  CHECK (kind = 'percentage' OR max_discount_cents IS NULL),
  CHECK (kind <> 'threshold' OR min_spend_cents >= 1),
  CHECK (kind <> 'no_threshold' OR min_spend_cents = 0),
  CHECK ((valid_days IS NULL) = (valid_from IS NOT NULL AND valid_until IS NOT NULL AND valid_until > valid_from)),
  CHECK (valid_days IS NULL OR (valid_from IS NULL AND valid_until IS NULL))
);

CREATE TABLE coupon_claims (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  coupon_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- The member's nth claim of this coupon: the unique slot that keeps concurrent claims within the per-member limit.
  seq integer NOT NULL CHECK (seq >= 1),
  code text NOT NULL,
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'used')),
  valid_from timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('member', 'operator', 'message')),
  granted_by uuid,
  idempotency_key text NOT NULL,
  used_order_id uuid,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  UNIQUE (workspace_id, coupon_id, member_id, seq),
  UNIQUE (workspace_id, code),
  CHECK ((status = 'used') = (used_order_id IS NOT NULL)),
  FOREIGN KEY (workspace_id, coupon_id) REFERENCES coupons (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX coupon_claims_member_idx ON coupon_claims (workspace_id, member_id, created_at DESC);
CREATE INDEX coupon_claims_coupon_idx ON coupon_claims (workspace_id, coupon_id, created_at DESC);

-- One row per order that used a coupon: the unique order id is what allows at most one coupon per order.
CREATE TABLE coupon_redemptions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  claim_id uuid NOT NULL,
  order_id uuid NOT NULL,
  subtotal_cents integer NOT NULL CHECK (subtotal_cents >= 0),
  discount_cents integer NOT NULL CHECK (discount_cents >= 0 AND discount_cents <= subtotal_cents),
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'released')),
  release_reason text CHECK (release_reason IS NULL OR release_reason IN ('cancelled', 'refunded')),
  -- Whether the release gave the claim back to the member.
  returned boolean,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, order_id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, claim_id) REFERENCES coupon_claims (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX coupon_redemptions_claim_idx ON coupon_redemptions (workspace_id, claim_id);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['coupons', 'coupon_claims', 'coupon_redemptions']::regclass[]) t;
