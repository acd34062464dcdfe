-- SOP plans (docs/automation.md, "SOP plans"): a plan's timeline of steps, the communities it is attached
-- to (one by one and/or by community type), and one target per (step, community) carrying when that step
-- next fires there. The scheduler tick reads only targets whose next_run_at has come.
CREATE TABLE sop_plans (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- Every community of these types, now and later (a new group of the type is picked up by the tick).
  community_types text[] NOT NULL DEFAULT '{}' CHECK (community_types <@ ARRAY['basic', 'vip', 'distribution']::text[]),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX sop_plans_name_key ON sop_plans (workspace_id, lower(name));

CREATE TABLE sop_plan_communities (
  workspace_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  community_id uuid NOT NULL,
  PRIMARY KEY (workspace_id, plan_id, community_id),
  FOREIGN KEY (workspace_id, plan_id) REFERENCES sop_plans (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX sop_plan_communities_community_idx ON sop_plan_communities (workspace_id, community_id);

CREATE TABLE sop_steps (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  position integer NOT NULL,
  label text NOT NULL DEFAULT '',
  -- Local "HH:MM" in the workspace time zone.
  time_of_day text NOT NULL CHECK (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  -- {"kind":"daily"} | {"kind":"weekdays","days":[1..7]} | {"kind":"dates","dates":["YYYY-MM-DD"]} | {"kind":"after_open","days":[N]}
  recurrence jsonb NOT NULL,
  template_id uuid NOT NULL,
  class text NOT NULL DEFAULT 'marketing' CHECK (class IN ('marketing', 'service')),
  ends_on date,
  PRIMARY KEY (workspace_id, id),
  -- No foreign key to message_templates: the templates module may delete a never-sent template without
  -- knowing about plans; a step whose template is gone (or archived) is refused at each occurrence, which
  -- the calendar shows, instead of the deletion failing.
  FOREIGN KEY (workspace_id, plan_id) REFERENCES sop_plans (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX sop_steps_plan_idx ON sop_steps (workspace_id, plan_id, position);

CREATE TABLE sop_targets (
  workspace_id uuid NOT NULL,
  step_id uuid NOT NULL,
  community_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  -- The next occurrence still owed; null once the step has no more (dates passed, end date reached).
  next_run_at timestamptz,
  PRIMARY KEY (workspace_id, step_id, community_id),
  FOREIGN KEY (workspace_id, step_id) REFERENCES sop_steps (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);
-- The tick's only way in: a range scan over due rows. Not-due and finished targets are never read.
CREATE INDEX sop_targets_due_idx ON sop_targets (next_run_at) WHERE next_run_at IS NOT NULL;
CREATE INDEX sop_targets_community_idx ON sop_targets (workspace_id, community_id);
CREATE INDEX sop_targets_plan_idx ON sop_targets (workspace_id, plan_id);

-- What became of each occurrence the tick reached: the action it queued, or why it queued none.
-- The calendar reads statuses from here and from the action.
CREATE TABLE sop_occurrences (
  workspace_id uuid NOT NULL,
  step_id uuid NOT NULL,
  community_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  -- Local "YYYY-MM-DDTHH:MM": with step and community, the occurrence's identity (and its action's key).
  local_slot text NOT NULL,
  at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('queued', 'missed', 'refused')),
  action_id uuid,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, step_id, community_id, local_slot),
  FOREIGN KEY (workspace_id, step_id) REFERENCES sop_steps (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, action_id) REFERENCES actions (workspace_id, id) ON DELETE SET NULL (action_id)
);
CREATE INDEX sop_occurrences_at_idx ON sop_occurrences (workspace_id, at);
CREATE INDEX sop_occurrences_community_idx ON sop_occurrences (workspace_id, community_id, at);

-- Communities created, retyped, archived or restored since the tick last looked: noted by a trigger so every
-- way a group comes to exist (the console, the API, the first event of an unknown group, an import) is
-- covered without the community module knowing about plans.
CREATE TABLE sop_community_changes (
  workspace_id uuid NOT NULL,
  community_id uuid NOT NULL,
  noted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, community_id),
  FOREIGN KEY (workspace_id, community_id) REFERENCES communities (workspace_id, id) ON DELETE CASCADE
);

CREATE FUNCTION sop_note_community_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sop_community_changes (workspace_id, community_id) VALUES (NEW.workspace_id, NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER communities_sop_insert AFTER INSERT ON communities FOR EACH ROW EXECUTE FUNCTION sop_note_community_change();
CREATE TRIGGER communities_sop_update AFTER UPDATE OF type, status ON communities FOR EACH ROW
  WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION sop_note_community_change();

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['sop_plans', 'sop_plan_communities', 'sop_steps', 'sop_targets', 'sop_occurrences', 'sop_community_changes']::regclass[]) t;
