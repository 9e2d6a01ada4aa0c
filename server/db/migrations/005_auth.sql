-- Users, sign-in secret, audit log (issue 8). Users are re-inserted on change (read with FINAL).
CREATE TABLE IF NOT EXISTS users (
  name String,
  role LowCardinality(String),              -- admin | analyst | leader | partner
  region_code String,                       -- '' = whole data set; else a 6-digit GB/T 2260 code
  password_hash String,                     -- scrypt$N$r$p$salt$hash (base64)
  disabled UInt8,
  created_at DateTime,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY name;

CREATE TABLE IF NOT EXISTS app_secrets (
  name String,
  value String,
  created_at DateTime DEFAULT now()
) ENGINE = ReplacingMergeTree ORDER BY name;

CREATE TABLE IF NOT EXISTS audit_log (
  ts DateTime64(3),
  user String,
  role LowCardinality(String),
  action LowCardinality(String),            -- view | export | login | login_failed | job | change
  target String,                            -- procedure or route
  detail String,                            -- input summary (JSON, truncated)
  ip String
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (ts, user);
