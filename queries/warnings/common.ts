/** Shared pieces of the warning-desk queries: scope on the warnings table, the month, disposal state. */
import { z } from 'zod';
import { sql, p, and, type Sql } from '../../server/db/sql';
import { regionScope, type Viewer } from '../../server/auth/viewer';
import { RULE_IDS } from '../../server/warnings/rules';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const regionSchema = z.string().regex(/^\d{6}(\d{3})?$/);
export const ruleSchema = z.enum(RULE_IDS);
export const warningIdSchema = z.string().regex(/^[0-9a-f]{16}$/);
export const DISPOSAL_STATES = ['open', 'assigned', 'acting', 'resulted', 'closed'] as const;

/** Viewer scope on `warnings` (w.*): the warning's own county/prefecture/province. */
export function warningScope(viewer: Viewer, alias = 'w'): Sql {
  return regionScope(viewer, { prefecture: `${alias}.prefecture_code`, county: `${alias}.county_code`, province: `${alias}.province_code` });
}

export function regionFilter(region: string | undefined, alias = 'w'): Sql | null {
  if (!region) return null;
  const col = (c: string) => ({ text: `${alias}.${c}`, params: {} });
  if (region.length === 9) return sql`${col('street_code')} = ${p.str(region)}`;
  if (region.endsWith('0000')) return sql`${col('province_code')} = ${p.str(region)}`;
  if (region.endsWith('00')) return sql`${col('prefecture_code')} = ${p.str(region)}`;
  return sql`${col('county_code')} = ${p.str(region)}`;
}

/** Latest disposal state per case: open when no step was taken. */
export const DISPOSAL_STATE = sql`(
  SELECT warning_id, argMax(toString(step), ts) AS last_step, argMaxIf(unit_code, ts, step = 'assign') AS unit_code,
         argMaxIf(toString(action), ts, step = 'act') AS action, argMaxIf(toString(result), ts, step = 'result') AS result,
         toString(max(ts)) AS last_ts
  FROM warning_disposals GROUP BY warning_id)`;

export const STATE_EXPR = sql`multiIf(d.last_step = 'close', 'closed', d.last_step = 'result', 'resulted', d.last_step = 'act', 'acting', d.last_step = 'assign', 'assigned', 'open')`;

export function listWhere(f: { month: string; rule?: string; region?: string; severity?: string }, viewer: Viewer): Sql {
  return and([
    sql`w.month = ${p.date(`${f.month}-01`)}`,
    f.rule ? sql`w.rule = ${p.str(f.rule)}` : null,
    f.severity ? sql`w.severity = ${p.str(f.severity)}` : null,
    regionFilter(f.region),
    warningScope(viewer),
  ]);
}
