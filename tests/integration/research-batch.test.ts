/**
 * Partners' suppression reads the tables each row is also a row of. Those tables are fetched in batches — one query
 * for every prefecture's counties, every county's industries — instead of one query per table
 * (queries/research/distribution.ts batchTables): a batch must give each table exactly the rows, in exactly the
 * order, of the table's own query, or complements (chosen by position among equal costs) and masks would change.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { loadReferenceData } from '../../server/reference/load';
import { runQuery } from '../../queries/define';
import { classDistribution, tableId as id, batchTables, newMaskMemo, prepareSliceRows, prepareDistributions, sliceRow, getClassDistribution } from '../../queries/research/distribution';
import { getClassTrend } from '../../queries/research/trend';
import type { Dimension, SliceFilters } from '../../queries/research/source';
import type { Viewer } from '../../server/auth/viewer';
import { classRow } from './class-rows';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-batch-'));
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const MONTH = '2026-09';
const MONTHS = ['2026-07', '2026-08', MONTH];
const base: SliceFilters = { model: 'general', month: MONTH, tags: [], status: [] };

// Two prefectures of 吉林 (长春, 吉林市), three counties each, streets or none; industries in two sections, with
// groups and one enterprise not subdivided below its section; a few entity types, tags and statuses.
const COUNTIES = ['220102', '220103', '220104', '220202', '220203', '220204'];
const INDUSTRIES = [['C', 'C13', 'C1311'], ['C', 'C13', 'C1320'], ['C', 'C14', 'C1411'], ['F', 'F51', 'F5111'], ['F', 'F52', 'F5221'], ['F', '', '']];
const TYPES = ['有限责任公司', '股份有限公司', '个人独资企业'];
const TAGS = [[], ['食品生产'], ['特种设备', '食品经营']];

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  // A fixed pseudo-random spread (no Math.random: the test is the same every run), skewed so that many cells are
  // small (suppressed) and many counts tie (where the order decides the complement).
  let x = 12345;
  const next = (k: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % k; };
  const rows: Array<Record<string, unknown>> = [];
  for (let k = 0; k < 3000; k++) {
    const county = COUNTIES[Math.min(next(7), next(7), 5)]!;
    const [section, division, code] = INDUSTRIES[next(6)]!;
    // (Three months: the enterprise in each, its class drawn again; a tenth of them first classified in August.)
    for (const m of k % 10 === 0 ? MONTHS.slice(1) : MONTHS) rows.push(classRow({
      month: `${m}-01`, model_id: 'general', uscc: `u${k}`, class: 'ABCD'[Math.min(next(4), next(4))]!,
      county_code: county, street_code: next(3) === 0 ? '' : `${county}00${1 + next(3)}`,
      industry_section: section, industry_division: division, industry_code: code,
      entity_type: TYPES[next(3)]!, tags: TAGS[next(3)]!, status: next(10) === 0 ? '吊销' : '存续', score: next(1000),
    }));
  }
  await db.insert('class_results', rows);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const own = (filters: SliceFilters, by: Dimension) => runQuery(db, classDistribution, { filters, by, limit: 500 }, partner);

test('a batch gives every table the rows and order of its own query', async () => {
  const tables: Array<{ filters: SliceFilters; by: Dimension }> = [];
  for (const c of COUNTIES) {
    tables.push({ filters: { ...base, region: c }, by: 'street' });
    tables.push({ filters: { ...base, region: c }, by: 'division' });
    tables.push({ filters: { ...base, region: c, industry: 'C' }, by: 'group' });
    tables.push({ filters: { ...base, region: c, entityType: '有限责任公司' }, by: 'tag' });
    tables.push({ filters: { ...base, region: c }, by: 'county' }); // (the county's own row)
  }
  for (const pref of ['220100', '220200']) {
    for (const i of ['C', 'F', 'C13', 'F52', 'C131', 'F522']) tables.push({ filters: { ...base, region: pref, industry: i }, by: 'county' });
    tables.push({ filters: { ...base, region: pref, status: ['吊销'] }, by: 'entity_type' });
  }
  for (const i of ['C13', 'C14', 'F51', 'F52']) tables.push({ filters: { ...base, industry: i }, by: 'status' });
  // Other months of some of them (a trend, a rising-risk window), and a month with nothing classified.
  for (const m of [...MONTHS.slice(0, 2), '2026-06']) {
    tables.push({ filters: { ...base, month: m }, by: 'county' });
    for (const c of COUNTIES.slice(0, 3)) tables.push({ filters: { ...base, month: m, region: c }, by: 'street' });
  }
  const memo = newMaskMemo();
  await batchTables(db, partner, tables, memo);
  let batched = 0;
  for (const t of tables) {
    const got = memo.rows.get(id(t.filters, t.by));
    if (!got) continue;
    batched++;
    assert.deepEqual(await got, await own(t.filters, t.by), id(t.filters, t.by));
  }
  // Every table here has siblings in the list: none is left to its own query.
  assert.equal(batched, tables.length);
  // (Not vacuous: the tables hold rows, ties in n, and the not-subdivided '' key.)
  const rows = await Promise.all(tables.map((t) => memo.rows.get(id(t.filters, t.by))!));
  assert.ok(rows.some((r) => r.some((x) => x.key === '')), 'a not-subdivided row');
  assert.ok(rows.some((r) => r.some((x, i) => i > 0 && r[i - 1]!.n === x.n)), 'ties in n');
  assert.ok(rows.some((r) => r.length === 0), 'a month with nothing classified');
});

test('a table that differs from the others in more than its region or industry, or filtered on an industry class, is left to its own query', async () => {
  const memo = newMaskMemo();
  const lone = { filters: { ...base, region: '220102', entityType: '股份有限公司' }, by: 'street' as Dimension };
  const classes = ['C1311', 'C1320'].map((i) => ({ filters: { ...base, industry: i }, by: 'county' as Dimension }));
  await batchTables(db, partner, [lone, { filters: { ...base, region: '220103' }, by: 'street' }, ...classes], memo);
  assert.equal(memo.rows.has(id(lone.filters, lone.by)), false);
  for (const t of classes) assert.equal(memo.rows.has(id(t.filters, t.by)), false, t.filters.industry);
});

test('partners\' slice rows and distributions are the same with the batched tables as with one query per table', async () => {
  const cells: SliceFilters[] = [];
  for (const c of COUNTIES) for (const i of ['C13', 'C14', 'F51', 'F52']) cells.push({ ...base, region: c, industry: i });
  const memo = newMaskMemo();
  await prepareSliceRows(db, partner, cells, memo);
  assert.ok(memo.rows.size >= cells.length, 'the cells\' tables are in the memo');
  for (const cell of cells) {
    // A fresh memo per slice: every table by its own query (the batch of one is never formed).
    assert.deepEqual(await sliceRow(db, partner, cell, memo), await sliceRow(db, partner, cell, newMaskMemo()), JSON.stringify(cell));
  }
  // Distributions: against a memo that says it holds every table already, so nothing is batched and each table
  // the rows' masks need is read by its own query.
  class Unbatched<K, V> extends Map<K, V> { override has(): boolean { return true; } }
  const unbatched = () => ({ rows: new Unbatched<string, Promise<never[]>>(), masks: new Map() }) as unknown as ReturnType<typeof newMaskMemo>;
  let hidden = 0;
  let shown = 0;
  for (const [filters, by] of [[base, 'street'], [base, 'county'], [{ ...base, entityType: '有限责任公司' }, 'county'], [{ ...base, industry: 'C' }, 'group'], [{ ...base, region: '220100' }, 'tag']] as const) {
    const batchedRows = await getClassDistribution(db, partner, { filters, by, limit: 500 });
    assert.deepEqual(batchedRows, await getClassDistribution(db, partner, { filters, by, limit: 500 }, unbatched()), `${by} ${JSON.stringify(filters)}`);
    hidden += batchedRows.filter((r) => r.counts.includes(null)).length;
    shown += batchedRows.filter((r) => r.n !== null).length;
  }
  // Every month of a window prepared at once (research.rising), and the trend's months (research.trend).
  const months = newMaskMemo();
  await prepareDistributions(db, partner, MONTHS.map((m) => ({ filters: { ...base, month: m }, by: 'county' as Dimension })), months);
  for (const m of MONTHS) {
    const by = 'county';
    assert.deepEqual(await getClassDistribution(db, partner, { filters: { ...base, month: m }, by, limit: 500 }, months),
      await getClassDistribution(db, partner, { filters: { ...base, month: m }, by, limit: 500 }, unbatched()), m);
  }
  const filters = { ...base, region: '220102', entityType: '有限责任公司' };
  const trend = await getClassTrend(db, partner, { filters, from: MONTHS[0]! });
  assert.equal(trend.length, MONTHS.length);
  for (const point of trend) {
    const row = (await getClassDistribution(db, partner, { filters: { ...filters, month: point.month }, by: 'county', limit: 500 }, unbatched()))[0]!;
    assert.deepEqual([point.counts, point.n], [row.counts, row.n], point.month);
  }
  assert.ok(hidden > 0 && shown > 0, `some cells hidden (${hidden}), some shown (${shown})`);
});
