/**
 * The derived model 'effective' (通用+专业) on crafted published rows: riskier key-area class wins, ties go to
 * general, the riskier of two key-area models wins, enterprises without a key-area row are copied, and a
 * key-area model with combine 'key-area' wins outright. Expected classes are written out per case.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { effectiveSql } from '../../server/classify/compile';
import type { Model } from '../../server/classify/model';
import { classRow } from './class-rows';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-effective-'));
const MONTH = '2026-03-01';
// uscc → classes per model (absent = no row of that model)
const CASES: Record<string, { general: string; food?: string; se?: string }> = {
  U1: { general: 'B', food: 'C' },           // food riskier → food
  U2: { general: 'C', food: 'B' },           // general riskier → general
  U3: { general: 'B', food: 'B' },           // tie → general
  U4: { general: 'A', food: 'C', se: 'D' },  // two key areas → the riskier (special equipment)
  U5: { general: 'D' },                      // no key-area row → copied
  U6: { general: 'C', se: 'C' },             // tie with special equipment → general
};

before(async () => {
  db = await getDb({ dataDir });
  const rows: object[] = [];
  for (const [u, c] of Object.entries(CASES)) {
    for (const [model, cls] of [['general', c.general], ['food', c.food], ['special-equipment', c.se]] as const) {
      if (!cls) continue;
      rows.push(classRow({ month: MONTH, model_id: model, uscc: u, class: cls, raw_score: cls.charCodeAt(0), score: cls.charCodeAt(0),
        reasons: [{ indicator: `${model}_x`, name: model, value: 1, points: 1 }] }));
    }
  }
  await db.insert('class_results', rows);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

async function derive(keyArea: Array<Pick<Model, 'id' | 'combine'>>): Promise<Map<string, { class: string; basis: string; reason: string }>> {
  await db.command({ text: 'DROP TABLE IF EXISTS eff_stage', params: {} });
  await db.command({ text: 'CREATE TABLE eff_stage AS class_results', params: {} });
  await db.command({ text: 'DROP TABLE IF EXISTS eff_wins', params: {} });
  for (const s of effectiveSql(keyArea as Model[], 'eff_stage', 'eff_wins')) await db.command({ text: s, params: { month: MONTH, run: 'e' } });
  const rows = await db.rows<{ uscc: string; class: string; basis: string; reason: string; model_id: string }>({
    text: `SELECT uscc, class, basis, reasons[1].indicator AS reason, model_id FROM eff_stage ORDER BY uscc`, params: {} });
  assert.ok(rows.every((r) => r.model_id === 'effective'));
  return new Map(rows.map((r) => [r.uscc, { class: r.class, basis: r.basis, reason: r.reason }]));
}

test('riskier wins, ties go to general, two key areas give the riskier, others are copied whole', async () => {
  const e = await derive([{ id: 'food', combine: 'riskier' }, { id: 'special-equipment', combine: 'riskier' }]);
  assert.equal(e.size, Object.keys(CASES).length, 'one row per general enterprise');
  const expect: Record<string, [string, string]> = {
    U1: ['C', 'food'], U2: ['C', 'general'], U3: ['B', 'general'], U4: ['D', 'special-equipment'], U5: ['D', 'general'], U6: ['C', 'general'],
  };
  for (const [u, [cls, basis]] of Object.entries(expect)) {
    assert.deepEqual([e.get(u)?.class, e.get(u)?.basis], [cls, basis], u);
    assert.equal(e.get(u)?.reason, `${basis}_x`, `${u}: the winning row's reasons travel with it`);
  }
});

test("combine 'key-area' makes the key-area class win even when milder; 'general' ignores the model", async () => {
  const e = await derive([{ id: 'food', combine: 'key-area' }, { id: 'special-equipment', combine: 'general' }]);
  assert.deepEqual([e.get('U2')?.class, e.get('U2')?.basis], ['B', 'food']);
  assert.deepEqual([e.get('U4')?.class, e.get('U4')?.basis], ['C', 'food'], 'food wins outright; special equipment is not combined');
  assert.deepEqual([e.get('U6')?.class, e.get('U6')?.basis], ['C', 'general']);
});
