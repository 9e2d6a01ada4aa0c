/**
 * The time convention (ARCHITECTURE.md “Time”). Instants are stored as UTC: the columns are DateTime('UTC') /
 * DateTime64(3, 'UTC') (migration 015) and writers send the UTC wall clock as text ('YYYY-MM-DD hh:mm:ss[.sss]',
 * `utcText`) or Unix seconds, which the engine reads as UTC whatever its own zone; `now()` and comparisons with it
 * are instants too. Every time shown to people — pages, CSV/XLSX exports, the briefing PDF, CLI output including
 * --json — is China time (Asia/Shanghai, no daylight saving) as 'YYYY-MM-DD HH:MM:SS' (or a shorter prefix where a
 * page shows less): in SQL with `cnTime(column)`, in TypeScript with `formatCn(instant)`. Calendar days (Date /
 * Date32: event dates, months, due dates) are days, not instants, and are never converted.
 * Pure (no engine access): safe in the browser.
 */
import { ident, type Sql } from './sql';

/** The zone every time is shown in. */
export const DISPLAY_TZ = 'Asia/Shanghai';

/** formatDateTime patterns used for display: seconds, minutes, the day. */
export type CnFormat = '%Y-%m-%d %H:%i:%S' | '%Y-%m-%d %H:%i' | '%Y-%m-%d';

/**
 * SQL: a DateTime / DateTime64 (or Nullable of them) column or expression as China-time text. `column` is a column
 * name ('ts', 'st.ts') or a trusted fragment (e.g. trusted('max(c.ts)')).
 */
export function cnTime(column: string | Sql, format: CnFormat = '%Y-%m-%d %H:%i:%S'): Sql {
  const expr = typeof column === 'string' ? ident(column).text : column.text;
  return { text: `formatDateTime(${expr}, '${format}', '${DISPLAY_TZ}')`, params: typeof column === 'string' ? {} : column.params };
}

/** SQL: a DateTime64(3) column as China-time text with milliseconds ('YYYY-MM-DD HH:MM:SS.mmm'). */
export function cnTimeMs(column: string): Sql {
  return { text: `toString(toTimeZone(${ident(column).text}, '${DISPLAY_TZ}'))`, params: {} };
}

/**
 * The UTC wall clock of an instant as the writers store it: 'YYYY-MM-DD hh:mm:ss.sss' for DateTime64(3, 'UTC')
 * columns, 'YYYY-MM-DD hh:mm:ss' (`unit` 's') for DateTime('UTC') ones.
 */
export function utcText(d: Date = new Date(), unit: 'ms' | 's' = 'ms'): string {
  const t = d.toISOString().replace('T', ' ').replace('Z', '');
  return unit === 's' ? t.slice(0, 19) : t;
}

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/**
 * An instant as China time 'YYYY-MM-DD HH:MM:SS'. Accepts a Date, epoch milliseconds, ISO text with a zone
 * ('…Z', '…+08:00') or the engine's UTC text without one ('YYYY-MM-DD hh:mm:ss[.sss]', read as UTC). Text that is
 * none of these comes back unchanged; '' stays ''.
 */
export function formatCn(t: Date | number | string): string {
  if (t === '') return '';
  let d: Date;
  if (typeof t === 'string') {
    const bare = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(t);
    d = new Date(bare ? `${t.replace(' ', 'T')}Z` : t);
  } else d = new Date(t);
  if (Number.isNaN(d.getTime())) return typeof t === 'string' ? t : '';
  const v = Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}:${v.second}`;
}
