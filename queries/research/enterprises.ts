/**
 * The enterprises behind a number: the rows of one slice (filters + optional classes), paged and sorted by an
 * allowlisted column. Enterprise-level data: callers must allow only analysts and administrators
 * (`canSeeEnterprises`); the viewer's regionScope applies as everywhere.
 *
 * `enterprisePageSql` is shared by the JSON procedure and the Arrow / CSV / Excel route.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, trusted, type Sql } from '../../server/db/sql';
import { canSeeEnterprises, type Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, sliceFilters, sliceWhere, monthIs } from './source';

export const ENTERPRISE_SORTS = {
  score: 'r.score',
  class: 'r.class',
  uscc: 'r.uscc',
  name: 'name',
  county: 'r.county_code',
  industry: 'r.industry_code',
  entity_type: 'r.entity_type',
  reg_date: 'r.reg_date',
} as const;
export const enterpriseSortSchema = z.enum(Object.keys(ENTERPRISE_SORTS) as [keyof typeof ENTERPRISE_SORTS, ...Array<keyof typeof ENTERPRISE_SORTS>]);

export const enterpriseListInput = z.object({
  filters: sliceFilters,
  classes: z.array(z.enum(['A', 'B', 'C', 'D'])).max(4).default([]),
  sort: enterpriseSortSchema.default('score'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(200_000).default(100),
});
export type EnterpriseListInput = z.infer<typeof enterpriseListInput>;

export class EnterpriseAccessError extends Error { constructor() { super('当前角色不能查看企业明细'); } }

function cellWhere(i: EnterpriseListInput, viewer: Viewer): Sql {
  const w = sliceWhere(i.filters, viewer, monthIs(i.filters.month));
  return i.classes.length ? sql`${w} AND class IN ${p.strs(i.classes)}` : w;
}

/** One page of the cell's enterprises with names and region/industry labels. */
export function enterprisePageSql(i: EnterpriseListInput, viewer: Viewer, format: 'rows' | 'arrow' = 'rows'): Sql {
  if (!canSeeEnterprises(viewer)) throw new EnterpriseAccessError();
  const order = trusted(`${ENTERPRISE_SORTS[i.sort]} ${i.dir === 'asc' ? 'ASC' : 'DESC'}, r.uscc ASC`);
  // Sorting by name needs the names of the whole cell; every other sort pages inside class_results first.
  const byName = i.sort === 'name';
  const page = sql`
    SELECT uscc, class, score, county_code, street_code, industry_code, entity_type, status, reg_date, reasons
    FROM ${CLASS_TABLE} AS r
    WHERE ${cellWhere(i, viewer)}
    ${byName ? trusted('') : sql`ORDER BY ${order} LIMIT ${p.uint(i.limit)} OFFSET ${p.uint(i.offset)}`}`;
  return sql`
    SELECT r.uscc AS uscc, ifNull(e.name, '') AS name, r.class AS class, toFloat64(r.score) AS score,
           r.county_code AS county_code, ifNull(rg.name, '') AS county_name,
           r.industry_code AS industry_code, ifNull(ind.name, '') AS industry_name,
           r.entity_type AS entity_type, r.status AS status, formatDateTime(r.reg_date, '%Y-%m-%d') AS reg_date,
           arrayStringConcat(arrayMap(x -> tupleElement(x, 'name'), r.reasons), '；') AS reasons
    FROM (${page}) AS r
    LEFT JOIN (SELECT uscc, any(name) AS name FROM enterprises WHERE uscc IN (SELECT uscc FROM (${page})) GROUP BY uscc) AS e ON e.uscc = r.uscc
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rg ON rg.code = r.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM industries GROUP BY code) AS ind ON ind.code = r.industry_code
    ORDER BY ${order}
    ${byName ? sql`LIMIT ${p.uint(i.limit)} OFFSET ${p.uint(i.offset)}` : trusted('')}
    SETTINGS join_use_nulls = 1${trusted(format === 'arrow'
      // apache-arrow in the browser cannot read lz4 frames; strings as Utf8, not Binary
      ? ", output_format_arrow_compression_method = 'none', output_format_arrow_string_as_string = 1 FORMAT ArrowStream"
      : '')}`;
}

export const enterpriseRow = z.object({
  uscc: z.string(), name: z.string(), class: z.string(), score: z.coerce.number(),
  county_code: z.string(), county_name: z.string(), industry_code: z.string(), industry_name: z.string(),
  entity_type: z.string(), status: z.string(), reg_date: z.string(), reasons: z.string(),
});
export type EnterpriseRow = z.infer<typeof enterpriseRow>;

export const enterprisePage = defineQuery({
  name: 'research.enterprisePage',
  cache: { tables: ['class_results', 'enterprises', 'regions', 'industries'] },
  input: enterpriseListInput,
  row: enterpriseRow,
  build: (i, viewer) => enterprisePageSql(i, viewer),
});

export const enterpriseCount = defineQuery({
  name: 'research.enterpriseCount',
  cache: { tables: ['class_results'] },
  input: enterpriseListInput,
  row: z.object({ n: z.coerce.number() }),
  build: (i, viewer) => {
    if (!canSeeEnterprises(viewer)) throw new EnterpriseAccessError();
    return sql`SELECT toUInt32(count()) AS n FROM ${CLASS_TABLE} WHERE ${cellWhere(i, viewer)}`;
  },
});

/** Column headings for exports (same order as enterpriseRow). */
export const ENTERPRISE_COLUMNS: Array<[keyof EnterpriseRow, string]> = [
  ['uscc', '统一社会信用代码'], ['name', '企业名称'], ['class', '分类'], ['score', '评分'],
  ['county_code', '区县代码'], ['county_name', '区县'], ['industry_code', '行业代码'], ['industry_name', '行业'],
  ['entity_type', '企业类型'], ['status', '登记状态'], ['reg_date', '成立日期'], ['reasons', '主要扣分原因'],
];
