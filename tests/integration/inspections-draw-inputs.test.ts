/**
 * What a 双随机 draw depends on, and nothing else: verification replays the statuses as they were at the draw
 * (enterprises closed or reopened later change nothing), a plan's results are inspections made after the draw, the
 * inspectors are paired from the plan's region whoever draws, and a second process drawing the same plan gives up.
 */
import { test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import type { Viewer } from '../../server/auth/viewer';
import { addInspector, createPlan, drawPlan, getPlan, getTargets, planRates, verifyDraw } from '../../server/inspections/plans';
import type { PlanSettingsInput } from '../../server/inspections/settings';
import { enterpriseAdder } from './inspection-fixtures';

const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const county: Viewer = { name: 'county', role: 'analyst', regionCode: '220102' };
let db: Db;

/** n enterprises of one class classified in `month` (YYYY-MM), all 存续 in the snapshot and today. */
const addEnterprises = enterpriseAdder(() => db, 600);

const setStatus = (uscc: string, status: string) =>
  db.command(sql`ALTER TABLE enterprises UPDATE status = ${p.str(status)} WHERE uscc = ${p.str(uscc)} SETTINGS mutations_sync = 1`);

const settings = (o: Partial<PlanSettingsInput>): PlanSettingsInput => ({
  name: '计划', year: 2024, month: '2024-01', model: 'effective', scope: { region: '220102', tags: [] }, ratios: { A: 1, B: 2, C: 10, D: 30 }, ...o,
});

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-insp-inputs-')) });
});

after(async () => { await closeDb(); });

test('verifyDraw replays the statuses as they were at the draw: enterprises closed or reopened since change nothing', async () => {
  const c = await addEnterprises(100, 'C', '2024-01');
  const d = await addEnterprises(20, 'D', '2024-01');
  // Closed since the snapshot (the snapshot says 存续): the draw leaves it out, as before.
  const closedBefore = c[99]!;
  await setStatus(closedBefore, '注销');
  const plan = await drawPlan(db, admin, (await createPlan(db, admin, settings({ name: '核验' }), 'seed-v')).plan_id);
  const list = (await getTargets(db, admin, plan.plan_id)).map((t) => t.uscc);
  assert.equal(list.length, 10 + 6, 'C: 99 eligible × 10% = 10; D: 20 × 30% = 6');
  assert.ok(!list.includes(closedBefore), 'an enterprise closed by the draw is not drawn');
  assert.equal(plan.counts.find((x) => x.class === 'C')!.status, 1);
  assert.deepEqual(await verifyDraw(db, admin, plan.plan_id), { same: true, stored: 16, recomputed: 16, missing: [], extra: [] });

  // After the draw: one drawn C and one drawn D enterprise are cancelled, one that was not drawn is revoked, and the
  // one closed before the draw is open again (an import corrected it). The draw's inputs were what they were.
  const drawn = new Set(list);
  await setStatus(list[0]!, '注销');
  await setStatus(list.find((u) => d.includes(u))!, '吊销');
  await setStatus(c.find((u) => !drawn.has(u) && u !== closedBefore)!, '吊销');
  await setStatus(closedBefore, '存续');
  assert.deepEqual(await verifyDraw(db, admin, plan.plan_id), { same: true, stored: 16, recomputed: 16, missing: [], extra: [] });
  // The verification did not touch the plan; a preview today does see today's statuses.
  assert.equal((await getPlan(db, admin, plan.plan_id)).counts.find((x) => x.class === 'C')!.status, 1);
});

test('a plan’s results are inspections made on or after the day of the draw, not earlier ones', async () => {
  const u = await addEnterprises(20, 'D', '2026-01');
  // Drawn on 2026-11-30 at 12:00 in Beijing.
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-11-30T04:00:00Z') });
  let planId: string;
  try {
    planId = (await drawPlan(db, admin, (await createPlan(db, admin, settings({ name: '结果', year: 2026, month: '2026-01', ratios: { A: 0, B: 0, C: 0, D: 100 } }), 's')).plan_id)).plan_id;
  } finally {
    mock.timers.reset();
  }
  const ev = (id: string, uscc: string, date: string, result: string) =>
    ({ event_id: id, uscc, event_date: date, category: 'inspection', severity: 'general', end_date: null, result, source: '专项检查', amount_yuan: null, detail: '', import_id: 'x' });
  await db.insert('events', [
    ev('IMP-MAR', u[0]!, '2026-03-01', 'problem'),   // another campaign, months before the draw
    ev('IMP-EVE', u[1]!, '2026-11-29', 'problem'),   // the day before the draw
    ev('IMP-DAY', u[2]!, '2026-11-30', 'pass'),      // the day of the draw: may be the plan's inspection
    ev('IMP-DEC', u[3]!, '2026-12-10', 'problem'),   // after the draw
  ]);
  const rows = new Map((await getTargets(db, admin, planId)).map((t) => [t.uscc, t]));
  assert.equal(rows.size, 20);
  assert.deepEqual([rows.get(u[0]!)!.result, rows.get(u[0]!)!.result_date], ['', '']);
  assert.equal(rows.get(u[1]!)!.result, '');
  assert.deepEqual([rows.get(u[2]!)!.result, rows.get(u[2]!)!.result_date], ['pass', '2026-11-30']);
  assert.deepEqual([rows.get(u[3]!)!.result, rows.get(u[3]!)!.result_date], ['problem', '2026-12-10']);
  const dRate = (await planRates(db, admin)).find((r) => r.plan_id === planId)!.classes.find((x) => x.class === 'D')!;
  assert.deepEqual({ inspected: dRate.inspected, problem: dRate.problem, rate: dRate.rate }, { inspected: 2, problem: 1, rate: 0.5 });
});

test('inspector pairing comes from the plan’s region: an admin and a county analyst get the same pairs', async () => {
  await addEnterprises(20, 'D', '2025-01');
  await addInspector(db, admin, { name: '张一', unit: '南关区市场监管局', region: '220102' });
  await addInspector(db, admin, { name: '李二', unit: '南关区市场监管局', region: '220102' });
  await addInspector(db, admin, { name: '王三', unit: '市局稽查支队', region: '220100' });
  // Outside the plan's region: never paired.
  await addInspector(db, admin, { name: '赵四', unit: '宽城区市场监管局', region: '220103' });
  const s = settings({ name: '配对', year: 2025, month: '2025-01', ratios: { A: 0, B: 0, C: 0, D: 100 }, exemptions: { excludeDrawnThisYear: false } });
  const pairs = async (v: Viewer) => {
    const plan = await drawPlan(db, v, (await createPlan(db, v, s, 'same-seed')).plan_id);
    return (await getTargets(db, v, plan.plan_id)).map((t) => `${t.uscc} ${t.inspector1}/${t.inspector1_unit} ${t.inspector2}/${t.inspector2_unit}`);
  };
  const byAdmin = await pairs(admin);
  const byCounty = await pairs(county);
  assert.equal(byAdmin.length, 20);
  assert.deepEqual(byCounty, byAdmin);
  for (const line of byAdmin) {
    assert.ok(line.includes('王三/市局稽查支队'), `the prefecture’s inspector makes the pair from another unit: ${line}`);
    assert.ok(!line.includes('赵四'));
  }
});

test('a plan claimed by another process is not drawn twice; a lapsed claim and a died attempt’s rows do not stay in the way', async () => {
  await addEnterprises(10, 'C', '2023-01');
  const s = settings({ name: '并发', year: 2023, month: '2023-01', ratios: { A: 0, B: 0, C: 100, D: 0 } });
  const plan = await createPlan(db, admin, s, 'claim');
  // Another process (the CLI against the same server) claimed the plan a moment ago and is drawing it.
  await db.command(sql`INSERT INTO inspection_draw_claims (plan_id, token) VALUES (${p.str(plan.plan_id)}, 'other-process')`);
  await assert.rejects(drawPlan(db, admin, plan.plan_id), (e: Error) => e.message === '该计划正在由另一处抽取（其他用户或命令行），请稍后刷新查看结果');
  assert.equal((await getPlan(db, admin, plan.plan_id)).status, 'draft');
  assert.equal((await getTargets(db, admin, plan.plan_id)).length, 0, 'nothing written by the attempt that gave up');

  // That process died mid-way: its claim lapses, and the rows it wrote are cleared by the next draw.
  await db.command(sql`DELETE FROM inspection_draw_claims WHERE token = 'other-process'`);
  await db.command(sql`INSERT INTO inspection_draw_claims (plan_id, token, claimed_at) VALUES (${p.str(plan.plan_id)}, 'other-process', now64(6) - INTERVAL 1 HOUR)`);
  await db.insert('inspection_targets', [{
    plan_id: plan.plan_id, year: 2023, drawn_at: '2026-01-01 00:00:00.000', seq: 1, uscc: '91220102MAXXXXXXXX', name: '', class: 'C', score: 0, rank: 1,
    province_code: '220000', prefecture_code: '220100', county_code: '220102', street_code: '', industry_code: '', address: '',
    inspector1_id: '', inspector1: '', inspector1_unit: '', inspector2_id: '', inspector2: '', inspector2_unit: '',
  }]);
  const drawn = await drawPlan(db, admin, plan.plan_id);
  assert.equal(drawn.status, 'drawn');
  const list = await getTargets(db, admin, plan.plan_id);
  assert.equal(list.length, 10);
  assert.ok(!list.some((t) => t.uscc === '91220102MAXXXXXXXX'));
  assert.deepEqual(list.map((t) => t.seq), Array.from({ length: 10 }, (_, i) => i + 1));
  assert.equal((await verifyDraw(db, admin, plan.plan_id)).same, true);
});
