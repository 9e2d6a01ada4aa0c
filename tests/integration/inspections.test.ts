/**
 * 双随机 plans on crafted class results (month 2024-05, model 'effective'): expected counts and exemptions counted
 * by construction, the seeded draw's reproducibility, ratios within rounding, each exemption, "drawn once a year",
 * inspector pairing, the county analyst's scope through the tRPC router, and the CSV/Excel export.
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
import {
  computeDraw, createPlan, drawPlan, getTargets, instant, previewCounts, recordResult, resolveSettings, verifyDraw, addInspector, planRates,
} from '../../server/inspections/plans';
import { exportRows, planCsv, planXlsx } from '../../server/inspections/export';
import { importFolder } from '../../server/import/index';
import { dispatch } from '../../server/cli/dispatch';
import { todayCn } from '../../server/calendar/workdays';
import type { PlanSettingsInput, RiskClass } from '../../server/inspections/settings';

const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const county: Viewer = { name: 'county', role: 'analyst', regionCode: '220102' };
let db: Db;

interface Spec { cls: RiskClass; county: string; tags?: string[]; status?: string; currentStatus?: string; industry?: string; reg?: string }
/** Every crafted enterprise by kind, for the expectations. */
const K: Record<string, string[]> = {};
let seq = 0;

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-insp-')) });
  const ents: object[] = [];
  const results: object[] = [];
  const add = (kind: string, n: number, s: Spec) => {
    for (let i = 0; i < n; i++) {
      seq++;
      const uscc = `91${s.county}MA${String(seq).padStart(8, '0')}`;
      (K[kind] ??= []).push(uscc);
      const common = {
        uscc, entity_type: '有限责任公司', reg_date: s.reg ?? '2015-01-01', industry_code: s.industry ?? 'F5211', industry_section: (s.industry ?? 'F')[0],
        industry_division: (s.industry ?? 'F52').slice(0, 3), region_code: s.county, province_code: '220000', prefecture_code: '220100',
        county_code: s.county, street_code: `${s.county}001`, tags: s.tags ?? [],
      };
      ents.push({ ...common, name: `企业${seq}`, status: s.currentStatus ?? s.status ?? '存续', address: `路${seq}号`, address_key: `a${seq}`, legal_rep_id: `r${seq}`, legal_rep_name: '', import_id: 't' });
      results.push({ ...common, month: '2024-05-01', model_id: 'effective', model_version: 1, run_id: 't', status: s.status ?? '存续', class: s.cls, score: { A: 100, B: 300, C: 600, D: 800 }[s.cls], basis: 'general' });
    }
  };
  // County 220102
  add('A', 400, { cls: 'A', county: '220102' });
  add('A_hitech', 20, { cls: 'A', county: '220102', tags: ['高新技术企业'] });
  add('A_neweco_tag', 5, { cls: 'A', county: '220102', tags: ['新经济'] });
  add('A_neweco_1y', 10, { cls: 'A', county: '220102', industry: 'I6510', reg: '2023-10-01' });   // within 1 and 2 years of 2024-05-31
  add('A_neweco_2y', 6, { cls: 'A', county: '220102', industry: 'I6510', reg: '2022-12-01' });    // within 2 years, not 1
  add('A_old_it', 4, { cls: 'A', county: '220102', industry: 'I6510', reg: '2019-01-01' });       // too old: no observation
  add('B', 200, { cls: 'B', county: '220102' });
  add('B_hitech', 10, { cls: 'B', county: '220102', tags: ['高新技术企业'] });
  add('C', 90, { cls: 'C', county: '220102' });
  add('C_hitech', 10, { cls: 'C', county: '220102', tags: ['高新技术企业'] });
  add('C_neweco', 3, { cls: 'C', county: '220102', industry: 'I6510', reg: '2023-10-01' });
  add('D', 30, { cls: 'D', county: '220102' });
  add('D_hitech', 5, { cls: 'D', county: '220102', tags: ['高新技术企业'] });
  add('D_revoked', 3, { cls: 'D', county: '220102', status: '吊销' });
  add('D_cancelled_now', 2, { cls: 'D', county: '220102', currentStatus: '注销' });   // 存续 in the snapshot, 注销 today
  add('C_moved', 2, { cls: 'C', county: '220102', status: '迁出' });
  // County 220103
  add('A_other', 100, { cls: 'A', county: '220103' });
  add('D_other', 20, { cls: 'D', county: '220103' });
  await db.insert('enterprises', ents);
  await db.insert('class_results', results);
});

after(async () => { await closeDb(); });

const base = (o: Partial<PlanSettingsInput> = {}): PlanSettingsInput => ({
  name: '测试计划', year: 2024, month: '2024-05', model: 'effective', scope: { region: '220102', tags: [] }, ratios: { A: 1, B: 2, C: 10, D: 30 }, ...o,
});
const all100 = { A: 100, B: 100, C: 100, D: 100 };
const set = (xs: readonly string[]) => new Set(xs);

test('preview: population, each exemption and the expected count per class', async () => {
  const counts = await previewCounts(db, admin, resolveSettings(admin, base()));
  const by = Object.fromEntries(counts.map((c) => [c.class, c]));
  // A: 445 in scope; 20 high-tech; 5 + 10 + 6 new-economy under observation (2 years); 4 old IT firms stay eligible.
  assert.deepEqual({ ...by.A }, { class: 'A', population: 445, status: 0, drawn: 0, inclusion: 20, observation: 21, eligible: 404, ratio: 1, expected: 4 });
  assert.deepEqual({ ...by.B }, { class: 'B', population: 210, status: 0, drawn: 0, inclusion: 10, observation: 0, eligible: 200, ratio: 2, expected: 4 });
  // C: high-tech and new-economy C are NOT exempt (触发式监管: C/D drawn); 2 moved away never drawn.
  assert.deepEqual({ ...by.C }, { class: 'C', population: 105, status: 2, drawn: 0, inclusion: 0, observation: 0, eligible: 103, ratio: 10, expected: 10 });
  // D: 3 revoked in the snapshot + 2 cancelled since (current status) never drawn.
  assert.deepEqual({ ...by.D }, { class: 'D', population: 40, status: 5, drawn: 0, inclusion: 0, observation: 0, eligible: 35, ratio: 30, expected: 11 });

  const oneYear = await previewCounts(db, admin, resolveSettings(admin, base({ exemptions: { observationYears: 1 } })));
  assert.equal(oneYear.find((c) => c.class === 'A')!.observation, 15, 'with a 1-year observation period the 2022 registrations are eligible');
  const noNewEco = await previewCounts(db, admin, resolveSettings(admin, base({ exemptions: { newEconomyTags: [], newEconomyIndustries: [], inclusionTags: [] } })));
  assert.equal(noNewEco.find((c) => c.class === 'A')!.eligible, 445);
});

test('ratios within rounding, per class, for many ratio sets', async () => {
  for (const ratios of [{ A: 1, B: 2, C: 10, D: 30 }, { A: 5, B: 15, C: 30, D: 50 }, { A: 3.33, B: 12.5, C: 21, D: 61 }, { A: 0.25, B: 0.5, C: 99.99, D: 100 }]) {
    const s = resolveSettings(admin, base({ ratios }));
    const { counts, targets } = await computeDraw(db, admin, { plan_id: '', settings: s, seed: 'r1' }, instant());
    for (const c of counts) {
      const drawn = targets.filter((t) => t.class === c.class).length;
      assert.equal(drawn, c.expected, `${c.class} drawn = expected`);
      assert.ok(Math.abs(drawn - c.eligible * (ratios[c.class] / 100)) <= 0.5 + 1e-9, `${c.class}: ${drawn} vs ${c.eligible} × ${ratios[c.class]}%`);
    }
  }
});

test('reproducible: same seed → same list; different seed → different list', async () => {
  const s = resolveSettings(admin, base({ ratios: { A: 5, B: 10, C: 30, D: 50 } }));
  const cutoff = instant();
  const a = await computeDraw(db, admin, { plan_id: '', settings: s, seed: 'seed-1' }, cutoff);
  const b = await computeDraw(db, admin, { plan_id: '', settings: s, seed: 'seed-1' }, cutoff);
  const c = await computeDraw(db, admin, { plan_id: '', settings: s, seed: 'seed-2' }, cutoff);
  assert.ok(a.targets.length > 40);
  assert.deepEqual(a.targets.map((t) => t.uscc), b.targets.map((t) => t.uscc));
  assert.notDeepEqual(a.targets.map((t) => t.uscc).sort(), c.targets.map((t) => t.uscc).sort());
  // Same sizes per class whatever the seed.
  for (const k of ['A', 'B', 'C', 'D']) assert.equal(a.targets.filter((t) => t.class === k).length, c.targets.filter((t) => t.class === k).length);
  // The order inside a stratum is by rank 1..n.
  for (const k of ['A', 'B', 'C', 'D']) assert.deepEqual(a.targets.filter((t) => t.class === k).map((t) => t.rank), a.targets.filter((t) => t.class === k).map((_, i) => i + 1));
});

test('exemptions: high-tech / new-economy A/B never drawn, their C/D drawn; revoked, cancelled, moved never drawn', async () => {
  const s = resolveSettings(admin, base({ ratios: all100 }));
  const { targets } = await computeDraw(db, admin, { plan_id: '', settings: s, seed: 'x' }, instant());
  const got = set(targets.map((t) => t.uscc));
  for (const kind of ['A_hitech', 'B_hitech', 'A_neweco_tag', 'A_neweco_1y', 'A_neweco_2y', 'D_revoked', 'D_cancelled_now', 'C_moved', 'A_other', 'D_other']) {
    for (const u of K[kind]!) assert.ok(!got.has(u), `${kind} ${u} must not be drawn`);
  }
  for (const kind of ['A', 'B', 'C', 'C_hitech', 'C_neweco', 'D', 'D_hitech', 'A_old_it']) {
    for (const u of K[kind]!) assert.ok(got.has(u), `${kind} ${u} must be drawn at 100%`);
  }
});

test('drawn once this year: a later plan of the same year skips it, another year does not; verify recomputes the stored list', async () => {
  const first = await createPlan(db, admin, base({ name: '第一批', ratios: { A: 0, B: 0, C: 100, D: 0 } }), 'first');
  const drawn = await drawPlan(db, admin, first.plan_id);
  assert.equal(drawn.status, 'drawn');
  const firstList = (await getTargets(db, admin, first.plan_id)).map((t) => t.uscc);
  assert.equal(firstList.length, 103);
  await assert.rejects(drawPlan(db, admin, first.plan_id), /已抽取/);

  const counts = await previewCounts(db, admin, resolveSettings(admin, base({ ratios: all100 })));
  assert.equal(counts.find((c) => c.class === 'C')!.drawn, 103);
  assert.equal(counts.find((c) => c.class === 'C')!.eligible, 0);
  const second = await drawPlan(db, admin, (await createPlan(db, admin, base({ name: '第二批', ratios: all100 }), 'second')).plan_id);
  const secondList = (await getTargets(db, admin, second.plan_id)).map((t) => t.uscc);
  assert.equal(secondList.filter((u) => firstList.includes(u)).length, 0, 'nothing drawn twice in 2024');
  const nextYear = await previewCounts(db, admin, resolveSettings(admin, base({ year: 2025, ratios: all100 })));
  assert.equal(nextYear.find((c) => c.class === 'C')!.eligible, 103, '2025 plans may draw them again');

  // The first plan's list is still what its settings + seed give (later plans do not count against it).
  const v = await verifyDraw(db, admin, first.plan_id);
  assert.deepEqual(v, { same: true, stored: 103, recomputed: 103, missing: [], extra: [] });
});

test('inspector pairing: two distinct inspectors covering the county, from different units when possible', async () => {
  await addInspector(db, admin, { name: '张一', unit: '朝阳区市场监管局', region: '220102' });
  await addInspector(db, admin, { name: '李二', unit: '朝阳区市场监管局', region: '220102' });
  await addInspector(db, admin, { name: '王三', unit: '市局稽查支队', region: '220100' });
  await addInspector(db, admin, { name: '赵四', unit: '南关区市场监管局', region: '220103' });
  const plan = await drawPlan(db, admin, (await createPlan(db, admin, base({ name: '配对', year: 2026, ratios: { A: 10, B: 10, C: 10, D: 10 } }), 'pair')).plan_id);
  const rows = await getTargets(db, admin, plan.plan_id);
  assert.ok(rows.length > 50);
  for (const r of rows) {
    assert.ok(r.inspector1 && r.inspector2 && r.inspector1 !== r.inspector2, `two distinct inspectors for ${r.uscc}`);
    assert.notEqual(r.inspector1_unit, r.inspector2_unit, 'different units are available for every county-220102 enterprise');
    assert.ok(![r.inspector1, r.inspector2].includes('赵四'), '赵四 covers 220103 only');
  }
  const firstPicks = new Set(rows.map((r) => r.inspector1));
  assert.ok(firstPicks.size >= 2, 'the first inspector varies between enterprises');
});

test('scope: a county analyst cannot plan outside the county (tRPC)', async () => {
  const call = createCallerFactory(appRouter)({ db: async () => db, viewer: county, ip: '' });
  await assert.rejects(call.inspections.preview(base({ scope: { region: '220103', tags: [] } })), (e: { code?: string }) => e.code === 'FORBIDDEN');
  await assert.rejects(call.inspections.create({ settings: base({ scope: { region: '220100', tags: [] } }), draw: true }), (e: { code?: string }) => e.code === 'FORBIDDEN');
  const p = await call.inspections.preview(base({ year: 2030, scope: { tags: [] } }));
  assert.equal(p.settings.scope.region, '220102', 'no region given → the analyst’s county');
  assert.equal(p.counts.reduce((a, c) => a + c.population, 0), 445 + 210 + 105 + 40);
  // Admin plans over 220103 are invisible to the county analyst.
  const other = await createPlan(db, admin, base({ name: '南关', scope: { region: '220103', tags: [] } }), 's');
  await assert.rejects(call.inspections.plan({ planId: other.plan_id }), (e: { code?: string }) => e.code === 'NOT_FOUND');
  await assert.rejects(call.inspections.draw({ planId: other.plan_id }), (e: { code?: string }) => e.code === 'NOT_FOUND');
  const mine = await call.inspections.create({ settings: base({ name: '县局计划', year: 2031, scope: { tags: [] }, ratios: all100 }), seed: 'cty', draw: true });
  assert.equal(mine.region_code, '220102');
  const list = await call.inspections.targets({ planId: mine.plan_id });
  assert.ok(list.length > 0 && list.every((t) => t.county_code === '220102'));
  // Partners and leaders have no access at all.
  const partner = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: 'p', role: 'partner', regionCode: '' }, ip: '' });
  await assert.rejects(partner.inspections.plans(), (e: { code?: string }) => e.code === 'FORBIDDEN');
});

/** A day in 2027 by which the 2027 plan's results below have happened. */
const IN_2027 = '2027-12-31';

test('results recorded on the page become inspection events; problem rates by class', async () => {
  const plan = await drawPlan(db, admin, (await createPlan(db, admin, base({ name: '结果', year: 2027, ratios: { A: 1, B: 2, C: 10, D: 30 } }), 'res')).plan_id);
  const rows = await getTargets(db, admin, plan.plan_id);
  const d = rows.filter((r) => r.class === 'D');
  const c = rows.filter((r) => r.class === 'C');
  assert.ok(d.length >= 3 && c.length >= 2);
  await recordResult(db, admin, { planId: plan.plan_id, uscc: d[0]!.uscc, result: 'problem', date: '2027-03-01' }, { today: IN_2027 });
  await recordResult(db, admin, { planId: plan.plan_id, uscc: d[1]!.uscc, result: 'pass', date: '2027-03-01' }, { today: IN_2027 });
  const ev = await recordResult(db, admin, { planId: plan.plan_id, uscc: d[2]!.uscc, result: 'problem', date: '2027-03-02', note: '未公示即时信息' }, { today: IN_2027 });
  // Correcting a result replaces the event (no duplicate).
  await recordResult(db, admin, { planId: plan.plan_id, uscc: d[1]!.uscc, result: 'problem', date: '2027-03-05' }, { today: IN_2027 });
  await recordResult(db, admin, { planId: plan.plan_id, uscc: c[0]!.uscc, result: 'pass', date: '2027-04-01' }, { today: IN_2027 });
  await assert.rejects(recordResult(db, admin, { planId: plan.plan_id, uscc: d[0]!.uscc, result: 'problem', date: '2026-12-31' }), /年度/);
  // Not after today: as of 2027-03-04, a result of 03-05 is refused (the clock of the API: see 'result dates').
  await assert.rejects(recordResult(db, admin, { planId: plan.plan_id, uscc: d[0]!.uscc, result: 'problem', date: '2027-03-05' }, { today: '2027-03-04' }),
    (e: Error) => e.message === '检查日期 2027-03-05 晚于今天（2027-03-04），检查尚未进行');
  await assert.rejects(recordResult(db, admin, { planId: plan.plan_id, uscc: K.A_hitech![0]!, result: 'problem', date: '2027-03-01' }, { today: IN_2027 }), /名单/);

  const events = await db.rows<{ event_id: string; uscc: string; result: string; source: string; category: string }>({
    text: `SELECT event_id, uscc, toString(result) AS result, toString(source) AS source, toString(category) AS category FROM events WHERE startsWith(event_id, {p:String}) ORDER BY event_id`,
    params: { p: `INSP-${plan.plan_id}-` },
  });
  assert.equal(events.length, 4);
  assert.ok(events.every((e) => e.category === 'inspection' && e.source === '双随机抽查'));
  assert.equal(events.find((e) => e.uscc === d[1]!.uscc)!.result, 'problem');
  assert.ok(events.some((e) => e.event_id === ev.eventId));

  // An imported inspection (not from a plan) dated after the classified month also counts as the plan's result.
  await db.insert('events', [{ event_id: 'IMP-1', uscc: c[1]!.uscc, event_date: '2027-05-01', category: 'inspection', severity: 'general', end_date: null, result: 'unreachable', source: '市场监管', amount_yuan: null, detail: '', import_id: 'x' }]);
  // And one through the normal import (CONTRACT.md events.csv); the page-recorded events survive the import.
  assert.ok(c.length >= 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-insp-imp-'));
  fs.writeFileSync(path.join(dir, 'events.csv'), `event_id,uscc,event_date,category,result,source\nIMP-2,${c[2]!.uscc},2027-06-01,inspection,problem,市场监管\n`);
  const imp = await importFolder(db, dir, { actor: 'test', acceptUscc: [c[2]!.uscc] });
  assert.equal(imp.files['events.csv']?.accepted, 1);
  const kept = await db.rows<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM events WHERE startsWith(event_id, {p:String})`, params: { p: `INSP-${plan.plan_id}-` } });
  assert.equal(Number(kept[0]!.n), 4);
  const rates = (await planRates(db, admin)).find((r) => r.plan_id === plan.plan_id)!;
  const byClass = Object.fromEntries(rates.classes.map((x) => [x.class, x]));
  assert.deepEqual({ drawn: byClass.D!.drawn, inspected: byClass.D!.inspected, problem: byClass.D!.problem }, { drawn: d.length, inspected: 3, problem: 3 });
  assert.equal(byClass.D!.rate, 1);
  assert.deepEqual({ inspected: byClass.C!.inspected, problem: byClass.C!.problem, unreachable: byClass.C!.unreachable }, { inspected: 3, problem: 1, unreachable: 1 });
  assert.equal(byClass.A!.rate, null);
  assert.equal(rates.total.inspected, 6);

  const listed = await getTargets(db, admin, plan.plan_id);
  const withResult = listed.find((r) => r.uscc === d[2]!.uscc)!;
  assert.equal(withResult.result, 'problem');
  assert.equal(withResult.result_date, '2027-03-02');
  assert.match(withResult.result_note, /未公示即时信息/);

  // Export: CSV with BOM, one line per drawn enterprise; Excel readable.
  const ex = exportRows(plan, listed);
  const csv = planCsv(ex);
  assert.ok(csv.startsWith('\uFEFF序号,'));
  assert.equal(csv.trim().split('\r\n').length, listed.length + 1);
  assert.ok(csv.includes(d[2]!.uscc) && csv.includes('发现问题'));
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await planXlsx(plan, ex) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.rowCount, listed.length + 3);
});

test('result dates: non-existent days rejected (nothing written); the CLI default is today in China, not the UTC date', async () => {
  // Drawn on 2026-06-01 (Beijing): the results below are dated after the draw.
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-06-01T02:00:00Z') });
  let plan: Awaited<ReturnType<typeof drawPlan>>;
  try {
    plan = await drawPlan(db, admin, (await createPlan(db, admin, base({ name: '日期', year: 2026, ratios: { A: 1, B: 2, C: 10, D: 30 } }), 'dates')).plan_id);
  } finally {
    mock.timers.reset();
  }
  const [t] = await getTargets(db, admin, plan.plan_id);
  assert.ok(t);
  const stored = (planId = plan.plan_id) => db.rows<{ event_date: string; result: string }>({
    text: `SELECT toString(event_date) AS event_date, toString(result) AS result FROM events WHERE startsWith(event_id, {p:String})`, params: { p: `INSP-${planId}-` },
  });
  const io = (err: string[]) => ({ out: () => {}, err: (s: string) => err.push(s), progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
  // Date.parse accepted these and the engine stored 2026-02-30 as 2026-03-02.
  for (const date of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-06-00']) {
    await assert.rejects(recordResult(db, admin, { planId: plan.plan_id, uscc: t.uscc, result: 'pass', date }), (e: Error) => e.message === `检查日期无效：${date}`, date);
  }
  await assert.rejects(recordResult(db, admin, { planId: plan.plan_id, uscc: t.uscc, result: 'pass', date: '2026/07/01' }), /检查日期格式应为 YYYY-MM-DD/);
  // Today's clock in China decides what is in the future: a plan for next year takes no result yet, through the API
  // or the CLI (nothing written).
  const nextYear = Number(todayCn().slice(0, 4)) + 1;
  const ahead = await drawPlan(db, admin, (await createPlan(db, admin, base({ name: '明年', year: nextYear, ratios: { A: 1, B: 2, C: 10, D: 30 } }), 'ahead')).plan_id);
  const [u] = await getTargets(db, admin, ahead.plan_id);
  assert.ok(u);
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: admin, ip: '' });
  await assert.rejects(caller.inspections.recordResult({ planId: ahead.plan_id, uscc: u.uscc, result: 'pass', date: `${nextYear}-01-01` }),
    (e: Error) => e.message === `检查日期 ${nextYear}-01-01 晚于今天（${todayCn()}），检查尚未进行`);
  const cliErr: string[] = [];
  assert.equal(await dispatch(['inspections', 'result', ahead.plan_id, u.uscc, 'pass', '--date', `${nextYear}-01-01`], io(cliErr)), 1);
  assert.match(cliErr.join(''), /晚于今天/);
  assert.deepEqual(await stored(ahead.plan_id), []);
  const err: string[] = [];
  assert.equal(await dispatch(['inspections', 'result', plan.plan_id, t.uscc, 'pass', '--date', '2026-02-30'], io(err)), 1);
  assert.deepEqual(err, ['输入错误: 检查日期无效：2026-02-30']);
  assert.deepEqual(await stored(), []);

  // 2026-07-01 07:30 in Beijing is 2026-06-30 23:30 UTC: the result recorded without --date is dated 2026-07-01.
  mock.timers.enable({ apis: ['Date'], now: new Date('2026-06-30T23:30:00Z') });
  let code: number;
  try {
    code = await dispatch(['inspections', 'result', plan.plan_id, t.uscc, 'problem'], io(err));
  } finally {
    mock.timers.reset();
  }
  assert.equal(code, 0, err.join('\n'));
  assert.deepEqual(await stored(), [{ event_date: '2026-07-01', result: 'problem' }]);
});
