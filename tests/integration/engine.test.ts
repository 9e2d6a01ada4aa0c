import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { migrate, loadMigrations } from '../../server/db/migrate';
import { clusterDdl, clusterStatements } from '../../server/db/cluster';
import { sql, p, trusted, and } from '../../server/db/sql';
import { classRow } from './class-rows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-engine-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('migrations apply once, are recorded, and re-running them changes nothing', async () => {
  const db = await getDb({ dataDir });
  const versions = async () => (await db.rows<{ version: number }>(trusted('SELECT version FROM schema_migrations FINAL ORDER BY version'))).map((r) => Number(r.version));
  const before = await versions();
  assert.deepEqual(before, loadMigrations().map((m) => m.version));
  const tables = async () => (await db.rows<{ name: string }>(trusted('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name'))).map((r) => r.name);
  const t1 = await tables();
  assert.deepEqual(await migrate(db), [], 'nothing left to apply');
  assert.deepEqual(await versions(), before);
  assert.deepEqual(await tables(), t1);
  for (const t of ['enterprises', 'events', 'roles', 'regions', 'industries', 'imports', 'rejects', 'users', 'audit_log']) assert.ok(t1.includes(t), `table ${t}`);
});

test('migration 013 keeps every stored reason while it dictionary-encodes their ids and names', async () => {
  const db = await getDb({ dataDir });
  // The table as it was before 013, with results written in that shape; then 013 runs as on an upgrade.
  await db.command(trusted('ALTER TABLE class_results MODIFY COLUMN reasons Array(Tuple(indicator String, name String, value Float64, points Float32)) SETTINGS mutations_sync = 2'));
  await db.command(trusted('ALTER TABLE schema_migrations DELETE WHERE version = 13 SETTINGS mutations_sync = 2'));
  const reasons = [
    { indicator: 'hard:serious_list', name: '列入严重违法失信名单', value: 1, points: 0 },
    { indicator: 'pen_36m', name: '36个月内行政处罚', value: 3, points: 120.5 },
    { indicator: 'chg_rep_12m', name: "名称含'引号", value: 2, points: 40 },
  ];
  await db.insert('class_results', [
    classRow({ month: '2026-09-01', model_id: 'general', uscc: '91220101MA0000001X', class: 'D', reasons }),
    classRow({ month: '2026-10-01', model_id: 'general', uscc: '91220101MA0000001X', class: 'B', reasons: reasons.slice(1) }),
    classRow({ month: '2026-10-01', model_id: 'general', uscc: '91220101MA0000002X', class: 'A' }),
  ]);
  assert.deepEqual(await migrate(db), [13]);
  const type = await db.one<{ t: string }>(trusted("SELECT type AS t FROM system.columns WHERE database = currentDatabase() AND table = 'class_results' AND name = 'reasons'"));
  assert.match(type?.t ?? '', /^Array\(Tuple\(indicator LowCardinality\(String\), name LowCardinality\(String\), value Float64, points Float32\)\)$/);
  const back = await db.rows<{ month: string; uscc: string; reasons: unknown[] }>(trusted(
    'SELECT toString(month) AS month, uscc, reasons FROM class_results ORDER BY month, uscc'));
  assert.deepEqual(back.map((r) => [r.month, r.uscc, r.reasons]), [
    ['2026-09-01', '91220101MA0000001X', reasons],
    ['2026-10-01', '91220101MA0000001X', reasons.slice(1)],
    ['2026-10-01', '91220101MA0000002X', []],
  ]);
  await db.command(trusted('TRUNCATE TABLE class_results'));
});

test('values travel as typed placeholders: quotes and SQL in a value are data, not code', async () => {
  const db = await getDb({ dataDir });
  const evil = "x' OR 1=1 --";
  const r = await db.one<{ v: string; n: number }>(sql`SELECT ${p.str(evil)} AS v, ${p.int(41)} + 1 AS n`);
  assert.equal(r?.v, evil);
  assert.equal(Number(r?.n), 42);
  const cond = and([sql`code = ${p.str(evil)}`, null, sql`level = ${p.int(1)}`]);
  const rows = await db.rows(sql`SELECT code FROM regions WHERE ${cond}`);
  assert.equal(rows.length, 0);
});

test('every cluster DDL statement parses, and sharded tables get a Distributed front', async () => {
  const db = await getDb({ dataDir });
  const stmts = clusterDdl('xinyan_cluster').filter((s) => !s.startsWith('--'));
  assert.ok(stmts.length > 10);
  for (const s of stmts) {
    const r = await db.one<{ f: string }>(sql`SELECT formatQuery(${p.str(s.replace(/;$/, ''))}) AS f`);
    assert.ok(r?.f.includes('ON CLUSTER'), s.slice(0, 80));
  }
  const ent = clusterStatements('CREATE TABLE IF NOT EXISTS enterprises (uscc String, x UInt8) ENGINE = MergeTree ORDER BY uscc', 'c');
  assert.equal(ent.length, 2);
  assert.match(ent[0]!, /enterprises_local ON CLUSTER 'c'.*ReplicatedMergeTree\('\/clickhouse\/tables\/\{shard\}/);
  assert.match(ent[1]!, /Distributed\('c', currentDatabase\(\), enterprises_local, cityHash64\(uscc\)\)/);
  const reg = clusterStatements('CREATE TABLE IF NOT EXISTS regions (code String) ENGINE = ReplacingMergeTree ORDER BY code', 'c');
  assert.equal(reg.length, 1, 'reference tables are replicated, not sharded');
});
