/**
 * The map's area table: per prefecture or county, class counts and shares for the month, the change
 * from the previous month, the empirical-Bayes shrunk C+D share and its funnel position against the
 * province (scope) rate. Partners get areas under 10 enterprises suppressed (counts and rates null).
 */
import { z } from 'zod';
import type { Db } from '../../server/db/client';
import { MIN_PARTNER_CELL, type Viewer } from '../../server/auth/viewer';
import { runQuery } from '../define';
import { mapAreaCounts } from './areaCounts';
import { mapWarningCounts } from './warningCounts';
import { mapFilters, prevMonth } from './source';
import { assessAreas, type FunnelFlag, type FunnelLimits, type BetaPrior } from './stats';

export const mapAreasInput = z.object({ filters: mapFilters, level: z.enum(['prefecture', 'county']) });

export interface MapArea {
  code: string;
  name: string;
  prefecture_code: string;
  /** null = suppressed for partners (fewer than 10 enterprises). */
  n: number | null;
  c: number | null;
  d: number | null;
  cdRate: number | null;
  dRate: number | null;
  meanScore: number | null;
  prevCdRate: number | null;
  /** C+D share change from the previous month (fraction; null when either month is missing/suppressed). */
  delta: number | null;
  shrunk: number | null;
  /** Warning cases in the area this month, and per 1,000 classified enterprises (filters other than scope do not apply). */
  warnings: number | null;
  warnPer1000: number | null;
  limits: FunnelLimits | null;
  flag: FunnelFlag | null;
  suppressed: boolean;
}

export interface MapAreas {
  month: string;
  prevMonth: string;
  level: 'prefecture' | 'county';
  total: { n: number; cd: number; rate: number };
  prior: BetaPrior;
  areas: MapArea[];
}

interface Acc { code: string; name: string; pref: string; n: number; c: number; d: number; s: number; pn: number; pcd: number; w: number }

export async function getMapAreas(db: Db, viewer: Viewer, inp: z.input<typeof mapAreasInput>): Promise<MapAreas> {
  const { filters, level } = mapAreasInput.parse(inp);
  const [rows, warn] = await Promise.all([
    runQuery(db, mapAreaCounts, { filters }, viewer),
    runQuery(db, mapWarningCounts, { month: filters.month }, viewer),
  ]);
  const prev = prevMonth(filters.month);
  const acc = new Map<string, Acc>();
  let N = 0, CD = 0;
  for (const r of rows) {
    const code = level === 'prefecture' ? r.prefecture_code : r.county_code;
    if (!code) continue;
    const name = (level === 'prefecture' ? r.prefecture_name : r.county_name) || code;
    const a = acc.get(code) ?? { code, name, pref: r.prefecture_code, n: 0, c: 0, d: 0, s: 0, pn: 0, pcd: 0, w: 0 };
    if (r.ym === filters.month) {
      a.n += r.n; a.c += r.c; a.d += r.d; a.s += r.sum_score;
      N += r.n; CD += r.c + r.d;
    } else if (r.ym === prev) {
      a.pn += r.n; a.pcd += r.c + r.d;
    }
    acc.set(code, a);
  }
  for (const w of warn) {
    const a = acc.get(level === 'prefecture' ? w.prefecture_code : w.county_code);
    if (a) a.w += w.w;
  }
  const list = [...acc.values()].filter((a) => a.n > 0);
  const rate = N > 0 ? CD / N : 0;
  // The prior is fitted over every area of the level in scope; the funnel centres on the scope rate.
  const { prior, areas: assessed } = assessAreas(list.map((a) => ({ n: a.n, y: a.c + a.d })), rate);
  const partner = viewer.role === 'partner';
  const areas: MapArea[] = list.map((a, i) => {
    const s = assessed[i]!;
    const hide = partner && a.n < MIN_PARTNER_CELL;
    const hidePrev = partner && a.pn < MIN_PARTNER_CELL;
    const prevRate = a.pn > 0 && !hidePrev ? a.pcd / a.pn : null;
    if (hide) {
      return { code: a.code, name: a.name, prefecture_code: a.pref, n: null, c: null, d: null, cdRate: null, dRate: null, meanScore: null,
        prevCdRate: null, delta: null, shrunk: null, warnings: null, warnPer1000: null, limits: null, flag: null, suppressed: true };
    }
    // Partners: single class counts under 10 are hidden (shares of the total stay).
    const c = partner && a.c > 0 && a.c < MIN_PARTNER_CELL ? null : a.c;
    const d = partner && a.d > 0 && a.d < MIN_PARTNER_CELL ? null : a.d;
    const cdHidden = partner && a.c + a.d > 0 && a.c + a.d < MIN_PARTNER_CELL;
    return {
      code: a.code, name: a.name, prefecture_code: a.pref, n: a.n, c, d,
      cdRate: cdHidden ? null : (a.c + a.d) / a.n, dRate: d === null ? null : a.d / a.n, meanScore: a.s / a.n,
      prevCdRate: prevRate, delta: prevRate === null ? null : (a.c + a.d) / a.n - prevRate,
      shrunk: s.shrunk, limits: s.limits, flag: s.flag, suppressed: false,
      warnings: partner && a.w > 0 && a.w < MIN_PARTNER_CELL ? null : a.w,
      warnPer1000: partner && a.w > 0 && a.w < MIN_PARTNER_CELL ? null : (a.w / a.n) * 1000,
    };
  });
  areas.sort((x, y) => x.code.localeCompare(y.code));
  return { month: filters.month, prevMonth: prev, level, total: { n: N, cd: CD, rate }, prior, areas };
}
