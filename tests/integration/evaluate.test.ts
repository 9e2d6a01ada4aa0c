/**
 * Validation of a month's classes (`evaluate`, the 模型与验证 page and `xinyan evaluate`) on crafted fixtures:
 * class shares, the next six months' inspection outcome by class, the lift of D over A, the AUC and the migration
 * matrix. The month is 2024-04, which ends on the 30th: its six-month horizon is May–October, 10-31 included.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { evaluate, OBSERVED_SHARES } from '../../server/classify/evaluate';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';
import type { TRPCError } from '@trpc/server';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import { waitJob } from '../../server/jobs/registry';

const MONTH = '2024-04';
let db: Db;
const U: Record<string, string> = {};

before(async () => {
  db = await freshDb();
  const E: Array<Record<string, unknown>> = [];
  const V: Array<Record<string, unknown>> = [];
  const mk = (name: string, evs: (u: string) => Array<Record<string, unknown>> = () => [], o: Record<string, unknown> = {}) => {
    const u = id();
    U[name] = u;
    E.push(ent(u, o));
    V.push(...evs(u), ...reports(u, 2016, 2024));
  };
  // Three alike enterprises without records (class A, equal scores) and two forced to D by the hard rules.
  mk('passes', (u) => [ev(u, '2024-06-01', 'inspection', { result: 'pass' })]);
  // A problem found on the horizon's last day counts; one in the month itself or after the horizon does not.
  mk('problem on the last day', (u) => [ev(u, '2024-10-31', 'inspection', { result: 'problem' })]);
  mk('outside the horizon', (u) => [ev(u, '2024-04-30', 'inspection', { result: 'problem' }), ev(u, '2024-11-01', 'inspection', { result: 'problem' })]);
  // The AUC's label is the next inspection's outcome: a pass followed by a problem is a negative (the problem counts
  // in the problem rate); two inspections on the first day, one a problem, a positive.
  mk('pass, then a problem', (u) => [ev(u, '2024-05-10', 'inspection', { result: 'pass' }), ev(u, '2024-08-01', 'inspection', { result: 'problem' })]);
  mk('two on the first day', (u) => [ev(u, '2024-06-15', 'inspection', { result: 'pass' }), ev(u, '2024-06-15', 'inspection', { result: 'problem' }),
    ev(u, '2024-09-01', 'inspection', { result: 'pass' })]);
  mk('serious list', (u) => [ev(u, '2023-01-01', 'serious_dishonest_list'), ev(u, '2024-05-15', 'inspection', { result: 'unreachable' })]);
  mk('revoked', (u) => [ev(u, '2024-02-01', 'license_revoked'), ev(u, '2024-07-01', 'inspection', { result: 'problem' })], { status: '吊销' });
  // Registered in April: new in the migration from March.
  mk('new in April', () => [], { reg_date: '2024-04-10' });
  // Deregistered in April: classified in March, not in April (leaves in the migration).
  mk('closed in April', (u) => [ev(u, '2024-04-10', 'change', { detail: '注销' })], { status: '注销' });
  await db.insert('enterprises', E);
  await db.insert('events', V);
  await classifyMonth(db, '2024-03', 'general');
  await classifyMonth(db, MONTH, 'general');
});

after(async () => { await closeDb(); });

const AS = ['passes', 'problem on the last day', 'outside the horizon', 'pass, then a problem', 'two on the first day', 'new in April'];

test('the fixture classes: six A (the inspected ones with equal scores), two D by the hard rules', async () => {
  const r = await results(db, MONTH);
  assert.equal(r.size, 8);
  for (const name of AS) assert.equal(r.get(U[name]!)!.class, 'A', name);
  // Equal scores for the A enterprises inspected in the horizon (the AUC's ties).
  for (const name of ['problem on the last day', 'pass, then a problem', 'two on the first day']) assert.equal(r.get(U[name]!)!.score, r.get(U['passes']!)!.score, name);
  assert.equal(r.get(U['serious list']!)!.class, 'D');
  assert.equal(r.get(U['revoked']!)!.class, 'D');
});

test('shares, outcome by class over the next six months, lift, AUC and migration', async () => {
  const e = await evaluate(db, MONTH, 'general');
  assert.equal(e.enterprises, 8);
  const share = Object.fromEntries(e.shares.map((s) => [s.class, s]));
  assert.equal(share.A!.n, 6);
  assert.equal(share.D!.n, 2);
  assert.ok(Math.abs(share.A!.share - 6 / 8) < 1e-9);
  assert.equal(share.B!.observed, OBSERVED_SHARES.B);

  assert.equal(e.outcome.horizonMonths, 6);
  assert.equal(e.outcome.complete, true); // events run to 2024-11-01, past 10-31
  const by = Object.fromEntries(e.outcome.byClass.map((c) => [c.class, c]));
  // A: inspected 'passes' (pass), 'problem on the last day', 'pass, then a problem' and 'two on the first day' (every
  // inspection in the horizon counts: three with a problem); 'outside the horizon' not inspected in it.
  assert.deepEqual([by.A!.enterprises, by.A!.inspected, by.A!.problems], [6, 4, 3]);
  assert.deepEqual([by.D!.enterprises, by.D!.inspected, by.D!.problems], [2, 2, 2]); // unreachable counts as a problem
  assert.equal(by.A!.rate, 0.75);
  assert.equal(by.B!.rate, null); // nobody in B
  assert.ok(e.outcome.liftDA !== null && Math.abs(e.outcome.liftDA - 1 / 0.75) < 1e-9);

  // AUC over the inspected, labelled by their next inspection: positives {last day (A), two on the first day (A),
  // serious list (D), revoked (D)}, negatives {passes (A), pass then a problem (A)}. Of the 4 × 2 pairs, the A
  // positives tie the A negatives (4 pairs, ½ each), the D positives outrank them (4 pairs): (2 + 4) / 8.
  // (Labelled by any problem in the six months, 'pass, then a problem' was a positive: (1.5 + 2) / 5 = 0.7.)
  assert.equal(e.auc.positives, 4);
  assert.equal(e.auc.negatives, 2);
  assert.ok(e.auc.value !== null && Math.abs(e.auc.value - 6 / 8) < 1e-9, `AUC ${e.auc.value}`);

  assert.equal(e.migration.from, '2024-03');
  assert.equal(e.migration.previousClassified, true);
  const moves = Object.fromEntries(e.migration.matrix.map((m) => [`${m.from}→${m.to}`, m.n]));
  assert.deepEqual(moves, { 'A→A': 5, 'D→D': 2, '新增→A': 1, 'A→退出': 1 });
});

test('the first classified month: the previous month has no results, which the migration says (every row 新增)', async () => {
  const e = await evaluate(db, '2024-03', 'general');
  assert.equal(e.migration.from, '2024-02');
  assert.equal(e.migration.previousClassified, false);
  assert.deepEqual(e.migration.matrix.map((m) => `${m.from}→${m.to} ${m.n}`), ['新增→A 6', '新增→D 2']);
});

test('an inspection record an objection removed counts neither in the problem rate nor in the AUC', async () => {
  const [rec] = await db.rows<{ event_id: string }>({ text: `SELECT event_id FROM events WHERE uscc = {u:String} AND category = 'inspection'`, params: { u: U['problem on the last day'] } });
  await db.insert('event_corrections', [{ correction_id: 'c-eval', objection_id: 'O-eval', event_id: rec!.event_id, uscc: U['problem on the last day'], action: 'remove',
    severity: null, amount_yuan: null, end_date: null, detail: null, note: '', actor: 'analyst', ts: '2024-12-01 00:00:00.000' }]);
  try {
    const e = await evaluate(db, MONTH, 'general');
    const A = e.outcome.byClass.find((c) => c.class === 'A')!;
    assert.deepEqual([A.inspected, A.problems], [3, 2]);
    // Positives {two on the first day (A), serious list, revoked}, negatives {passes, pass then a problem}: (1 + 4) / 6.
    assert.deepEqual([e.auc.positives, e.auc.negatives], [3, 2]);
    assert.ok(e.auc.value !== null && Math.abs(e.auc.value - 5 / 6) < 1e-9, `AUC ${e.auc.value}`);
  } finally {
    await db.command({ text: 'TRUNCATE TABLE event_corrections', params: {} });
  }
});

test('the fitted variant: trained on months whose six-month labels end before the evaluated month, measured on it', async () => {
  const e = await evaluate(db, MONTH, 'general', { fit: true });
  const f = e.fitted!;
  // 2023-07 … 2023-09: their horizons end by 2024-03-31, before April's outcomes (May–October) begin.
  assert.deepEqual(f.trainMonths, ['2023-07', '2023-08', '2023-09']);
  assert.equal(f.testMonth, MONTH);
  assert.equal(f.nTrain, 0); // no inspection in those horizons
  assert.equal(f.nTest, 6); // the enterprises inspected in April's horizon
  assert.equal(f.aucFitted, null);
  assert.match(f.note, /训练样本不足/);
  assert.deepEqual(f.coefficients, []);
});

test('a month whose horizon the data does not reach yet is marked incomplete', async () => {
  const later = await evaluate(db, '2024-06', 'general');
  assert.equal(later.outcome.complete, false); // horizon to 2024-12-31, data to 2024-11-01
  assert.equal(later.enterprises, 0); // 2024-06 not classified
});

test('runs from a month on, through the API: administrators only, refused when no month has events', async () => {
  const call = (role: 'admin' | 'analyst') => createCallerFactory(appRouter)({ db: async () => db, viewer: { name: role, role, regionCode: '' }, ip: '' });
  await assert.rejects(call('analyst').classify.start({ all: true, since: '2024-10' }), (e: TRPCError) => e.code === 'FORBIDDEN');
  await assert.rejects(call('admin').classify.start({ all: true, since: '2024-12' }),
    (e: TRPCError) => e.code === 'BAD_REQUEST' && /2024-12 及以后没有任何事件记录/.test(e.message));
  const { jobId } = await call('admin').classify.start({ all: true, since: '2024-10', model: 'general' });
  const job = await waitJob(jobId);
  assert.equal(job.status, 'done', job.error ?? '');
  const runs = await db.rows<{ m: string; model_id: string }>({ text: `SELECT DISTINCT formatDateTime(month, '%Y-%m') AS m, model_id FROM class_runs FINAL
    WHERE status = 'done' AND actor = 'admin' ORDER BY m, model_id`, params: {} });
  // Events run to 2024-11-01: October and November, general and the re-derived effective.
  assert.deepEqual(runs.map((r) => `${r.m} ${r.model_id}`), ['2024-10 effective', '2024-10 general', '2024-11 effective', '2024-11 general']);
});
