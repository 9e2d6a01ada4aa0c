import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, trusted } from '../../server/db/sql';
import { loadReferenceData } from '../../server/reference/load';
import { getMapAreas } from '../../queries/map/areas';
import { runQuery } from '../../queries/define';
import { addressEnterprises } from '../../queries/map/addressEnterprises';
import { pointsSql } from '../../queries/map/points';
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';
import { createCallerFactory } from '../../server/trpc/init';
import { appRouter } from '../../server/trpc/root';

let db: Db;
const admin: Viewer = { name: 'a', role: 'admin', regionCode: '' };
const partner: Viewer = { name: 'p', role: 'partner', regionCode: '' };
const changchun: Viewer = { name: 'c', role: 'analyst', regionCode: '220100' };

// County → [n, C, D] for 2026-09 (previous month: every county has n and half the C+D).
const COUNTS: Record<string, [number, number, number]> = {
  '220102': [200, 30, 10], '220184': [400, 40, 8], '220302': [150, 10, 5], '220303': [6, 3, 1], '220202': [300, 20, 4],
};

function rowsFor(month: string, county: string, n: number, c: number, d: number) {
  return Array.from({ length: n }, (_, i) => classRow({
    month, model_id: 'general', uscc: `${county}-${i}`, county_code: county, industry_section: i % 2 ? 'C' : 'F',
    industry_division: '', industry_code: '', entity_type: '',
    raw_score: 0, score: i < d ? 800 : i < c + d ? 600 : 100, class: i < d ? 'D' : i < c + d ? 'C' : 'A',
  }));
}

before(async () => {
  db = await getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-')) });
  await loadReferenceData(db);
  for (const [county, [n, c, d]] of Object.entries(COUNTS)) {
    await db.insert('class_results', rowsFor('2026-09-01', county, n, c, d));
    await db.insert('class_results', rowsFor('2026-08-01', county, n, Math.floor(c / 2), Math.floor(d / 2)));
  }
  // Enterprises with coordinates for 220102: the first 5 at one address (一址多照), the rest scattered.
  const ents = Array.from({ length: COUNTS['220102']![0] }, (_, i) => ({
    uscc: `220102-${i}`, name: `企业${i}`, entity_type: '', reg_date: '2020-01-01', status: '存续', industry_code: '',
    industry_section: 'C', industry_division: '', region_code: '220102', province_code: '220000', prefecture_code: '220100',
    county_code: '220102', street_code: '', address: i < 5 ? '人民大街1号' : `路${i}号`, address_key: i < 5 ? 'renmin-1' : '',
    legal_rep_id: '', legal_rep_name: '', reg_capital_wan: null, lng: 125.3 + (i < 5 ? 0 : i * 0.0001), lat: 43.88, tags: [], import_id: 't',
  }));
  await db.insert('enterprises', ents);
});
after(async () => { await closeDb(); });

test('county areas: counts, shares, change from the previous month, checked against direct SQL', async () => {
  const res = await getMapAreas(db, admin, { filters: { month: '2026-09' }, level: 'county' });
  const direct = await db.rows<{ county_code: string; n: number; cd: number }>(trusted(
    `SELECT county_code, toUInt32(count()) AS n, toUInt32(countIf(class IN ('C','D'))) AS cd FROM class_results
     WHERE month = '2026-09-01' AND model_id = 'general' GROUP BY county_code`));
  assert.equal(res.areas.length, direct.length);
  for (const r of direct) {
    const a = res.areas.find((x) => x.code === r.county_code)!;
    assert.equal(a.n, Number(r.n));
    assert.ok(Math.abs(a.cdRate! - Number(r.cd) / Number(r.n)) < 1e-12);
  }
  const gzl = res.areas.find((a) => a.code === '220184')!;
  assert.equal(gzl.name, '公主岭市');
  assert.equal(gzl.prefecture_code, '220100');
  assert.ok(Math.abs(gzl.delta! - (48 / 400 - 24 / 400)) < 1e-12);
  assert.equal(res.total.n, 1056);
  // The 6-enterprise county at 67% raw is shrunk towards the province rate.
  const tiny = res.areas.find((a) => a.code === '220303')!;
  assert.ok(tiny.shrunk! < tiny.cdRate!);
});

test('prefecture areas sum their counties (公主岭市 counted in 长春市)', async () => {
  const res = await getMapAreas(db, admin, { filters: { month: '2026-09' }, level: 'prefecture' });
  const cc = res.areas.find((a) => a.code === '220100')!;
  assert.equal(cc.n, 600);
  assert.equal(cc.c! + cc.d!, 88);
  assert.equal(res.areas.find((a) => a.code === '220300')!.n, 156);
});

test('scope and partner suppression', async () => {
  const cc = await getMapAreas(db, changchun, { filters: { month: '2026-09' }, level: 'county' });
  assert.deepEqual(cc.areas.map((a) => a.code).sort(), ['220102', '220184']);
  const p = await getMapAreas(db, partner, { filters: { month: '2026-09' }, level: 'county' });
  const tiny = p.areas.find((a) => a.code === '220303')!;
  assert.equal(tiny.suppressed, true);
  assert.equal(tiny.n, null);
  assert.equal(tiny.cdRate, null);
  // 220303 is the only area under 10: the next smallest (220302, 150) goes with it, so total.n − the shown areas
  // is the two together, not 220303.
  const sp = p.areas.find((a) => a.code === '220302')!;
  assert.equal(sp.suppressed, true);
  assert.equal(sp.n, null);
  assert.equal(p.total.n, 1056);
  // 220202: D of 4 hidden, and with it the C+D share (share × n − C = D) and everything computed from it.
  const cy = p.areas.find((a) => a.code === '220202')!;
  assert.equal(cy.n, 300);
  // Its C of 20 too: the distribution by county withholds it (the complement of the D in that row), and shows A, B
  // and n — so C shown here gave D = n − A − B − C back.
  assert.equal(cy.c, null);
  assert.equal(cy.d, null);
  for (const k of ['cdRate', 'dRate', 'shrunk', 'delta', 'limits', 'flag'] as const) assert.equal(cy[k], null, k);
  // 220184: D of 8 hidden too. 220102 (C 30, D 10) keeps only its size: the distribution by county withholds its D as
  // the complement of 220184's in 长春市's column (长春市's D, shown by prefecture, minus 10 gave the 8 back) and its C
  // as the complement of that D in its row, and so the C+D share and what follows from it go too.
  assert.equal(p.areas.find((a) => a.code === '220184')!.cdRate, null);
  const ng = p.areas.find((a) => a.code === '220102')!;
  assert.equal(ng.n, 200);
  for (const k of ['c', 'd', 'cdRate', 'dRate', 'shrunk', 'flag', 'prevCdRate', 'delta'] as const) assert.equal(ng[k], null, k);
  assert.ok(Math.abs(res(await getMapAreas(db, admin, { filters: { month: '2026-09' }, level: 'county' }), '220102').prevCdRate! - 20 / 200) < 1e-12);
});

const res = (r: { areas: Array<{ code: string; prevCdRate: number | null }> }, code: string) => r.areas.find((a) => a.code === code)!;

test('points as Arrow: one marker per address with its count; listing behind a marker', async () => {
  const q = pointsSql({ filters: { month: '2026-09', model: 'general', tags: [], status: [] }, bbox: [125, 43, 126, 44], limit: 1_000_000 }, admin);
  const stream = await db.stream(sql`${q} SETTINGS output_format_arrow_compression_method = 'none' FORMAT ArrowStream`);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const table = tableFromIPC(Buffer.concat(chunks));
  assert.equal(table.numRows, 196, '200 enterprises, 5 at one address');
  const n = table.getChild('n')!.toArray() as Uint32Array;
  const idx = n.findIndex((x) => x === 5);
  assert.ok(idx >= 0);
  assert.equal(n.reduce((s, x) => s + x, 0), 200);
  const cls = table.getChild('cls')!.toArray() as Uint8Array;
  assert.equal(cls[idx], 3, 'worst class at the address is D (enterprises 0..9 are D)');
  const gid = (table.getChild('gid')!.toArray() as Uint32Array)[idx]!;
  const gid2 = (table.getChild('gid2')!.toArray() as Uint32Array)[idx]!;
  const list = await runQuery(db, addressEnterprises, { filters: { month: '2026-09' }, gid, gid2 }, admin);
  assert.equal(list.length, 5);
  assert.ok(list.every((e) => e.address === '人民大街1号'));
  // bbox and scope exclude
  const q2 = pointsSql({ filters: { month: '2026-09', model: 'general', tags: [], status: [] }, bbox: [125, 43, 126, 44], limit: 1_000_000 }, { ...admin, regionCode: '220300' });
  const s2 = await db.stream(sql`${q2} SETTINGS output_format_arrow_compression_method = 'none' FORMAT ArrowStream`);
  const c2: Buffer[] = [];
  for await (const c of s2) c2.push(c as Buffer);
  assert.equal(c2.length ? tableFromIPC(Buffer.concat(c2)).numRows : 0, 0);
});

test('warnings per 1,000 divide the area\'s warning cases by all its classified enterprises, whatever the industry filter', async () => {
  // 30 warning cases in 220102 (200 classified, 100 of them in section C). Warnings carry no industry: with the
  // filter C the rate was 30 / 100 (300 per 1,000) — every case of the county over half its enterprises.
  await db.insert('warnings', Array.from({ length: 30 }, (_, i) => ({
    month: '2026-09-01', id: `w${i}`, rule: 'multi-license-address', rules_version: 1, key: `k${i}`, label: '', province_code: '220000',
    prefecture_code: '220100', county_code: '220102', street_code: '', members: [], new_members: [], evidence: '{}', severity: 'low',
    score: 0, first_month: '2026-09-01', status: 'new', computed_at: '2026-10-01 00:00:00',
  })));
  const all = await getMapAreas(db, admin, { filters: { month: '2026-09' }, level: 'county' });
  const c = await getMapAreas(db, admin, { filters: { month: '2026-09', industry: 'C' }, level: 'county' });
  const a = all.areas.find((x) => x.code === '220102')!;
  const ac = c.areas.find((x) => x.code === '220102')!;
  assert.equal(ac.n, 100);
  assert.equal(a.warnings, 30);
  assert.equal(ac.warnings, 30);
  assert.equal(a.warnPer1000, 150);
  assert.equal(ac.warnPer1000, 150, 'the same county, the same cases, the same enterprises: the same rate');
  // The prefecture level: 长春市 has 600 classified enterprises (220102 and 220184).
  const pc = await getMapAreas(db, admin, { filters: { month: '2026-09', industry: 'C' }, level: 'prefecture' });
  assert.equal(pc.areas.find((x) => x.code === '220100')!.warnPer1000, 50);
  // Partners: the denominator is the unfiltered size, which the unfiltered map withholds for 220303 (6 enterprises)
  // and its complement 220302; a rate there would give it back. 220102's is published (30 cases, 200 enterprises).
  const p = await getMapAreas(db, partner, { filters: { month: '2026-09', industry: 'C' }, level: 'county' });
  assert.equal(p.areas.find((x) => x.code === '220102')!.warnPer1000, 150);
  // A key-area model classifies only the enterprises of its scope (here 40 of 220102's 200): the warnings are the
  // county's all the same, and so is their denominator.
  await db.insert('class_results', rowsFor('2026-09-01', '220102', 40, 4, 2).map((r) => ({ ...r, model_id: 'food', basis: 'food' })));
  const food = await getMapAreas(db, admin, { filters: { month: '2026-09', model: 'food' }, level: 'county' });
  const fa = food.areas.find((x) => x.code === '220102')!;
  assert.equal(fa.n, 40);
  assert.equal(fa.warnPer1000, 150);
});

test('a marker lists its own address only, also when another address has the same 32-bit hash', async () => {
  // Two address keys whose xxHash32 collide (hundreds of such pairs among a province's two million addresses).
  const [pair] = await db.rows<{ keys: string[] }>(trusted(
    `SELECT groupArray(2)(s) AS keys FROM (SELECT concat('addr-', toString(number)) AS s FROM numbers(400000))
     GROUP BY xxHash32(s) HAVING count() >= 2 ORDER BY keys LIMIT 1`));
  const [k1, k2] = pair!.keys as [string, string];
  const ent = (uscc: string, key: string, lng: number) => ({
    uscc, name: uscc, entity_type: '', reg_date: '2020-01-01', status: '存续', industry_code: '', industry_section: 'C', industry_division: '',
    region_code: '220102', province_code: '220000', prefecture_code: '220100', county_code: '220102', street_code: '', address: key,
    address_key: key, legal_rep_id: '', legal_rep_name: '', reg_capital_wan: null, lng, lat: 43.5, tags: [], import_id: 't',
  });
  await db.insert('enterprises', [ent('X1', k1, 125.1), ent('X2', k1, 125.1), ent('Y1', k2, 125.9)]);
  await db.insert('class_results', ['X1', 'X2', 'Y1'].map((uscc) => classRow({ month: '2026-07-01', model_id: 'general', uscc, class: 'A' })));
  const q = pointsSql({ filters: { month: '2026-07', model: 'general', tags: [], status: [] }, bbox: [125, 43, 126, 44], limit: 1_000_000 }, admin);
  const stream = await db.stream(sql`${q} SETTINGS output_format_arrow_compression_method = 'none' FORMAT ArrowStream`);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const table = tableFromIPC(Buffer.concat(chunks));
  assert.equal(table.numRows, 2);
  const n = table.getChild('n')!.toArray() as Uint32Array;
  const gid = table.getChild('gid')!.toArray() as Uint32Array;
  const gid2 = table.getChild('gid2')!.toArray() as Uint32Array;
  assert.equal(gid[0], gid[1], 'the fixture: one 32-bit id for two addresses');
  for (let i = 0; i < 2; i++) {
    const list = await runQuery(db, addressEnterprises, { filters: { month: '2026-07' }, gid: gid[i]!, gid2: gid2[i]! }, admin);
    assert.equal(list.length, n[i], 'the marker\'s own enterprises');
    assert.equal(new Set(list.map((e) => e.address)).size, 1);
  }
});

test('a selection with no enterprise has no scope rate, not 0%', async () => {
  const res = await getMapAreas(db, admin, { filters: { month: '2026-09', tags: ['没有这个标签'] }, level: 'prefecture' });
  assert.equal(res.areas.length, 0);
  assert.equal(res.total.n, 0);
  assert.equal(res.total.rate, null);
});

test('the points say how many enterprises of the selection have no location; a scoped analyst counts only theirs; partners are refused', async () => {
  const unplaced = (county: string, i: number, lng: number | null) => ({
    uscc: `${county}-${i}`, name: `无坐标${i}`, entity_type: '', reg_date: '2020-01-01', status: '存续', industry_code: '',
    industry_section: 'C', industry_division: '', region_code: county, province_code: '220000', prefecture_code: `${county.slice(0, 4)}00`,
    county_code: county, street_code: '', address: `某路${i}号`, address_key: '', legal_rep_id: '', legal_rep_name: '', reg_capital_wan: null,
    lng, lat: lng === null ? null : 43.9, tags: [], import_id: 't',
  });
  // 长春 220184: 3 without a location, 1 with; 吉林市 220202: 2 without.
  await db.insert('enterprises', [unplaced('220184', 0, null), unplaced('220184', 1, null), unplaced('220184', 2, null), unplaced('220184', 3, 125.1),
    unplaced('220202', 0, null), unplaced('220202', 1, null)]);
  const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
  const filters = { month: '2026-09' };
  assert.deepEqual(await call(admin).map.unplaced({ filters }), { n: 1056, unplaced: 5 });
  assert.deepEqual(await call(admin).map.unplaced({ filters: { ...filters, region: '220184' } }), { n: 400, unplaced: 3 });
  // Industry C only: 220184's rows 1 and 3 are C (odd), 0 and 2 are F; 220202's row 1 is C.
  assert.equal((await call(admin).map.unplaced({ filters: { ...filters, industry: 'C' } })).unplaced, 2);
  assert.deepEqual(await call(changchun).map.unplaced({ filters }), { n: 600, unplaced: 3 });
  await assert.rejects(call(partner).map.unplaced({ filters }), (e: Error & { code?: string }) => e.code === 'FORBIDDEN');
});
