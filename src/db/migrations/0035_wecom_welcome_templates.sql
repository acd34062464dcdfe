-- WeCom group welcome templates (入群欢迎语素材, https://developer.work.weixin.qq.com/document/path/92366):
-- the corp's materials that staff attach to a customer group in the WeCom app. WeCom holds the template; this
-- row keeps its template_id, a Shequn-side name, and the content last written or pulled, so the console can
-- list them without one /get per template (WeCom has no list call).

CREATE TABLE wecom_welcome_templates (
  workspace_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  corp_row_id uuid NOT NULL,
  template_id text NOT NULL,
  name text NOT NULL,
  -- text.content; %NICKNAME% in it is replaced by WeCom with the newcomer's nickname.
  text text,
  -- At most one attachment: {kind:'image',picUrl} | {kind:'link',title,picUrl,desc,url} | {kind:'miniprogram',title,picMediaId,appid,page}.
  attachment jsonb,
  notify boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_pulled_at timestamptz,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, corp_row_id, template_id),
  -- WeCom refuses a template with nothing in it; so does the table.
  CHECK (text IS NOT NULL OR attachment IS NOT NULL),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX wecom_welcome_templates_list_idx ON wecom_welcome_templates (workspace_id, corp_row_id, created_at DESC, id);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_welcome_templates']::regclass[]) t;
