/**
 * Partners cannot rebuild suppressed cells by arithmetic across research tables (security review items 3, 5, 6).
 * Crafted counts reproduce each finding; the "reader" below only uses what partners are shown, and solves any
 * published sum that has a single unknown, repeatedly.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { flushAudit } from '../../server/auth/audit';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-suppress-'));
let db: Db;
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
const F = (x: object) => ({ model: 'general', tags: [], status: [], month: '2026-10', ...x });
const K = ['A', 'B', 'C', 'D'] as const;

// Item 6: prefecture 220200, section F. 永吉县 220221 has D 7 (primary) and B 19 (its row complement).
const DIST: Record<string, [number, number, number, number]> = { '220221': [45, 19, 0, 7], '220202': [300, 200, 50, 40], '220203': [100, 80, 20, 30] };
// Item 3: prefecture 220100 by county × section. 220102 × C has n 151, C+D 8; 220103 × G has n 5.
const MAT: Record<string, [number, number, number, number]> = {
  '220102|C': [111, 32, 0, 8], '220102|F': [30, 10, 10, 10], '220102|G': [20, 10, 0, 10],
  '220103|C': [60, 20, 10, 10], '220103|F': [50, 10, 10, 10], '220103|G': [5, 0, 0, 0],
};
// Item 5: county 220501, 2026-09 → 2026-10; '-' = not classified that month.
const MIG: Array<[string, string, number]> = [
  ['A', 'A', 50], ['A', 'B', 12], ['B', 'B', 40], ['B', 'C', 15], ['C', 'C', 30], ['C', 'D', 11], ['C', '-', 1],
  ['D', 'D', 60], ['D', 'B', 2], ['-', 'A', 20], ['-', 'C', 5],
];

before(async () => {
  db = await getDb({ dataDir });
  const rows: object[] = [];
  let u = 0;
  const add = (month: string, county: string, section: string, cls: string, uscc = `91220000MA${String(u++).padStart(8, '0')}`) =>
    rows.push(classRow({ month: `${month}-01`, model_id: 'general', uscc, county_code: county, industry_section: section, industry_division: `${section}10`, industry_code: `${section}101`, class: cls, score: 100 }));
  for (const [county, cs] of Object.entries(DIST)) cs.forEach((k, c) => { for (let j = 0; j < k; j++) add('2026-10', county, 'F', K[c]!); });
  for (const [key, cs] of Object.entries(MAT)) { const [county, sec] = key.split('|'); cs.forEach((k, c) => { for (let j = 0; j < k; j++) add('2026-10', county!, sec!, K[c]!); }); }
  for (const [f, t, k] of MIG) for (let j = 0; j < k; j++) {
    const uscc = `91220000MB${String(u++).padStart(8, '0')}`;
    if (f !== '-') add('2026-09', '220501', 'H', f, uscc);
    if (t !== '-') add('2026-10', '220501', 'H', t, uscc);
  }
  await db.insert('class_results', rows);
});
after(async () => { await flushAudit(db); await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

type Rel = { cells: string[]; total: number | null };
/** Solves published sums with one unknown until nothing moves. `known` maps cell id → value (visible cells). */
function solve(known: Map<string, number>, rels: Rel[]): Map<string, number> {
  const got = new Map<string, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rels) {
      if (r.total === null) continue;
      const unk = r.cells.filter((c) => !known.has(c));
      if (unk.length !== 1) continue;
      const v = r.total - r.cells.filter((c) => known.has(c)).reduce((a, c) => a + known.get(c)!, 0);
      known.set(unk[0]!, v); got.set(unk[0]!, v); changed = true;
    }
  }
  return got;
}

test('item 6: prefecture totals minus visible county counts no longer give back a suppressed county cell', async () => {
  const counties = await call(partner).research.distribution({ filters: F({ region: '220200', industry: 'F' }), by: 'county' });
  const pref = await call(partner).research.distribution({ filters: F({ industry: 'F' }), by: 'prefecture' });
  const p = pref.rows.find((r) => r.key === '220200')!;
  const known = new Map<string, number>();
  const rels: Rel[] = [];
  for (const r of counties.rows) {
    r.counts.forEach((v, c) => { if (v !== null) known.set(`${r.key}.${c}`, v); });
    rels.push({ cells: [0, 1, 2, 3].map((c) => `${r.key}.${c}`), total: r.n });
  }
  for (let c = 0; c < 4; c++) rels.push({ cells: counties.rows.map((r) => `${r.key}.${c}`), total: p.counts[c] ?? null });
  assert.ok(counties.rows.find((r) => r.key === '220221')!.counts[3] === null, 'D 7 is hidden');
  assert.deepEqual([...solve(known, rels)], [], 'nothing is recovered');
  // The county on its own (filter at the breakdown's level) is shown with the mask it has among its siblings, and
  // the trend of that slice likewise, so neither hands out a complement the prefecture breakdown hid.
  const own = await call(partner).research.distribution({ filters: F({ region: '220221', industry: 'F' }), by: 'county' });
  const inGroup = counties.rows.find((r) => r.key === '220221')!;
  inGroup.counts.forEach((v, c) => { if (v === null) assert.equal(own.rows[0]!.counts[c], null, `class ${K[c]}`); });
  const trend = await call(partner).research.trend({ filters: F({ region: '220221', industry: 'F' }), from: '2026-10' });
  inGroup.counts.forEach((v, c) => { if (v === null) assert.equal(trend.points.at(-1)!.counts[c], null, `trend class ${K[c]}`); });
  // admin: everything exact
  const full = await call(admin).research.distribution({ filters: F({ region: '220200', industry: 'F' }), by: 'county' });
  for (const [k, cs] of Object.entries(DIST)) assert.deepEqual(full.rows.find((r) => r.key === k)!.counts, cs);
});

test('item 3: the heat matrix shows no small C+D, and its hidden cells do not follow from the distribution totals', async () => {
  const m = await call(partner).research.matrix({ filters: F({ region: '220100' }), rows: 'county', cols: 'section' });
  for (const c of m.cells) {
    if (c.cd !== null) { assert.ok(c.cd === 0 || c.cd >= 10, `C+D ${c.cd}`); assert.ok(c.n! - c.cd === 0 || c.n! - c.cd >= 10); }
    if (c.n !== null) assert.ok(c.n >= 10);
  }
  // The reader's sums: per county the exact n and C+D (research.distribution by county), per section the same.
  const byCounty = await call(partner).research.distribution({ filters: F({ region: '220100' }), by: 'county' });
  const bySection = await call(partner).research.distribution({ filters: F({ region: '220100' }), by: 'section' });
  const known = new Map<string, number>();
  for (const c of m.cells) { if (c.n !== null) known.set(`n ${c.r} ${c.i}`, c.n); if (c.cd !== null) known.set(`cd ${c.r} ${c.i}`, c.cd); }
  const rels: Rel[] = [];
  const cdOf = (r: { counts: Array<number | null> }) => { const c = r.counts[2], d = r.counts[3]; return c == null || d == null ? null : c + d; };
  for (const r of byCounty.rows) {
    const cs = m.cells.filter((c) => c.r === r.key);
    rels.push({ cells: cs.map((c) => `n ${c.r} ${c.i}`), total: r.n }, { cells: cs.map((c) => `cd ${c.r} ${c.i}`), total: cdOf(r) });
  }
  for (const s of bySection.rows) {
    const cs = m.cells.filter((c) => c.i === s.key);
    rels.push({ cells: cs.map((c) => `n ${c.r} ${c.i}`), total: s.n }, { cells: cs.map((c) => `cd ${c.r} ${c.i}`), total: cdOf(s) });
  }
  // and per cell, the distribution of that very slice: its A/B/C/D next to the matrix's n and C+D
  for (const c of m.cells) {
    const d = (await call(partner).research.distribution({ filters: F({ region: c.r, industry: c.i }), by: 'county' })).rows[0]!;
    const id = (k: number) => `${c.r} ${c.i}.${k}`;
    d.counts.forEach((v, k) => { if (v !== null) known.set(id(k), v); });
    if (c.cd !== null) rels.push({ cells: [id(2), id(3)], total: c.cd }, { cells: [id(0), id(1)], total: c.n! - c.cd });
    rels.push({ cells: [0, 1, 2, 3].map(id), total: d.n });
  }
  const got = solve(known, rels);
  assert.deepEqual([...got].filter(([, v]) => v > 0), [], 'no non-zero hidden value is recovered');
  const full = await call(admin).research.matrix({ filters: F({ region: '220100' }), rows: 'county', cols: 'section' });
  for (const [key, cs] of Object.entries(MAT)) {
    const [r, i] = key.split('|');
    const c = full.cells.find((x) => x.r === r && x.i === i)!;
    assert.deepEqual([c.n, c.cd], [cs.reduce((a, b) => a + b, 0), cs[2] + cs[3]]);
  }
});

test('item 5: the migration matrix cannot be undone with the two months\' class counts', async () => {
  const mig = await call(partner).research.migration({ filters: F({ region: '220501' }), from: '2026-09' });
  const trend = await call(partner).research.trend({ filters: F({ region: '220501' }), from: '2026-09' });
  const [m9, m10] = trend.points;
  const keys = ['A', 'B', 'C', 'D', '-'];
  const known = new Map<string, number>();
  mig.counts.forEach((row, i) => row.forEach((v, j) => { if (v !== null) known.set(`${keys[i]}${keys[j]}`, v); }));
  known.set('--', 0);
  const rels: Rel[] = [];
  for (let i = 0; i < 5; i++) {
    rels.push({ cells: keys.map((t) => `${keys[i]}${t}`), total: i < 4 ? m9!.counts[i] ?? null : mig.rowTotals[4] ?? null });
    if (i < 4) rels.push({ cells: keys.map((f) => `${f}${keys[i]}`), total: m10!.counts[i] ?? null });
  }
  for (const c of mig.counts.flat()) assert.ok(c === null || c === 0 || c >= 10);
  assert.deepEqual([...solve(known, rels)].filter(([, v]) => v > 0), [], 'no non-zero hidden value is recovered');
  const full = await call(admin).research.migration({ filters: F({ region: '220501' }), from: '2026-09' });
  for (const [f, t, k] of MIG) assert.equal(full.counts[keys.indexOf(f)]![keys.indexOf(t)], k);
});
