/** Class distribution (A/B/C/D counts and shares, mean score) by one breakdown dimension, for one month. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p, empty, trusted, and, join, type Sql } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, dimExpr, dimensionSchema, namesFor, sliceFilters, sliceWhere, monthIs, month, isPartner, MIN_PARTNER_CELL, smallCount, regionLevelOf, industryLevelOf, regionLevelSchema, industryLevelSchema, type Dimension, type SliceFilters, type RegionLevel, type IndustryLevel } from './source';
import { suppressLines, ZERO_COST, type Line } from './suppress';

export const input = z.object({ filters: sliceFilters, by: dimensionSchema, limit: z.number().int().min(1).max(500).default(60) });

export const classDistribution = defineQuery({
  name: 'research.classDistribution',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({
    key: z.string(), name: z.string(), a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(),
    n: z.coerce.number(), mean_score: z.coerce.number(),
  }),
  build: ({ filters, by, limit }, viewer) => classCountsSql(by, sliceWhere(filters, viewer, monthIs(filters.month)), [],
    // Partners get every row: suppression is decided over whole sibling groups (a row past the limit still takes part
    // in its parent's column sums), and the limit is applied afterwards.
    sql`ORDER BY n DESC, key ${isPartner(viewer) ? empty : sql`LIMIT ${p.uint(limit)}`}`),
});

/**
 * The class counts (A, B, C, D, n) and mean score per row key of breakdown `by` over the class rows of `where`, with
 * the key's name — grouped also by `groups` ([alias, expression], before the key: the batch's filter columns).
 * `tail` orders / limits the groups. One builder for research.classDistribution and its batch, so that a batch's
 * partition is the table's own rows by construction.
 */
function classCountsSql(by: Dimension, where: Sql, groups: ReadonlyArray<readonly [string, Sql]>, tail: Sql = empty): Sql {
  const names = namesFor(by);
  const g = groups.map(([alias]) => `${alias}, `).join('');
  const sel = groups.length ? sql`${join(groups.map(([alias, expr]) => sql`${expr} AS ${trusted(alias)}`), ', ')}, ` : empty;
  // Group by (key, class) first: a LowCardinality key pair hashes far faster than four countIf string tests per row.
  const agg = sql`
      SELECT ${trusted(g)}key,
             toUInt32(sumIf(k, class = 'A')) AS a, toUInt32(sumIf(k, class = 'B')) AS b,
             toUInt32(sumIf(k, class = 'C')) AS c, toUInt32(sumIf(k, class = 'D')) AS d,
             toUInt32(sum(k)) AS n, sum(s) / sum(k) AS mean_score
      FROM (
        SELECT ${sel}${dimExpr(by)} AS key, class, count() AS k, sum(toFloat64(score)) AS s
        FROM ${CLASS_TABLE}
        WHERE ${where}
        GROUP BY ${trusted(g)}key, class
      )
      GROUP BY ${trusted(g)}key
      ${tail}`;
  return names
    ? sql`SELECT g.*, ifNull(nm.name, '') AS name FROM (${agg}) AS g LEFT JOIN ${names} AS nm ON nm.code = g.key ${tail === empty ? empty : sql`ORDER BY g.n DESC, g.key `}SETTINGS join_use_nulls = 1`
    : sql`SELECT g.*, '' AS name FROM (${agg}) AS g`;
}

export interface DistributionRow {
  key: string;
  label: string;
  /** A, B, C, D counts; null = suppressed for partners (<10). */
  counts: [number | null, number | null, number | null, number | null];
  n: number | null;
  meanScore: number | null;
}

type Raw = { key: string; name: string; a: number; b: number; c: number; d: number; n: number; mean_score: number };

const REGION_LEVELS = ['province', 'prefecture', 'county', 'street'] as const;
const INDUSTRY_LEVELS = ['section', 'division', 'group'] as const;

/** The code one level up in its hierarchy ('' = the top level, whose parent is the whole slice); null = unknown. */
export function parentKey(by: Dimension, key: string): string | null {
  switch (by) {
    case 'province': return /^\d{6}$/.test(key) ? '' : null;
    case 'prefecture': return /^\d{6}$/.test(key) ? `${key.slice(0, 2)}0000` : null;
    case 'county': return /^\d{6}$/.test(key) ? `${key.slice(0, 4)}00` : null;
    case 'street': return /^\d{9}$/.test(key) ? key.slice(0, 6) : null;
    case 'section': return /^[A-T]$/.test(key) ? '' : null;
    case 'division': return /^[A-T]\d{2}$/.test(key) ? key.slice(0, 1) : null;
    case 'group': return /^[A-T]\d{3}$/.test(key) ? key.slice(0, 3) : null;
    default: return '';
  }
}

/**
 * Which cells of a distribution table partners may see. Published sums, all treated as public:
 * - each row: A + B + C + D = n (n is shown, and is itself a count: n < 10 is suppressed like any cell);
 * - each column (A, B, C, D and n) over the children of one parent region / industry: that is the parent's row,
 *   published by the same procedure one level up (for dimensions without a hierarchy: over all rows, which is the
 *   slice total the trend shows). Rows whose parent cannot be told from the key (e.g. '' = not subdivided) join one
 *   extra group spanning the whole table.
 * Returns per row a mask over [A, B, C, D, n].
 */
export function distributionMask(rows: ReadonlyArray<Pick<Raw, 'key' | 'a' | 'b' | 'c' | 'd' | 'n'>>, by: Dimension, min = MIN_PARTNER_CELL): boolean[][] {
  const W = 5;
  const vals = rows.flatMap((r) => [r.a, r.b, r.c, r.d, r.n]);
  const lines: Line[] = rows.map((_, i) => ({ cells: [0, 1, 2, 3, 4].map((c) => i * W + c), coef: [1, 1, 1, 1, -1] }));
  const groups = new Map<string, number[]>();
  let unknown = false;
  rows.forEach((r, i) => {
    const pk = parentKey(by, r.key);
    if (pk === null) { unknown = true; return; }
    const g = groups.get(pk);
    if (g) g.push(i); else groups.set(pk, [i]);
  });
  const colGroups = [...groups.values()];
  if (unknown) colGroups.push(rows.map((_, i) => i));
  // A group of one row is the parent's row itself: its column sums add nothing beyond the row.
  for (const g of colGroups) if (g.length > 1) for (let c = 0; c < W; c++) lines.push({ cells: g.map((i) => i * W + c) });
  const primary = vals.map((v) => smallCount(v, min));
  // A row under the threshold is hidden whole (zeros too: "0 of 3" says as much as the counts).
  rows.forEach((r, i) => { if (r.n < min) for (let c = 0; c < W; c++) primary[i * W + c] = true; });
  const mask = suppressLines(vals.length, lines, { primary, candidate: vals.map(() => true), cost: vals.map((v) => (v > 0 ? v : ZERO_COST)) });
  return rows.map((_, i) => mask.slice(i * W, i * W + W));
}

/**
 * The slice a row of the table (filters `f`, breakdown `by`, row `key`) stands for, as filters — or null when it is
 * no filterable slice ('' = not subdivided; a tag row of a table filtered on other tags is an intersection).
 * When the filter pins the breakdown (a region / industry filter at the breakdown's level or below, an entity type
 * filter broken down by entity type, one status by status), the row is the filter's own slice.
 */
export function rowSlice(f: SliceFilters, by: Dimension, key: string): SliceFilters | null {
  const g = rowSliceOf(f, by, key);
  // A key the filters cannot express (a tag or entity type longer than the filter allows) is no slice.
  return g && sliceFilters.safeParse(g).success ? g : null;
}

function rowSliceOf(f: SliceFilters, by: Dimension, key: string): SliceFilters | null {
  const rl = REGION_LEVELS.indexOf(by as (typeof REGION_LEVELS)[number]);
  if (rl >= 0) {
    if (f.region && REGION_LEVELS.indexOf(regionLevelOf(f.region)) >= rl) return f;
    return parentKey(by, key) === null ? null : { ...f, region: key };
  }
  const il = INDUSTRY_LEVELS.indexOf(by as (typeof INDUSTRY_LEVELS)[number]);
  if (il >= 0) {
    const level = f.industry ? industryLevelOf(f.industry) : null;
    if (f.industry && (!level || INDUSTRY_LEVELS.indexOf(level) >= il)) return f;
    return parentKey(by, key) === null ? null : { ...f, industry: key };
  }
  if (!key) return null;
  if (by === 'entity_type') return { ...f, entityType: key };
  if (by === 'status') return { ...f, status: [key as SliceFilters['status'][number]] };
  if (by === 'tag') return !f.tags.length || f.tags.includes(key) ? { ...f, tags: [key] } : null;
  return null;
}

/**
 * The tables in which the slice `g` is itself one row — one level up its region and its industry hierarchy, and
 * broken down by its entity type, its one status, its one tag — with that row's key. Each suppresses the slice among
 * its own siblings, with its own complements.
 */
function sliceTables(g: SliceFilters): Array<{ filters: SliceFilters; by: Dimension; key: string }> {
  const out: Array<{ filters: SliceFilters; by: Dimension; key: string }> = [];
  if (g.region) { const level = regionLevelOf(g.region); out.push({ filters: { ...g, region: parentKey(level, g.region) || undefined }, by: level, key: g.region }); }
  const il = g.industry ? industryLevelOf(g.industry) : null;
  if (g.industry && il) out.push({ filters: { ...g, industry: parentKey(il, g.industry) || undefined }, by: il, key: g.industry });
  if (g.entityType) out.push({ filters: { ...g, entityType: undefined }, by: 'entity_type', key: g.entityType });
  if (g.status.length === 1) out.push({ filters: { ...g, status: [] }, by: 'status', key: g.status[0]! });
  if (g.tags.length === 1) out.push({ filters: { ...g, tags: [] }, by: 'tag', key: g.tags[0]! });
  return out;
}

/** A table's identity in a MaskMemo. */
export const tableId = (f: SliceFilters, by: Dimension) => JSON.stringify([by, sliceFilters.parse(f)]);

/**
 * What the tables of one request (or of several calls sharing it: sliceRow) cost only once: each table's rows
 * (tableId → research.classDistribution's rows, partners only) and its mask by row key.
 */
export interface MaskMemo { rows: Map<string, Promise<Raw[]>>; masks: Map<string, Promise<Map<string, boolean[]>>> }
export const newMaskMemo = (): MaskMemo => ({ rows: new Map(), masks: new Map() });

/** A table's rows: from the memo (a batch may have put them there), else its own query. */
function tableRows(db: Db, viewer: Viewer, filters: SliceFilters, by: Dimension, memo: MaskMemo): Promise<Raw[]> {
  const id = tableId(filters, by);
  let rows = memo.rows.get(id);
  if (!rows) {
    rows = runQuery(db, classDistribution, { filters, by, limit: 500 }, viewer);
    memo.rows.set(id, rows);
  }
  return rows;
}

/** The column a region filter at this level tests (queries/filters.ts filterSql), for batches. */
const REGION_FILTER_COLUMN = { province: 'province_code', prefecture: 'prefecture_code', county: 'county_code', street: 'street_code' } as const;
/** The same for an industry filter (a group-level filter is startsWith(industry_code, 4 characters)). */
const INDUSTRY_FILTER_COLUMN = { section: 'industry_section', division: 'industry_division', group: 'substring(industry_code, 1, 4)' } as const;

const batchInput = z.object({
  filters: sliceFilters,
  by: dimensionSchema,
  regionLevel: regionLevelSchema.optional(),
  regions: z.array(z.string().regex(/^\d{6}(\d{3})?$/)).max(5000).default([]),
  industryLevel: industryLevelSchema.optional(),
  industries: z.array(z.string().regex(/^[A-T](\d{2,3})?$/)).max(5000).default([]),
  /** Months ('YYYY-MM') in place of filters.month. */
  months: z.array(month).min(1).max(120),
});

/**
 * research.classDistribution for many tables at once: the tables that differ only in their month, their region
 * filter (at one level) and/or their industry filter (at one level) — every prefecture's counties, every county's
 * industries, every month of a trend. One GROUP BY over the filter columns, split by them afterwards (`mf`, `rf`,
 * `jf`: the filter values; '' = not filtered on that side): a partition holds exactly the rows the table's own query
 * returns (the filter is `column = value`, here `column IN values` grouped by column; the counts are the same SQL,
 * classCountsSql), in the same order once sorted (batchTables).
 */
export const classDistributionBatch = defineQuery({
  name: 'research.classDistributionBatch',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input: batchInput,
  row: z.object({
    mf: z.string(), rf: z.string(), jf: z.string(), key: z.string(), name: z.string(), a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(),
    d: z.coerce.number(), n: z.coerce.number(), mean_score: z.coerce.number(),
  }),
  build: ({ filters, by, regionLevel, regions, industryLevel, industries, months }, viewer) => {
    const rcol = regionLevel ? trusted(REGION_FILTER_COLUMN[regionLevel]) : null;
    const icol = industryLevel ? trusted(INDUSTRY_FILTER_COLUMN[industryLevel]) : null;
    const within = and([
      sliceWhere(filters, viewer, sql`month IN ${p.dates(months.map((m) => `${m}-01`))}`),
      rcol ? sql`${rcol} IN ${p.strs(regions)}` : null,
      icol ? sql`${icol} IN ${p.strs(industries)}` : null,
    ]);
    // (mf: the month's first day as the engine writes a Date; grouped as the Date, not a string formatted per row.)
    return classCountsSql(by, within, [['mf', sql`month`], ['rf', rcol ?? sql`''`], ['jf', icol ?? sql`''`]]);
  },
});

/** Byte order of the UTF-8 strings (the engine's ORDER BY on a String). */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Puts the rows of `tables` in `memo` with one query per batch (classDistributionBatch) instead of one per table:
 * tables are batched when they differ only in their month and the value of their region and/or industry filter, each at one level
 * (a 5-character industry class has no batch column: such tables keep their own query). A batch of one is left to
 * the table's own query. Partners only (the rows memo is read for partners only).
 */
export async function batchTables(db: Db, viewer: Viewer, tables: ReadonlyArray<{ filters: SliceFilters; by: Dimension }>, memo: MaskMemo): Promise<void> {
  const batches = new Map<string, { filters: SliceFilters; by: Dimension; regionLevel?: RegionLevel; industryLevel?: IndustryLevel; members: Array<{ id: string; month: string; region: string; industry: string }> }>();
  for (const t of tables) {
    const f = sliceFilters.parse(t.filters);
    const id = tableId(f, t.by);
    if (memo.rows.has(id)) continue;
    const regionLevel = f.region ? regionLevelOf(f.region) : undefined;
    const industryLevel = f.industry ? industryLevelOf(f.industry) ?? null : undefined;
    if (industryLevel === null) continue;
    const base: SliceFilters = { ...f, region: undefined, industry: undefined };
    const sig = JSON.stringify([t.by, regionLevel ?? '', industryLevel ?? '', sliceFilters.parse({ ...base, month: '2000-01' })]);
    let b = batches.get(sig);
    if (!b) { b = { filters: base, by: t.by, regionLevel, industryLevel, members: [] }; batches.set(sig, b); }
    if (!b.members.some((m) => m.id === id)) b.members.push({ id, month: f.month, region: f.region ?? '', industry: f.industry ?? '' });
  }
  await Promise.all([...batches.values()].filter((b) => b.members.length > 1).map(async (b) => {
    const regions = b.regionLevel ? [...new Set(b.members.map((m) => m.region))] : [];
    const industries = b.industryLevel ? [...new Set(b.members.map((m) => m.industry))] : [];
    const months = [...new Set(b.members.map((m) => m.month))].sort();
    const rows = await runQuery(db, classDistributionBatch, { filters: b.filters, by: b.by, regionLevel: b.regionLevel, regions, industryLevel: b.industryLevel, industries, months }, viewer);
    const parts = new Map<string, Raw[]>();
    for (const r of rows) {
      const k = JSON.stringify([r.mf.slice(0, 7), r.rf, r.jf]);
      const part = parts.get(k);
      const raw: Raw = { key: r.key, name: r.name, a: r.a, b: r.b, c: r.c, d: r.d, n: r.n, mean_score: r.mean_score };
      if (part) part.push(raw); else parts.set(k, [raw]);
    }
    // The table's own query orders by n DESC, key: complements are chosen by position among equal costs.
    for (const part of parts.values()) part.sort((x, y) => y.n - x.n || byteOrder(x.key, y.key));
    for (const m of b.members) memo.rows.set(m.id, Promise.resolve(parts.get(JSON.stringify([m.month, m.region, m.industry])) ?? []));
  }));
}

/**
 * The mask over [A, B, C, D, n] of slice `g` wherever else it is shown: the union of its row's masks in every table of
 * `sliceTables(g)` but `skip` (the table asking). A slice missing from a table it must be in is hidden whole.
 * `memo` shares the tables' rows and masks between the rows of one request. null = the slice is a row of no other table.
 */
async function sliceMask(db: Db, viewer: Viewer, g: SliceFilters, skip: string | null, memo: MaskMemo): Promise<boolean[] | null> {
  let out: boolean[] | null = null;
  for (const t of sliceTables(g)) {
    const id = tableId(t.filters, t.by);
    if (id === skip) continue;
    let masks = memo.masks.get(id);
    if (!masks) {
      masks = tableRows(db, viewer, t.filters, t.by, memo).then((rows) => {
        const m = distributionMask(rows, t.by);
        return new Map(rows.map((r, i) => [r.key, m[i]!]));
      });
      memo.masks.set(id, masks);
    }
    const m = (await masks).get(t.key) ?? [true, true, true, true, true];
    out = out ? out.map((h, c) => h || m[c]!) : [...m];
  }
  return out;
}

/** The tables the rows of a partner's table (filters `f`, breakdown `by`) are also rows of (for batchTables). */
function otherTables(f: SliceFilters, by: Dimension, keys: readonly string[]): Array<{ filters: SliceFilters; by: Dimension }> {
  const self = tableId(f, by);
  return keys.flatMap((k) => {
    const g = rowSlice(f, by, k);
    return g ? sliceTables(g).filter((t) => tableId(t.filters, t.by) !== self) : [];
  });
}

export async function getClassDistribution(db: Db, viewer: Viewer, inp: z.input<typeof input>, memo: MaskMemo = newMaskMemo()): Promise<DistributionRow[]> {
  const parsed = input.parse(inp);
  // (Partners: every row, whatever the limit — the query has none for them.)
  const rows = isPartner(viewer) ? await tableRows(db, viewer, parsed.filters, parsed.by, memo) : await runQuery(db, classDistribution, parsed, viewer);
  const label = (r: Raw) => r.name || r.key || '（未细分）';
  if (!isPartner(viewer)) {
    return rows.map((r) => ({ key: r.key, label: label(r), counts: [r.a, r.b, r.c, r.d], n: r.n, meanScore: r.mean_score }));
  }
  // Each row is also a row of other tables (the same slice among other siblings: one level up, or broken down by a
  // flat dimension it is filtered on), suppressed there with other complements: shown here with a different mask,
  // the two would add up (what one hides, the other shows). So every row takes the union of its masks.
  const self = tableId(parsed.filters, parsed.by);
  const own = distributionMask(rows, parsed.by);
  await batchTables(db, viewer, otherTables(parsed.filters, parsed.by, rows.map((r) => r.key)), memo);
  const masks = await Promise.all(rows.map(async (r, i) => {
    const g = rowSlice(parsed.filters, parsed.by, r.key);
    const m = g ? await sliceMask(db, viewer, g, self, memo) : null;
    return m ? own[i]!.map((h, c) => h || m[c]!) : own[i]!;
  }));
  return rows.slice(0, parsed.limit).map((r, i) => {
    const m = masks[i]!;
    // Without n the shares mean nothing: a row whose n is hidden is hidden whole (hiding more never discloses more).
    const hideAll = m[4]!;
    const counts = [r.a, r.b, r.c, r.d].map((v, c) => (hideAll || m[c] ? null : v));
    return {
      key: r.key, label: label(r),
      counts: counts as DistributionRow['counts'],
      n: hideAll ? null : r.n,
      // (Never a mean score: two published slices one enterprise apart would give that enterprise's score.)
      meanScore: null,
    };
  });
}

/**
 * The whole filtered slice as one row, suppressed exactly as research.distribution shows it among its siblings in
 * every table it is a row of (one level up its region and industry, by its entity type, its one status, its one
 * tag), so other views of the same slice (the trend) cannot show a cell the distribution hid as a complement.
 * null = the slice is a row of no table: the viewer's whole scope (a top-level total with no siblings), or a slice
 * filtered on several statuses or tags only.
 */
export async function sliceRow(db: Db, viewer: Viewer, filters: SliceFilters, memo: MaskMemo = newMaskMemo()): Promise<DistributionRow | null> {
  const by = sliceRowBy(filters);
  if (!by) return null;
  const rows = await getClassDistribution(db, viewer, { filters, by, limit: 500 }, memo);
  const row = by === 'tag' ? rows.find((r) => r.key === filters.tags[0]) : rows[0];
  return row ?? { key: '', label: '', counts: [0, 0, 0, 0], n: 0, meanScore: null };
}

/** The breakdown under which sliceRow shows a slice as one row; null = none. */
function sliceRowBy(filters: SliceFilters): Dimension | null {
  const il = filters.industry ? industryLevelOf(filters.industry) : null;
  return filters.region ? regionLevelOf(filters.region) : il ? il : filters.entityType ? 'entity_type'
    : filters.status.length === 1 ? 'status' : filters.tags.length === 1 ? 'tag' : null;
}

/**
 * Readies `memo` for getClassDistribution of each of `tables` (partners) in a few batched queries (batchTables): the
 * tables themselves, then the tables their rows are also rows of — instead of one query per table.
 */
export async function prepareDistributions(db: Db, viewer: Viewer, tables: ReadonlyArray<{ filters: SliceFilters; by: Dimension }>, memo: MaskMemo): Promise<void> {
  if (!isPartner(viewer)) return;
  await batchTables(db, viewer, tables, memo);
  const rows = await Promise.all(tables.map((t) => tableRows(db, viewer, t.filters, t.by, memo)));
  await batchTables(db, viewer, tables.flatMap((t, i) => otherTables(t.filters, t.by, rows[i]!.map((r) => r.key))), memo);
}

/** Readies `memo` for sliceRow of each of `slices` (prepareDistributions). */
export async function prepareSliceRows(db: Db, viewer: Viewer, slices: readonly SliceFilters[], memo: MaskMemo): Promise<void> {
  await prepareDistributions(db, viewer, slices.flatMap((filters) => {
    const by = sliceRowBy(filters);
    return by ? [{ filters, by }] : [];
  }), memo);
}
