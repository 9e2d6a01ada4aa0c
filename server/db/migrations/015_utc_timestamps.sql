-- Timestamps are UTC instants. The writers send the UTC wall clock as text ('YYYY-MM-DD hh:mm:ss[.sss]', from
-- toISOString) or Unix seconds, into DateTime / DateTime64(3) columns that had no time zone: the engine read that
-- text in ITS zone (a server set to Asia/Shanghai stored every instant 8 hours early, and `now()` comparisons such
-- as the stale-run check were off by as much). With the zone in the type the text is read as UTC whatever the
-- engine's zone, toString() gives the UTC text back, and what people see is formatted in China time at the query
-- (formatDateTime(col, …, 'Asia/Shanghai'), see server/db/time.ts). Calendar days (Date, Date32) are unchanged.
--
-- A time zone is metadata of the type: the stored numbers (the instants) do not change, so MODIFY COLUMN rewrites
-- nothing, and re-running any statement is a no-op. Rows written before this migration keep their instant: right on
-- an engine running in UTC (the embedded engine takes the process's zone, TZ, usually UTC on servers and in
-- containers); an engine that ran in another zone stored the UTC-text columns that many hours early.
-- Key columns: ClickHouse treats DateTime types that differ only in zone as the same type, so it allows the change on
-- sorting-key columns (warning_disposals, objection_steps, event_corrections, credit_repairs: `ts`) and their order
-- is the order of the instants either way. audit_log.ts is also in the partition key, toYYYYMM(ts), whose value
-- depends on the zone: on an engine in another zone the old parts hold the months of that zone, so the table is
-- rebuilt beside the old one (as 010 did for events) and every row is partitioned by its UTC month. Re-running those statements after a crash at any point is safe (the copy is dropped and made again).
-- DEFAULT now() columns (accepted_uscc.added_at, app_secrets.created_at) keep their default.
ALTER TABLE imports MODIFY COLUMN started_at DateTime('UTC');

ALTER TABLE imports MODIFY COLUMN finished_at Nullable(DateTime('UTC'));

ALTER TABLE accepted_uscc MODIFY COLUMN added_at DateTime('UTC') DEFAULT now();

ALTER TABLE class_runs MODIFY COLUMN started_at DateTime('UTC');

ALTER TABLE class_runs MODIFY COLUMN finished_at Nullable(DateTime('UTC'));

ALTER TABLE users MODIFY COLUMN created_at DateTime('UTC');

ALTER TABLE app_secrets MODIFY COLUMN created_at DateTime('UTC') DEFAULT now();

ALTER TABLE warnings MODIFY COLUMN computed_at DateTime('UTC');

ALTER TABLE warning_disposals MODIFY COLUMN ts DateTime64(3, 'UTC');

ALTER TABLE research_notes MODIFY COLUMN created_at DateTime('UTC');

ALTER TABLE inspection_plans MODIFY COLUMN created_at DateTime64(3, 'UTC');

ALTER TABLE inspection_plans MODIFY COLUMN drawn_at Nullable(DateTime64(3, 'UTC'));

ALTER TABLE inspection_targets MODIFY COLUMN drawn_at DateTime64(3, 'UTC');

ALTER TABLE calendar_days MODIFY COLUMN ts DateTime64(3, 'UTC');

ALTER TABLE objections MODIFY COLUMN created_at DateTime64(3, 'UTC');

ALTER TABLE objections MODIFY COLUMN updated_at DateTime64(3, 'UTC');

ALTER TABLE objection_steps MODIFY COLUMN ts DateTime64(3, 'UTC');

ALTER TABLE event_corrections MODIFY COLUMN ts DateTime64(3, 'UTC');

ALTER TABLE credit_repairs MODIFY COLUMN ts DateTime64(3, 'UTC');

ALTER TABLE reclass_changes MODIFY COLUMN computed_at DateTime64(3, 'UTC');

ALTER TABLE repair_reclass MODIFY COLUMN updated_at DateTime64(3, 'UTC');

-- The type first (on a cluster this also reaches the Distributed front, which the swap below leaves as it is),
-- then the rebuild that partitions every row by its UTC month.
ALTER TABLE audit_log MODIFY COLUMN ts DateTime64(3, 'UTC');

DROP TABLE IF EXISTS audit_log_utc;

CREATE TABLE IF NOT EXISTS audit_log_utc (
  ts DateTime64(3, 'UTC'),
  user String,
  role LowCardinality(String),
  action LowCardinality(String),            -- view | export | login | login_failed | job | change
  target String,                            -- procedure or route
  detail String,                            -- input summary (JSON, truncated)
  ip String
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (ts, user);

INSERT INTO audit_log_utc (ts, user, role, action, target, detail, ip)
SELECT ts, user, role, action, target, detail, ip FROM audit_log;

EXCHANGE TABLES audit_log_utc AND audit_log;

DROP TABLE IF EXISTS audit_log_utc;
