/**
 * The classification benchmark (bench/classify.ts) on a small synthetic province: it classifies the month, its
 * figures hang together (floor = event pass + two writes; the ratios are the quotients of the times) and its floor
 * copy leaves neither a table behind nor extra rows in class_results.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { benchClassify, syntheticData } from '../../bench/classify';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-bench-classify-'));

before(async () => {
  db = await getDb({ dataDir });
  await syntheticData(db, 3000);
});
after(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('classify benchmark: the month classified once, a floor of its parts, ratios of its times, nothing left behind', async () => {
  const b = await benchClassify(db, '2024-06', 1);
  const stored = await db.one<{ n: number }>({
    text: `SELECT toUInt32(count()) AS n FROM class_results WHERE month = '2024-06-01' AND model_id = 'general'`, params: {} });
  assert.ok(b.enterprises > 2000, `enterprises ${b.enterprises}`);
  assert.equal(Number(stored?.n), b.enterprises, 'the floor copy wrote into a table of its own, not class_results');
  assert.ok(b.floor_events_s > 0 && b.floor_write_s > 0);
  assert.ok(Math.abs(b.floor_s - (b.floor_events_s + 2 * b.floor_write_s)) <= 0.003, JSON.stringify(b));
  assert.ok(Math.abs(b.classify_vs_floor - b.classify_s / b.floor_s) <= 0.05 * b.classify_vs_floor + 0.01, JSON.stringify(b));
  assert.ok(Math.abs(b.ratio - b.classify_s / b.scan_s) <= 0.05 * b.ratio + 0.01, JSON.stringify(b));
  assert.ok((b.stages_s['classify.events'] ?? 0) > 0, 'stage times recorded');
  const left = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'bench_%'`, params: {} });
  assert.equal(Number(left?.n), 0);
});
