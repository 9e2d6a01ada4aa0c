/**
 * A slice filtered on a value of a flat dimension (an entity type, a status, a tag) is also a row of the table broken
 * down by that dimension, where it is suppressed among its siblings with complements. Shown alone (the distribution
 * by that dimension with the filter set, or the trend of the filtered slice) with only its own row's suppression, it
 * handed those complements out, and with them — total minus the visible rows — the small cells they protect.
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
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-slices-'));
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
const MONTH = '2026-09';
const MIN = 10;
const base = { model: 'general', month: MONTH, tags: [], status: [] };

/** Entity type → [A, B, C, D]; 全民 has a B of 4 (primary), protected by complements in 集体's row. */
const TYPES: Record<string, [number, number, number, number]> = {
  有限责任公司: [400, 150, 40, 30],
  合伙企业: [120, 60, 20, 15],
  集体所有制企业: [33, 2, 1, 5],
  全民所有制企业: [22, 4, 0, 0],
};
/** Tag → [A, B, C, D] (one tag per enterprise; the rest have none). */
const TAGS: Record<string, [number, number, number, number]> = { 直销: [6, 26, 8, 6], 食品生产: [200, 60, 12, 11] };

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  const rows: Array<Record<string, unknown>> = [];
  let k = 0;
  const cls = ['A', 'B', 'C', 'D'];
  for (const [type, counts] of Object.entries(TYPES)) {
    counts.forEach((n, c) => { for (let i = 0; i < n; i++) rows.push(classRow({ month: `${MONTH}-01`, model_id: 'general', uscc: `e${k++}`, class: cls[c]!, entity_type: type, score: 100 + 250 * c })); });
  }
  for (const [tag, counts] of Object.entries(TAGS)) {
    counts.forEach((n, c) => { for (let i = 0; i < n; i++) rows.push(classRow({ month: `${MONTH}-01`, model_id: 'general', uscc: `t${k++}`, class: cls[c]!, entity_type: '有限责任公司', tags: [tag], score: 100 + 250 * c })); });
  }
  await db.insert('class_results', rows);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

type Row = { key: string; counts: Array<number | null>; n: number | null };
const rowOf = (rows: Row[], key: string) => rows.find((r) => r.key === key)!;

test('the administrator sees the crafted table', async () => {
  const d = await call(admin).research.distribution({ filters: base, by: 'entity_type' });
  assert.deepEqual(rowOf(d.rows, '全民所有制企业').counts, [22, 4, 0, 0]);
});

test('an entity type filter shows its row as the breakdown by entity type hides it, in the distribution and the trend', async () => {
  const wide = (await call(partner).research.distribution({ filters: base, by: 'entity_type' })).rows;
  const hidden = rowOf(wide, '集体所有制企业');
  // (Shown A of 集体: total A − the visible rows' A − it = 全民's A, and 26 − that A = its B of 4.)
  assert.equal(rowOf(wide, '全民所有制企业').counts[1], null, 'B of 4 is hidden');
  assert.ok(hidden.counts.some((c) => c === null), 'the fixture protects it with complements');
  const filters = { ...base, entityType: '集体所有制企业' };
  for (const by of ['entity_type', 'province', 'section'] as const) {
    const own = (await call(partner).research.distribution({ filters, by })).rows;
    assert.equal(own.length, 1);
    assert.deepEqual([own[0]!.counts, own[0]!.n], [hidden.counts, hidden.n], `by ${by}`);
  }
  const trend = (await call(partner).research.trend({ filters, from: MONTH })).points;
  assert.deepEqual([trend.at(-1)!.counts, trend.at(-1)!.n], [hidden.counts, hidden.n], 'trend');
});

test('a single tag or status filter shows its row as the breakdown by tag / status hides it', async () => {
  const wide = (await call(partner).research.distribution({ filters: base, by: 'tag' })).rows;
  const row = rowOf(wide, '直销');
  assert.ok(row.counts.some((c) => c === null));
  const filters = { ...base, tags: ['直销'] };
  const own = (await call(partner).research.distribution({ filters, by: 'tag' })).rows;
  assert.deepEqual([rowOf(own, '直销').counts, rowOf(own, '直销').n], [row.counts, row.n]);
  const trend = (await call(partner).research.trend({ filters, from: MONTH })).points.at(-1)!;
  assert.deepEqual([trend.counts, trend.n], [row.counts, row.n], 'trend');
});

test('map.areas hides what the distribution by the same level hides, and the distribution nothing the map\'s totals would undo', async () => {
  const rows: Array<Record<string, unknown>> = [];
  const cls = ['A', 'B', 'C', 'D'];
  // County → [A, B, C, D] under model 'food' (its own slice): 220102 has a C of 2 — the map showed its D of 14 while
  // the distribution showed A, B and n, so n − A − B − D gave the C back.
  const COUNTIES: Record<string, [number, number, number, number]> = {
    '220102': [128, 57, 2, 14], '220103': [33, 10, 0, 4], '220104': [293, 50, 0, 37], '220106': [191, 39, 0, 11], '220172': [50, 18, 0, 0],
  };
  let k = 0;
  for (const [county, counts] of Object.entries(COUNTIES)) {
    counts.forEach((n, c) => { for (let i = 0; i < n; i++) rows.push(classRow({ month: `${MONTH}-01`, model_id: 'food', uscc: `m${k++}`, class: cls[c]!, county_code: county, score: 100 + 250 * c })); });
  }
  await db.insert('class_results', rows);
  const filters = { ...base, model: 'food' };
  const dist = (await call(partner).research.distribution({ filters, by: 'county' })).rows;
  const map = (await call(partner).map.areas({ filters, level: 'county' })).areas;
  for (const a of map) {
    const r = rowOf(dist, a.code);
    const [A, B, C, D] = r.counts as [number | null, number | null, number | null, number | null];
    // C (D) follows from the distribution's row and the map's D (C).
    if (C === null && A !== null && B !== null && r.n !== null && a.d !== null) {
      const c = r.n - A - B - a.d;
      assert.ok(!(c > 0 && c < MIN), `${a.code}: C = n − A − B − D = ${c}`);
    }
    if (C === null) assert.equal(a.c, null, `${a.code}: the distribution hides C`);
    if (D === null) assert.equal(a.d, null, `${a.code}: the distribution hides D`);
    if (r.n === null) assert.equal(a.n, null, `${a.code}: the distribution hides n`);
  }
});

test('the migration matrix withholds a month\'s class count (row total, or a column all shown) the trend withholds', async () => {
  // The same enterprises a month earlier, in the same classes.
  const FROM = '2026-08';
  const prev = await db.rows<Record<string, unknown>>({ text: `SELECT * FROM class_results WHERE month = '${MONTH}-01' AND model_id = 'general'`, params: {} });
  await db.insert('class_results', prev.map((r) => ({ ...r, month: `${FROM}-01` })));
  for (const entityType of Object.keys(TYPES)) {
    const filters = { ...base, entityType };
    const m = await call(partner).research.migration({ filters, from: FROM });
    const [from] = (await call(partner).research.trend({ filters: { ...filters, month: FROM }, from: FROM })).points;
    const [to] = (await call(partner).research.trend({ filters, from: MONTH })).points;
    for (let k = 0; k < 4; k++) {
      if (from!.counts[k] === null) assert.equal(m.rowTotals[k], null, `${entityType}: ${'ABCD'[k]} of ${FROM} is withheld by the trend`);
      if (to!.counts[k] === null) assert.ok(m.counts.some((row) => row[k] === null), `${entityType}: ${'ABCD'[k]} of ${MONTH} (column) is withheld by the trend`);
    }
  }
});

test('risk concentrations leave out a cell the distribution withholds (a complement\'s n gave a county of 5 back)', async () => {
  // Model 'county-public-credit' of its own: 长春市, section C — 南关区 100, 宽城区 5 (hidden), 朝阳区 12 (its complement).
  const rows: Array<Record<string, unknown>> = [];
  let k = 0;
  for (const [county, n] of [['220102', 100], ['220103', 5], ['220104', 12]] as const) {
    for (let i = 0; i < n; i++) rows.push(classRow({ month: `${MONTH}-01`, model_id: 'county-public-credit', uscc: `q${k++}`, class: 'A', county_code: county, industry_section: 'C', industry_division: 'C13', industry_code: 'C1391', score: 50 }));
  }
  await db.insert('class_results', rows);
  const filters = { ...base, model: 'county-public-credit' };
  const dist = (await call(partner).research.distribution({ filters: { ...filters, industry: 'C', region: '220100' }, by: 'county' })).rows;
  assert.equal(rowOf(dist, '220103').n, null);
  assert.equal(rowOf(dist, '220104').n, null, 'the complement');
  const conc = (await call(partner).research.concentrations({ filters, rows: 'county', cols: 'section', minSize: 10, limit: 20 })).rows;
  for (const c of conc) {
    const r = (await call(partner).research.distribution({ filters: { ...filters, industry: c.industry, region: c.region }, by: 'county' })).rows[0]!;
    assert.ok(r.n !== null && r.counts[2] !== null && r.counts[3] !== null, `${c.region} × ${c.industry} is shown by the distribution`);
  }
  assert.ok(!conc.some((c) => c.region === '220104'), '朝阳区 × C would give 宽城区 back: 长春市 × C minus 100 minus 12');
  const admin_ = (await call(admin).research.concentrations({ filters, rows: 'county', cols: 'section', minSize: 10, limit: 20 })).rows;
  assert.ok(admin_.some((c) => c.region === '220104'));
});

test('rising risk tests no group whose n (or C+D) the distribution withholds in one of the months', async () => {
  // Model 'special-equipment' of its own, 长春市: 南关区 100 (A), 宽城区 5 (hidden), 朝阳区 30 — its n the complement —
  // whose C+D rises 0, 0, 10 over 2026-07 … 2026-09.
  const rows: Array<Record<string, unknown>> = [];
  for (const [m, cd] of [['2026-07', 0], ['2026-08', 0], ['2026-09', 10]] as const) {
    for (const [county, n] of [['220102', 100], ['220103', 5], ['220104', 30]] as const) {
      for (let i = 0; i < n; i++) {
        const c = county === '220104' && i < cd;
        rows.push(classRow({ month: `${m}-01`, model_id: 'special-equipment', uscc: `r${county}-${i}`, class: c ? 'C' : 'A', county_code: county, score: c ? 600 : 50 }));
      }
    }
  }
  await db.insert('class_results', rows);
  const filters = { ...base, model: 'special-equipment' };
  const admin_ = await call(admin).research.rising({ filters, by: 'county', months: 3, minSize: 10 });
  assert.ok(admin_.groups.some((g) => g.key === '220104'));
  const dist = (await call(partner).research.distribution({ filters: { ...filters, region: '220100' }, by: 'county' })).rows;
  assert.equal(rowOf(dist, '220104').n, null, 'the complement of 宽城区');
  const r = await call(partner).research.rising({ filters, by: 'county', months: 3, minSize: 10 });
  assert.ok(!r.groups.some((g) => g.key === '220104'), 'its n each month, with 长春市\'s, would give 宽城区 back');
});

test('a tag longer than the filter allows is a row like any other (not a failed request)', async () => {
  const tag = '一个很长很长很长很长很长很长很长的重点领域标签名称';
  assert.ok(tag.length > 20);
  const rows = Array.from({ length: 12 }, (_, i) => classRow({ month: `${MONTH}-01`, model_id: 'drugs-test', uscc: `L${i}`, class: 'A', tags: [tag] }));
  await db.insert('class_results', rows);
  const d = await call(partner).research.distribution({ filters: { ...base, model: 'drugs-test', region: '220102' }, by: 'tag' });
  assert.deepEqual(d.rows.map((r) => [r.key, r.n]), [[tag, 12]]);
});

test('partners filter on one status and one tag at most: a two-status total minus the shown row gave a hidden one back', async () => {
  const byStatus = (await call(admin).research.distribution({ filters: base, by: 'status' })).rows;
  assert.ok(byStatus.length >= 1);
  const two = { ...base, status: ['存续', '在业'] as Array<'存续' | '在业'> };
  const tags = { ...base, tags: ['直销', '食品生产'] };
  for (const filters of [two, tags]) {
    // Every partner view that takes the filters refuses them, with the reason, and the refusal is audited as denied.
    const calls: Array<() => Promise<unknown>> = [
      () => call(partner).research.distribution({ filters, by: 'entity_type' }),
      () => call(partner).research.trend({ filters }),
      () => call(partner).research.matrix({ filters, rows: 'county', cols: 'section' }),
      () => call(partner).research.concentrations({ filters, rows: 'county', cols: 'division' }),
      () => call(partner).research.rising({ filters, by: 'county' }),
      () => call(partner).research.migration({ filters }),
      () => call(partner).map.areas({ filters, level: 'county' }),
    ];
    for (const f of calls) {
      await assert.rejects(f, (e: Error & { code?: string }) => e.code === 'FORBIDDEN' && /只能选择一种登记状态、一个重点领域标签/.test(e.message));
    }
    // Analysts (no suppression, so nothing to difference) keep their multi-value filters.
    const a = await call(admin).research.distribution({ filters, by: 'entity_type' });
    assert.ok(a.rows.length > 0);
  }
  // One status and one tag: as before.
  const one = await call(partner).research.distribution({ filters: { ...base, status: ['存续'], tags: ['食品生产'] }, by: 'entity_type' });
  assert.ok(one.rows.length > 0);
  // The query layer refuses it too, whichever route reaches it.
  const { runQuery } = await import('../../queries/define');
  const { classDistribution } = await import('../../queries/research/distribution');
  const { PartnerFilterError } = await import('../../queries/filters');
  await assert.rejects(runQuery(db, classDistribution, { filters: two, by: 'county' }, partner), PartnerFilterError);
  const { flushAudit } = await import('../../server/auth/audit');
  await flushAudit(db);
  const denied = await db.rows<{ n: number }>({ text: "SELECT toUInt32(count()) AS n FROM audit_log WHERE user = 'pt' AND action = 'denied'", params: {} });
  assert.ok(Number(denied[0]!.n) >= 14, `denied calls audited (${denied[0]!.n})`);
});
