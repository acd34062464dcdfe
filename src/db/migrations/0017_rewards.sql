-- The rewards catalogue (积分商城, docs/points.md "Rewards"): what points buy, with stock, and each
-- redemption with the spend that paid for it.

CREATE TABLE rewards (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('physical', 'virtual', 'coupon')),
  cost_points integer NOT NULL CHECK (cost_points >= 1),
  -- Units left; null: unlimited. The guarded decrement of this column is what keeps redemptions within stock.
  stock integer CHECK (stock IS NULL OR stock >= 0),
  per_member_limit integer CHECK (per_member_limit IS NULL OR per_member_limit >= 1),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE reward_redemptions (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reward_id uuid NOT NULL,
  member_id uuid NOT NULL,
  cost_points integer NOT NULL,
  spend_entry_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fulfilled', 'cancelled')),
  refund_entry_id uuid,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, reward_id) REFERENCES rewards (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, spend_entry_id) REFERENCES points_entries (workspace_id, id)
);
CREATE INDEX reward_redemptions_reward_idx ON reward_redemptions (workspace_id, reward_id, member_id);
CREATE INDEX reward_redemptions_recent_idx ON reward_redemptions (workspace_id, created_at DESC);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['rewards', 'reward_redemptions']::regclass[]) t;
