-- 双随机 inspection plans (issue 7). A plan stores its scope, per-class ratios, exemption settings and seed (JSON in
-- `settings`), and after the draw the per-class counts (population, each exemption, eligible, drawn) in `counts`.
-- Status changes re-insert the row with a higher version (read with FINAL). Region columns are the plan's scope
-- region so plans are read under the same regionScope as the data.
CREATE TABLE IF NOT EXISTS inspection_plans (
  plan_id String,
  name String,
  year UInt16,                              -- 抽查年度: an enterprise is drawn at most once per year over all plans
  month Date,                               -- the classified month the classes come from
  model_id LowCardinality(String),
  region_code String,                       -- the plan's region ('' = all data)
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  settings String,                          -- JSON: scope, ratios, exemptions
  seed String,
  status LowCardinality(String),            -- draft | drawn
  created_by String,
  created_at DateTime64(3),
  drawn_by String,
  drawn_at Nullable(DateTime64(3)),
  counts String,                            -- JSON: per class population / exemptions / eligible / ratio / drawn
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY plan_id;

-- The drawn list: one row per plan × enterprise, written once by the draw (never updated).
CREATE TABLE IF NOT EXISTS inspection_targets (
  plan_id String,
  year UInt16,
  drawn_at DateTime64(3),
  seq UInt32,                               -- 1.. in list order (class, then rank)
  uscc String,
  name String,
  class LowCardinality(String),
  score Float32,
  rank UInt32,                              -- position in its class stratum by cityHash64(seed, uscc)
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  street_code LowCardinality(String),
  industry_code LowCardinality(String),
  address String,
  inspector1_id String,
  inspector1 String,
  inspector1_unit String,
  inspector2_id String,
  inspector2 String,
  inspector2_unit String
) ENGINE = MergeTree ORDER BY (plan_id, seq);

-- 执法检查人员名录 (roster) for pairing inspectors. Edits re-insert with a higher version (read with FINAL).
CREATE TABLE IF NOT EXISTS inspectors (
  inspector_id String,
  name String,
  unit String,                              -- 执法单位
  region_code String,                       -- the region the inspector covers (province / prefecture / county)
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  active UInt8,
  added_by String,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY inspector_id;
