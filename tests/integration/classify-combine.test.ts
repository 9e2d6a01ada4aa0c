/**
 * A key-area model file without `combine` takes part in 'effective' with the documented default 'riskier'
 * (model.ts withDefaults): the run used to leave it out, so a food enterprise riskier under the food model kept
 * its general class. The models are read from a copy of models/ whose food model files have no `combine`.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { loadModels } from '../../server/classify/model';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';

const MONTH = '2025-06';
const repo = process.cwd();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-combine-'));
let db: Db;
const U = id();

before(async () => {
  db = await freshDb(); // (migrations are read from the repository)
  fs.cpSync(path.join(repo, 'models'), path.join(dir, 'models'), { recursive: true });
  // Every version of the food model without `combine` (the latest is the one run).
  for (const f of fs.readdirSync(path.join(dir, 'models', 'food')).filter((x) => /^v\d+\.json$/.test(x))) {
    const file = path.join(dir, 'models', 'food', f);
    const food = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete food.combine;
    fs.writeFileSync(file, JSON.stringify(food, null, 1));
  }
  await db.insert('enterprises', [ent(U, { industry_code: 'C1391', industry_section: 'C', industry_division: 'C13', tags: ['食品生产'] })]);
  await db.insert('events', [
    ...reports(U, 2016, 2025),
    ev(U, '2022-09-01', 'penalty', { source: '食品安全监管' }), ev(U, '2022-10-01', 'penalty', { source: '食品安全监管' }),
    ev(U, '2024-11-01', 'inspection', { result: 'problem', source: '食品' }), ev(U, '2025-05-01', 'complaint', { detail: '食品' }),
  ]);
  process.chdir(dir); // modelsDir(): models/ under the working directory
  await classifyMonth(db, MONTH);
});

after(async () => {
  process.chdir(repo);
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a scoped model without combine is loaded as riskier', () => {
  assert.equal(loadModels().find((m) => m.id === 'food')?.combine, 'riskier');
  assert.equal(loadModels().find((m) => m.id === 'general')?.combine, undefined);
});

test('effective takes the riskier food class from a food model file without combine', async () => {
  const general = (await results(db, MONTH, 'general')).get(U)!;
  const food = (await results(db, MONTH, 'food')).get(U)!;
  assert.ok(food.class > general.class, `(${general.score} ${food.score}) the case needs food (${food.class}) riskier than general (${general.class})`);
  const eff = (await results(db, MONTH, 'effective')).get(U)!;
  assert.deepEqual([eff.class, eff.basis], [food.class, 'food']);
});
