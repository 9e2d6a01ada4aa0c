/**
 * Research slices on the real embedded engine with fixture rows in class_results. Expected values are computed
 * in plain JS from the same fixture array (not from the SQL), so a wrong GROUP BY, filter or scope shows up.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { flushAudit } from '../../server/auth/audit';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { wilson, cochranArmitage } from '../../queries/research/stats';
import { listNotes } from '../../queries/research/notes';
import { classTrend, input as classTrendInput } from '../../queries/research/trend';
import { classRow } from './class-rows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-research-'));
let db: Db;
const MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
interface Fx { month: string; uscc: string; prefecture: string; county: string; section: string; division: string; code: string; entity_type: string; tags: string[]; status: string; cls: string; score: number }
const fx: Fx[] = [];

const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const jilin: Viewer = { name: 'jl', role: 'analyst', regionCode: '220200' };
const cc: Viewer = { name: 'cc', role: 'analyst', regionCode: '220100' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const leader: Viewer = { name: 'ld', role: 'leader', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });

function classOf(i: number, t: number, county: string, section: string): string {
  // County 220102 × section C: C+D share rises steadily month by month (2+2t of every 20); elsewhere constant.
  if (county === '220102' && section === 'C') return (i % 20) < 2 + 2 * t ? 'C' : 'A';
  const r = (i * 7) % 10;
  return r === 0 ? 'D' : r === 1 ? 'C' : r < 4 ? 'B' : 'A';
}

before(async () => {
  db = await getDb({ dataDir });
  await db.insert('regions', [
    { code: '220000', name: '吉林省', level: 1, parent_code: '', province_code: '220000', prefecture_code: '', county_code: '' },
    { code: '220100', name: '长春市', level: 2, parent_code: '220000', province_code: '220000', prefecture_code: '220100', county_code: '' },
    { code: '220200', name: '吉林市', level: 2, parent_code: '220000', province_code: '220000', prefecture_code: '220200', county_code: '' },
    { code: '220102', name: '南关区', level: 3, parent_code: '220100', province_code: '220000', prefecture_code: '220100', county_code: '220102' },
    { code: '220103', name: '宽城区', level: 3, parent_code: '220100', province_code: '220000', prefecture_code: '220100', county_code: '220103' },
    { code: '220202', name: '昌邑区', level: 3, parent_code: '220200', province_code: '220000', prefecture_code: '220200', county_code: '220202' },
  ]);
  await db.insert('industries', [
    { code: 'C', name: '制造业', level: 1, parent_code: '', section: 'C' },
    { code: 'F', name: '批发和零售业', level: 1, parent_code: '', section: 'F' },
    { code: 'C13', name: '农副食品加工业', level: 2, parent_code: 'C', section: 'C' },
    { code: 'F51', name: '批发业', level: 2, parent_code: 'F', section: 'F' },
  ]);
  const rows: object[] = [];
  MONTHS.forEach((month, t) => {
    for (let i = 0; i < 600; i++) {
      // enterprise 599 only exists from the second month on (a new entrant in the migration matrix)
      if (i === 599 && t === 0) continue;
      const county = i % 3 === 0 ? '220202' : i % 3 === 1 ? '220102' : '220103';
      const prefecture = `${county.slice(0, 4)}00`;
      const section = i % 4 === 3 ? 'F' : 'C';
      const division = section === 'C' ? 'C13' : 'F51';
      const code = section === 'C' ? 'C1391' : 'F5121';
      const entity_type = i < 5 ? '合伙企业' : i % 2 ? '有限责任公司' : '个人独资企业';
      const tags = i % 5 === 0 ? ['食品生产'] : [];
      const cls = classOf(i, t, county, section);
      const score = { A: 100, B: 300, C: 600, D: 800 }[cls]! + (i % 50);
      const uscc = `91220000MA${String(i).padStart(8, '0')}`;
      fx.push({ month, uscc, prefecture, county, section, division, code, entity_type, tags, status: '存续', cls, score });
      rows.push(classRow({
        month: `${month}-01`, model_id: 'general', uscc, prefecture_code: prefecture, county_code: county, industry_section: section,
        industry_division: division, industry_code: code, entity_type, tags, raw_score: score, score, class: cls,
        reasons: [{ indicator: 'penalty_12m', name: '近12个月行政处罚', value: 1, points: 50 }],
      }));
    }
  });
  await db.insert('class_results', rows);
  await db.insert('enterprises', fx.filter((r) => r.month === '2026-10').map((r) => ({
    uscc: r.uscc, name: `测试企业${r.uscc.slice(-4)}`, entity_type: r.entity_type, reg_date: '2020-01-01', status: '存续',
    industry_code: r.code, industry_section: r.section, industry_division: r.division, region_code: r.county, province_code: '220000',
    prefecture_code: r.prefecture, county_code: r.county, street_code: '', address: '', address_key: '', legal_rep_id: '', legal_rep_name: '',
    tags: r.tags, import_id: 'x',
  })));
});
after(async () => { await flushAudit(db); await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const count = (rows: Fx[]) => ({ A: rows.filter((r) => r.cls === 'A').length, B: rows.filter((r) => r.cls === 'B').length, C: rows.filter((r) => r.cls === 'C').length, D: rows.filter((r) => r.cls === 'D').length });
const at = (m: string) => fx.filter((r) => r.month === m);

test('distribution by prefecture, latest month by default, names attached', async () => {
  const res = await call(analyst).research.distribution({ filters: { model: 'general', tags: [], status: [] }, by: 'prefecture' });
  assert.equal(res.month, '2026-10');
  for (const pref of ['220100', '220200']) {
    const row = res.rows.find((r) => r.key === pref)!;
    const e = count(at('2026-10').filter((r) => r.prefecture === pref));
    assert.deepEqual(row.counts, [e.A, e.B, e.C, e.D], pref);
    assert.equal(row.n, e.A + e.B + e.C + e.D);
  }
  assert.equal(res.rows.find((r) => r.key === '220100')!.label, '长春市');
});

test('filters: prefecture + industry section, broken down by county; tag breakdown', async () => {
  const res = await call(analyst).research.distribution({ filters: { month: '2026-08', region: '220100', industry: 'C', model: 'general', tags: [], status: [] }, by: 'county' });
  const rows = at('2026-08').filter((r) => r.prefecture === '220100' && r.section === 'C');
  assert.deepEqual(res.rows.map((r) => r.key).sort(), ['220102', '220103']);
  for (const r of res.rows) {
    const e = count(rows.filter((x) => x.county === r.key));
    assert.deepEqual(r.counts, [e.A, e.B, e.C, e.D]);
  }
  const tags = await call(analyst).research.distribution({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'tag' });
  assert.equal(tags.rows.length, 1);
  assert.equal(tags.rows[0]!.n, at('2026-10').filter((r) => r.tags.includes('食品生产')).length);
});

test('an unknown dimension, level or sort column is rejected with BAD_REQUEST before any SQL', async () => {
  const bad = [
    () => call(analyst).research.distribution({ filters: { model: 'general', tags: [], status: [] }, by: 'legal_rep_name' as never }),
    () => call(analyst).research.matrix({ filters: { model: 'general', tags: [], status: [] }, rows: 'uscc' as never, cols: 'section' }),
    () => call(analyst).research.enterprises({ filters: { model: 'general', tags: [], status: [] }, sort: 'password_hash' as never }),
    () => call(analyst).research.distribution({ filters: { model: 'general', tags: [], status: [], region: "22' OR 1" }, by: 'county' }),
  ];
  for (const f of bad) await assert.rejects(f, (e: unknown) => e instanceof TRPCError && e.code === 'BAD_REQUEST');
});

test('region scope: a prefecture analyst sees only their prefecture', async () => {
  const res = await call(jilin).research.distribution({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'county' });
  assert.deepEqual(res.rows.map((r) => r.key), ['220202']);
  const m = await call(jilin).research.matrix({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, rows: 'county', cols: 'section' });
  assert.ok(m.cells.every((c) => c.r === '220202'));
  const t = await call(jilin).research.trend({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, from: '2026-05' });
  assert.equal(t.points.at(-1)!.n, at('2026-10').filter((r) => r.prefecture === '220200').length);
  const list = await call(jilin).research.enterprises({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, limit: 500 });
  assert.ok(list.rows.every((r) => r.county_code === '220202'));
  assert.equal(list.total, at('2026-10').filter((r) => r.prefecture === '220200').length);
});

test('partners: cells under 10 enterprises are suppressed in the query layer', async () => {
  const res = await call(partner).research.distribution({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'entity_type' });
  const small = res.rows.find((r) => r.key === '合伙企业')!;
  assert.equal(small.n, null);
  assert.deepEqual(small.counts, [null, null, null, null]);
  const big = res.rows.find((r) => r.key === '有限责任公司')!;
  assert.ok(big.n !== null && big.n > 10);
  // every count the partner sees is 0 or ≥ 10
  for (const r of res.rows) for (const c of r.counts) assert.ok(c === null || c === 0 || c >= 10, `leaked ${c}`);
  // and no row has exactly one hidden count (it could be recovered from the total)
  for (const r of res.rows) if (r.n !== null) assert.notEqual(r.counts.filter((c) => c === null).length, 1);
  const mig = await call(partner).research.migration({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, from: '2026-09' });
  for (const row of mig.counts) for (const c of row) assert.ok(c === null || c === 0 || c >= 10);
  // the analyst sees the same small group in full
  const full = await call(analyst).research.distribution({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'entity_type' });
  assert.equal(full.rows.find((r) => r.key === '合伙企业')!.n, 5);
});

test('enterprise lists: analysts and admins only; leaders and partners are refused', async () => {
  for (const v of [leader, partner]) {
    await assert.rejects(() => call(v).research.enterprises({ filters: { model: 'general', tags: [], status: [] } }), (e: unknown) => e instanceof TRPCError && e.code === 'FORBIDDEN');
  }
  const res = await call(admin).research.enterprises({ filters: { month: '2026-10', region: '220102', industry: 'C', model: 'general', tags: [], status: [] }, classes: ['C', 'D'], sort: 'score', dir: 'desc', limit: 10 });
  const expected = at('2026-10').filter((r) => r.county === '220102' && r.section === 'C' && (r.cls === 'C' || r.cls === 'D'));
  assert.equal(res.total, expected.length);
  const scores = res.rows.map((r) => r.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.equal(scores[0], Math.max(...expected.map((r) => r.score)));
  assert.match(res.rows[0]!.name, /^测试企业/);
  assert.equal(res.rows[0]!.county_name, '南关区');
  const page2 = await call(admin).research.enterprises({ filters: { month: '2026-10', region: '220102', industry: 'C', model: 'general', tags: [], status: [] }, classes: ['C', 'D'], sort: 'uscc', dir: 'asc', limit: 10, offset: 10 });
  assert.deepEqual(page2.rows.map((r) => r.uscc), expected.map((r) => r.uscc).sort().slice(10, 20));
});

test('heat matrix: counts, C+D shares and Wilson intervals per cell', async () => {
  const m = await call(analyst).research.matrix({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, rows: 'county', cols: 'section' });
  const rows = at('2026-10').filter((r) => r.county === '220102' && r.section === 'C');
  const cd = rows.filter((r) => r.cls === 'C' || r.cls === 'D').length;
  const cell = m.cells.find((c) => c.r === '220102' && c.i === 'C')!;
  assert.equal(cell.n, rows.length);
  assert.equal(cell.cd, cd);
  const w = wilson(cd, rows.length);
  assert.ok(Math.abs(cell.lo! - w.lo) < 1e-12 && Math.abs(cell.hi! - w.hi) < 1e-12);
  assert.deepEqual(m.cols.map((c) => c.label).sort(), ['制造业', '批发和零售业'].sort());
});

test('heat matrix: a row\'s size is the region\'s whole count, as the distribution gives it, not the sum of the columns shown', async () => {
  const f = { month: '2026-10', model: 'general', tags: [], status: [] };
  const m = await call(analyst).research.matrix({ filters: f, rows: 'county', cols: 'section', maxCols: 1 });
  assert.equal(m.cols.length, 1);
  const dist = await call(analyst).research.distribution({ filters: f, by: 'county' });
  for (const r of m.rows) {
    assert.equal(r.n, at('2026-10').filter((x) => x.county === r.key).length, r.key);
    assert.equal(r.n, dist.rows.find((d) => d.key === r.key)!.n, r.key);
  }
  const c = m.cols[0]!;
  assert.equal(c.n, at('2026-10').filter((x) => x.section === c.key).length);
});

test('trend and migration between two months', async () => {
  const t = await call(analyst).research.trend({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, from: '2026-05' });
  assert.deepEqual(t.points.map((p) => p.month), MONTHS);
  for (const p of t.points) { const e = count(at(p.month)); assert.deepEqual(p.counts, [e.A, e.B, e.C, e.D]); }
  const mig = await call(analyst).research.migration({ filters: { month: '2026-06', model: 'general', tags: [], status: [] }, from: '2026-05' });
  const keys = ['A', 'B', 'C', 'D', '-'];
  const prev = new Map(at('2026-05').map((r) => [r.uscc, r.cls]));
  const exp = keys.map(() => keys.map(() => 0));
  for (const r of at('2026-06')) exp[keys.indexOf(prev.get(r.uscc) ?? '-')]![keys.indexOf(r.cls)]! += 1;
  assert.deepEqual(mig.counts, exp);
  assert.equal(mig.counts[4]![keys.indexOf(at('2026-06').find((r) => r.uscc.endsWith('599'))!.cls)], 1, 'the new entrant');
});

test('a trend start left after the month (the month changed back) falls back to the last 12 months, not to nothing', async () => {
  const t = await call(analyst).research.trend({ filters: { month: '2026-07', from: '2026-09', model: 'general', tags: [], status: [] } });
  assert.equal(t.from, '2025-08');
  assert.deepEqual(t.points.map((p) => p.month), ['2026-05', '2026-06', '2026-07']);
  const kept = await call(analyst).research.trend({ filters: { month: '2026-07', from: '2026-06', model: 'general', tags: [], status: [] } });
  assert.deepEqual(kept.points.map((p) => p.month), ['2026-06', '2026-07']);
});

test('the trend is answered from the class-count projection when its filters allow, with the same counts', async () => {
  const plan = async (filters: Record<string, unknown>) => {
    const q = classTrend.build(classTrendInput.parse({ filters: { month: '2026-10', model: 'general', tags: [], status: [], ...filters }, from: '2026-05' }), analyst);
    return (await db.rows<{ explain: string }>({ text: `EXPLAIN projections = 1 ${q.text}`, params: q.params })).map((r) => r.explain).join('\n');
  };
  assert.match(await plan({ region: '220102', industry: 'C' }), /p_class_counts/, 'county + section: read from the projection');
  assert.doesNotMatch(await plan({ tags: ['食品生产'] }), /p_class_counts/, 'a tag filter is not in the projection: rows are read');
  const base = { month: '2026-10', model: 'general', status: [] };
  const byCounty = await call(analyst).research.trend({ filters: { ...base, tags: [], region: '220102', industry: 'C' }, from: '2026-05' });
  const byTag = await call(analyst).research.trend({ filters: { ...base, tags: ['食品生产'] }, from: '2026-05' });
  for (const p of byCounty.points) {
    const e = count(at(p.month).filter((r) => r.county === '220102' && r.section === 'C'));
    assert.deepEqual(p.counts, [e.A, e.B, e.C, e.D]);
  }
  for (const p of byTag.points) {
    const e = count(at(p.month).filter((r) => r.tags.includes('食品生产')));
    assert.deepEqual(p.counts, [e.A, e.B, e.C, e.D]);
  }
});

test('concentrations rank the rising cell first; rising risk finds it by a trend test', async () => {
  const c = await call(analyst).research.concentrations({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, rows: 'county', cols: 'section', minSize: 20 });
  assert.equal(c.rows[0]!.region, '220102');
  assert.equal(c.rows[0]!.industry, 'C');
  for (let i = 1; i < c.rows.length; i++) assert.ok(c.rows[i - 1]!.share >= c.rows[i]!.share);
  const r = await call(analyst).research.rising({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'county', months: 6 });
  assert.equal(r.groups[0]!.key, '220102');
  const series = MONTHS.map((m) => at(m).filter((x) => x.county === '220102'));
  const exp = cochranArmitage(series.map((s) => s.filter((x) => x.cls === 'C' || x.cls === 'D').length), series.map((s) => s.length));
  assert.ok(Math.abs(r.groups[0]!.z - exp.z) < 1e-9);
  assert.ok(r.groups[0]!.slope > 0 && r.groups[0]!.p < 0.001);
  assert.ok(r.groups.every((g) => g.key !== '220202'), 'a flat county is not listed as rising');
});

test('rising risk says which months of its window have no classification, instead of finding nothing rising', async () => {
  const r = await call(analyst).research.rising({ filters: { month: '2026-06', model: 'general', tags: [], status: [] }, by: 'county', months: 6, minSize: 1 });
  assert.deepEqual(r.months, ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  assert.deepEqual(r.missing, ['2026-01', '2026-02', '2026-03', '2026-04']);
  assert.equal(r.tested, 0);
  const ok = await call(analyst).research.rising({ filters: { month: '2026-10', model: 'general', tags: [], status: [] }, by: 'county', months: 6, minSize: 1 });
  assert.deepEqual(ok.missing, []);
  assert.ok(ok.tested > 0);
});

test('研判 notes: saved by analysts, listed within region scope, filtered by month', async () => {
  await call(cc).research.saveNote({ search: '?m=2026-10&r=220102&i=C&view=rising', view: 'rising', title: '南关区制造业风险上升', finding: '连续六个月C+D占比上升。' });
  await call(admin).research.saveNote({ search: '?m=2026-09', view: 'distribution', title: '全省9月分布', finding: '总体平稳。' });
  await assert.rejects(() => call(partner).research.saveNote({ search: '', view: 'distribution', title: 'x', finding: 'y' }), (e: unknown) => e instanceof TRPCError && e.code === 'FORBIDDEN');
  await assert.rejects(() => call(cc).research.saveNote({ search: '?r=220202', view: 'distribution', title: 'x', finding: 'y' }), (e: unknown) => e instanceof TRPCError && e.code === 'FORBIDDEN');
  assert.deepEqual((await listNotes(db, cc)).map((n) => n.title), ['南关区制造业风险上升']);
  assert.deepEqual((await listNotes(db, jilin)).map((n) => n.title), []);
  assert.equal((await listNotes(db, admin)).length, 2);
  assert.deepEqual((await listNotes(db, leader, { month: '2026-09' })).map((n) => n.title), ['全省9月分布']);
  assert.deepEqual(await listNotes(db, partner), []);
  const mine = (await listNotes(db, cc))[0]!;
  assert.equal(mine.region_name, '南关区');
  await assert.rejects(() => call(analyst).research.deleteNote({ id: mine.id }), (e: unknown) => e instanceof TRPCError && e.code === 'FORBIDDEN');
  await call(cc).research.deleteNote({ id: mine.id });
  assert.equal((await listNotes(db, admin)).length, 1);
});

test('reference cascades: a county-scoped analyst can walk down to their own county only', async () => {
  const v: Viewer = { name: 'nq', role: 'analyst', regionCode: '220102' };
  assert.deepEqual((await call(v).reference.regions({ parent: '' })).map((r) => r.code), ['220000']);
  assert.deepEqual((await call(v).reference.regions({ parent: '220000' })).map((r) => r.code), ['220100']);
  assert.deepEqual((await call(v).reference.regions({ parent: '220100' })).map((r) => r.code), ['220102']);
  assert.deepEqual((await call(analyst).reference.regions({ parent: '220100' })).map((r) => r.code), ['220102', '220103']);
  assert.deepEqual((await call(analyst).reference.industries({ parent: 'C' })).map((r) => r.code), ['C13']);
});
