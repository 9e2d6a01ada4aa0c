-- The re-classification after a credit repair, one row per state change (read with FINAL): running → done | failed.
-- A re-classification that died with its process is closed as failed with the months to run again
-- (server/classify/housekeeping.ts); the repair itself and its credit_repair event stand. Repairs registered before
-- this table have no row (shown as not recorded).
CREATE TABLE IF NOT EXISTS repair_reclass (
  repair_id String,
  from_month String,                        -- YYYY-MM: the first month re-classified
  status LowCardinality(String),            -- running | done | failed
  message String,
  updated_at DateTime64(3),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY repair_id;
