/**
 * Which month of an enterprise's class history the enterprise page shows: the month asked for in its address
 * (`?month=YYYY-MM`: a link from a research list, a warning or an inspection plan of that month, or the page's month
 * picker), else the latest month classified. For that month: the headline row (通用+专业 when the month has one,
 * else 通用型), the row of the model that decided it (its basis) whose reasons are listed, and every model's row.
 * Pure, so that it is unit-tested. (The page showed the latest month only: an enterprise opened from a list of March
 * showed October's class and reasons, and no month's reasons but the latest could be read anywhere.)
 */
export interface HistoryRow { month: string; model_id: string; basis: string }

export interface MonthView<H extends HistoryRow> {
  /** The months with any result, newest first (the picker's options). */
  months: string[];
  /** The month shown ('' when the enterprise was never classified). */
  month: string;
  /** The month asked for has no result for this enterprise (not classified that month). */
  missing: boolean;
  /** The month is the latest classified. */
  latest: boolean;
  /** The score series of the chart: 通用+专业 by month (通用型 when there is none). */
  series: H[];
  /** The month's headline row, the row whose reasons decide it, every model's row. */
  row: H | undefined;
  decider: H | undefined;
  sameMonth: H[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthView<H extends HistoryRow>(history: readonly H[], wanted?: string | null): MonthView<H> {
  const eff = history.filter((h) => h.model_id === 'effective');
  const series = eff.length ? eff : history.filter((h) => h.model_id === 'general');
  const months = [...new Set(history.map((h) => h.month))].sort().reverse();
  // (The newest month with any result: a month classified by general alone, its effective rows not yet built, too.)
  const newest = months[0] ?? '';
  const month = wanted && MONTH.test(wanted) ? wanted : newest;
  const sameMonth = history.filter((h) => h.month === month);
  const row = sameMonth.find((h) => h.model_id === 'effective') ?? sameMonth.find((h) => h.model_id === 'general');
  const general = sameMonth.find((h) => h.model_id === 'general');
  const decider = row ? sameMonth.find((h) => h.model_id === (row.basis || 'general')) ?? general : undefined;
  return { months, month, missing: month !== '' && sameMonth.length === 0, latest: month === newest, series, row, decider, sameMonth };
}

/** The enterprise page's address, opened at `month` when the link comes from a list of that month's classes. */
export function enterpriseHref(uscc: string, month?: string | null): string {
  return `/enterprise/${encodeURIComponent(uscc)}${month && MONTH.test(month) ? `?month=${month}` : ''}`;
}

/**
 * What the page says when the enterprise's latest classified month is older than the latest month classified at all
 * (`newestAll`): its headline is then an old month's class, not a current one. A closed enterprise (注销/迁出) is
 * classified no more; for any other the months after were not run for it. When it was never classified: why (it was
 * registered after the latest classified month, or closed). Null when there is nothing to say.
 */
export function staleNote(view: { month: string; latest: boolean; missing: boolean }, newestAll: string | undefined, status: string, regDate = ''): string | null {
  if (!newestAll) return null;
  if (!view.month) {
    // Never classified: registered after the latest classified month, or closed before any.
    if (regDate.slice(0, 7) > newestAll) return `本企业成立于 ${regDate}，晚于最近的分类月份 ${newestAll}，尚未分类：下一次按月分类后才有类别。`;
    return ['注销', '迁出'].includes(status)
      ? `本企业登记状态为${status}，在已分类的月份中均未参与分类（注销、迁出的企业不分类）。`
      : `没有本企业的分类结果（最近的分类月份为 ${newestAll}）。`;
  }
  if (!view.latest || view.missing || newestAll <= view.month) return null;
  return ['注销', '迁出'].includes(status)
    ? `本企业最近一次分类为 ${view.month}：登记状态为${status}，其后不再分类（最近的分类月份为 ${newestAll}）。上方类别不是当前类别。`
    : `本企业最近一次分类为 ${view.month}，其后各月（至 ${newestAll}）没有本企业的分类结果。上方类别不是当前类别。`;
}
