/**
 * Events before 1970 (dates are accepted from 1949-10-01): classification covers months from 1973-01 on, the first
 * month whose 36-month window starts after 1970 (run.ts FIRST_MONTH). `classify --all` skips the earlier months with
 * events and says so — it used to fail on its first month (1965-03 staged as 1970-01, REPLACE PARTITION refused)
 * and classify nothing — and `classify --month` refuses them as bad input (exit 2). Old events still count in later
 * months where a feature reaches back indefinitely (a licence).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { closeDb, getDb } from '../../server/db/client';
import { buildFeatures } from '../../server/classify/features';
import { classifyAll } from '../../server/classify/run';
import { ent, ev, id } from './classify-fixtures';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-classify-early-'));
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });
const dataDir = path.join(work, 'data');
const U = id();

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args, '--data-dir', dataDir], {
    // The engine the first test wrote to: the data directory, or on a server (npm run test:server) the data
    // directory's own database there.
    cwd: process.cwd(), encoding: 'utf8', env: process.env,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('classifyAll classifies every month from 1973-01 on and skips (reports) a month of 1965', async () => {
  const db = await getDb({ dataDir });
  await db.insert('enterprises', [ent(U, { reg_date: '1955-03-01' })]);
  await db.insert('events', [
    ev(U, '2022-05-15', 'annual_report'), ev(U, '2023-05-15', 'annual_report'), ev(U, '2024-05-15', 'annual_report'),
    ev(U, '1965-03-15', 'license'),
  ]);
  let skipped: string[] = [];
  const out = await classifyAll(db, { actor: 'test', skipped: (ms) => { skipped = ms; } });
  assert.deepEqual(out.map((m) => m.month), ['2022-05', '2023-05', '2024-05']);
  assert.deepEqual(skipped, ['1965-03']);
  const rows = await db.rows<{ m: string; n: number }>({
    text: `SELECT formatDateTime(month, '%Y-%m') AS m, toUInt32(count()) AS n FROM class_results WHERE model_id = 'general' GROUP BY m ORDER BY m`, params: {},
  });
  assert.deepEqual(rows.map((r) => [r.m, Number(r.n)]), [['2022-05', 1], ['2023-05', 1], ['2024-05', 1]]);
  const failed = await db.rows<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM class_runs FINAL WHERE status != 'done'`, params: {} });
  assert.equal(Number(failed[0]!.n), 0, 'no failed run');
  // The licence of 1965 still counts in 2024.
  const f = await buildFeatures(db, '2024-05-31', 'early');
  try {
    const [row] = await db.rows<{ lic_total: number }>({ text: `SELECT lic_total FROM ${f.features}`, params: {} });
    assert.equal(Number(row!.lic_total), 1);
  } finally {
    await f.drop();
  }
  await closeDb();
});

test('classify --all reports the skipped months and succeeds; classify --month before 1973-01 exits 2', () => {
  const all = cli('classify', '--all', '--model', 'general', '--json');
  assert.equal(all.code, 0, all.err);
  assert.match(all.err, /跳过 1 个早于 1973-01 的有事件月份（1965-03–1965-03）/);
  assert.deepEqual((JSON.parse(all.out) as { months: Array<{ month: string }> }).months.map((m) => m.month), ['2022-05', '2023-05', '2024-05']);
  for (const m of ['1965-03', '1972-12']) {
    const one = cli('classify', '--month', m);
    assert.equal(one.code, 2, one.err);
    assert.match(one.err, /早于可分类的最早月份 1973-01/);
  }
});
