/** Shared pieces of the warning-desk queries: scope on the warnings table, the month, disposal state. */
import { z } from 'zod';
import { sql, p, and, trusted, type Sql } from '../../server/db/sql';
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

/** A warning severity as a number, higher = more severe (comparisons, ordering with DESC). `col` is a trusted column. */
export const severityRank = (col: string): Sql => trusted(`multiIf(${col} = 'high', 3, ${col} = 'medium', 2, ${col} = 'low', 1, 0)`);

/**
 * Disposal facts per case (join on d.warning_id = w.id and read the state with STATE_EXPR): the latest step, unit,
 * action and result, and the latest close — the month it was recorded for and that month's members and severity
 * (closed_found = 0 when that month's row is gone).
 */
export const DISPOSAL_STATE = sql`(
  SELECT s.warning_id AS warning_id, s.last_step AS last_step, s.unit_code AS unit_code, s.action AS action, s.result AS result, s.last_ts AS last_ts,
         s.has_close AS has_close, s.close_month AS close_month,
         c.members AS closed_members, ifNull(c.sev, 0) AS closed_sev, ifNull(c.found, 0) AS closed_found
  FROM (
    SELECT warning_id, argMax(toString(step), ts) AS last_step, argMaxIf(unit_code, ts, step = 'assign') AS unit_code,
           argMaxIf(toString(action), ts, step = 'act') AS action, argMaxIf(toString(result), ts, step = 'result') AS result,
           toString(max(ts)) AS last_ts, toUInt8(countIf(step = 'close') > 0) AS has_close, maxIf(month, step = 'close') AS close_month
    FROM warning_disposals GROUP BY warning_id) AS s
  LEFT JOIN (
    SELECT id, month, members, ${severityRank('toString(severity)')} AS sev, toUInt8(1) AS found
    FROM warnings WHERE id IN (SELECT warning_id FROM warning_disposals WHERE step = 'close')) AS c
    ON c.id = s.warning_id AND c.month = s.close_month)`;

/**
 * The disposal state of a warning row w (month-aware). A close covers the months up to the one it was recorded for,
 * and the later months while the risk stays as it was closed: no member that was not in the closed month's row and
 * no higher severity. A case that continues with a new member or a higher severity is reopened ('open', or the
 * state of the steps recorded since): the desk takes steps on it again. Without the closed month's row to compare
 * with (recomputed away), the close stands. Other steps give the state of every month of the case, as before.
 */
export const STATE_EXPR = sql`multiIf(
  d.has_close = 1 AND (w.month <= d.close_month OR d.closed_found = 0
    OR (hasAll(d.closed_members, w.members) AND ${severityRank('toString(w.severity)')} <= d.closed_sev)), 'closed',
  d.last_step = 'close', 'open', d.last_step = 'result', 'resulted', d.last_step = 'act', 'acting', d.last_step = 'assign', 'assigned', 'open')`;

export function listWhere(f: { month: string; rule?: string; region?: string; severity?: string }, viewer: Viewer): Sql {
  return and([
    sql`w.month = ${p.date(`${f.month}-01`)}`,
    f.rule ? sql`w.rule = ${p.str(f.rule)}` : null,
    f.severity ? sql`w.severity = ${p.str(f.severity)}` : null,
    regionFilter(f.region),
    warningScope(viewer),
  ]);
}
