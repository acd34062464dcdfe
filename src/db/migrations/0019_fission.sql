-- Fission campaigns (任务宝 / 群裂变, docs/growth.md "Fission campaigns"): a member shares a personal poster,
-- friends scan its QR (the campaign's live code with the member's own source) and join; each friend new to
-- the workspace who is still in the group after the hold time is a qualified invite, and N of them earn the
-- reward.

CREATE TABLE fission_campaigns (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'ended')),
  starts_at timestamptz,
  ends_at timestamptz,
  -- The live code newcomers scan. No cascade: a live code a campaign uses cannot be deleted under it.
  live_code_id uuid NOT NULL,
  goal integer NOT NULL CHECK (goal BETWEEN 1 AND 1000),
  hold_hours integer NOT NULL CHECK (hold_hours BETWEEN 0 AND 720),
  reward_kind text NOT NULL CHECK (reward_kind IN ('none', 'points', 'reward')),
  reward_points integer CHECK (reward_points IS NULL OR reward_points >= 1),
  reward_id uuid,
  -- What one catalogue reward costs the brand, for cost per qualified member in money; null: count its points.
  reward_cost_cents integer CHECK (reward_cost_cents IS NULL OR reward_cost_cents >= 0),
  vip_community_id uuid,
  -- {background, accent, title, subtitle}: the art every participant's poster shares.
  poster jsonb NOT NULL,
  -- {progress, completed}: the private messages to the inviter.
  messages jsonb NOT NULL,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at),
  FOREIGN KEY (workspace_id, live_code_id) REFERENCES live_codes (workspace_id, id),
  FOREIGN KEY (workspace_id, reward_id) REFERENCES rewards (workspace_id, id),
  -- A VIP group that goes away leaves the campaign without one, not undeletable.
  FOREIGN KEY (workspace_id, vip_community_id) REFERENCES communities (workspace_id, id) ON DELETE SET NULL (vip_community_id)
);
CREATE UNIQUE INDEX fission_campaigns_name_idx ON fission_campaigns (workspace_id, lower(name));
CREATE INDEX fission_campaigns_live_code_idx ON fission_campaigns (workspace_id, live_code_id);

CREATE TABLE fission_participants (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- The live-code source of this member's QR ("fx-" and random characters): unique in the workspace, so a
  -- scan or a join under it belongs to exactly one inviter of one campaign.
  source text NOT NULL,
  joined_at timestamptz NOT NULL,
  -- Kept here (not counted on read) so the row lock that increments it also serialises completion.
  qualified integer NOT NULL DEFAULT 0 CHECK (qualified >= 0),
  completed_at timestamptz,
  reward_status text NOT NULL DEFAULT 'none' CHECK (reward_status IN ('none', 'paid', 'out_of_stock', 'refused')),
  -- The points entry or the reward redemption that paid the reward, and its cost in points.
  reward_ref uuid,
  reward_cost integer,
  reward_note text,
  vip_action_id uuid,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, campaign_id, member_id),
  UNIQUE (workspace_id, source),
  FOREIGN KEY (workspace_id, campaign_id) REFERENCES fission_campaigns (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX fission_participants_board_idx ON fission_participants (workspace_id, campaign_id, qualified DESC);

-- One row per friend who joined through an inviter's code: pending until the hold time passes, then
-- qualified or void. A friend counts for one inviter of a campaign at most (the first join).
CREATE TABLE fission_invites (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  invitee_member_id uuid NOT NULL,
  community_id uuid NOT NULL,
  event_id text NOT NULL,
  joined_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'qualified', 'void')),
  void_reason text CHECK (void_reason IN ('self', 'not_new', 'left', 'ended')),
  settled_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, campaign_id, invitee_member_id),
  FOREIGN KEY (workspace_id, participant_id) REFERENCES fission_participants (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, invitee_member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX fission_invites_due_idx ON fission_invites (due_at) WHERE status = 'pending';
CREATE INDEX fission_invites_invitee_idx ON fission_invites (workspace_id, invitee_member_id, community_id) WHERE status = 'pending';
CREATE INDEX fission_invites_participant_idx ON fission_invites (workspace_id, participant_id, status);

-- Posters made for a participant ('generated') and opened or saved to share ('shared'), for the funnel.
CREATE TABLE fission_poster_events (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  participant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('generated', 'shared')),
  at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, participant_id) REFERENCES fission_participants (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX fission_poster_events_participant_idx ON fission_poster_events (workspace_id, participant_id, kind);

SELECT shequn_guard_tenant_table(t)
FROM unnest(ARRAY['fission_campaigns', 'fission_participants', 'fission_invites', 'fission_poster_events']::regclass[]) t;
