-- Distribution (分销, docs/commerce.md "Distribution"): distributors and their codes, which customer is bound
-- to which distributor, the commission ledger of paid orders (two tiers at most, never for recruiting), and
-- withdrawals. Money is integer cents. A distributor's balances live on its row, and every change to them
-- takes that row's lock: the CHECKs are the last word on "never negative".

CREATE TABLE distribution_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- Basis points of the paid amount: 1000 = 10 %.
  tier1_bps integer NOT NULL DEFAULT 1000 CHECK (tier1_bps BETWEEN 0 AND 5000),
  tier2_bps integer NOT NULL DEFAULT 300 CHECK (tier2_bps BETWEEN 0 AND 5000),
  binding_rule text NOT NULL DEFAULT 'first_touch' CHECK (binding_rule IN ('first_touch', 'latest_touch')),
  -- first_touch: a binding holds this many days, and a later code does not rebind until then.
  binding_days integer NOT NULL DEFAULT 30 CHECK (binding_days BETWEEN 1 AND 3650),
  -- Commission stays frozen this many days after the order was paid (refunds inside it never reach a wallet).
  refund_window_days integer NOT NULL DEFAULT 7 CHECK (refund_window_days BETWEEN 0 AND 365),
  min_withdrawal_cents bigint NOT NULL DEFAULT 1000 CHECK (min_withdrawal_cents >= 1),
  -- Where a referral link lands; the code rides along as ?ref=CODE. null: codes only.
  landing_url text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE distributors (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  -- Given on approval; short and unique in the workspace.
  code text,
  -- The distributor who recruited this one. Commission follows it one step up, never further.
  upline_id uuid,
  reason text,
  note text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by uuid,
  frozen_cents bigint NOT NULL DEFAULT 0 CHECK (frozen_cents >= 0),
  available_cents bigint NOT NULL DEFAULT 0 CHECK (available_cents >= 0),
  -- Asked for and not yet paid out or returned.
  withdrawing_cents bigint NOT NULL DEFAULT 0 CHECK (withdrawing_cents >= 0),
  withdrawn_cents bigint NOT NULL DEFAULT 0 CHECK (withdrawn_cents >= 0),
  -- Reversals of released commission that the available balance could not cover; paid from the next releases.
  owed_cents bigint NOT NULL DEFAULT 0 CHECK (owed_cents >= 0),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, member_id),
  UNIQUE (workspace_id, code),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, upline_id) REFERENCES distributors (workspace_id, id),
  CHECK (upline_id IS NULL OR upline_id <> id),
  CHECK ((status = 'approved') = (code IS NOT NULL))
);
CREATE INDEX distributors_status_idx ON distributors (workspace_id, status, applied_at DESC);
CREATE INDEX distributors_upline_idx ON distributors (workspace_id, upline_id) WHERE upline_id IS NOT NULL;

-- One binding per customer: the distributor whose customer they are now.
CREATE TABLE distribution_bindings (
  workspace_id uuid NOT NULL,
  customer_member_id uuid NOT NULL,
  distributor_id uuid NOT NULL,
  code text NOT NULL,
  bound_at timestamptz NOT NULL,
  -- null: holds until a later code replaces it (latest_touch).
  expires_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_member_id),
  FOREIGN KEY (workspace_id, customer_member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, distributor_id) REFERENCES distributors (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX distribution_bindings_distributor_idx ON distribution_bindings (workspace_id, distributor_id, bound_at DESC);

-- Orders that paid commission, with what was refunded of them so far.
CREATE TABLE distribution_orders (
  workspace_id uuid NOT NULL,
  order_id text NOT NULL,
  customer_member_id uuid NOT NULL,
  paid_cents bigint NOT NULL CHECK (paid_cents > 0),
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents BETWEEN 0 AND paid_cents),
  paid_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, order_id)
);

-- The ledger. A commission row is positive; a reversal row is negative and names the commission it reverses.
CREATE TABLE distribution_commissions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  distributor_id uuid NOT NULL,
  order_id text NOT NULL,
  tier smallint NOT NULL CHECK (tier IN (1, 2)),
  kind text NOT NULL CHECK (kind IN ('commission', 'reversal')),
  amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
  base_cents bigint NOT NULL,
  rate_bps integer NOT NULL,
  status text NOT NULL CHECK (status IN ('frozen', 'available')),
  release_at timestamptz NOT NULL,
  released_at timestamptz,
  -- Commission rows: how much of them later refunds reversed.
  reversed_cents bigint NOT NULL DEFAULT 0 CHECK (reversed_cents >= 0),
  reverses_id uuid,
  event_id text,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, distributor_id) REFERENCES distributors (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, reverses_id) REFERENCES distribution_commissions (workspace_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'commission') = (amount_cents > 0)),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK (kind = 'reversal' OR reversed_cents <= amount_cents)
);
CREATE INDEX distribution_commissions_distributor_idx ON distribution_commissions (workspace_id, distributor_id, created_at DESC);
CREATE INDEX distribution_commissions_order_idx ON distribution_commissions (workspace_id, order_id);
CREATE INDEX distribution_commissions_due_idx ON distribution_commissions (release_at) WHERE status = 'frozen';

-- One row per refund event: a replayed refund finds it and reverses nothing more.
CREATE TABLE distribution_refunds (
  workspace_id uuid NOT NULL,
  event_id text NOT NULL,
  order_id text NOT NULL,
  refund_cents bigint NOT NULL,
  reversed_cents bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, event_id)
);

CREATE TABLE distribution_withdrawals (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  distributor_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'paid', 'rejected')),
  reason text,
  idempotency_key text NOT NULL,
  requested_by uuid,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by uuid,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, distributor_id) REFERENCES distributors (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX distribution_withdrawals_status_idx ON distribution_withdrawals (workspace_id, status, requested_at DESC);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'distribution_settings', 'distributors', 'distribution_bindings', 'distribution_orders', 'distribution_commissions',
  'distribution_refunds', 'distribution_withdrawals']::regclass[]) t;
