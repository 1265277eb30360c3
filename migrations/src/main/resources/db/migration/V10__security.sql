-- Who may do what, and who did it (issue 12).
--
-- People and scripts sign in with a user name and password (HTTP Basic or the sign-in page); services
-- with an API token. A password is stored only as the output of Spring Security's delegating encoder
-- ('{bcrypt}$2a$...'); a token only as the SHA-256 of its text, which is shown once, when it is created.
CREATE TABLE platform_users (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  password_changed_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT platform_users_name_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  CONSTRAINT platform_users_role_check CHECK (role IN ('viewer', 'ml-engineer', 'admin')),
  -- an encoder's id in braces, then the hash: never a password in clear
  CONSTRAINT platform_users_hash_encoded CHECK (password_hash ~ '^\{[a-z0-9]+\}.{20,}$')
);

CREATE TABLE api_tokens (
  id UUID PRIMARY KEY,
  username TEXT NOT NULL REFERENCES platform_users(username),
  name TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the token's text
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ,
  revoked_by TEXT,
  CONSTRAINT api_tokens_hash_format CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT api_tokens_expiry_after_creation CHECK (expires_at > created_at),
  CONSTRAINT api_tokens_name_not_blank CHECK (length(btrim(name)) > 0)
);
CREATE INDEX idx_api_tokens_user ON api_tokens(username);

-- Every state change that ml_model_state_history does not already hold: users and tokens, pipeline
-- registrations, runs started, experiments started and decided, acknowledgements. Append-only.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  actor TEXT NOT NULL,                    -- 'user:alice', 'system:<job>', 'host:<operator>'
  action TEXT NOT NULL,                   -- 'user.created', 'token.created', 'run.started', ...
  target TEXT NOT NULL,
  details JSONB NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT audit_log_actor_not_blank CHECK (length(btrim(actor)) > 0)
);
CREATE INDEX idx_audit_log_at ON audit_log(at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- who started a run, decided an experiment, acknowledged an alert (a signed-in user's 'user:<name>',
-- or 'system:<job>' for the platform's own jobs); NULL on rows from before this migration
ALTER TABLE pipeline_runs ADD COLUMN IF NOT EXISTS started_by TEXT;
ALTER TABLE ml_experiments ADD COLUMN IF NOT EXISTS started_by TEXT;
ALTER TABLE ml_experiments ADD COLUMN IF NOT EXISTS decided_by TEXT;
ALTER TABLE ml_alerts ADD COLUMN IF NOT EXISTS acknowledged_at TIMESTAMPTZ;
ALTER TABLE ml_alerts ADD COLUMN IF NOT EXISTS acknowledged_by TEXT;
