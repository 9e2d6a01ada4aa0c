import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { migrate, loadMigrations } from '../../server/db/migrate';
import { clusterDdl, clusterStatements } from '../../server/db/cluster';
import { sql, p, trusted, and } from '../../server/db/sql';

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
