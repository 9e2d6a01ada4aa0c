/**
 * 较上月 on the 分布研判 KPIs: the selected month against the calendar month before it — never an older month
 * standing in for a missing one. Pure; safe in the browser (no server imports).
 */
import { fmtInt } from '../palette';
import { addMonths } from '../../server/calendar/months';

export interface MonthPoint { month: string; n: number | null; counts: Array<number | null> }

/** The month before a 'YYYY-MM' month. */
export function previousMonth(m: string): string {
  return addMonths(m, -1);
}

const cdShare = (p: MonthPoint | undefined) =>
  (p && p.n && p.counts[2] !== null && p.counts[3] !== null ? ((p.counts[2] ?? 0) + (p.counts[3] ?? 0)) / p.n : null);

export const NO_PREVIOUS = '上月无数据';

/**
 * The point of `month` and the hints under the 企业数 and C+D KPIs. `from` is the first month of the trend the points
 * come from: when the previous month is inside it but has no point (not classified), the hints say 上月无数据;
 * when it is outside, or its counts are suppressed, they stay blank (' ').
 */
export function monthComparison<P extends MonthPoint>(points: readonly P[], month: string, from?: string): { last: P | undefined; total: string; cd: string } {
  const last = points.find((p) => p.month === month);
  if (!last) return { last, total: ' ', cd: ' ' };
  const pm = previousMonth(month);
  const prev = points.find((p) => p.month === pm);
  if (!prev) {
    const missing = from !== undefined && from <= pm;
    return { last, total: missing && last.n != null ? NO_PREVIOUS : ' ', cd: missing && cdShare(last) !== null ? NO_PREVIOUS : ' ' };
  }
  const total = prev.n != null && last.n != null ? `较上月 ${last.n - prev.n >= 0 ? '+' : ''}${fmtInt(last.n - prev.n)}` : ' ';
  const cl = cdShare(last);
  const cp = cdShare(prev);
  const cd = cl !== null && cp !== null ? `较上月 ${((cl - cp) * 100).toFixed(2)} 个百分点` : ' ';
  return { last, total, cd };
}

/**
 * The line under a class KPI: the class's count, 不公开 when withheld (partners) — and nothing when the slice has no
 * point for the month at all (no enterprise in it), which an analyst read as 不公开.
 */
export function classHint(point: MonthPoint | undefined, i: number, withheld: string): string {
  if (!point) return ' ';
  const c = point.counts[i];
  return c == null ? withheld : `${fmtInt(c)} 户`;
}
