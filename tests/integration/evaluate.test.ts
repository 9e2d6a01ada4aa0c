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
  mk('serious list', (u) => [ev(u, '2023-01-01', 'serious_dishonest_list'), ev(u, '2024-05-15', 'inspection', { result: 'unreachable' })]);
  mk('revoked', (u) => [ev(u, '2024-02-01', 'license_revoked'), ev(u, '2024-07-01', 'inspection', { result: 'problem' })], { status: '吊销' });
  // Registered in April: new in the migration from March.
  mk('new in April', () => [], { reg_date: '2024-04-10' });
  await db.insert('enterprises', E);
  await db.insert('events', V);
  await classifyMonth(db, '2024-03', 'general');
  await classifyMonth(db, MONTH, 'general');
});

after(async () => { await closeDb(); });

test('the fixture classes: four A (equal scores), two D by the hard rules', async () => {
  const r = await results(db, MONTH);
  assert.equal(r.size, 6);
  for (const name of ['passes', 'problem on the last day', 'outside the horizon', 'new in April']) assert.equal(r.get(U[name]!)!.class, 'A', name);
  assert.equal(r.get(U['passes']!)!.score, r.get(U['problem on the last day']!)!.score);
  assert.equal(r.get(U['serious list']!)!.class, 'D');
  assert.equal(r.get(U['revoked']!)!.class, 'D');
});

test('shares, outcome by class over the next six months, lift, AUC and migration', async () => {
  const e = await evaluate(db, MONTH, 'general');
  assert.equal(e.enterprises, 6);
  const share = Object.fromEntries(e.shares.map((s) => [s.class, s]));
  assert.equal(share.A!.n, 4);
  assert.equal(share.D!.n, 2);
  assert.ok(Math.abs(share.A!.share - 4 / 6) < 1e-9);
  assert.equal(share.B!.observed, OBSERVED_SHARES.B);

  assert.equal(e.outcome.horizonMonths, 6);
  assert.equal(e.outcome.complete, true); // events run to 2024-11-01, past 10-31
  const by = Object.fromEntries(e.outcome.byClass.map((c) => [c.class, c]));
  // A: inspected 'passes' (pass) and 'problem on the last day' (problem); 'outside the horizon' not inspected in it.
  assert.deepEqual([by.A!.enterprises, by.A!.inspected, by.A!.problems], [4, 2, 1]);
  assert.deepEqual([by.D!.enterprises, by.D!.inspected, by.D!.problems], [2, 2, 2]); // unreachable counts as a problem
  assert.equal(by.A!.rate, 0.5);
  assert.equal(by.B!.rate, null); // nobody in B
  assert.equal(e.outcome.liftDA, 2);

  // AUC over the inspected: positives {last day (A), serious list (D), revoked (D)}, negative {passes (A)};
  // the A positive ties the negative (½), the D positives outrank it: (½ + 1 + 1) / 3.
  assert.equal(e.auc.positives, 3);
  assert.equal(e.auc.negatives, 1);
  assert.ok(e.auc.value !== null && Math.abs(e.auc.value - 2.5 / 3) < 1e-9, `AUC ${e.auc.value}`);

  assert.equal(e.migration.from, '2024-03');
  const moves = Object.fromEntries(e.migration.matrix.map((m) => [`${m.from}→${m.to}`, m.n]));
  assert.deepEqual(moves, { 'A→A': 3, 'D→D': 2, '新增→A': 1 });
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
