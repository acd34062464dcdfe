-- Message templates (docs/automation.md, "Templates"): a named template of one content type, its A/B
-- variants with traffic weights, and the immutable versions of each variant's content. A send records the
-- template, variant and version it used in the action's payload, so a version must never change or vanish
-- while an action may point at it: versions are only ever inserted.
CREATE TABLE message_templates (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('text', 'image', 'link', 'mini_program')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);
-- Names are how operators find a template and how rules will refer to it in the console; two alike confuse.
CREATE UNIQUE INDEX message_templates_name_key ON message_templates (workspace_id, lower(name));

-- A variant no longer offered keeps its row (retired_at) so its versions and past sends stay explained.
CREATE TABLE template_variants (
  workspace_id uuid NOT NULL,
  template_id uuid NOT NULL,
  key text NOT NULL,
  position integer NOT NULL,
  weight integer NOT NULL CHECK (weight >= 0),
  current_version integer NOT NULL,
  retired_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, template_id, key),
  FOREIGN KEY (workspace_id, template_id) REFERENCES message_templates (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE template_versions (
  workspace_id uuid NOT NULL,
  template_id uuid NOT NULL,
  variant_key text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  content jsonb NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, template_id, variant_key, version),
  FOREIGN KEY (workspace_id, template_id, variant_key) REFERENCES template_variants (workspace_id, template_id, key) ON DELETE CASCADE
);

-- Outcomes count a template's sends from the outbox; without this they would scan every action.
CREATE INDEX actions_template_idx ON actions (workspace_id, (payload->>'templateId')) WHERE payload ? 'templateId';

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['message_templates', 'template_variants', 'template_versions']::regclass[]) t;
