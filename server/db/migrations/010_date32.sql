-- Dates before 1970: real registries hold state-owned enterprises registered in the 1950s (and events that old),
-- which a Date column (1970-01-01 … 2149-06-06) cannot store. The import accepts 1949-10-01 … 2100-12-31.
-- enterprises.reg_date and class_results.reg_date are not key columns: MODIFY COLUMN rewrites them in place.
-- events.event_date is in the partition and sort key, which MergeTree refuses to ALTER ("ALTER of key column
-- event_date is forbidden"): the table is rebuilt beside the old one and swapped in. Re-running these
-- statements after a crash at any point is safe (the copy is dropped and made again from `events`).
ALTER TABLE enterprises MODIFY COLUMN reg_date Date32;

ALTER TABLE class_results MODIFY COLUMN reg_date Date32;

DROP TABLE IF EXISTS events_date32;

CREATE TABLE IF NOT EXISTS events_date32 (
  event_id String,
  uscc String,
  event_date Date32,
  category LowCardinality(String),
  severity LowCardinality(String),          -- general | serious
  end_date Nullable(Date32),
  result LowCardinality(String),            -- inspections: pass | problem | unreachable; '' otherwise
  source LowCardinality(String),
  amount_yuan Nullable(Float64),
  detail String,
  import_id String
) ENGINE = MergeTree PARTITION BY toYear(event_date) ORDER BY (uscc, event_date, category);

INSERT INTO events_date32 (event_id, uscc, event_date, category, severity, end_date, result, source, amount_yuan, detail, import_id)
SELECT event_id, uscc, event_date, category, severity, end_date, result, source, amount_yuan, detail, import_id FROM events;

EXCHANGE TABLES events_date32 AND events;

DROP TABLE IF EXISTS events_date32;

-- A view keeps the column types it was created with (events_corrected would still say Date and turn 1955 into
-- 1970-01-01): the view of 009 is created again, unchanged, over the new columns.
DROP VIEW IF EXISTS events_corrected;

CREATE VIEW IF NOT EXISTS events_corrected AS
SELECT ev.event_id AS event_id, ev.uscc AS uscc, ev.event_date AS event_date, ev.category AS category,
  CAST(if(ifNull(cx.action, '') = 'change' AND cx.severity IS NOT NULL, assumeNotNull(cx.severity), toString(ev.severity)) AS LowCardinality(String)) AS severity,
  if(ifNull(cx.action, '') = 'change' AND cx.end_date IS NOT NULL, cx.end_date, ev.end_date) AS end_date,
  ev.result AS result, ev.source AS source,
  if(ifNull(cx.action, '') = 'change' AND cx.amount_yuan IS NOT NULL, cx.amount_yuan, ev.amount_yuan) AS amount_yuan,
  if(ifNull(cx.action, '') = 'change' AND cx.detail IS NOT NULL, assumeNotNull(cx.detail), ev.detail) AS detail,
  ev.import_id AS import_id
FROM events AS ev
LEFT JOIN (
  SELECT event_id, argMax(action, ts) AS action, argMax(severity, ts) AS severity, argMax(end_date, ts) AS end_date,
    argMax(amount_yuan, ts) AS amount_yuan, argMax(detail, ts) AS detail
  FROM event_corrections GROUP BY event_id
) AS cx ON cx.event_id = ev.event_id
WHERE ifNull(cx.action, '') != 'remove';
