-- Sessions ended by signing out (server/auth/users.ts). A session is a signed cookie carrying a random id (`sid`);
-- signing out records the id here, so a copy of the cookie stops working on the server too, not only in the browser
-- that signed out. Rows are kept until the session would have expired anyway.
CREATE TABLE IF NOT EXISTS revoked_sessions (
  sid String,
  expires_at DateTime('UTC'),
  revoked_at DateTime('UTC') DEFAULT now()
) ENGINE = ReplacingMergeTree ORDER BY sid
TTL expires_at + INTERVAL 1 DAY;
