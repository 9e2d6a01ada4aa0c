/**
 * Working days (工作日): Monday–Friday, except public holidays (法定节假日), plus the make-up working days
 * (调休上班) that fall on a weekend. The official State Council calendars for 2025 and 2026 ship in
 * ./cn-official.json; administrators override single days in the `calendar_days` table (server/calendar/store.ts).
 * Pure functions: dates are 'YYYY-MM-DD' strings, computed in UTC so the host's time zone never shifts a day.
 */
import official from './cn-official.json' with { type: 'json' };

export type DayKind = 'holiday' | 'workday' | 'normal';
export interface CalendarDay { date: string; kind: DayKind; name: string }
/** Days whose kind differs from the plain weekday rule (or that an administrator set explicitly). */
export type Calendar = ReadonlyMap<string, CalendarDay>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDay(s: string): Date {
  if (!DATE.test(s)) throw new Error(`日期格式应为 YYYY-MM-DD: ${s}`);
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) throw new Error(`无效日期: ${s}`);
  return d;
}

export function formatDay(d: Date): string { return d.toISOString().slice(0, 10); }

export function addDays(s: string, n: number): string {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + n);
  return formatDay(d);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(s: string): number { return parseDay(s).getUTCDay(); }
export const WEEKDAY_LABEL = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

interface OfficialYear { holidays: Array<{ name: string; from: string; to: string }>; workdays: Array<{ name: string; date: string }> }

/** The shipped official calendar (2025, 2026) as explicit days. */
export function officialDays(): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const y of Object.values((official as { years: Record<string, OfficialYear> }).years)) {
    for (const h of y.holidays) {
      for (let d = h.from; d <= h.to; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday', name: h.name });
    }
    for (const w of y.workdays) out.push({ date: w.date, kind: 'workday', name: w.name });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export const OFFICIAL_SOURCE: string = (official as { source: string }).source;
export const OFFICIAL_YEARS: readonly number[] = Object.keys((official as { years: Record<string, unknown> }).years).map(Number);

/** Official days overridden by `overrides` (an administrator's rows; kind 'normal' removes a shipped day). */
export function buildCalendar(overrides: readonly CalendarDay[] = []): Map<string, CalendarDay> {
  const m = new Map<string, CalendarDay>();
  for (const d of officialDays()) m.set(d.date, d);
  for (const d of overrides) m.set(d.date, d);
  return m;
}

export function isWorkday(s: string, cal: Calendar): boolean {
  const k = cal.get(s)?.kind;
  if (k === 'holiday') return false;
  if (k === 'workday') return true;
  const w = weekday(s);
  return w !== 0 && w !== 6;
}

/**
 * The n-th working day after `from` (the day itself is not counted): an objection received on `from` is due on
 * `addWorkdays(from, 3)` — 3 个工作日内.
 */
export function addWorkdays(from: string, n: number, cal: Calendar): string {
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new Error(`工作日数应为 0–3650 的整数: ${n}`);
  let d = from;
  parseDay(d);
  for (let k = 0; k < n;) {
    d = addDays(d, 1);
    if (isWorkday(d, cal)) k++;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export function workdaysBetween(from: string, to: string, cal: Calendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d, cal)) n++;
  return n;
}

/** Whether the year has an official calendar shipped or any administrator day (else only weekends count). */
export function yearCovered(year: number, cal: Calendar): boolean {
  if (OFFICIAL_YEARS.includes(year)) return true;
  for (const k of cal.keys()) if (k.startsWith(`${year}-`)) return true;
  return false;
}

/** Today's date in China (Asia/Shanghai), 'YYYY-MM-DD'. */
export function todayCn(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
