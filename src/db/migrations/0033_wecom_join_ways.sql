-- WeCom 「加入群聊」 join ways (externalcontact/groupchat/add_join_way, path/92229) behind wecom live codes
-- (docs/wecom.md "Live codes"): one row per live code that has, had or should have one. No foreign key to
-- live_codes on purpose: a deleted live code's row must outlive it so the next sync can delete its config in
-- WeCom (del_join_way) and only then the row.

CREATE TABLE wecom_join_ways (
  workspace_id uuid NOT NULL,
  live_code_id uuid NOT NULL,
  -- null while nothing was created (the pool's groups are not synced from WeCom yet, say: see last_error).
  corp_row_id uuid,
  config_id text,
  qr_code text,
  -- What the config was last created or updated with, so a sync that would send the same makes no call.
  chat_ids text[] NOT NULL DEFAULT '{}',
  room_base_name text,
  room_base_id integer,
  state text,
  synced_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, live_code_id),
  CHECK (cardinality(chat_ids) <= 5),
  FOREIGN KEY (workspace_id, corp_row_id) REFERENCES wecom_corps (workspace_id, id) ON DELETE CASCADE
);

SELECT shequn_guard_tenant_table(t) FROM unnest(ARRAY['wecom_join_ways']::regclass[]) t;
