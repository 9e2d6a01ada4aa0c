-- Monthly classification results (issue 3). One row per enterprise × month × model.
-- A run computes a month into a staging table (`class_results_stage_<run>`, same structure) and publishes it with
-- `ALTER TABLE class_results REPLACE PARTITION (yyyymm, model_id) FROM <stage>`: readers see the previous
-- result or the new one, never half. The slicing attributes are a snapshot taken at classification time so the
-- workbench slices this one table without joins.
-- Model 'effective' is derived (no model file): the "通用+专业" class of every enterprise — the general row, or the
-- riskier key-area row (food / special-equipment) as each key-area model's `combine` setting says; `basis` names
-- the model that decided it.
CREATE TABLE IF NOT EXISTS class_results (
  month Date,                               -- first day of the month classified (as of its last day)
  model_id LowCardinality(String),
  model_version UInt32,
  run_id String,
  uscc String,
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  street_code LowCardinality(String),
  region_code LowCardinality(String),
  industry_section LowCardinality(String),
  industry_division LowCardinality(String),
  industry_code LowCardinality(String),
  entity_type LowCardinality(String),
  status LowCardinality(String),
  tags Array(LowCardinality(String)),
  reg_date Date,
  raw_score Float32,                        -- sum of ALL indicator points, before the 0–1000 cap and hard rules
  score Float32,                            -- 0–1000, higher = riskier
  class LowCardinality(String),             -- A B C D
  basis LowCardinality(String),             -- model that decided the class (= model_id except for 'effective')
  hard_rule LowCardinality(String),         -- '' or the hard rule that forced D (serious_list, license_revoked)
  subscores Map(LowCardinality(String), Float32), -- per dimension (Chinese name) → points
  reasons Array(Tuple(indicator String, name String, value Float64, points Float32)), -- top 5 by points (+ hard rule first, 0 points)
  other_points Float32                      -- raw_score − Σ reasons.points (the indicators not in the top 5)
) ENGINE = MergeTree
PARTITION BY (toYYYYMM(month), model_id)
ORDER BY (model_id, month, prefecture_code, county_code, industry_section, uscc);

-- One row per classification run of one model and month; status changes re-insert the row (read with FINAL).
CREATE TABLE IF NOT EXISTS class_runs (
  run_id String,
  month Date,
  model_id LowCardinality(String),
  model_version UInt32,
  started_at DateTime,
  finished_at Nullable(DateTime),
  status LowCardinality(String),            -- running | done | failed
  enterprises UInt64,
  counts Map(String, UInt64),               -- class → enterprises
  actor String,
  message String,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (run_id);
