/** Overview queries on crafted rows: region scope applied, counts right, partners' small cells suppressed. */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { overviewSummary, overviewByRegion, overviewByIndustry, overviewEventsByMonth, monthRange } from '../../queries/overview';
import { CLASS_TABLE } from '../../queries/overview/latestClasses';

const admin: Viewer = { name: 'a', role: 'admin', regionCode: '' };
const changchun: Viewer = { name: 'c', role: 'analyst', regionCode: '220100' };
const nanguan: Viewer = { name: 'n', role: 'analyst', regionCode: '220102' };
const partner: Viewer = { name: 'p', role: 'partner', regionCode: '' };

let db: Db;
let dir: string;

// Crafted province: 长春市 南关区 (220102) 14 F + 3 C, 长春市 朝阳区 (220104) 2 C, 吉林市 昌邑区 (220202) 5 F.
type Ent = { uscc: string; status: string; reg: string; county: string; section: string; street?: string };
const ents: Ent[] = [];
let k = 0;
const add = (n: number, county: string, section: string, status: (i: number) => string, reg: (i: number) => string) => {
  // 南关区's enterprises alternate between two streets, the last C one registered at the county code alone.
  for (let i = 0; i < n; i++) ents.push({ uscc: `U${String(k++).padStart(5, '0')}`, status: status(i), reg: reg(i), county, section, street: county === '220102' && !(section === 'C' && i === n - 1) ? `220102${i % 2 ? '002' : '001'}` : '' });
};
add(14, '220102', 'F', (i) => (i < 2 ? '注销' : i < 3 ? '吊销' : '存续'), (i) => (i < 4 ? '2026-03-01' : '2015-06-01'));
add(3, '220102', 'C', () => '在业', () => '2025-12-31');
add(2, '220104', 'C', () => '存续', () => '2026-01-15');
add(5, '220202', 'F', (i) => (i === 0 ? '迁出' : '存续'), () => '2026-07-07');

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-'));
  db = await getDb({ dataDir: dir });
  await loadReferenceData(db);
  await db.insert('enterprises', ents.map((e) => ({
    uscc: e.uscc, name: `企业${e.uscc}`, entity_type: '有限责任公司', reg_date: e.reg, status: e.status,
    industry_code: e.section, industry_section: e.section, region_code: e.county, province_code: '220000',
    prefecture_code: `${e.county.slice(0, 4)}00`, county_code: e.county, street_code: e.street ?? '', address: '', legal_rep_id: 'x', tags: [], import_id: 't',
  })));
  // Events: 长春 enterprises U00000 (南关) and U00017 (朝阳); 吉林 U00019. Months 2026-08 … 2026-10 with a gap in 09.
  const ev = (id: string, uscc: string, date: string, category: string) => ({ event_id: id, uscc, event_date: date, category, severity: 'general', import_id: 't' });
  await db.insert('events', [
    ev('e1', 'U00000', '2026-08-03', 'penalty'), ev('e2', 'U00000', '2026-08-20', 'penalty'), ev('e3', 'U00017', '2026-10-01', 'complaint'),
    ev('e4', 'U00019', '2026-10-31', 'complaint'), ev('e5', 'U00019', '2026-10-02', 'annual_report'), ev('e6', 'U00019', '2024-01-02', 'change'),
    ev('e7', 'U00000', '2026-06-30', 'inspection'),
  ]);
});

after(async () => { await closeDb(); fs.rmSync(dir, { recursive: true, force: true }); });

test('summary counts existing, total and registered-this-year enterprises within scope', async () => {
  const all = await overviewSummary(db, admin);
  assert.equal(all.scopeName, '全省');
  assert.equal(all.latestMonth, '2026-10');
  assert.equal(all.year, 2026);
  assert.equal(all.total, 24);
  assert.equal(all.active, 24 - 2 - 1 - 1); // 注销 ×2, 吊销, 迁出
  assert.equal(all.registered, 4 + 2 + 5); // 2026 registrations (2025-12-31 does not count)
  assert.equal(all.latestMonthEvents, 3); // e3, e4, e5

  const cc = await overviewSummary(db, changchun);
  assert.equal(cc.scopeName, '长春市');
  assert.equal(cc.total, 19);
  assert.equal(cc.active, 16);
  assert.equal(cc.registered, 6);
  assert.equal(cc.latestMonth, '2026-10');
  assert.equal(cc.latestMonthEvents, 1); // only e3 belongs to 长春

  const ng = await overviewSummary(db, nanguan);
  assert.equal(ng.scopeName, '南关区');
  assert.equal(ng.total, 17);
  assert.equal(ng.latestMonth, '2026-08'); // its latest events are the two penalties
  assert.equal(ng.latestMonthEvents, 2);
});

test('by region: prefectures with names for the province, counties inside a prefecture scope, streets inside a county scope', async () => {
  const all = await overviewByRegion(db, admin);
  assert.equal(all.level, 'prefecture');
  assert.deepEqual(all.rows, [
    { code: '220100', name: '长春市', active: 16, total: 19 },
    { code: '220200', name: '吉林市', active: 4, total: 5 },
  ]);
  const cc = await overviewByRegion(db, changchun);
  assert.equal(cc.level, 'county');
  assert.deepEqual(cc.rows.map((r) => [r.name, r.active]), [['南关区', 14], ['朝阳区', 2]]);
  // A county analyst: the streets of their county, not one bar.
  const ng = await overviewByRegion(db, nanguan);
  assert.equal(ng.level, 'street');
  // F 0–13 (注销 0, 1; 吊销 2) and C 0–1 alternate 001 (even) / 002 (odd); C 2 has no street. Largest first.
  assert.deepEqual(ng.rows.map((r) => [r.code, r.name, r.active, r.total]), [
    ['220102002', '自强街道', 6 + 1, 7 + 1], ['220102001', '南岭街道', 5 + 1, 7 + 1], ['', '（未细分街道）', 1, 1],
  ]);
});

test('by industry section with GB/T 4754 names, scoped', async () => {
  const all = await overviewByIndustry(db, admin);
  assert.deepEqual(all.map((r) => [r.code, r.name, r.active, r.total]), [['F', '批发和零售业', 15, 19], ['C', '制造业', 5, 5]]);
  const ng = await overviewByIndustry(db, nanguan);
  assert.deepEqual(ng.map((r) => [r.code, r.active]), [['F', 11], ['C', 3]]);
});

test('events by month: continuous months, categories in contract order, scoped', async () => {
  const all = await overviewEventsByMonth(db, admin, 3);
  assert.deepEqual(all.months, ['2026-08', '2026-09', '2026-10']);
  assert.deepEqual(all.series.map((s) => [s.key, s.label, s.values]), [
    ['penalty', '行政处罚', [2, 0, 0]], ['complaint', '投诉举报', [0, 0, 2]], ['annual_report', '年报', [0, 0, 1]],
  ]);
  const cc = await overviewEventsByMonth(db, changchun, 36);
  assert.deepEqual(cc.months, monthRange('2026-06', '2026-10'));
  assert.deepEqual(cc.series.map((s) => [s.key, s.values]), [
    ['penalty', [0, 0, 2, 0, 0]], ['inspection', [1, 0, 0, 0, 0]], ['complaint', [0, 0, 0, 0, 1]],
  ]);
});

test('partners see counts under 10 as suppressed', async () => {
  const s = await overviewSummary(db, partner);
  assert.equal(s.total, 24);
  assert.equal(s.latestMonthEvents, null); // 3 events
  const r = await overviewByRegion(db, partner);
  // 吉林市 (5) is hidden, and 长春市 with it: otherwise the total (24) minus 长春市 (19) would be 吉林市.
  assert.deepEqual(r.rows.map((x) => [x.name, x.active, x.total]), [['长春市', null, null], ['吉林市', null, null]]);
  const e = await overviewEventsByMonth(db, partner, 3);
  assert.ok(e.series.every((s) => s.values.every((v) => v === null)));
});

test('class shares of the latest classified month, scoped; none before any classification', async () => {
  const exists = await db.one(sql`SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = ${p.str(CLASS_TABLE)}`);
  if (!exists) {
    assert.equal((await overviewSummary(db, admin)).classes, null);
    await db.command(sql`CREATE TABLE class_results (month Date, model_id String, uscc String, class String, score Float64,
      province_code String, prefecture_code String, county_code String) ENGINE = ReplacingMergeTree ORDER BY (model_id, month, uscc)`);
  }
  const cols = new Map((await db.rows<{ name: string; type: string }>(sql`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${p.str(CLASS_TABLE)}`)).map((c) => [c.name, c.type]));
  assert.equal((await overviewSummary(db, admin)).classes, null, 'no results yet → no classes');
  const monthValue = (m: string) => (/Date/.test(cols.get('month') ?? '') ? `${m}-01` : m);
  const modelCol = cols.has('model_id') ? 'model_id' : 'model';
  const rows: object[] = [];
  // Older month: everything A (must be ignored). Latest month: 长春 A×8 B×1 C×1 D×0 ; 吉林 D×5.
  ents.forEach((e, i) => {
    const base = { uscc: e.uscc, [modelCol]: 'general', province_code: '220000', prefecture_code: `${e.county.slice(0, 4)}00`, county_code: e.county, score: 0 };
    rows.push({ ...base, month: monthValue('2026-09'), class: 'A' });
    if (i < 10) rows.push({ ...base, month: monthValue('2026-10'), class: i < 8 ? 'A' : i === 8 ? 'B' : 'C' });
    if (e.county === '220202') rows.push({ ...base, month: monthValue('2026-10'), class: 'D' });
  });
  await db.insert(CLASS_TABLE, rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k2]) => cols.has(k2)))));
  const all = (await overviewSummary(db, admin)).classes;
  assert.ok(all);
  assert.equal(all.month, '2026-10');
  assert.deepEqual(all.counts, { A: 8, B: 1, C: 1, D: 5 });
  assert.equal(all.shares.D, 5 / 15);
  const cc = (await overviewSummary(db, changchun)).classes;
  assert.deepEqual(cc?.counts, { A: 8, B: 1, C: 1, D: 0 });
  const pc = (await overviewSummary(db, partner)).classes;
  assert.deepEqual(pc?.counts, { A: null, B: null, C: null, D: null });
  assert.equal(pc?.total, 15);
});

test('an event mistyped into the future does not become the latest month', async () => {
  const now = new Date('2026-11-15T04:00:00Z');
  // e8: a penalty typed 2062 for 2026 (the import accepts dates to 2100).
  await db.insert('events', [{ event_id: 'e8', uscc: 'U00000', event_date: '2062-10-09', category: 'penalty', severity: 'general', import_id: 't' }]);
  const all = await overviewSummary(db, admin, now);
  assert.equal(all.latestMonth, '2026-10');
  assert.equal(all.year, 2026);
  assert.equal(all.registered, 4 + 2 + 5);
  assert.equal(all.latestMonthEvents, 3);
  const ev = await overviewEventsByMonth(db, admin, 3, now);
  assert.deepEqual(ev.months, ['2026-08', '2026-09', '2026-10']);
  assert.deepEqual(ev.series.find((s) => s.key === 'penalty')!.values, [2, 0, 0]);
});

test('events an objection removed are not counted; a changed one still is', async () => {
  const correction = (id: string, event_id: string, action: string) => ({
    correction_id: id, objection_id: `o-${id}`, event_id, uscc: '', action, severity: null, amount_yuan: null, end_date: null, detail: null, note: '', actor: 'x', ts: '2026-11-10 10:00:00',
  });
  const now = new Date('2026-11-15T00:00:00Z');
  assert.equal((await overviewSummary(db, admin, now)).latestMonthEvents, 3); // and cached
  await db.insert('event_corrections', [correction('x1', 'e4', 'remove'), correction('x2', 'e5', 'change')]);
  try {
    const all = await overviewSummary(db, admin, now);
    assert.equal(all.latestMonthEvents, 2); // e3, e5 (e4 removed)
    const ev = await overviewEventsByMonth(db, admin, 3, now);
    assert.deepEqual(ev.series.find((x) => x.key === 'complaint')?.values.at(-1), 1);
  } finally {
    await db.insert('event_corrections', [{ ...correction('x3', 'e4', 'change'), ts: '2026-11-11 10:00:00' }]);
  }
});
