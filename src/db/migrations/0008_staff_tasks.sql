-- Staff tasks: work that needs a person (a one-to-one chat with a lurker, a care call, a send the platform
-- makes a person confirm, an alert). See docs/automation.md, "Staff tasks and assisted delivery".
CREATE TABLE staff_tasks (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- A rule that fires twice, or an outbox action delivered twice, answers the same task.
  idempotency_key text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('private_chat', 'care', 'confirm_send', 'alert', 'custom')),
  title text NOT NULL,
  -- The content ready to copy into the chat app.
  body text NOT NULL DEFAULT '',
  media jsonb NOT NULL DEFAULT '[]',
  community_id uuid,
  member_id uuid,
  -- null: unassigned, offered to every operator.
  assignee_id uuid,
  due_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
  -- Who closed the task (done or dismissed), when, and what they noted.
  closed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  closed_at timestamptz,
  note text,
  action_id uuid,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, idempotency_key),
  CHECK ((status = 'open') = (closed_at IS NULL)),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, member_id) REFERENCES members (workspace_id, id) ON DELETE CASCADE,
  -- A staff member who leaves hands their open tasks back to the pool rather than taking them along.
  FOREIGN KEY (workspace_id, assignee_id) REFERENCES staff (workspace_id, user_id) ON DELETE SET NULL (assignee_id),
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE SET NULL (action_id)
);
-- The today page: one person's (or nobody's) open tasks by due time.
CREATE INDEX staff_tasks_open_idx ON staff_tasks (workspace_id, assignee_id, due_at) WHERE status = 'open';
CREATE INDEX staff_tasks_due_idx ON staff_tasks (workspace_id, due_at);
CREATE INDEX staff_tasks_action_idx ON staff_tasks (workspace_id, action_id) WHERE action_id IS NOT NULL;

SELECT shequn_guard_tenant_table('staff_tasks');

-- An action handed to a person (assisted delivery) waits for them in its own status: 'pending' or
-- 'sending' would make the worker claim it again, 'sent' would date the send before anyone sent it, and
-- 'failed' would read as a fault. Completing its task makes it 'sent', dismissing it 'cancelled'.
ALTER TABLE actions DROP CONSTRAINT actions_status_check;
ALTER TABLE actions ADD CONSTRAINT actions_status_check
  CHECK (status IN ('pending', 'sending', 'awaiting_staff', 'sent', 'failed', 'cancelled'));
