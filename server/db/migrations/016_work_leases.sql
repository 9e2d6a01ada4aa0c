-- Which classification work each process connected to a ClickHouse server is doing: every process holding work
-- tokens (run ids, re-classification ids: server/classify/housekeeping.ts) re-inserts its row every third of the
-- lease (read with FINAL). Work whose process's row is older than the lease is dead: its runs are closed as failed
-- and its work tables dropped. The embedded engine has one process (its data directory's lock) and no use for it.
CREATE TABLE IF NOT EXISTS work_leases (
  owner String,                             -- host:pid:random of the process
  tokens Array(String),                     -- the work it holds
  beat DateTime('UTC'),
  version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY owner
TTL beat + INTERVAL 1 DAY;
