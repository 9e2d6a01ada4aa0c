/**
 * The overview (全省总览) read model: the queries above put together, with partners' small cells suppressed.
 * Used by server/trpc/routers/overview.ts and the integration tests.
 *
 * Every breakdown here has a published total (the summary's enterprise counts, a month's events, a month's
 * classified enterprises), so suppressing a lone cell is not enough: the total minus the visible cells would give
 * it back. Breakdowns are suppressed like research tables (`suppressCounts`): a lone hidden cell takes the next
 * smallest one with it.
 */
import type { Db } from '../../server/db/client';
import { MIN_PARTNER_CELL, type Viewer } from '../../server/auth/viewer';
import { runQuery } from '../define';
import { enterpriseTotals } from './enterpriseTotals';
import { enterprisesByRegion } from './enterprisesByRegion';
import { enterprisesByIndustry } from './enterprisesByIndustry';
import { eventsByMonth } from './eventsByMonth';
import { latestClasses } from './latestClasses';
import { regionName } from './regionName';
import { EVENT_CATEGORIES, EVENT_CATEGORY_LABEL } from './categories';
import { hideLoneWithNextSmallest, smallCount, suppressCounts } from '../research/source';
import { formatCn } from '../../server/db/time';

/** Today as a China calendar date ('YYYY-MM-DD'): events after it are not yet (mistyped dates). */
const today = (now: Date) => formatCn(now).slice(0, 10);

/** A count as shown to the viewer: null when suppressed (partners, fewer than MIN_PARTNER_CELL). */
export type Cell = number | null;

export function suppressor(viewer: Viewer): (n: number) => Cell {
  return viewer.role === 'partner' ? (n) => (n < MIN_PARTNER_CELL ? null : n) : (n) => n;
}

/**
 * One column of a breakdown as a partner sees it: counts 1–9 (and the cells `also` marks) hidden, and a lone hidden
 * cell joined by the next smallest, since the column's total is published. Everyone else gets the counts.
 */
export function suppressColumn(viewer: Viewer, values: readonly number[], also: readonly boolean[] = []): Cell[] {
  if (viewer.role !== 'partner') return [...values];
  return hideLoneWithNextSmallest(values.map((v, i) => (also[i] || smallCount(v) ? null : v)));
}

/**
 * Enterprises in existence and all, by area or industry. Besides the two columns, each row's difference (those no
 * longer in existence) must not be 1–9 where both are shown: then the count in existence is hidden.
 */
function suppressAreaCounts(viewer: Viewer, rows: ReadonlyArray<{ active: number; total: number }>): Array<{ active: Cell; total: Cell }> {
  const total = suppressColumn(viewer, rows.map((r) => r.total));
  const active = suppressColumn(viewer, rows.map((r) => r.active), rows.map((r) => smallCount(r.total - r.active)));
  return rows.map((_, i) => ({ active: active[i]!, total: total[i]! }));
}

export interface OverviewSummary {
  /** '全省' when unscoped, else the name of the viewer's region. */
  scopeName: string;
  scopeCode: string;
  /** Latest month with events in scope ('YYYY-MM'), null when there are none. */
  latestMonth: string | null;
  /** Year for "registered this year": the latest month's year, else the current year. */
  year: number;
  active: Cell;
  total: Cell;
  registered: Cell;
  latestMonthEvents: Cell;
  /** Latest classified month, null when nothing is classified yet. */
  classes: null | { month: string; total: Cell; counts: Record<'A' | 'B' | 'C' | 'D', Cell>; shares: Record<'A' | 'B' | 'C' | 'D', number | null> };
}

export async function overviewSummary(db: Db, viewer: Viewer, now = new Date()): Promise<OverviewSummary> {
  const cell = suppressor(viewer);
  const [last, scopeRows, classes] = await Promise.all([
    runQuery(db, eventsByMonth, { months: 1, asOf: today(now) }, viewer),
    viewer.regionCode ? runQuery(db, regionName, { code: viewer.regionCode }, viewer) : Promise.resolve([]),
    latestClasses(db, viewer).catch(() => null),
  ]);
  const latestMonth = last[0]?.month ?? null;
  const year = latestMonth ? Number(latestMonth.slice(0, 4)) : now.getUTCFullYear();
  const [t] = await runQuery(db, enterpriseTotals, { year }, viewer);
  let cls: OverviewSummary['classes'] = null;
  if (classes) {
    const c = classes.counts;
    const total = c.A + c.B + c.C + c.D;
    // With the total shown, a single hidden class is the total minus the other three (and its share 1 minus theirs).
    const [A, B, C, D] = viewer.role === 'partner' ? suppressCounts([c.A, c.B, c.C, c.D], total) : [c.A, c.B, c.C, c.D];
    const share = (shown: Cell | undefined, n: number) => (shown === null || shown === undefined || total === 0 ? null : n / total);
    cls = {
      month: classes.month, total: cell(total),
      counts: { A: A ?? null, B: B ?? null, C: C ?? null, D: D ?? null },
      shares: { A: share(A, c.A), B: share(B, c.B), C: share(C, c.C), D: share(D, c.D) },
    };
  }
  return {
    scopeName: viewer.regionCode ? (scopeRows[0]?.name ?? viewer.regionCode) : '全省',
    scopeCode: viewer.regionCode,
    latestMonth, year,
    active: cell(t?.active ?? 0), total: cell(t?.total ?? 0), registered: cell(t?.registered ?? 0),
    // The latest month's events by category are suppressed with a second category when one is hidden
    // (overviewEventsByMonth), so this total minus the shown categories is never a single category.
    latestMonthEvents: latestMonth ? cell(last.reduce((a, r) => a + r.n, 0)) : null,
    classes: cls,
  };
}

export interface AreaCount { code: string; name: string; active: Cell; total: Cell }

/**
 * One level below the viewer's region: prefectures for an unscoped or province-scoped viewer, counties inside a
 * prefecture scope, streets (街道/乡镇) inside a county scope (a county analyst's chart was one bar, their county).
 */
export function regionLevelFor(viewer: Viewer): 'prefecture' | 'county' | 'street' {
  const c = viewer.regionCode;
  return !c || c.endsWith('0000') ? 'prefecture' : c.endsWith('00') ? 'county' : 'street';
}

export async function overviewByRegion(db: Db, viewer: Viewer): Promise<{ level: 'prefecture' | 'county' | 'street'; rows: AreaCount[] }> {
  const level = regionLevelFor(viewer);
  const rows = await runQuery(db, enterprisesByRegion, { level }, viewer);
  const shown = suppressAreaCounts(viewer, rows);
  // Enterprises registered at a county code (no street) are one bar of their own, named as such.
  return { level, rows: rows.map((r, i) => ({ code: r.code, name: r.name || r.code || (level === 'street' ? '（未细分街道）' : '未知'), ...shown[i]! })) };
}

export async function overviewByIndustry(db: Db, viewer: Viewer): Promise<AreaCount[]> {
  const rows = await runQuery(db, enterprisesByIndustry, {}, viewer);
  const shown = suppressAreaCounts(viewer, rows);
  return rows.map((r, i) => ({ code: r.code, name: r.name || r.code || '未知', ...shown[i]! }));
}

/** Consecutive 'YYYY-MM' months from `first` to `last`, inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7));
  const ly = Number(last.slice(0, 4)), lm = Number(last.slice(5, 7));
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
    if (out.length > 2400) break;
  }
  return out;
}

export interface EventSeries { months: string[]; series: Array<{ key: string; label: string; values: Cell[] }> }

export async function overviewEventsByMonth(db: Db, viewer: Viewer, months: number, now = new Date()): Promise<EventSeries> {
  const rows = await runQuery(db, eventsByMonth, { months, asOf: today(now) }, viewer);
  if (rows.length === 0) return { months: [], series: [] };
  const ms = monthRange(rows[0]!.month, rows[rows.length - 1]!.month);
  const idx = new Map(ms.map((m, i) => [m, i]));
  const byCat = new Map<string, number[]>();
  for (const r of rows) {
    let arr = byCat.get(r.category);
    if (!arr) byCat.set(r.category, (arr = ms.map(() => 0)));
    arr[idx.get(r.month) ?? 0]! += r.n;
  }
  const known: string[] = EVENT_CATEGORIES.map((c) => c.key);
  const order = [...known.filter((k) => byCat.has(k)), ...[...byCat.keys()].filter((k) => !known.includes(k)).sort()];
  // Suppressed month by month across the categories: the month's total is published (the summary's latest month).
  const values = order.map(() => ms.map((): Cell => 0));
  ms.forEach((_, j) => {
    const column = order.map((k) => byCat.get(k)![j]!);
    const total = column.reduce((a, v) => a + v, 0);
    const shown = viewer.role === 'partner' ? suppressCounts(column, total) : column;
    shown.forEach((v, i) => { values[i]![j] = v; });
  });
  return {
    months: ms,
    series: order.map((k, i) => ({ key: k, label: EVENT_CATEGORY_LABEL[k] ?? k, values: values[i]! })),
  };
}
