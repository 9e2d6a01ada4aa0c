-- Reference data: GB/T 2260 regions (province → prefecture → county → street/town) and GB/T 4754-2017 industries.
-- Filled by server/reference/load.ts from packaged data; re-loading replaces rows with the same code.
CREATE TABLE IF NOT EXISTS regions (
  code String,                              -- 6 digits (province 220000, prefecture 220100, county 220102) or 9 (street)
  name String,
  level UInt8,                              -- 1 province, 2 prefecture, 3 county, 4 street/town
  parent_code String,
  province_code LowCardinality(String),     -- 6-digit codes of the ancestors (self at its own level)
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String)
) ENGINE = ReplacingMergeTree ORDER BY code;

CREATE TABLE IF NOT EXISTS industries (
  code String,                              -- A, A01, A011, A0111
  name String,
  level UInt8,                              -- 1 section, 2 division, 3 group, 4 class
  parent_code String,
  section LowCardinality(String)
) ENGINE = ReplacingMergeTree ORDER BY code;
