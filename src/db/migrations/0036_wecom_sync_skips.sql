-- A group that WeCom refuses to read on its own (dismissed between groupchat/list and groupchat/get, say)
-- no longer fails its whole sync: it is skipped, counted, and the last such refusal kept for the operator.
ALTER TABLE wecom_syncs
  ADD COLUMN groups_skipped integer NOT NULL DEFAULT 0,
  ADD COLUMN skipped text;
