/**
 * The working-day calendar as stored: the shipped official days (cn-official.json) overridden by an administrator's
 * rows in `calendar_days` (latest version per date wins; kind 'normal' turns a shipped day back into an ordinary day).
 */
import type { Db } from '../db/client';
import { sql, p } from '../db/sql';
import { cnTime, formatCn, utcText } from '../db/time';
import { buildCalendar, officialDays, parseDay, type CalendarDay, type DayKind } from './workdays';
import { rowVersion } from '../db/version';

export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday', 'normal'];
export const DAY_KIND_LABEL: Record<DayKind, string> = { holiday: '放假', workday: '调休上班', normal: '普通日（按周末规则）' };

/** `ts`: when the administrator set the day, China time 'YYYY-MM-DD HH:MM:SS'. */
export interface StoredDay extends CalendarDay { actor: string; ts: string }

export async function calendarOverrides(db: Db): Promise<StoredDay[]> {
  const rows = await db.rows<StoredDay>(sql`
    SELECT toString(date) AS date, toString(kind) AS kind, name, actor, ${cnTime('ts')} AS ts
    FROM calendar_days FINAL ORDER BY date`, 'calendar.overrides');
  return rows;
}

/** The effective calendar (official + overrides). */
export async function loadCalendar(db: Db): Promise<Map<string, CalendarDay>> {
  return buildCalendar(await calendarOverrides(db));
}

export interface CalendarListRow extends CalendarDay { origin: 'official' | 'admin'; official: CalendarDay | null; actor: string; ts: string }

/** Every special day of a year: the official ones and the administrator's, with where each comes from. */
export async function listCalendarYear(db: Db, year: number): Promise<CalendarListRow[]> {
  const off = new Map(officialDays().filter((d) => d.date.startsWith(`${year}-`)).map((d) => [d.date, d]));
  const over = (await calendarOverrides(db)).filter((d) => d.date.startsWith(`${year}-`));
  const out = new Map<string, CalendarListRow>();
  for (const d of off.values()) out.set(d.date, { ...d, origin: 'official', official: d, actor: '', ts: '' });
  for (const d of over) out.set(d.date, { date: d.date, kind: d.kind, name: d.name, origin: 'admin', official: off.get(d.date) ?? null, actor: d.actor, ts: d.ts });
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Sets one day (administrators). Returns the stored row. */
export async function setCalendarDay(db: Db, actor: string, day: { date: string; kind: DayKind; name: string }): Promise<StoredDay> {
  parseDay(day.date);
  if (!DAY_KINDS.includes(day.kind)) throw new Error(`未知日期类型: ${day.kind}`);
  const at = new Date();
  await db.insert('calendar_days', [{ date: day.date, kind: day.kind, name: day.name.slice(0, 60), actor, ts: utcText(at), version: rowVersion() }]);
  return { ...day, actor, ts: formatCn(at) };
}

/** Removes an administrator's override so the official calendar (or the weekday rule) applies again. */
export async function resetCalendarDay(db: Db, date: string): Promise<void> {
  parseDay(date);
  await db.command(sql`DELETE FROM calendar_days WHERE date = ${p.date(date)}`, 'calendar.reset');
}
