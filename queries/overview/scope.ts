import { sql, type Sql } from '../../server/db/sql';
import { regionScope, type Viewer } from '../../server/auth/viewer';

/** Statuses of an enterprise that still exists (存续 / 在业). */
export const ACTIVE_STATUSES = ['存续', '在业'] as const;

/**
 * Condition on a table keyed by `uscc` (events, roles…) limiting it to enterprises in the viewer's region.
 * Unscoped viewers get `1` (no semi-join).
 */
export function usccScope(v: Viewer): Sql {
  if (!v.regionCode) return sql`1`;
  return sql`uscc IN (SELECT uscc FROM enterprises WHERE ${regionScope(v)})`;
}
