-- 研判 notes (issue 4): an analyst saves a workbench view (its URL filters and view) with a written finding.
-- Region columns are derived from the note's region (the view's region filter, else the author's scope) so
-- notes are read under the same regionScope as the data. Edits/deletes re-insert with a higher version.
CREATE TABLE IF NOT EXISTS research_notes (
  id String,
  created_at DateTime,
  author String,
  month String,                             -- YYYY-MM the view shows
  model LowCardinality(String),
  region_code String,                       -- the note's region ('' = whole province/data set)
  province_code LowCardinality(String),
  prefecture_code LowCardinality(String),
  county_code LowCardinality(String),
  industry_code LowCardinality(String),
  search String,                            -- the view's URL query string (filters + view), starting with '?'
  view LowCardinality(String),              -- which view the finding is about
  title String,
  finding String,
  deleted UInt8,
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY id;
