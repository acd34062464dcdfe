-- WeCom (企业微信) customer-group connector (docs/wecom.md): the corps a workspace connects, with their
-- secrets encrypted at rest (AES-256-GCM, key from SHEQUN_SECRET_KEY; src/channels/wecom/secrets.ts), and
-- one row per callback received so WeCom's retries of the same callback change nothing.

CREATE TABLE wecom_corps (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  corp_id text NOT NULL,
  agent_id text NOT NULL DEFAULT '',
  -- "v1:<iv>:<tag>:<ciphertext>", base64 parts; never sent back through the API.
  secret_enc text NOT NULL,
  token_enc text NOT NULL,
  aes_key_enc text NOT NULL,
  base_url text,
  last_test_at timestamptz,
  last_test_ok boolean,
  last_test_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, corp_id)
);
-- The public callback names a corp row by id alone; it finds its workspace through this.
CREATE UNIQUE INDEX wecom_corps_id_idx ON wecom_corps (id);

CREATE TABLE wecom_callbacks (
  workspace_id uuid NOT NULL,
  corp_row_id uuid NOT NULL,
  dedupe_key text NOT NULL,
  kind text NOT NULL,
  events integer NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, corp_row_id, dedupe_key),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX wecom_callbacks_recent_idx ON wecom_callbacks (workspace_id, corp_row_id, received_at DESC);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_corps', 'wecom_callbacks']::regclass[]) t;
