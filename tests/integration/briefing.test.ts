/**
 * The briefing's figures on fixture rows in a fresh embedded engine: class shares this month / previous month /
 * same month last year, areas, industries, warnings with disposal state, inspections by class, notes — for a
 * province-wide leader and a prefecture-scoped analyst (scope applied everywhere), and refusals.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { loadReferenceData } from '../../server/reference/load';
import { getBriefing, BriefingAccessError, BriefingNoDataError } from '../../server/briefing/data';
import { fmtShare } from '../../server/briefing/format';
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';

let db: Db;
const leader: Viewer = { name: 'boss', role: 'leader', regionCode: '' };
const changchun: Viewer = { name: 'cc', role: 'analyst', regionCode: '220100' };
const partner: Viewer = { name: 'p', role: 'partner', regionCode: '' };

type Mix = { A: number; B: number; C: number; D: number };
// county → industry division → class mix, per month. 220102/220184 are in 长春市 (220100), 220202 in 吉林市.
const OCT: Record<string, Record<string, Mix>> = {
  '220102': { C13: { A: 40, B: 10, C: 6, D: 4 }, F51: { A: 20, B: 5, C: 3, D: 2 } },
  '220184': { C13: { A: 30, B: 10, C: 5, D: 5 } },
  '220202': { F51: { A: 50, B: 20, C: 20, D: 10 }, H62: { A: 5, B: 0, C: 1, D: 0 } },
};
const SEP: Record<string, Record<string, Mix>> = {
  '220102': { C13: { A: 45, B: 10, C: 3, D: 2 }, F51: { A: 22, B: 5, C: 2, D: 1 } },
  '220184': { C13: { A: 32, B: 10, C: 4, D: 4 } },
  '220202': { F51: { A: 55, B: 20, C: 18, D: 7 }, H62: { A: 6, B: 0, C: 0, D: 0 } },
};
const LAST_OCT: Record<string, Record<string, Mix>> = { '220102': { C13: { A: 90, B: 10, C: 0, D: 0 } }, '220202': { F51: { A: 100, B: 0, C: 0, D: 0 } } };

function rows(month: string, data: Record<string, Record<string, Mix>>) {
  const out: Array<Record<string, unknown>> = [];
  for (const [county, byInd] of Object.entries(data)) {
    for (const [division, mix] of Object.entries(byInd)) {
      let i = 0;
      for (const cls of ['A', 'B', 'C', 'D'] as const) {
        for (let k = 0; k < mix[cls]; k++, i++) {
          out.push(classRow({
            month, model_id: 'effective', uscc: `${county}${division}${String(i).padStart(4, '0')}`, county_code: county,
            industry_section: division.slice(0, 1), industry_division: division, industry_code: `${division}1`, entity_type: '',
            raw_score: 0, score: { A: 100, B: 300, C: 600, D: 800 }[cls], class: cls, basis: 'general',
          }));
        }
      }
    }
  }
  return out;
}

function total(data: Record<string, Record<string, Mix>>, pref?: string): Mix & { n: number } {
  const t = { A: 0, B: 0, C: 0, D: 0, n: 0 };
  for (const [county, byInd] of Object.entries(data)) {
    if (pref && !county.startsWith(pref.slice(0, 4))) continue;
    for (const m of Object.values(byInd)) { t.A += m.A; t.B += m.B; t.C += m.C; t.D += m.D; t.n += m.A + m.B + m.C + m.D; }
  }
  return t;
}

function warning(id: string, rule: string, county: string, status: 'new' | 'continuing') {
  return {
    month: '2026-10-01', id, rule, rules_version: 1, key: id, label: id, province_code: '220000', prefecture_code: `${county.slice(0, 4)}00`,
    county_code: county, street_code: '', members: [], new_members: [], evidence: '{}', severity: 'medium', score: 1,
    first_month: status === 'new' ? '2026-10-01' : '2026-08-01', status, computed_at: '2026-11-01 00:00:00',
  };
}
const step = (warning_id: string, s: string, ts: string) => ({
  disposal_id: `${warning_id}-${s}`, warning_id, month: '2026-10-01', step: s, actor: 'x', ts, unit_code: '', action: s === 'act' ? '提醒' : '',
  result: s === 'result' ? 'pass' : '', targets: [], note: '', event_ids: [],
});
const inspection = (id: string, uscc: string, date: string, result: string) => ({
  event_id: id, uscc, event_date: date, category: 'inspection', severity: 'general', end_date: null, result, source: '', amount_yuan: null, detail: '', import_id: 't',
});

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-')) });
  await loadReferenceData(db);
  await db.insert('class_results', rows('2026-10-01', OCT));
  await db.insert('class_results', rows('2026-09-01', SEP));
  await db.insert('class_results', rows('2025-10-01', LAST_OCT));
  await db.insert('warnings', [
    warning('w1', 'multi-license-address', '220102', 'new'), warning('w2', 'multi-license-address', '220102', 'new'),
    warning('w3', 'multi-license-address', '220202', 'new'), warning('w4', 'multi-enterprise-person', '220184', 'continuing'),
    warning('w5', 'multi-enterprise-person', '220202', 'new'),
  ]);
  await db.insert('warning_disposals', [
    step('w1', 'assign', '2026-11-02 10:00:00'), step('w1', 'result', '2026-11-05 10:00:00'), // w1 disposed
    step('w2', 'assign', '2026-11-02 10:00:00'), // w2 in progress
    step('w3', 'assign', '2026-11-02 10:00:00'), step('w3', 'act', '2026-11-03 10:00:00'), step('w3', 'result', '2026-11-06 10:00:00'),
    step('w3', 'close', '2026-11-09 10:00:00'), // w3 disposed and closed (吉林市), after a measure and its result as the desk requires
  ]);
  // Inspections in October of enterprises by their September class (uscc layout: county + division + index in A,B,C,D order).
  // 220102 C13 in September: A 0–44, B 45–54, C 55–57, D 58–59.
  await db.insert('events', [
    inspection('e1', '220102C130000', '2026-10-03', 'pass'), inspection('e2', '220102C130001', '2026-10-04', 'problem'),
    inspection('e3', '220102C130058', '2026-10-10', 'problem'), inspection('e4', '220102C130059', '2026-10-11', 'unreachable'),
    inspection('e5', '220102C130056', '2026-10-31', 'pass'),
    inspection('e6', '220202F510000', '2026-10-12', 'problem'), // 吉林市: outside the analyst's scope
    inspection('e7', '220102C130002', '2026-11-01', 'problem'), // November: not this month
  ]);
  await db.insert('research_notes', [
    { id: 'n1', created_at: '2026-11-02 09:00:00', author: 'cc', month: '2026-10', model: 'effective', region_code: '220100', province_code: '220000', prefecture_code: '220100', county_code: '', industry_code: '', search: '?m=2026-10', view: 'distribution', title: '长春批发业风险上升', finding: '…', deleted: 0, version: 1 },
    { id: 'n2', created_at: '2026-11-03 09:00:00', author: 'jl', month: '2026-10', model: 'effective', region_code: '220200', province_code: '220000', prefecture_code: '220200', county_code: '', industry_code: '', search: '?m=2026-10', view: 'distribution', title: '吉林市餐饮', finding: '…', deleted: 0, version: 1 },
    { id: 'n3', created_at: '2026-10-03 09:00:00', author: 'jl', month: '2026-09', model: 'effective', region_code: '220200', province_code: '220000', prefecture_code: '220200', county_code: '', industry_code: '', search: '?m=2026-09', view: 'distribution', title: '九月', finding: '…', deleted: 0, version: 1 },
  ]);
});
after(async () => { await closeDb(); });

test('leader, whole province: headline figures, changes, areas, industries, warnings, inspections, notes', async () => {
  const b = await getBriefing(db, leader, {});
  assert.equal(b.month, '2026-10'); // latest classified month of 'effective' by default
  assert.equal(b.model, 'effective');
  const oct = total(OCT), sep = total(SEP), ly = total(LAST_OCT);
  assert.deepEqual(b.current.counts, { A: oct.A, B: oct.B, C: oct.C, D: oct.D });
  assert.equal(b.current.total, oct.n);
  assert.equal(b.prev?.total, sep.n);
  assert.equal(b.lastYear?.total, ly.n);
  assert.equal(b.map.level, 'prefecture');
  assert.equal(b.subject.name, '全省');
  assert.equal(b.subject.title, '吉林省', 'the title names the province (its sentences say 全省)');
  // Areas: 吉林市 has (30+1)/106 C+D, 长春市 (6+4+3+2+5+5)/140.
  const jl = b.map.areas.find((a) => a.code === '220200')!;
  const cc = b.map.areas.find((a) => a.code === '220100')!;
  assert.equal(jl.n, 106);
  assert.equal(jl.cd, 31);
  assert.equal(cc.n, 140);
  assert.equal(cc.cd, 25);
  assert.equal(b.map.areas[0]!.code, '220200'); // highest share first
  assert.ok(Math.abs(cc.delta! - (25 / 140 - 16 / 140)) < 1e-12); // September: (3+2+2+1+4+4)/140
  assert.ok(b.map.shapes && b.map.shapes.shapes.length >= 9, 'prefecture shapes of 吉林省');
  // Industries: with minSize 30, H62 (6 enterprises) is not ranked by share; F51 (110, 35 C+D) leads.
  assert.deepEqual(b.industries.byShare.map((x) => x.code), ['F51', 'C13']);
  assert.equal(b.industries.byShare[0]!.cd, 35);
  assert.equal(b.industries.byCount[0]!.code, 'F51');
  // Warnings: 3 一址多照 (3 new; w1 result, w3 closed → disposed 2; w2 assigned → in progress), 2 一人多企 (1 new, both open).
  const mla = b.warnings.rules.find((r) => r.rule === 'multi-license-address')!;
  assert.deepEqual({ ...mla }, { rule: 'multi-license-address', label: '一址多照', total: 3, new: 3, newDisposed: 2, open: 0, inProgress: 1, disposed: 2 });
  const mep = b.warnings.rules.find((r) => r.rule === 'multi-enterprise-person')!;
  assert.deepEqual([mep.total, mep.new, mep.open, mep.disposed], [2, 1, 2, 0]);
  // Inspections in October by September class: A 2 (1 problem), C 1 (0), D 2 (2), and 吉林市's A 1 (1 problem).
  assert.equal(b.inspections.basisMonth, '2026-09');
  const ins = Object.fromEntries(b.inspections.rows.map((r) => [r.class, [r.inspections, r.problems]]));
  assert.deepEqual(ins, { A: [3, 2], B: [0, 0], C: [1, 0], D: [2, 2] });
  assert.deepEqual(b.notes.map((n) => n.id).sort(), ['n1', 'n2']);
  // The sentences carry the figures as displayed.
  assert.match(b.sentences[0]!, new RegExp(`参与分类企业 ${oct.n} 户，其中高风险（D类）${oct.D} 户，占 ${fmtShare(oct.D / oct.n).replace('.', '\\.')}`));
  assert.match(b.sentences[1]!, /C\+D 占比最高的地市是吉林市（29\.2%）/);
  assert.match(b.sentences[2]!, /本月新增预警 4 条，其中一址多照 3 条、一人多企 1 条；已处置 2 条（50\.0%）/);
});

test('analyst scoped to 长春市: every figure limited to the prefecture, counties on the map', async () => {
  const b = await getBriefing(db, changchun, { month: '2026-10' });
  const oct = total(OCT, '220100');
  assert.equal(b.current.total, oct.n);
  assert.deepEqual(b.current.counts, { A: oct.A, B: oct.B, C: oct.C, D: oct.D });
  assert.equal(b.subject.name, '长春市');
  assert.equal(b.subject.title, '长春市');
  assert.equal(b.scope.name, '长春市');
  assert.equal(b.map.level, 'county');
  assert.deepEqual(b.map.areas.map((a) => a.code).sort(), ['220102', '220184']);
  assert.ok(b.map.shapes && b.map.shapes.shapes.every((s) => s.code.startsWith('2201')));
  assert.deepEqual(b.industries.byCount.map((x) => x.code).sort(), ['C13', 'F51']);
  assert.equal(b.warnings.total, 3); // w1, w2 (220102), w4 (220184)
  assert.equal(b.warnings.disposed, 1);
  const ins = Object.fromEntries(b.inspections.rows.map((r) => [r.class, [r.inspections, r.problems]]));
  assert.deepEqual(ins, { A: [2, 1], B: [0, 0], C: [1, 0], D: [2, 2] });
  assert.deepEqual(b.notes.map((n) => n.id), ['n1']);
});

test('a region filter narrows the leader\'s briefing and is named; a previous month that is missing gives null', async () => {
  const b = await getBriefing(db, leader, { month: '2026-10', region: '220200' });
  assert.equal(b.current.total, 106);
  assert.equal(b.filters.regionName, '吉林市');
  assert.deepEqual(b.notes.map((n) => n.id), ['n2']);
  const sep = await getBriefing(db, leader, { month: '2026-09' });
  assert.equal(sep.prev, null);
  assert.equal(sep.lastYear, null);
  assert.match(sep.sentences[0]!, /上月无分类数据，暂无环比/);
});

test('partners and regions outside the scope are refused', async () => {
  await assert.rejects(getBriefing(db, partner, {}), BriefingAccessError);
  await assert.rejects(getBriefing(db, changchun, { region: '220200' }), BriefingAccessError);
});

test('a month without results is reported, not briefed as empty', async () => {
  await assert.rejects(getBriefing(db, leader, { month: '2024-01' }), BriefingNoDataError);
  await assert.rejects(getBriefing(db, leader, { model: 'general' }), BriefingNoDataError);
});

test('a county briefing ranks the county among its prefecture\'s counties; a lone industry or areas too small to rank are not named as the highest', async () => {
  // 长春市 in October: 220184 has 50 enterprises (C+D 10) → 20.0%, first; 220102 90 (C+D 15) → 16.7%, second.
  const c = await getBriefing(db, leader, { month: '2026-10', region: '220102' });
  assert.equal(c.subject.name, '南关区');
  assert.match(c.sentences[1]!, /^南关区C\+D 占比 16\.7%，在长春市 2 个区县中居第 2 位（最高为公主岭市，20\.0%）；C\+D 占比最高的行业是/);
  // Model 'general' (only these rows): two 长春市 counties of 5 and 4 enterprises, one division. Neither county is large
  // enough to be named the highest (AREA_MIN 30), and the one division is the whole briefing, not a finding.
  const g = (uscc: string, county: string, cls: string) => classRow({ month: '2026-10-01', model_id: 'general', uscc, county_code: county, industry_section: 'F', industry_division: 'F51', industry_code: 'F511', class: cls });
  await db.insert('class_results', [
    ...['D', 'D', 'A', 'A', 'A'].map((c, i) => g(`G220102${i}`, '220102', c)), ...['A', 'A', 'A', 'B'].map((c, i) => g(`G220184${i}`, '220184', c)),
  ]);
  const small = await getBriefing(db, leader, { month: '2026-10', model: 'general', region: '220100', minSize: 1 });
  assert.equal(small.current.total, 9);
  assert.equal(small.map.areas.length, 2);
  assert.ok(small.sentences[1]!.startsWith('本月'), `no area or industry clause: ${small.sentences[1]}`);
  // An industry briefing: the warnings are the region's, of every industry, and the sentence says so.
  const ind = await getBriefing(db, leader, { month: '2026-10', industry: 'C13' });
  assert.ok(ind.sentences.some((x) => x.startsWith('本月（预警不分行业）新增预警 4 条')), ind.sentences.join('\n'));
});

test('inspections of an enterprise without a class in the basis month (registered since) are counted, as 未分类', async () => {
  // Registered in October: classified in October only, inspected in October (problem). Another in 吉林市, outside 长春市.
  await db.insert('class_results', [
    classRow({ month: '2026-10-01', model_id: 'effective', uscc: '220102NEW0001', county_code: '220102', class: 'B' }),
    classRow({ month: '2026-10-01', model_id: 'effective', uscc: '220202NEW0001', county_code: '220202', class: 'A' }),
  ]);
  await db.insert('events', [inspection('e8', '220102NEW0001', '2026-10-20', 'problem'), inspection('e9', '220202NEW0001', '2026-10-21', 'pass')]);
  const b = await getBriefing(db, leader, { month: '2026-10' });
  // Every October inspection (e1–e6, e8, e9): 8, of which 5 found problems; the classed rows as before.
  assert.deepEqual(b.inspections.unclassified, { inspections: 2, enterprises: 2, problems: 1, withResult: 2 });
  assert.deepEqual(Object.fromEntries(b.inspections.rows.map((r) => [r.class, r.inspections])), { A: 3, B: 0, C: 1, D: 2 });
  assert.match(b.sentences[3]!, /^本月抽查检查 8 户次，发现问题（含查无下落）5 户次/);
  const cc = await getBriefing(db, changchun, { month: '2026-10' });
  assert.deepEqual(cc.inspections.unclassified, { inspections: 1, enterprises: 1, problems: 1, withResult: 1 });
  assert.match(cc.sentences[3]!, /^本月抽查检查 6 户次，发现问题（含查无下落）4 户次/);
});

test('a region\'s notes are found however many newer notes the rest of the province has', async () => {
  // 60 newer notes of 吉林市 for the month: the briefing keeps 50 notes, and kept the province's 50 newest before
  // narrowing them to the region, so 长春's older note was lost.
  const note = (k: number) => ({ id: `jl${k}`, created_at: `2026-11-20 ${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00`, author: 'jl', month: '2026-10', model: 'effective',
    region_code: '220200', province_code: '220000', prefecture_code: '220200', county_code: '', industry_code: '', search: '?m=2026-10', view: 'distribution',
    title: `吉林市 ${k}`, finding: '…', deleted: 0, version: 1 });
  await db.insert('research_notes', Array.from({ length: 60 }, (_, k) => note(k)));
  try {
    const b = await getBriefing(db, leader, { month: '2026-10', region: '220100' });
    assert.deepEqual(b.notes.map((n) => n.id), ['n1']);
  } finally {
    await db.insert('research_notes', Array.from({ length: 60 }, (_, k) => ({ ...note(k), deleted: 1, version: 2 })));
  }
});

test('an inspection record an objection removed is not counted (as the classification and the plans\' rates read it)', async () => {
  // e4 (220102, September D, 查无下落) was wrong: an upheld objection removed it. A change correction removes nothing.
  const correction = (id: string, event_id: string, action: string, ts: string) => ({
    correction_id: id, objection_id: `o-${id}`, event_id, uscc: '', action, severity: null, amount_yuan: null, end_date: null, detail: null, note: '', actor: 'x', ts,
  });
  await db.insert('event_corrections', [
    correction('x1', 'e4', 'remove', '2026-11-10 10:00:00'), correction('x2', 'e3', 'change', '2026-11-10 10:00:00'),
  ]);
  const b = await getBriefing(db, leader, { month: '2026-10' });
  assert.deepEqual(Object.fromEntries(b.inspections.rows.map((r) => [r.class, [r.inspections, r.problems]])), { A: [3, 2], B: [0, 0], C: [1, 0], D: [1, 1] });
  assert.match(b.sentences[3]!, /^本月抽查检查 7 户次，发现问题（含查无下落）4 户次/);
});

test('a classified month whose warnings are not computed yet says so, not 0 warnings', async () => {
  // September is classified; its warnings were never computed (no case anywhere that month).
  const sep = await getBriefing(db, leader, { month: '2026-09' });
  assert.equal(sep.warnings.computed, false);
  assert.ok(sep.sentences.includes('本月尚无预警数据（该月预警尚未计算）。'), sep.sentences.join('\n'));
  assert.ok(!sep.sentences.some((s) => s.includes('无监测预警')), sep.sentences.join('\n'));
  // October's are computed.
  const oct = await getBriefing(db, leader, { month: '2026-10' });
  assert.equal(oct.warnings.computed, true);
});

test('a region or industry without classified enterprises that month is reported, not briefed as zeros', async () => {
  // 龙潭区 (220203, 吉林市) and industry A01 have no enterprise in October: the briefing was 0 户, D 0.0%, and for
  // 龙潭区 nothing to compare; an industry briefing read "−x 个百分点" against nothing. Now: no data, named.
  await assert.rejects(getBriefing(db, leader, { month: '2026-10', region: '220203' }), (e: Error) => e instanceof BriefingNoDataError && e.message === '2026年10月龙潭区没有该模型的分类结果');
  await assert.rejects(getBriefing(db, leader, { month: '2026-10', industry: 'A01' }), (e: Error) => e instanceof BriefingNoDataError && /^2026年10月农业没有该模型的分类结果$/.test(e.message));
  // H62 had a row in October (220202): still briefed.
  assert.equal((await getBriefing(db, leader, { month: '2026-10', industry: 'H62' })).current.total, 6);
});

test('an inspection without a result recorded is an inspection, but not in the problem rate\'s denominator', async () => {
  // 220102 C13 index 3 (September A) inspected in October, no result yet (the contract's result is optional).
  await db.insert('events', [inspection('e10', '220102C130003', '2026-10-25', '')]);
  const b = await getBriefing(db, leader, { month: '2026-10' });
  const a = b.inspections.rows.find((r) => r.class === 'A')!;
  // A: e1 pass, e2 problem, e6 problem (吉林市), e10 no result → 4 inspections, 3 with a result, 2 problems: 66.7%, not 50%.
  assert.deepEqual([a.inspections, a.withResult, a.problems], [4, 3, 2]);
  // Every October inspection: e1–e3, e5, e6, e8, e9 (e4 removed) and e10: 8, of which 7 with a result, 4 problems.
  assert.match(b.sentences[3]!, /^本月抽查检查 8 户次（1 户次尚无检查结果，不计入问题发现率），发现问题（含查无下落）4 户次，问题发现率 57\.1%；D类企业 100\.0%，A类企业 66\.7%/);
});

test('a change against a month classified with another model version says so', async () => {
  const run = (month: string, model_id: string, model_version: number, finished: string, status = 'done') => ({
    run_id: `${month}-${model_id}-${model_version}-${status}`, month: `${month}-01`, model_id, model_version, started_at: finished, finished_at: finished,
    status, enterprises: 0, counts: {}, actor: 'x', message: '', version: 1,
  });
  // September and last October by general v2; October by v3 (and a v4 try that failed); the effective rows are made of general's.
  await db.insert('class_runs', [
    run('2026-09', 'general', 2, '2026-10-02 00:00:00'), run('2025-10', 'general', 2, '2025-11-02 00:00:00'),
    run('2026-10', 'general', 2, '2026-11-01 00:00:00'), run('2026-10', 'general', 3, '2026-11-02 00:00:00'),
    run('2026-10', 'general', 4, '2026-11-03 00:00:00', 'failed'),
  ]);
  const b = await getBriefing(db, leader, { month: '2026-10' });
  assert.deepEqual(b.modelChanges, { prev: ['通用型 v2→v3'], lastYear: ['通用型 v2→v3'] });
  assert.equal(b.sentences[1], '注：本月分类所用模型版本与上月（通用型 v2→v3）、去年同期（通用型 v2→v3）不同，环比、同比变化含模型调整的影响，不全是企业风险的变化。');
  // September against August (no runs recorded) and a month with the same version: nothing to say.
  const sep = await getBriefing(db, leader, { month: '2026-09' });
  assert.deepEqual(sep.modelChanges, { prev: [], lastYear: [] });
  assert.ok(!sep.sentences.some((s) => s.startsWith('注：')));
});

test('the trend runs over consecutive months: a month without results is a gap, not a neighbour', async () => {
  // Results for 2025-10, 2026-09 and 2026-10 only: the trend had those 3 points side by side ("近 3 个月").
  const b = await getBriefing(db, leader, { month: '2026-10' });
  assert.equal(b.trend.length, 13);
  assert.deepEqual([b.trend[0]!.month, b.trend[1]!.month, b.trend[12]!.month], ['2025-10', '2025-11', '2026-10']);
  assert.deepEqual(b.trend.filter((t) => t.total > 0).map((t) => t.month), ['2025-10', '2026-09', '2026-10']);
  assert.equal(b.trend[1]!.total, 0);
});

test('a county ranked behind an area too small to be a headline says how small that area is', async () => {
  // 宽城区 (220103): 2 enterprises in October, both D (100%). 南关区 (15 of 91 with the one registered in October: 16.5%)
  // ranks 3rd of 3 behind it and 公主岭市 (20.0%).
  await db.insert('class_results', ['D', 'D'].map((cls, i) => classRow({ month: '2026-10-01', model_id: 'effective', uscc: `220103TINY${i}`, county_code: '220103', class: cls })));
  const b = await getBriefing(db, leader, { month: '2026-10', region: '220102' });
  assert.match(b.sentences.find((s) => s.startsWith('南关区'))!, /^南关区C\+D 占比 16\.5%，在长春市 3 个区县中居第 3 位（最高为宽城区，100\.0%，仅 2 户）/);
});

test('an industry briefing lists the findings of its industry (or of every industry), not another industry\'s', async () => {
  const note = (id: string, industry_code: string) => ({ id, created_at: '2026-11-04 09:00:00', author: 'cc', month: '2026-10', model: 'effective', region_code: '220100',
    province_code: '220000', prefecture_code: '220100', county_code: '', industry_code, search: '?m=2026-10', view: 'distribution', title: id, finding: '…', deleted: 0, version: 1 });
  await db.insert('research_notes', [note('wholesale', 'F51'), note('manufacturing', 'C'), note('food', 'C13')]);
  const c13 = await getBriefing(db, leader, { month: '2026-10', industry: 'C13', region: '220100' });
  assert.deepEqual(c13.notes.map((n) => n.id).sort(), ['food', 'manufacturing', 'n1']);
  const all = await getBriefing(db, leader, { month: '2026-10', region: '220100' });
  assert.deepEqual(all.notes.map((n) => n.id).sort(), ['food', 'manufacturing', 'n1', 'wholesale']);
});
