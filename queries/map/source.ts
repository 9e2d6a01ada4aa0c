/** Shared pieces of the map queries: the class-results table, the month inputs, the common WHERE clause. */
import { z } from 'zod';
import { and, p, sql, type Sql } from '../../server/db/sql';
import { regionScope, type Viewer } from '../../server/auth/viewer';
import { filtersSchema, filterSql, checkPartnerFilters, type Filters } from '../filters';
import { addMonths } from '../../server/calendar/months';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const mapFilters = filtersSchema.extend({ month: monthSchema });
export type MapFilters = Filters & { month: string };

export function prevMonth(m: string): string {
  return addMonths(m, -1);
}

export const monthDate = (m: string): Sql => sql`toDate(concat(${p.str(m)}, '-01'))`;

/**
 * model, viewer scope and the workbench filters over class_results. The region filter is left out
 * (`withRegion: false`) when the caller needs the whole scope (province rate, all areas of a level).
 */
export function classWhere(f: Filters, viewer: Viewer, opts: { withRegion: boolean }): Sql {
  checkPartnerFilters(f, viewer);
  return and([sql`model_id = ${p.str(f.model)}`, regionScope(viewer), filterSql(opts.withRegion ? f : { ...f, region: undefined })]);
}
