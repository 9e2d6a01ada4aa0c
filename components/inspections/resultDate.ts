/**
 * Pure helpers of the plan page: the bounds of the 检查日期 and the page of the drawn list shown.
 * The 检查日期 a plan's results are recorded with, by default: the date in China (Asia/Shanghai) — not the UTC date,
 * which is yesterday before 08:00 Beijing time — and never a day after today. Pure; safe in the browser.
 */
import { todayCn } from '../../server/calendar/workdays';

/** The last day a result of a plan of `planYear` may carry: the year's end, or today if that is earlier. */
export function latestResultDate(planYear: number, now: Date): string {
  const today = todayCn(now);
  const yearEnd = `${planYear}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

/**
 * The default date: today within the plan year, the year's last day for a plan of an earlier year, and '' (none:
 * the user picks one) for a plan of a later year, which has no day that is not in the future.
 */
export function defaultResultDate(planYear: number, now: Date): string {
  const d = latestResultDate(planYear, now);
  return d.startsWith(`${planYear}-`) ? d : '';
}

/**
 * The first day a result of a plan may carry: the plan year's first day, or the day of the draw if later (`drawnAt`:
 * China time 'YYYY-MM-DD HH:MM:SS', as the plan query gives it) — an inspection before the draw is not the plan's.
 */
export function earliestResultDate(planYear: number, drawnAt: string): string {
  const yearStart = `${planYear}-01-01`;
  const drawDay = drawnAt.slice(0, 10);
  return drawDay > yearStart ? drawDay : yearStart;
}

/**
 * The page of the drawn list shown: the one asked for, or the last one when the list got shorter under it (a result
 * recorded while filtering 待检查 takes its row off the list: on the last page that left an empty table, 第 3 / 2 页).
 */
export function listPage(page: number, rows: number, size: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows / size));
  return { page: Math.min(Math.max(0, page), pages - 1), pages };
}
