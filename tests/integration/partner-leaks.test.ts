/**
 * What a partner (read-only aggregates, counts under MIN_PARTNER_CELL suppressed) must not be able to work out from
 * the map, the research rankings and the overview: crafted data where a hidden count is 1–9, the arithmetic an
 * outsider would do on the partner's response (rates × n, EB inversion, total − visible), and the administrator's
 * response for comparison. Through the tRPC caller, as the browser asks.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { loadReferenceData } from '../../server/reference/load';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import { MIN_PARTNER_CELL, type Viewer } from '../../server/auth/viewer';
import { fitBetaPrior } from '../../queries/map/stats';
import { classRow } from './class-rows';

let db: Db;
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
const small = (x: number) => x > 0 && x < MIN_PARTNER_CELL;
const near = (x: number, k: number) => Math.abs(x - k) < 1e-6;

const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
const LAST = '2026-09';
// County → [n, C, D, B] in the last month (2026-09) and in every earlier month.
const NOW: Record<string, [number, number, number, number]> = {
  '220102': [200, 30, 20, 0],
  '220103': [150, 26, 4, 0], // D of 4: C+D share × n − C would give it
  '220104': [100, 15, 12, 0],
  '220105': [50, 3, 2, 0], // C+D of 5: the EB shrunk rate would give it
  '220106': [120, 30, 0, 0],
  '220112': [7, 0, 0, 7], // a 7-enterprise county (all B): total − the rest would give it
};
const BEFORE: Record<string, [number, number, number, number]> = {
  ...NOW,
  '220105': [50, 1, 1, 0],
  '220106': [120, 5, 0, 0], // C+D of 5 last month: prevCdRate × n would give it
};

function rowsFor(month: string, county: string, [n, c, d, b]: [number, number, number, number]) {
  return Array.from({ length: n }, (_, i) => classRow({
    month: `${month}-01`, model_id: 'general', uscc: `${county}-${i}`, county_code: county, industry_section: county === '220104' ? 'F' : 'C',
    score: i < d ? 800 : i < c + d ? 600 : i < c + d + b ? 300 : 100, class: i < d ? 'D' : i < c + d ? 'C' : i < c + d + b ? 'B' : 'A',
  }));
}

function enterprise(uscc: string, prefecture: string, active: boolean, section: string) {
  return {
    uscc, name: `企业${uscc}`, entity_type: '', reg_date: '2020-01-01', status: active ? '存续' : '注销', industry_code: '', industry_section: section,
    industry_division: '', region_code: `${prefecture.slice(0, 4)}01`, province_code: '220000', prefecture_code: prefecture, county_code: `${prefecture.slice(0, 4)}01`,
    street_code: '', address: '', address_key: '', legal_rep_id: '', legal_rep_name: '', reg_capital_wan: null, lng: null, lat: null, tags: [], import_id: 't',
  };
}
// Prefecture → [all, in existence]; 220300 has 5 enterprises (all in section F), 220200 has 5 no longer in existence.
const ENTS: Record<string, [number, number]> = { '220100': [300, 280], '220200': [40, 35], '220300': [5, 5], '220400': [60, 50] };
// Events of the latest month by category: complaints 4.
const EVENTS: Record<string, number> = { penalty: 30, abnormal_list: 20, complaint: 4 };

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-leaks-')) });
  await loadReferenceData(db);
  for (const m of MONTHS) {
    for (const [county, cells] of Object.entries(m === LAST ? NOW : BEFORE)) await db.insert('class_results', rowsFor(m, county, cells));
  }
  const ents = [];
  for (const [pref, [all, active]] of Object.entries(ENTS)) {
    for (let i = 0; i < all; i++) ents.push(enterprise(`${pref}-${i}`, pref, i < active, pref === '220300' ? 'F' : 'C'));
  }
  await db.insert('enterprises', ents);
  const evs = [];
  let k = 0;
  for (const [category, n] of Object.entries(EVENTS)) {
    for (let i = 0; i < n; i++) {
      evs.push({ event_id: `e${k++}`, uscc: `220100-${i}`, event_date: '2026-09-10', category, severity: 'general', end_date: null, result: '', source: '', amount_yuan: null, detail: '', import_id: 't' });
    }
  }
  for (let i = 0; i < 15; i++) evs.push({ event_id: `e${k++}`, uscc: `220100-${i}`, event_date: '2026-08-10', category: 'penalty', severity: 'general', end_date: null, result: '', source: '', amount_yuan: null, detail: '', import_id: 't' });
  await db.insert('events', evs);
});
after(async () => { await closeDb(); });

const areasOf = (v: Viewer, month = LAST) => call(v).map.areas({ filters: { month }, level: 'county' });

test('map.areas: the administrator gets every figure', async () => {
  const a = await areasOf(admin);
  const by = new Map(a.areas.map((x) => [x.code, x]));
  assert.ok(near(by.get('220105')!.cdRate!, 5 / 50));
  assert.ok(by.get('220105')!.shrunk !== null);
  assert.equal(by.get('220103')!.d, 4);
  assert.ok(near(by.get('220106')!.prevCdRate!, 5 / 120));
  assert.equal(a.total.n, 627);
  assert.equal(by.get('220112')!.n, 7);
});

test('map.areas: a C+D of 1–9 cannot be recovered from the shrunk rate, the prior, the change or the funnel', async () => {
  const p = await areasOf(partner);
  const a = p.areas.find((x) => x.code === '220105')!;
  // c + d = shrunk · (n + α + β) − α was 5 before the fix.
  for (const k of ['c', 'd', 'cdRate', 'dRate', 'shrunk', 'prevCdRate', 'delta', 'limits', 'flag'] as const) assert.equal(a[k], null, k);
  // The prior is fitted over the published areas only: with those it is reproduced exactly, so it carries nothing else.
  const published = p.areas.filter((x) => x.n !== null && x.cdRate !== null);
  const refit = fitBetaPrior(published.map((x) => ({ n: x.n!, y: Math.round(x.cdRate! * x.n!) })));
  const same = (x: number, y: number) => x === y || near(x, y);
  assert.ok(same(p.prior.mean, refit.mean) && same(p.prior.tau2, refit.tau2) && same(p.prior.alpha, refit.alpha) && same(p.prior.beta, refit.beta),
    `prior ${JSON.stringify(p.prior)} vs ${JSON.stringify(refit)}`);
  // Every published shrunk rate inverts to a published count.
  for (const x of p.areas) {
    if (x.shrunk === null) continue;
    assert.ok(x.cdRate !== null && x.n !== null, x.code);
  }
});

test('map.areas: a hidden D is not C+D share × n − C; rates are withheld with their counts', async () => {
  const p = await areasOf(partner);
  const a = p.areas.find((x) => x.code === '220103')!;
  assert.equal(a.d, null);
  assert.equal(a.cdRate, null, 'cdRate × n − c would be d');
  assert.equal(a.dRate, null);
  assert.equal(a.shrunk, null);
  for (const x of p.areas) {
    if (x.n === null) continue;
    for (const [rate, count] of [[x.cdRate, 'cd'], [x.dRate, 'd']] as const) {
      if (rate === null) continue;
      const k = Math.round(rate * x.n);
      assert.ok(!small(k) && !small(x.n - k), `${x.code} ${count} ${k} of ${x.n}`);
    }
    if (x.cdRate !== null && (x.c === null || x.d === null)) assert.fail(`${x.code}: one of C/D hidden while the C+D share is shown`);
  }
});

test('map.areas: the total minus the published areas is never a single area', async () => {
  const p = await areasOf(partner);
  const hiddenN = p.areas.filter((x) => x.n === null);
  assert.ok(p.total.n === null || hiddenN.length !== 1, `total.n − visible = ${p.total.n! - p.areas.reduce((s, x) => s + (x.n ?? 0), 0)} = one area`);
  assert.ok(hiddenN.length >= 2);
  const hiddenCd = p.areas.filter((x) => x.cdRate === null);
  assert.ok(p.total.cd === null || hiddenCd.length !== 1);
});

test('map.areas: last month is withheld as last month\'s map withholds it', async () => {
  const p = await areasOf(partner);
  const prev = await areasOf(partner, '2026-08');
  const prevBy = new Map(prev.areas.map((x) => [x.code, x]));
  // 220106 had C+D of 5 of 120 last month.
  assert.equal(p.areas.find((x) => x.code === '220106')!.prevCdRate, null);
  assert.equal(p.areas.find((x) => x.code === '220106')!.delta, null);
  for (const x of p.areas) {
    if (x.prevCdRate === null) continue;
    const last = prevBy.get(x.code)!;
    assert.ok(last.cdRate !== null && near(last.cdRate, x.prevCdRate), `${x.code}: last month's share shown here but withheld on last month's map`);
  }
});

test('research.concentrations: no cell with C+D or D (or the rest) of 1–9 for partners; administrators see it', async () => {
  const input = { filters: { month: LAST }, rows: 'county' as const, cols: 'section' as const, minSize: 10, limit: 50 };
  const adm = await call(admin).research.concentrations(input);
  const cell = adm.rows.find((r) => r.region === '220105')!;
  assert.equal(cell.cd, 5);
  const p = await call(partner).research.concentrations(input);
  assert.ok(p.rows.length > 0);
  for (const r of p.rows) {
    for (const k of [r.cd, r.d, r.n - r.cd, r.n - r.d, r.cd - r.d]) assert.ok(!small(k), `${r.region}×${r.industry}: ${JSON.stringify(r)}`);
    assert.ok(!small(Math.round(r.share * r.n)));
  }
  assert.ok(!p.rows.some((r) => r.region === '220105' || r.region === '220103'));
});

test('research.rising: shares × n never give a C+D count of 1–9 to partners; administrators get the group', async () => {
  const input = { filters: { month: LAST }, by: 'county' as const, months: 6, minSize: 10, limit: 50 };
  const adm = await call(admin).research.rising(input);
  const g = adm.groups.find((x) => x.key === '220106')!;
  assert.ok(g, 'C+D 5 → 30 of 120 rises');
  assert.equal(Math.round(g.shares[0]! * g.n[0]!), 5);
  const p = await call(partner).research.rising(input);
  for (const x of p.groups) {
    x.shares.forEach((s, i) => {
      const k = Math.round(s * x.n[i]!);
      assert.ok(!small(k) && !small(x.n[i]! - k), `${x.key} ${x.months[i]}: ${k} of ${x.n[i]}`);
    });
  }
  assert.ok(!p.groups.some((x) => x.key === '220106'));
});

test('overview: the latest month\'s events minus the shown categories is not one category', async () => {
  const s = await call(partner).overview.summary();
  const e = await call(partner).overview.eventsByMonth({ months: 12 });
  const j = e.months.indexOf(LAST);
  const col = e.series.map((x) => x.values[j]!);
  const hidden = col.filter((v) => v === null).length;
  assert.ok(s.latestMonthEvents === null || hidden !== 1,
    `latestMonthEvents ${s.latestMonthEvents} − shown = ${s.latestMonthEvents! - col.reduce<number>((a, v) => a + (v ?? 0), 0)}`);
  assert.ok(hidden >= 2 || s.latestMonthEvents === null);
  const adm = await call(admin).overview.eventsByMonth({ months: 12 });
  assert.equal(adm.series.find((x) => x.key === 'complaint')!.values[adm.months.indexOf(LAST)], 4);
});

test('overview: class counts and shares of the latest month do not give a hidden class away', async () => {
  const s = await call(partner).overview.summary();
  const c = s.classes!;
  assert.equal(c.total, 627);
  const counts = Object.values(c.counts);
  assert.equal(c.counts.B, null);
  assert.notEqual(counts.filter((v) => v === null).length, 1, 'total − the other classes would be B');
  assert.notEqual(Object.values(c.shares).filter((v) => v === null).length, 1, '1 − the other shares would be B\'s');
  const a = await call(admin).overview.summary();
  assert.equal(a.classes!.counts.B, 7);
});

test('overview: enterprises by region and by industry minus the summary totals do not give a hidden one away', async () => {
  const s = await call(partner).overview.summary();
  assert.equal(s.total, 405);
  const reg = await call(partner).overview.byRegion();
  const ind = await call(partner).overview.byIndustry();
  for (const rows of [reg.rows, ind]) {
    assert.notEqual(rows.filter((r) => r.total === null).length, 1, `total column: ${JSON.stringify(rows)}`);
    assert.notEqual(rows.filter((r) => r.active === null).length, 1, `active column: ${JSON.stringify(rows)}`);
    for (const r of rows) if (r.total !== null && r.active !== null) assert.ok(!small(r.total - r.active), `${r.code}: ${r.total} − ${r.active}`);
  }
  const adm = await call(admin).overview.byRegion();
  assert.deepEqual(adm.rows.find((r) => r.code === '220300'), { code: '220300', name: adm.rows.find((r) => r.code === '220300')!.name, active: 5, total: 5 });
  assert.equal(adm.rows.find((r) => r.code === '220200')!.active, 35);
});

test('mean scores: none for partners (two slices one enterprise apart would give its score); administrators get them', async () => {
  const filters = { month: LAST };
  for (const v of [admin, partner]) {
    const dist = await call(v).research.distribution({ filters, by: 'county' });
    const matrix = await call(v).research.matrix({ filters, rows: 'county', cols: 'section' });
    const areas = (await areasOf(v)).areas;
    const scores = [...dist.rows.map((r) => r.meanScore), ...matrix.cells.map((c) => c.meanScore), ...areas.map((a) => a.meanScore)];
    if (v === partner) assert.deepEqual(scores.filter((s) => s !== null), [], 'partner');
    else {
      // 220102: 20 D at 800, 30 C at 600, 150 A at 100 → (16000 + 18000 + 15000) / 200
      assert.equal(dist.rows.find((r) => r.key === '220102')?.meanScore, 245);
      assert.equal(areas.find((a) => a.code === '220102')?.meanScore, 245);
      assert.ok(matrix.cells.some((c) => c.r === '220102' && c.meanScore === 245));
    }
  }
});
