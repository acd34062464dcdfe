-- The daily marketing caps count sends handed to staff (docs/automation.md, "Caps" and "Assisted delivery").
-- An action in 'awaiting_staff' has no sent_at until a person confirms it, so until now it counted nowhere
-- while it waited (further sends to the same member or group went through) and then on the day it was
-- confirmed. The hand-over is when Shequn decided to send, under the cap, so that is the day it counts.

-- When the action was handed to a person; null for everything delivered by an adapter. Kept when the task
-- completes, so a confirmed send still counts on its hand-over day (once: it is one row).
ALTER TABLE actions ADD COLUMN handed_over_at timestamptz;

-- Sends still waiting for a person: handed over when their task was made (the same transaction). Sends
-- confirmed before this migration stay null and keep counting on their confirmation day, so no past or
-- present day's count drops at the upgrade and lets an extra send through. Runs as the owner, whose
-- owner_bypass policy (0001) sees every workspace; actions keeps its row-level security untouched.
UPDATE actions a SET handed_over_at = t.created_at
FROM staff_tasks t
WHERE a.status = 'awaiting_staff' AND t.workspace_id = a.workspace_id AND t.action_id = a.id
  AND t.idempotency_key = 'action:' || a.id::text;

-- 0006's partial indexes still count what adapters sent (status 'sent', by sent_at); these count the
-- hand-overs (by handed_over_at), and only they are in them. Two ranges rather than one index on
-- coalesce(handed_over_at, sent_at): under row-level security a comparison on an expression is not leakproof,
-- so PostgreSQL would not use it as an index condition and would read the group's whole outbox history.
-- The predicates are repeated word for word in src/modules/automation/guardrails/count-sent-today.ts.
CREATE INDEX actions_handed_over_private_idx ON actions (workspace_id, member_id, handed_over_at)
  WHERE handed_over_at IS NOT NULL AND status IN ('sent', 'awaiting_staff') AND kind = 'send_private' AND payload @> '{"automated": true}';
CREATE INDEX actions_handed_over_group_idx ON actions (workspace_id, community_id, handed_over_at)
  WHERE handed_over_at IS NOT NULL AND status IN ('sent', 'awaiting_staff') AND kind = 'send_group' AND payload @> '{"automated": true}';
