-- Imported data. Published atomically: an import builds `<table>_next` and swaps it in with EXCHANGE TABLES,
-- so readers see either the previous data or the new, never a half import.
CREATE TABLE IF NOT EXISTS enterprises (
  uscc String,
  name String,
  entity_type LowCardinality(String),
  reg_date Date,
  status LowCardinality(String),            -- 存续 在业 吊销 注销 迁出
  industry_code LowCardinality(String),     -- as given, any level
  industry_section LowCardinality(String),  -- derived: A..T
  industry_division LowCardinality(String), -- derived: C13 ('' when only the section was given)
  region_code LowCardinality(String),       -- as given: 6 or 9 digits
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  street_code LowCardinality(String),       -- '' when only the county was given
  address String,
  address_key String,                       -- normalised address (一址多照), see server/address
  legal_rep_id String,
  legal_rep_name String,
  reg_capital_wan Nullable(Float64),
  lng Nullable(Float64),
  lat Nullable(Float64),
  tags Array(LowCardinality(String)),
  import_id String
) ENGINE = MergeTree ORDER BY (prefecture_code, county_code, industry_section, uscc);

CREATE TABLE IF NOT EXISTS roles (
  uscc String,
  person_id String,
  person_name String,
  role LowCardinality(String),              -- 法定代表人 股东 董事 监事 高管 联络员 财务负责人
  share_pct Nullable(Float64),
  import_id String
) ENGINE = MergeTree ORDER BY (person_id, uscc);

CREATE TABLE IF NOT EXISTS events (
  event_id String,
  uscc String,
  event_date Date,
  category LowCardinality(String),
  severity LowCardinality(String),          -- general | serious
  end_date Nullable(Date),
  result LowCardinality(String),            -- inspections: pass | problem | unreachable; '' otherwise
  source LowCardinality(String),
  amount_yuan Nullable(Float64),
  detail String,
  import_id String
) ENGINE = MergeTree PARTITION BY toYear(event_date) ORDER BY (uscc, event_date, category);

-- One row per import job (status changes re-insert the row; read with FINAL).
CREATE TABLE IF NOT EXISTS imports (
  import_id String,
  source String,
  started_at DateTime,
  finished_at Nullable(DateTime),
  status LowCardinality(String),            -- running | done | failed
  summary String,                           -- JSON: {"files": {"enterprises.csv": {"accepted": N, "rejected": N}}}
  message String,
  user String,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY import_id;

CREATE TABLE IF NOT EXISTS rejects (
  import_id String,
  file LowCardinality(String),
  line UInt64,
  key String,
  reason String,
  raw String
) ENGINE = MergeTree ORDER BY (import_id, file, line);

-- USCCs an operator accepted explicitly although their check character fails (real codes do).
CREATE TABLE IF NOT EXISTS accepted_uscc (
  uscc String,
  note String,
  added_by String,
  added_at DateTime DEFAULT now()
) ENGINE = ReplacingMergeTree(added_at) ORDER BY uscc;
