/**
 * 企业画像 through the API (classify.enterprise): the event timeline as the classification reads it (a record an
 * objection corrected shows its corrected values, one it removed is listed and marked), newest first, with the
 * number of records; each month's class bands those of the model version that classified it; a 长春-scoped analyst is refused an enterprise outside 长春, a partner and a leader any.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { TRPCError } from '@trpc/server';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { getModel, type ScoreModel } from '../../server/classify/model';
import { buildFeatures } from '../../server/classify/features';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent, ev, id } from './classify-fixtures';

let db: Db;
const inside = id();
const outside = id('91220202MA');
const repaired = id();
const E: Record<string, Record<string, unknown>> = {};
const call = (v: Partial<Viewer> & Pick<Viewer, 'role'>) =>
  createCallerFactory(appRouter)({ db: async () => db, viewer: { name: v.role, regionCode: '', ...v }, ip: '' });

before(async () => {
  db = await freshDb();
  await db.insert('enterprises', [
    ent(inside),
    ent(outside, { region_code: '220202', prefecture_code: '220200', county_code: '220202', street_code: '220202001' }),
  ]);
  E.fine = ev(inside, '2025-03-01', 'penalty', { amount_yuan: 500000, detail: '罚款50万元' });
  E.wrong = ev(inside, '2025-02-01', 'penalty', { amount_yuan: 2000 });
  E.complaint = ev(inside, '2025-03-01', 'complaint');
  E.report = ev(inside, '2024-05-15', 'annual_report');
  await db.insert('events', [...Object.values(E), ev(outside, '2025-01-05', 'penalty')]);
  // Objection O1 corrected the fine (the source department recorded 5,000 yuan); O2 removed a penalty of another firm.
  await db.insert('event_corrections', [
    { correction_id: 'c1', objection_id: 'O1', event_id: E.fine.event_id, uscc: inside, action: 'change', severity: null, amount_yuan: 5000,
      end_date: null, detail: '罚款5000元', note: '', actor: 'analyst', ts: '2025-04-01 00:00:00.000' },
    { correction_id: 'c2', objection_id: 'O2', event_id: E.wrong.event_id, uscc: inside, action: 'remove', severity: null, amount_yuan: null,
      end_date: null, detail: null, note: '', actor: 'analyst', ts: '2025-04-02 00:00:00.000' },
  ]);
});

after(async () => { await closeDb(); });

test('the timeline: newest first, corrected values, the removed record listed and marked, the count of records', async () => {
  const { timeline } = await call({ role: 'analyst' }).classify.enterprise({ uscc: inside });
  // 2025-03-01 (two: by event id), 2025-02-01, 2024-05-15.
  const sameDay = [String(E.complaint!.event_id), String(E.fine!.event_id)].sort();
  assert.deepEqual(timeline.map((e) => e.event_id), [...sameDay, String(E.wrong!.event_id), String(E.report!.event_id)]);
  const by = new Map(timeline.map((e) => [e.event_id, e]));
  const fine = by.get(String(E.fine!.event_id))!;
  assert.deepEqual([fine.amount_yuan, fine.detail, fine.correction, fine.corrected_by], [5000, '罚款5000元', 'change', 'O1']);
  const wrong = by.get(String(E.wrong!.event_id))!;
  assert.deepEqual([wrong.correction, wrong.corrected_by, wrong.amount_yuan], ['remove', 'O2', 2000]);
  assert.equal(by.get(String(E.complaint!.event_id))!.correction, '');
  assert.ok(timeline.every((e) => e.total === 4));
});

test("each month's bands are those of the version that classified it (general v1 in February, the latest in March)", async () => {
  await classifyMonth(db, '2025-02', 'general', { version: 1 });
  await classifyMonth(db, '2025-03', 'general');
  const v1 = (getModel('general', 1) as ScoreModel).bands;
  const latest = getModel('general') as ScoreModel;
  assert.ok(latest.version > 1 && latest.bands.B !== v1.B, 'the model files have general versions with other bands');
  const { history } = await call({ role: 'analyst' }).classify.enterprise({ uscc: inside });
  const bands = Object.fromEntries(history.map((h) => [`${h.month} ${h.model_id} v${h.model_version}`, h.bands]));
  assert.deepEqual(bands['2025-02 general v1'], v1);
  assert.deepEqual(bands['2025-03 general v' + latest.version], latest.bands);
  // 'effective' takes its basis model's version of the month.
  assert.deepEqual(bands['2025-02 effective v1'], v1);
  assert.deepEqual(bands['2025-03 effective v1'], latest.bands);
});

test('a 长春-scoped analyst is refused an enterprise outside 长春 (and sees one inside); a partner and a leader are refused', async () => {
  const cc = call({ role: 'analyst', name: 'changchun', regionCode: '220100' });
  await assert.rejects(cc.classify.enterprise({ uscc: outside }), (e: TRPCError) => e.code === 'NOT_FOUND' && /不在您的数据范围内/.test(e.message));
  assert.equal((await cc.classify.enterprise({ uscc: inside })).profile.uscc, inside);
  for (const role of ['partner', 'leader'] as const) {
    await assert.rejects(call({ role }).classify.enterprise({ uscc: inside }), (e: TRPCError) => e.code === 'FORBIDDEN', role);
  }
});

test('credit repairs in the timeline: the record each repair repairs and the repaired records marked with the date, as the classification reads them', async () => {
  const R: Record<string, Record<string, unknown>> = {};
  R.p1 = ev(repaired, '2024-01-10', 'penalty', { amount_yuan: 3000 });
  R.d1 = ev(repaired, '2024-02-01', 'dishonest');
  R.p2 = ev(repaired, '2024-03-01', 'penalty', { amount_yuan: 1000 });
  R.a1 = ev(repaired, '2023-05-01', 'abnormal_list');
  R.named = ev(repaired, '2024-08-01', 'credit_repair', { detail: R.p1.event_id, source: '信用修复' });
  // A repair naming no record of this enterprise (here: another enterprise's record) repairs every penalty and
  // dishonest record dated on or before it.
  R.blanket = ev(repaired, '2024-09-01', 'credit_repair', { detail: E.fine!.event_id });
  R.p3 = ev(repaired, '2024-10-01', 'penalty', { amount_yuan: 500 });
  // The abnormal listing's repair was removed by an objection: it repairs nothing.
  R.removedRepair = ev(repaired, '2023-12-01', 'credit_repair', { detail: R.a1.event_id });
  R.complaint = ev(repaired, '2024-04-01', 'complaint');
  await db.insert('enterprises', [ent(repaired)]);
  await db.insert('events', Object.values(R));
  await db.insert('event_corrections', [
    { correction_id: 'c3', objection_id: 'O3', event_id: R.removedRepair.event_id, uscc: repaired, action: 'remove', severity: null, amount_yuan: null,
      end_date: null, detail: null, note: '', actor: 'analyst', ts: '2025-04-03 00:00:00.000' },
  ]);
  const { timeline } = await call({ role: 'analyst' }).classify.enterprise({ uscc: repaired });
  const by = new Map(timeline.map((e) => [e.event_id, e]));
  const of = (k: string) => by.get(String(R[k]!.event_id))!;
  assert.deepEqual(Object.fromEntries(['p1', 'd1', 'p2', 'p3', 'a1', 'complaint'].map((k) => [k, of(k).repaired_on])),
    { p1: '2024-08-01', d1: '2024-09-01', p2: '2024-09-01', p3: null, a1: null, complaint: null });
  assert.deepEqual([of('named').repair_of, of('blanket').repair_of, of('removedRepair').repair_of, of('p1').repair_of],
    [String(R.p1.event_id), '*', '', '']);
  // The same records count as repaired in the classification's features (2024-12: the penalties of the 36 months).
  const f = await buildFeatures(db, '2024-12-31', 'timeline_repairs');
  try {
    const row = await db.one<{ n: number; pen: number }>({ text: `SELECT pen_repaired_36m AS n, pen_36m AS pen FROM ${f.features} WHERE uscc = {u:String}`, params: { u: repaired } });
    const shown = timeline.filter((e) => e.category === 'penalty' && e.repaired_on !== null && e.repaired_on <= '2024-12-31');
    assert.equal(Number(row!.n), shown.length);
    assert.equal(Number(row!.pen), timeline.filter((e) => e.category === 'penalty').length - shown.length);
  } finally {
    await f.drop();
  }
});
