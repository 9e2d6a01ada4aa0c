/**
 * The workbench filters, shared by every slice, the map and the briefing. They live in the URL
 * (see `filtersToSearch` / `filtersFromSearch`) so views are shareable and back/forward work.
 *
 * `filterSql` turns them into a condition over the class-results snapshot columns
 * (prefecture_code, county_code, street_code, industry_section, industry_division, industry_code,
 * entity_type, status, tags) — values only as placeholders.
 */
import { z } from 'zod';
import { sql, p, and, type Sql } from '../server/db/sql';
import type { Viewer } from '../server/auth/viewer';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const regionCode = z.string().regex(/^\d{6}(\d{3})?$/);
const industryCode = z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/);

export const filtersSchema = z.object({
  /** The month analysed (YYYY-MM); absent = the latest classified month. */
  month: month.optional(),
  /** Start of a range for trend views. */
  from: month.optional(),
  model: z.string().regex(/^[a-z0-9-]{1,40}$/).default('general'),
  /** Province, prefecture, county (6 digits) or street (9 digits). */
  region: regionCode.optional(),
  /** Section (C), division (C13), group (C139) or class (C1391). */
  industry: industryCode.optional(),
  entityType: z.string().max(40).optional(),
  tags: z.array(z.string().max(20)).max(10).default([]),
  status: z.array(z.enum(['存续', '在业', '吊销', '注销', '迁出'])).max(5).default([]),
});
export type Filters = z.infer<typeof filtersSchema>;

/** SQL condition for the filters (not the month/model, which each query places itself). */
export function filterSql(f: Filters): Sql {
  const parts: Array<Sql | null> = [];
  if (f.region) {
    const r = f.region;
    if (r.length === 9) parts.push(sql`street_code = ${p.str(r)}`);
    else if (r.endsWith('0000')) parts.push(sql`province_code = ${p.str(r)}`);
    else if (r.endsWith('00')) parts.push(sql`prefecture_code = ${p.str(r)}`);
    else parts.push(sql`county_code = ${p.str(r)}`);
  }
  if (f.industry) {
    const i = f.industry;
    if (i.length === 1) parts.push(sql`industry_section = ${p.str(i)}`);
    else if (i.length === 3) parts.push(sql`industry_division = ${p.str(i)}`);
    else parts.push(sql`startsWith(industry_code, ${p.str(i)})`);
  }
  if (f.entityType) parts.push(sql`entity_type = ${p.str(f.entityType)}`);
  if (f.tags.length) parts.push(sql`hasAny(tags, ${p.strs(f.tags)})`);
  if (f.status.length) parts.push(sql`status IN ${p.strs(f.status)}`);
  return and(parts);
}

const KEYS: Record<keyof Filters, string> = { month: 'm', from: 'from', model: 'model', region: 'r', industry: 'i', entityType: 'et', tags: 'tag', status: 'st' };
/** The URL parameter names the filters use (pages may add their own view parameters beside them). */
export const FILTER_URL_KEYS: readonly string[] = Object.values(KEYS);

export function filtersToSearch(f: Partial<Filters>): string {
  const sp = new URLSearchParams();
  for (const [k, short] of Object.entries(KEYS) as Array<[keyof Filters, string]>) {
    const v = f[k];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (k === 'model' && v === 'general') continue;
    if (Array.isArray(v)) for (const x of v) sp.append(short, x);
    else sp.set(short, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Parses URL search params; invalid values are dropped (never trusted), so a bad link still opens. */
export function filtersFromSearch(sp: URLSearchParams): Filters {
  const raw: Record<string, unknown> = {};
  for (const [k, short] of Object.entries(KEYS) as Array<[keyof Filters, string]>) {
    if (k === 'tags' || k === 'status') raw[k] = sp.getAll(short);
    else { const v = sp.get(short); if (v) raw[k] = v; }
  }
  const parsed = filtersSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const one = filtersSchema.safeParse({ [k]: v });
    if (one.success) clean[k] = (one.data as Record<string, unknown>)[k];
  }
  return filtersSchema.parse(clean);
}

/**
 * Partners filter on one registration status and one key-area tag at most. A slice of two statuses is the sum of two
 * rows of the breakdown by status, suppressed each on its own: the two-status total minus the one shown row gives the
 * row a complement hid. (One status or tag is itself a row of that breakdown, and shown with its mask there:
 * queries/research/distribution.ts sliceTables.)
 */
export const PARTNER_ONE_VALUE = '合作研究账号每次只能选择一种登记状态、一个重点领域标签：多选的合计减去单选的分项，可推算出被隐藏的小数';

export class PartnerFilterError extends Error { constructor() { super(PARTNER_ONE_VALUE); } }

/** Throws PartnerFilterError when a partner's filters hold several statuses or several tags (the query layer's check). */
export function checkPartnerFilters(f: Pick<Filters, 'status' | 'tags'>, viewer: Viewer): void {
  if (viewer.role === 'partner' && (f.status.length > 1 || f.tags.length > 1)) throw new PartnerFilterError();
}

/** A chip of a multi-value filter pressed: added or removed — or, for a partner (`single`), the only value or none. */
export function toggleValue<T extends string>(list: readonly T[], v: T, single = false): T[] {
  if (list.includes(v)) return list.filter((x) => x !== v);
  return single ? [v] : [...list, v];
}
