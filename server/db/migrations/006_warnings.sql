-- Early warnings (监测预警, issue 6). One row per warning × month. A run computes a month into a staging table
-- and publishes it with ALTER TABLE … REPLACE PARTITION: re-running a month replaces it atomically.
-- `id` names the case: rule + key + the first month of its unbroken run of months, so a warning that persists
-- keeps its id (and its disposal history) from month to month.
CREATE TABLE IF NOT EXISTS warnings (
  month Date,                               -- first day of the month (evaluated as of its last day)
  id String,
  rule LowCardinality(String),              -- multi-license-address, multi-enterprise-person, …
  rules_version UInt32,
  key String,                               -- address key, person id or USCC
  label String,                             -- what the key shows as: the address, the person's name, the enterprise name
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  street_code LowCardinality(String),       -- '' when the members' street is unknown
  members Array(String),                    -- USCCs
  new_members Array(String),                -- registered in this month (一址多照) / newly joined
  evidence String,                          -- JSON
  severity LowCardinality(String),          -- high | medium | low
  score Float64,                            -- ordering within a severity
  first_month Date,
  status LowCardinality(String),            -- new | continuing (disposal state lives in warning_disposals)
  computed_at DateTime
) ENGINE = MergeTree PARTITION BY toYYYYMM(month) ORDER BY (month, rule, prefecture_code, county_code, key);

-- Every disposal step of a warning case, with who and when (never updated; the latest step gives the state).
CREATE TABLE IF NOT EXISTS warning_disposals (
  disposal_id String,
  warning_id String,
  month Date,                               -- the month of the warning when the step was taken
  step LowCardinality(String),              -- assign | act | result | close
  actor String,
  ts DateTime64(3),
  unit_code String,                         -- assign: the county or street unit
  action LowCardinality(String),            -- act: 提醒 警示 约谈 检查
  result LowCardinality(String),            -- result: pass | problem | unreachable | rectified | other
  targets Array(String),                    -- USCCs the step concerns ([] = all members)
  note String,
  event_ids Array(String)                   -- inspection events written to `events` by this step
) ENGINE = MergeTree ORDER BY (warning_id, ts);
