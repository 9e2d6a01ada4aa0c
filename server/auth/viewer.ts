/**
 * Who is asking, and what they may see. Every query that reads enterprise data takes a Viewer and
 * applies `regionScope` — the access rule lives at the query layer, not in the screens.
 */
import { sql, type Sql } from '../db/sql';
import type { Role } from '../domain/roles';

export { ROLES, ROLE_LABEL, type Role } from '../domain/roles';

export interface Viewer {
  name: string;
  role: Role;
  /** GB/T 2260 code the user is limited to ('' = no limit): a province, prefecture or county code. */
  regionCode: string;
}

/** Partners see aggregates only, with small cells suppressed. */
export const MIN_PARTNER_CELL = 10;
/** A count partners may not see: 1..min−1 (0 is not sensitive). */
export const smallCount = (x: number, min = MIN_PARTNER_CELL): boolean => x > 0 && x < min;

export function canSeeEnterprises(v: Viewer): boolean { return v.role === 'admin' || v.role === 'analyst'; }

/**
 * SQL condition limiting rows to the viewer's region. `cols` names the table's region columns
 * (defaults fit `enterprises` and `class_results`).
 */
export function regionScope(v: Viewer, cols: { prefecture: string; county: string; province?: string } = { prefecture: 'prefecture_code', county: 'county_code', province: 'province_code' }): Sql {
  const code = v.regionCode;
  if (!code) return sql`1`;
  if (!/^\d{6}$/.test(code)) return sql`0`;
  if (code.endsWith('0000')) return cols.province ? { text: `${cols.province} = {scope_p:String}`, params: { scope_p: code } } : { text: `startsWith(${cols.prefecture}, {scope_p2:String})`, params: { scope_p2: code.slice(0, 2) } };
  if (code.endsWith('00')) return { text: `${cols.prefecture} = {scope_pref:String}`, params: { scope_pref: code } };
  return { text: `${cols.county} = {scope_cty:String}`, params: { scope_cty: code } };
}

/** Whether `code` (any level) lies inside the viewer's region. */
export function inScope(v: Viewer, code: string): boolean {
  const s = v.regionCode;
  if (!s) return true;
  if (s.endsWith('0000')) return code.startsWith(s.slice(0, 2));
  if (s.endsWith('00')) return code.startsWith(s.slice(0, 4));
  return code.startsWith(s);
}

