-- What a 双随机 draw took from outside the class results, kept so that verifyDraw replays the draw as it was.
-- The draw leaves out enterprises whose CURRENT status in `enterprises` is 吊销 / 注销 / 迁出 even when the
-- classified month's snapshot (class_results.status) still has them open; `enterprises` is replaced by every import,
-- so those exclusions are recorded here at the draw (one row per plan × enterprise, written once by the draw).
CREATE TABLE IF NOT EXISTS inspection_exclusions (
  plan_id String,
  uscc String,
  status LowCardinality(String),            -- the enterprise's status at the draw
  drawn_at DateTime64(3, 'UTC')
) ENGINE = MergeTree ORDER BY (plan_id, uscc);

-- Claims on drawing a plan, one per attempt: several processes may draw against one ClickHouse server (the web
-- server, the CLI) and the in-process draw lock covers only one of them. The earliest live claim of a plan (by the
-- server's clock at the insert) draws; the others give up. Kept a day for the record.
CREATE TABLE IF NOT EXISTS inspection_draw_claims (
  plan_id String,
  token String,
  claimed_at DateTime64(6, 'UTC') DEFAULT now64(6)
) ENGINE = MergeTree ORDER BY (plan_id, claimed_at)
TTL toDateTime(claimed_at) + INTERVAL 1 DAY;

-- 1 when the plan's draw recorded its exclusions (above); plans drawn before this migration have 0 and are verified
-- against the current statuses as before.
ALTER TABLE inspection_plans ADD COLUMN IF NOT EXISTS exclusions_recorded UInt8 DEFAULT 0;
