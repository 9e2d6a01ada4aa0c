/**
 * insp_last_bad (features.ts): of two inspections on the day of the last inspection, the worse decides — whatever
 * order the rows are stored in (argMax by date alone chose the row that came first). Also: an earlier bad
 * inspection followed by a pass is not "last bad"; a bad inspection older than 36 months does not count.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { buildFeatures } from '../../server/classify/features';
import { freshDb, ent, ev, id } from './classify-fixtures';

let db: Db;
const U = { problemFirst: id(), passFirst: id(), unreachableFirst: id(), passLater: id(), old: id() };
let f: Map<string, number>;

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', Object.values(U).map((u) => ent(u)));
  await db.insert('events', [
    ev(U.problemFirst, '2025-03-01', 'inspection', { result: 'problem' }), ev(U.problemFirst, '2025-03-01', 'inspection', { result: 'pass' }),
    ev(U.passFirst, '2025-03-01', 'inspection', { result: 'pass' }), ev(U.passFirst, '2025-03-01', 'inspection', { result: 'problem' }),
    ev(U.unreachableFirst, '2025-03-01', 'inspection', { result: 'pass' }), ev(U.unreachableFirst, '2025-03-01', 'inspection', { result: 'unreachable' }),
    ev(U.passLater, '2025-01-01', 'inspection', { result: 'problem' }), ev(U.passLater, '2025-03-01', 'inspection', { result: 'pass' }),
    ev(U.old, '2020-01-01', 'inspection', { result: 'problem' }),
  ]);
  const t = await buildFeatures(db, '2025-06-30', 'insp');
  try {
    const rows = await db.rows<{ uscc: string; v: number }>({ text: `SELECT uscc, insp_last_bad AS v FROM ${t.features}`, params: {} });
    f = new Map(rows.map((r) => [r.uscc, Number(r.v)]));
  } finally {
    await t.drop();
  }
});

after(async () => { await closeDb(); });

test('two inspections on the last day: the worse result decides, in either order', () => {
  assert.equal(f.get(U.problemFirst), 1);
  assert.equal(f.get(U.passFirst), 1);
  assert.equal(f.get(U.unreachableFirst), 1);
});

test('a pass after a bad inspection, and a bad inspection older than 36 months, are not last-bad', () => {
  assert.equal(f.get(U.passLater), 0);
  assert.equal(f.get(U.old), 0);
});
