/**
 * `setup` on an empty data directory (the README's front door, `npm start`): it seeds a province, classifies and
 * computes warnings for the seeded months — only those, not the 36 months of history the seed writes before them —
 * and creates the demo accounts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { trusted } from '../../server/db/sql';
import { dispatch } from '../../server/cli/dispatch';
import { firstSeededMonth } from '../../server/cli/commands/setup';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-setup-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('the first of the seeded months', () => {
  assert.equal(firstSeededMonth('2024-12', 3), '2024-10');
  assert.equal(firstSeededMonth('2026-10', 24), '2024-11');
  assert.equal(firstSeededMonth('2025-01', 1), '2025-01');
  assert.equal(firstSeededMonth('2025-02', 14), '2024-01');
});

test('setup seeds, then classifies and computes warnings for the seeded months only', async () => {
  const err: string[] = [];
  const out: string[] = [];
  // --json: one document on stdout holding each step's own (seed, classify --all, warnings --all).
  const code = await dispatch(['setup', '--enterprises', '400', '--months', '3', '--end-month', '2024-12', '--json'], {
    out: (t) => out.push(t), err: (t) => err.push(t), progress: () => {}, stdin: '', actor: 'test', db: () => getDb({ dataDir }),
  });
  assert.equal(code, 0, err.join('\n'));
  const doc = JSON.parse(out.join('\n')) as { seeded: boolean; since: string; seed: { enterprises: number }; classify: { months: unknown[] };
    warnings: { months: unknown[] }; demoUsers: string[] };
  assert.equal(doc.seeded, true);
  assert.equal(doc.since, '2024-10');
  assert.equal(doc.seed.enterprises, 400);
  assert.equal(doc.classify.months.length, 3);
  assert.equal(doc.warnings.months.length, 3);
  assert.deepEqual(doc.demoUsers, ['admin', 'analyst', 'changchun', 'leader', 'partner']);
  const db = await getDb({ dataDir });
  // The seed wrote history before the window: events long before 2024-10.
  const first = await db.one<{ m: string }>(trusted(`SELECT formatDateTime(min(event_date), '%Y-%m') AS m FROM events WHERE category = 'annual_report'`));
  assert.ok(first!.m < '2024-10', first!.m);
  const months = async (q: string) => (await db.rows<{ m: string }>(trusted(q))).map((r) => r.m);
  const classified = await months(`SELECT DISTINCT formatDateTime(month, '%Y-%m') AS m FROM class_results ORDER BY m`);
  assert.deepEqual(classified, ['2024-10', '2024-11', '2024-12']);
  const perModel = await db.rows<{ model_id: string; n: number }>(trusted(`SELECT model_id, toUInt32(uniqExact(month)) AS n FROM class_results GROUP BY model_id ORDER BY model_id`));
  assert.deepEqual(perModel.map((r) => `${r.model_id} ${Number(r.n)}`), ['county-public-credit 3', 'effective 3', 'food 3', 'general 3', 'special-equipment 3']);
  const warned = await months(`SELECT DISTINCT formatDateTime(month, '%Y-%m') AS m FROM warnings ORDER BY m`);
  assert.ok(warned.length > 0 && warned.every((m) => m >= '2024-10' && m <= '2024-12'), warned.join(','));
  const users = await db.rows<{ name: string }>(trusted(`SELECT name FROM users FINAL ORDER BY name`));
  assert.deepEqual(users.map((u) => u.name), ['admin', 'analyst', 'changchun', 'leader', 'partner']);
});
