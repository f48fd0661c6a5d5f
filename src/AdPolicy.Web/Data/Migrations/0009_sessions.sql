-- 0009: sessions that end when they should (issue 13).
-- Sign-in sessions live on the server; the cookie holds only the session id, so signing out, signing out everywhere
-- and disabling an account end sessions at once.
CREATE TABLE auth_sessions (
    id character varying(64) NOT NULL,
    user_id uuid NOT NULL,
    ticket bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    CONSTRAINT pk_auth_sessions PRIMARY KEY (id),
    CONSTRAINT fk_auth_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_auth_sessions_user_id ON auth_sessions (user_id);
CREATE INDEX ix_auth_sessions_expires_at ON auth_sessions (expires_at);

-- A disabled account is its own state, no longer a lockout that never ends.
ALTER TABLE users ADD COLUMN disabled_at timestamp with time zone;
UPDATE users SET disabled_at = now(), lockout_end = NULL WHERE lockout_end > now() + interval '100 years';
