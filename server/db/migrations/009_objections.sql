-- Objections (异议), corrections, credit repair (信用修复) and the working-day calendar (issue 10).

-- Administrator overrides of the working-day calendar. The official State Council calendars ship in
-- server/calendar/cn-official.json; a row here replaces that day (kind 'normal' = an ordinary day again).
-- Changes re-insert the row (read with FINAL).
CREATE TABLE IF NOT EXISTS calendar_days (
  date Date,
  kind LowCardinality(String),              -- holiday | workday | normal
  name String,                              -- 春节, 国庆节调休上班, …
  actor String,
  ts DateTime64(3),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY date;

-- One row per objection, re-inserted on every step (read with FINAL); the steps themselves are in objection_steps.
CREATE TABLE IF NOT EXISTS objections (
  objection_id String,
  uscc String,
  enterprise_name String,
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  target_kind LowCardinality(String),       -- event | class
  event_id String,                          -- target_kind event: the record objected to
  event_date Nullable(Date),
  event_category LowCardinality(String),
  event_source String,
  month Nullable(Date),                     -- target_kind class: the month objected to
  model_id LowCardinality(String),
  objector String,                          -- who objects (申请人)
  what String,                              -- what is objected to (异议事项)
  grounds String,                           -- 异议理由
  received_date Date,
  due_date Date,                            -- 3 working days after receipt (seed 003)
  status LowCardinality(String),            -- received | forwarded | answered | corrected | upheld
  forwarded_to String,                      -- the source department
  forwarded_date Nullable(Date),
  answer String,
  answered_date Nullable(Date),
  outcome_note String,
  reclass_status LowCardinality(String),    -- '' | running | done | failed
  reclass_message String,
  created_by String,
  created_at DateTime64(3),
  updated_by String,
  updated_at DateTime64(3),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY objection_id;

-- Every step of an objection with who and when (never updated).
CREATE TABLE IF NOT EXISTS objection_steps (
  step_id String,
  objection_id String,
  step LowCardinality(String),              -- received | forwarded | answered | corrected | upheld
  actor String,
  ts DateTime64(3),
  step_date Date,
  note String,
  detail String                             -- JSON
) ENGINE = MergeTree ORDER BY (objection_id, ts);

-- Corrections of records (更正): history is never deleted. The classification reads events through the view
-- events_corrected below, where the latest correction of a record removes it or replaces the corrected fields.
CREATE TABLE IF NOT EXISTS event_corrections (
  correction_id String,
  objection_id String,
  event_id String,
  uscc String,
  action LowCardinality(String),            -- remove | change
  severity Nullable(String),                -- change: new severity (NULL = unchanged)
  amount_yuan Nullable(Float64),
  end_date Nullable(Date),
  detail Nullable(String),
  note String,
  actor String,
  ts DateTime64(3)
) ENGINE = MergeTree ORDER BY (event_id, ts);

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

-- Credit repair register (信用修复). Each repair also writes a `credit_repair` event whose detail is the repaired
-- record's event_id (repair_event_id), which the classification honours from the repair date.
CREATE TABLE IF NOT EXISTS credit_repairs (
  repair_id String,
  uscc String,
  enterprise_name String,
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  event_id String,
  event_category LowCardinality(String),
  event_date Date,
  repair_date Date,
  rule LowCardinality(String),              -- the eligibility rule that allowed it
  reason String,                            -- eligibility reason (Chinese)
  basis String,                             -- 修复依据: application, cure evidence
  repair_event_id String,
  actor String,
  ts DateTime64(3)
) ENGINE = MergeTree ORDER BY (uscc, event_id, ts);

-- Class before/after per month and model, for each correction or repair that re-classified an enterprise.
CREATE TABLE IF NOT EXISTS reclass_changes (
  ref_kind LowCardinality(String),          -- objection | repair
  ref_id String,
  uscc String,
  month Date,
  model_id LowCardinality(String),
  class_before LowCardinality(String),      -- '' = not classified
  score_before Nullable(Float32),
  class_after LowCardinality(String),
  score_after Nullable(Float32),
  computed_at DateTime64(3)
) ENGINE = MergeTree ORDER BY (ref_id, uscc, month, model_id);
