-- Check-in (签到打卡) and leaderboards (docs/growth.md, "Check-in" and "Leaderboards"). Points are not kept
-- here: check-in points, milestone points and leaderboard prizes are postings in the loyalty ledger (0014),
-- made with idempotency keys derived from these rows.

CREATE TABLE check_in_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  keywords text[] NOT NULL,
  reset_period text NOT NULL CHECK (reset_period IN ('none', 'weekly', 'monthly')),
  reply_enabled boolean NOT NULL,
  -- [{days, points, cards}], validated by the contract (days unique, within the reset period's length).
  milestones jsonb NOT NULL,
  make_up_per_month integer NOT NULL CHECK (make_up_per_month BETWEEN 0 AND 31),
  make_up_max_days_back integer NOT NULL CHECK (make_up_max_days_back BETWEEN 1 AND 31),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

CREATE TABLE check_ins (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  -- The workspace-local calendar day the check-in counts for.
  day date NOT NULL,
  -- When it happened; for a make-up, when the card was used (the day is in the past).
  checked_in_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('keyword', 'button', 'import', 'event', 'make_up')),
  community_id uuid,
  -- The event that carried it (a keyword message, a member.checked_in), so a check-in can be traced back.
  event_id text,
  -- Points the check-in earned under the loyalty 'check_in' rule; null: none.
  points integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  -- The one-per-day rule itself: concurrent check-ins of one member on one day leave one row.
  UNIQUE (workspace_id, member_id, day),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE SET NULL (community_id)
);
-- The daily chart and the period leaderboards read a range of days.
CREATE INDEX check_ins_day_idx ON check_ins (workspace_id, day);
-- The monthly make-up allowance counts a member's make-ups by when they were made.
CREATE INDEX check_ins_make_up_idx ON check_ins (workspace_id, member_id, checked_in_at) WHERE source = 'make_up';

-- Make-up cards (补签卡) as a ledger: a balance is the sum of its member's rows, so every card given or used
-- has its reason and its idempotency key.
CREATE TABLE check_in_cards (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  delta integer NOT NULL CHECK (delta <> 0),
  reason text NOT NULL CHECK (reason IN ('milestone', 'operator', 'make_up')),
  check_in_id uuid,
  note text,
  idempotency_key text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, check_in_id) REFERENCES check_ins (workspace_id, id) ON DELETE SET NULL (check_in_id),
  CHECK ((reason = 'make_up') = (delta < 0))
);
CREATE INDEX check_in_cards_member_idx ON check_in_cards (workspace_id, member_id, created_at DESC);

-- A milestone reached by a streak. A streak has no id of its own (a make-up can join two), so a milestone is
-- one row per member, length and the day it was reached; a streak that already holds a row for the length
-- is not rewarded again (award-milestones.ts).
CREATE TABLE check_in_milestones (
  workspace_id uuid NOT NULL,
  member_id uuid NOT NULL,
  days integer NOT NULL CHECK (days >= 1),
  reached_on date NOT NULL,
  streak_start date NOT NULL,
  points integer NOT NULL CHECK (points >= 0),
  cards integer NOT NULL CHECK (cards >= 0),
  check_in_id uuid,
  awarded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, member_id, days, reached_on),
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, check_in_id) REFERENCES check_ins (workspace_id, id) ON DELETE SET NULL (check_in_id)
);

CREATE TABLE leaderboards (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  metric text NOT NULL CHECK (metric IN ('points_earned', 'check_in_days', 'messages')),
  period_kind text NOT NULL CHECK (period_kind IN ('monthly', 'custom')),
  -- Custom periods: local days, both inclusive.
  period_from date,
  period_to date,
  scope_kind text NOT NULL CHECK (scope_kind IN ('all', 'communities')),
  top_n integer NOT NULL CHECK (top_n BETWEEN 1 AND 100),
  -- Points per rank, rank 1 first; shorter than top_n: the ranks after it get none.
  rewards jsonb NOT NULL DEFAULT '[]',
  announce_community_id uuid,
  announce_text text,
  enabled boolean NOT NULL DEFAULT true,
  -- Periods that close after this instant are settled; a re-enabled board does not pay out the months it was off.
  enabled_since timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, announce_community_id) REFERENCES communities (workspace_id, id),
  CHECK ((period_kind = 'custom') = (period_from IS NOT NULL AND period_to IS NOT NULL)),
  CHECK (period_to IS NULL OR period_to >= period_from),
  CHECK ((announce_community_id IS NULL) = (announce_text IS NULL))
);

CREATE TABLE leaderboard_communities (
  workspace_id uuid NOT NULL,
  leaderboard_id uuid NOT NULL,
  community_id uuid NOT NULL,
  PRIMARY KEY (workspace_id, leaderboard_id, community_id),
  FOREIGN KEY (workspace_id, leaderboard_id) REFERENCES leaderboards (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);

-- One row per leaderboard and period: the unique key is what makes a settlement happen exactly once, even
-- with two workers running the job at the same moment.
CREATE TABLE leaderboard_settlements (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  leaderboard_id uuid NOT NULL,
  period text NOT NULL,
  from_day date NOT NULL,
  to_day date NOT NULL,
  metric text NOT NULL,
  ranked integer NOT NULL DEFAULT 0,
  announce_action_id uuid,
  announce_error text,
  settled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, leaderboard_id, period),
  FOREIGN KEY (workspace_id, leaderboard_id) REFERENCES leaderboards (workspace_id, id),
  FOREIGN KEY (workspace_id, announce_action_id) REFERENCES actions (workspace_id, id)
);
CREATE INDEX leaderboard_settlements_time_idx ON leaderboard_settlements (workspace_id, settled_at);

CREATE TABLE leaderboard_winners (
  workspace_id uuid NOT NULL,
  settlement_id uuid NOT NULL,
  rank integer NOT NULL CHECK (rank >= 1),
  member_id uuid NOT NULL,
  score integer NOT NULL,
  points integer NOT NULL DEFAULT 0 CHECK (points >= 0),
  points_entry_id uuid,
  PRIMARY KEY (workspace_id, settlement_id, rank),
  UNIQUE (workspace_id, settlement_id, member_id),
  FOREIGN KEY (workspace_id, settlement_id) REFERENCES leaderboard_settlements (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY[
  'check_in_settings', 'check_ins', 'check_in_cards', 'check_in_milestones',
  'leaderboards', 'leaderboard_communities', 'leaderboard_settlements', 'leaderboard_winners'
]::regclass[]) t;
