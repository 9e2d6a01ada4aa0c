-- Sign-in attempts that decide the lockout (server/auth/users.ts, 登录失败处理): every failed sign-in of a name that
-- is not locked at the time (ok = 0), and a successful one (ok = 1) of a name with failures to clear. Each sign-in
-- reads the name's rows of the last half hour and replays them (5 failures within 15 minutes lock the name for 15
-- minutes; a success clears), so every process serving the database — and one restarted — sees the same lock.
CREATE TABLE IF NOT EXISTS login_attempts (
  name String,
  at DateTime64(3, 'UTC'),
  ok UInt8
) ENGINE = MergeTree ORDER BY (name, at)
TTL toDateTime(at) + INTERVAL 1 DAY;
