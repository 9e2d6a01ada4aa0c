/**
 * What counts as a plan's result: inspections as corrected after objections (a record an objection removed is no
 * result, and the plan's own record cannot be written again under the removed id), results dated on or after the
 * day of the draw only, and the comparison of an older plan's problem rates (beyond the latest plans the list shows).
 */
import { test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import { compareWithPrevious, createPlan, drawPlan, getTargets, planRates, recordResult, verifyDraw } from '../../server/inspections/plans';
import type { PlanSettingsInput } from '../../server/inspections/settings';
import { dispatch } from '../../server/cli/dispatch';
import { enterpriseAdder } from './inspection-fixtures';

const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
let db: Db;

/** n enterprises of one class classified in `month` (YYYY-MM), all 存续. */
const addEnterprises = enterpriseAdder(() => db, 800);

const settings = (o: Partial<PlanSettingsInput>): PlanSettingsInput => ({
  name: '计划', year: 2026, month: '2026-01', model: 'effective', scope: { region: '220102', tags: [] }, ratios: { A: 0, B: 0, C: 0, D: 100 },
  exemptions: { excludeDrawnThisYear: false }, ...o,
});

/** Creates and draws a plan with the clock at `at` (an ISO instant). */
async function drawAt(at: string, s: PlanSettingsInput, seed = 's'): Promise<string> {
  mock.timers.enable({ apis: ['Date'], now: new Date(at) });
  try {
    return (await drawPlan(db, admin, (await createPlan(db, admin, s, seed)).plan_id)).plan_id;
  } finally {
    mock.timers.reset();
  }
}

const ev = (id: string, uscc: string, date: string, result: string) =>
  ({ event_id: id, uscc, event_date: date, category: 'inspection', severity: 'general', end_date: null, result, source: '专项检查', amount_yuan: null, detail: '', import_id: 'x' });
const removal = (eventId: string, uscc: string) =>
  ({ correction_id: `c-${eventId}`, objection_id: 'o1', event_id: eventId, uscc, action: 'remove', severity: null, amount_yuan: null, end_date: null, detail: null, note: '异议成立', actor: 'admin', ts: '2026-08-01 00:00:00.000' });

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-insp-results-')) });
});

after(async () => { await closeDb(); });

test('a result an objection removed is no result of the plan, and the plan’s own record is not written again under its id', async () => {
  const u = await addEnterprises(6, 'D', '2026-01');
  // Drawn on 2026-03-02 (Beijing).
  const planId = await drawAt('2026-03-02T02:00:00Z', settings({ name: '更正' }));
  await db.insert('events', [ev('IMP-A', u[0]!, '2026-05-10', 'problem'), ev('IMP-B', u[1]!, '2026-05-11', 'problem')]);
  const own = await recordResult(db, admin, { planId, uscc: u[2]!, result: 'problem', date: '2026-05-12' }, { today: '2026-12-31' });
  const before = new Map((await getTargets(db, admin, planId)).map((t) => [t.uscc, t.result]));
  assert.deepEqual([before.get(u[0]!), before.get(u[1]!), before.get(u[2]!)], ['problem', 'problem', 'problem']);

  // Objections found the 2026-05-10 inspection record and the plan's own record wrong: both removed.
  await db.insert('event_corrections', [removal('IMP-A', u[0]!), removal(own.eventId, u[2]!)]);
  const rows = new Map((await getTargets(db, admin, planId)).map((t) => [t.uscc, t]));
  assert.deepEqual([rows.get(u[0]!)!.result, rows.get(u[0]!)!.result_date], ['', ''], 'the removed imported inspection is no result');
  assert.equal(rows.get(u[1]!)!.result, 'problem');
  assert.equal(rows.get(u[2]!)!.result, '', 'the removed own record is no result');
  const d = (await planRates(db, admin)).find((r) => r.plan_id === planId)!.classes.find((x) => x.class === 'D')!;
  assert.deepEqual({ inspected: d.inspected, problem: d.problem }, { inspected: 1, problem: 1 });

  // Writing the removed record again would be hidden by the correction (the page would say saved, nothing counts).
  await assert.rejects(recordResult(db, admin, { planId, uscc: u[2]!, result: 'pass', date: '2026-06-01' }, { today: '2026-12-31' }),
    (e: Error) => e.message === '该企业在本计划的检查结果已因异议更正被删除，不能再次记录（如需更正，请通过异议处理）');
  const written = await db.rows<{ result: string }>({ text: `SELECT toString(result) AS result FROM events WHERE event_id = {e:String}`, params: { e: own.eventId } });
  assert.deepEqual(written.map((r) => r.result), ['problem'], 'the removed record stays as it was (history)');
});

test('a result is not dated before the day of the draw (China time), through the API and the CLI', async () => {
  const u = await addEnterprises(4, 'D', '2026-02');
  // 2026-06-15 07:00 in Beijing is 2026-06-14 23:00 UTC: the draw day is 06-15.
  const planId = await drawAt('2026-06-14T23:00:00Z', settings({ name: '抽取日', month: '2026-02' }));
  await assert.rejects(recordResult(db, admin, { planId, uscc: u[0]!, result: 'problem', date: '2026-06-14' }, { today: '2026-12-31' }),
    (e: Error) => e.message === '检查日期 2026-06-14 早于本计划的抽取日期（2026-06-15），不是本计划的检查');
  await assert.rejects(recordResult(db, admin, { planId, uscc: u[0]!, result: 'problem', date: '2026-01-05' }, { today: '2026-12-31' }), /早于本计划的抽取日期/);
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: admin, ip: '' });
  await assert.rejects(caller.inspections.recordResult({ planId, uscc: u[0]!, result: 'pass', date: '2026-03-01' }), (e: { code?: string; message: string }) =>
    e.code === 'BAD_REQUEST' && /早于本计划的抽取日期/.test(e.message));
  const err: string[] = [];
  const io = { out: () => {}, err: (s: string) => err.push(s), progress: () => {}, stdin: '', db: async () => db, actor: 'test' };
  assert.equal(await dispatch(['inspections', 'result', planId, u[0]!, 'pass', '--date', '2026-06-01'], io), 1);
  assert.match(err.join(''), /早于本计划的抽取日期/);
  const none = await db.rows<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM events WHERE startsWith(event_id, {p:String})`, params: { p: `INSP-${planId}-` } });
  assert.equal(Number(none[0]!.n), 0, 'nothing written');
  // The day of the draw itself is fine.
  await recordResult(db, admin, { planId, uscc: u[0]!, result: 'problem', date: '2026-06-15' }, { today: '2026-12-31' });
  const t = (await getTargets(db, admin, planId)).find((x) => x.uscc === u[0]!)!;
  assert.deepEqual([t.result, t.result_date], ['problem', '2026-06-15']);
});

test('an older plan compares its own problem rates, not zeros, when more plans were made since than the list shows', async () => {
  const u = await addEnterprises(5, 'D', '2025-01', '220103');
  const s = settings({ name: '旧计划', year: 2025, month: '2025-01', scope: { region: '220103', tags: [] } });
  const first = await drawAt('2025-03-01T02:00:00Z', { ...s, name: '第一批' }, 'a');
  const old = await drawAt('2025-03-02T02:00:00Z', s, 'b');
  await recordResult(db, admin, { planId: old, uscc: u[0]!, result: 'problem', date: '2025-04-01' }, { today: '2025-12-31' });
  await recordResult(db, admin, { planId: old, uscc: u[1]!, result: 'pass', date: '2025-04-01' }, { today: '2025-12-31' });
  await recordResult(db, admin, { planId: first, uscc: u[2]!, result: 'problem', date: '2025-04-01' }, { today: '2025-12-31' });
  // 100 plans made since (drafts are enough: the list shows the latest 100).
  await db.insert('inspection_plans', Array.from({ length: 100 }, (_, i) => ({
    plan_id: `ee${String(i).padStart(6, '0')}`, name: `草稿${i}`, year: 2026, month: '2026-01-01', model_id: 'effective', region_code: '220103',
    province_code: '220000', prefecture_code: '220100', county_code: '220103', settings: JSON.stringify(settings({ name: `草稿${i}` })), seed: 'x',
    status: 'draft', created_by: 'admin', created_at: `2026-04-01 00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}`, drawn_by: '', drawn_at: null,
    counts: '[]', exclusions_recorded: 0, version: 1,
  })));
  const cmp = await compareWithPrevious(db, admin, old);
  const d = cmp.current.classes.find((x) => x.class === 'D')!;
  assert.deepEqual({ drawn: d.drawn, inspected: d.inspected, problem: d.problem, rate: d.rate }, { drawn: 5, inspected: 2, problem: 1, rate: 0.5 });
  assert.equal(cmp.current.drawn_at, '2025-03-02 10:00:00');
  assert.equal(cmp.previous?.plan_id, first, 'the plan drawn before it in the same region');
  assert.deepEqual(cmp.previous!.classes.find((x) => x.class === 'D')!.problem, 1);
  // A draft has no rates and no previous plan.
  const draft = await compareWithPrevious(db, admin, 'ee000000');
  assert.equal(draft.previous, null);
  assert.equal(draft.current.total.drawn, 0);

  // The CLI lists every plan, not the latest 100.
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test' };
  assert.equal(await dispatch(['inspections', 'list', '--json'], io), 0);
  const listed = (JSON.parse(out.join('')) as { plans: Array<{ plan_id: string }> }).plans.map((pl) => pl.plan_id);
  assert.ok(listed.includes(old) && listed.includes(first) && listed.length >= 102, `${listed.length} plans listed`);
});

test('rows left by a draw that died before marking its plan drawn are no list: they exempt nothing and count as no drawn enterprises', async () => {
  const u = await addEnterprises(10, 'D', '2024-03', '220104');
  const s = settings({ name: '中断', year: 2024, month: '2024-03', scope: { region: '220104', tags: [] }, exemptions: { excludeDrawnThisYear: true } });
  const died = await createPlan(db, admin, s, 'died');
  // The process drawing it wrote its list, then died before the plan was marked drawn: the plan is still a draft.
  await db.insert('inspection_targets', u.slice(0, 4).map((uscc, i) => ({
    plan_id: died.plan_id, year: 2024, drawn_at: '2024-04-01 00:00:00.000', seq: i + 1, uscc, name: '', class: 'D', score: 800, rank: i + 1,
    province_code: '220000', prefecture_code: '220100', county_code: '220104', street_code: '', industry_code: '', address: '',
    inspector1_id: '', inspector1: '', inspector1_unit: '', inspector2_id: '', inspector2: '', inspector2_unit: '',
  })));
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: admin, ip: '' });
  assert.equal((await caller.inspections.plan({ planId: died.plan_id })).targets, 0, 'a draft has drawn nobody');
  assert.deepEqual(await caller.inspections.targets({ planId: died.plan_id }), [], 'and has no list to show or export');
  const preview = await caller.inspections.preview(s);
  assert.deepEqual(preview.counts.find((c) => c.class === 'D'), { class: 'D', population: 10, status: 0, drawn: 0, inclusion: 0, observation: 0, eligible: 10, ratio: 100, expected: 10 });
  const other = await drawAt('2024-05-01T02:00:00Z', { ...s, name: '另一计划' }, 'other');
  assert.deepEqual((await getTargets(db, admin, other)).map((t) => t.uscc).sort(), [...u].sort(), 'all ten drawn by the plan that was drawn');
  // Its verification replays the same rule.
  assert.equal((await verifyDraw(db, admin, other)).same, true);
});

test('the CLI plans for this year (China), not the classified month’s: December’s classes drawn in January take January’s results', async () => {
  const u = await addEnterprises(3, 'D', '2025-12', '220105');
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), progress: () => {}, stdin: '', db: async () => db, actor: 'test' };
  // 2026-01-01 07:00 in Beijing (still 2025 in UTC).
  mock.timers.enable({ apis: ['Date'], now: new Date('2025-12-31T23:00:00Z') });
  let code: number;
  try {
    code = await dispatch(['inspections', 'plan', '--name', '一月计划', '--month', '2025-12', '--region', '220105', '--ratios', 'A=0,B=0,C=0,D=100', '--draw', '--json'], io);
  } finally {
    mock.timers.reset();
  }
  assert.equal(code, 0, err.join('\n'));
  const plan = JSON.parse(out.join('')) as { plan_id: string; year: number; status: string; targets: number };
  assert.deepEqual({ year: plan.year, status: plan.status, targets: plan.targets }, { year: 2026, status: 'drawn', targets: 3 });
  assert.equal(await dispatch(['inspections', 'result', plan.plan_id, u[0]!, 'problem', '--date', '2026-01-05'], io), 0, err.join('\n'));
  assert.equal((await getTargets(db, admin, plan.plan_id)).find((t) => t.uscc === u[0]!)!.result, 'problem');
  // --year still decides when given.
  out.length = 0;
  assert.equal(await dispatch(['inspections', 'plan', '--name', '指定年度', '--month', '2025-12', '--region', '220105', '--year', '2025', '--preview', '--json'], io), 0);
  assert.equal((JSON.parse(out.join('')) as { settings: { year: number } }).settings.year, 2025);
});

test('what the plan’s inspection found stays its result: a later inspection from elsewhere (a follow-up) does not replace it', async () => {
  const u = await addEnterprises(3, 'D', '2026-04', '220106');
  const planId = await drawAt('2026-05-04T02:00:00Z', settings({ name: '复查', month: '2026-04', scope: { region: '220106', tags: [] } }));
  await recordResult(db, admin, { planId, uscc: u[0]!, result: 'problem', date: '2026-05-10', note: '超范围经营' }, { today: '2026-12-31' });
  // The follow-up check after rectification (复查) and an imported inspection of an enterprise without a page record.
  await db.insert('events', [ev('IMP-FU', u[0]!, '2026-06-20', 'pass'), ev('IMP-OTHER', u[1]!, '2026-06-21', 'problem')]);
  const rows = new Map((await getTargets(db, admin, planId)).map((t) => [t.uscc, t]));
  const own = rows.get(u[0]!)!;
  assert.deepEqual([own.result, own.result_date, own.result_source], ['problem', '2026-05-10', '双随机抽查']);
  assert.match(own.result_note, /超范围经营/);
  assert.deepEqual([rows.get(u[1]!)!.result, rows.get(u[1]!)!.result_date], ['problem', '2026-06-21']);
  const d = (await planRates(db, admin)).find((r) => r.plan_id === planId)!.classes.find((x) => x.class === 'D')!;
  assert.deepEqual({ inspected: d.inspected, problem: d.problem }, { inspected: 2, problem: 2 });
});
