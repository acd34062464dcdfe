-- Member pages (docs/member-pages.md): the key each workspace signs its members' links with. A link is
-- workspace id + member id + expiry + the key's generation, signed with HMAC-SHA256 under this secret;
-- rotating the secret (a new one, generation + 1) makes every link handed out before it stop working.

CREATE TABLE member_link_secrets (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- 32 random bytes, base64url; written by the server (src/server/member-access.ts), never shown.
  secret text NOT NULL CHECK (length(secret) >= 43),
  generation integer NOT NULL DEFAULT 1 CHECK (generation >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  rotated_by uuid,
  PRIMARY KEY (workspace_id)
);

SELECT shequn_guard_tenant_table('member_link_secrets');
