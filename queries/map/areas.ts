/**
 * The map's area table: per prefecture or county, class counts and shares for the month, the change
 * from the previous month, the empirical-Bayes shrunk C+D share and its funnel position against the
 * province (scope) rate. Partners get areas under 10 enterprises suppressed (counts and rates null), and every figure
 * from which a count of 1–9 could be worked out withheld (see `partnerMask`).
 */
import { z } from 'zod';
import type { Db } from '../../server/db/client';
import { MIN_PARTNER_CELL, smallCount, type Viewer } from '../../server/auth/viewer';
import { runQuery } from '../define';
import { mapAreaCounts } from './areaCounts';
import { mapWarningCounts } from './warningCounts';
import { mapAreaSizes } from './areaSizes';
import { mapFilters, prevMonth, type MapFilters } from './source';
import { getClassDistribution, sliceRow } from '../research/distribution';
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
  /**
   * Warning cases in the area this month, and per 1,000 of its enterprises (those the general model classified):
   * neither takes the industry, type, tag or status filters nor a key-area model's scope (a warning case is an address
   * or a person, not an enterprise row), only the viewer's scope.
   */
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
  /**
   * Scope totals; null for partners when they would give away a suppressed area (a level with a single area), or when
   * 分布研判 withholds the selection's own row (its n; its C or D: then C+D and the rate).
   */
  total: { n: number | null; cd: number | null; rate: number | null };
  /** For partners fitted over the published areas only (a prior fitted over all would carry the suppressed ones). */
  prior: BetaPrior;
  areas: MapArea[];
}

interface Acc { code: string; name: string; pref: string; n: number; c: number; d: number; s: number; pn: number; pc: number; pd: number; w: number }

/** What a partner may not see of one area (true = withheld): its size, C count, D count, C+D count (and their rates). */
export interface AreaMask { n: boolean; c: boolean; d: boolean; cd: boolean }
export interface AreaCells { code: string; n: number; c: number; d: number }

/**
 * Partner suppression over all areas of one month (pure). A rate is treated like its count: withheld when the
 * count is 1–9 or when n minus the count is, since rate × n gives both back. When C+D is withheld, C and D are
 * too (C + D would give it), and when C or D is withheld the C+D rate is too (C+D rate × n − D = C).
 * The response carries the scope totals Σn and Σ(C+D), so a single withheld area would be the total minus the
 * others: then the next smallest area is withheld as well (its size, or its C+D), so at least two are.
 */
export function partnerMask(cells: readonly AreaCells[], min = MIN_PARTNER_CELL, elsewhere?: ReadonlyArray<ElsewhereMask | undefined>): AreaMask[] {
  const small = (x: number) => smallCount(x, min);
  const masks: AreaMask[] = cells.map((a, i) => {
    const e = elsewhere?.[i];
    if (a.n < min || e?.n) return { n: true, c: true, d: true, cd: true };
    const cd = a.c + a.d;
    const hcd = small(cd) || small(a.n - cd);
    const c = hcd || small(a.c) || small(a.n - a.c) || !!e?.c;
    const d = hcd || small(a.d) || small(a.n - a.d) || !!e?.d;
    return { n: false, c, d, cd: hcd || c || d };
  });
  // The smallest area (by `size`, ties by code) not yet withheld in that respect; areas of size 0 only as a last resort.
  const nextSmallest = (withheld: (m: AreaMask, i: number) => boolean, size: (a: AreaCells) => number): number => {
    let best = -1;
    cells.forEach((a, i) => {
      if (withheld(masks[i]!, i)) return;
      if (best < 0) { best = i; return; }
      const b = cells[best]!;
      const ka = [size(a) === 0 ? 1 : 0, size(a)], kb = [size(b) === 0 ? 1 : 0, size(b)];
      if (ka[0]! < kb[0]! || (ka[0] === kb[0] && (ka[1]! < kb[1]! || (ka[1] === kb[1] && a.code < b.code)))) best = i;
    });
    return best;
  };
  // A withheld size implies a withheld C+D, so two passes settle it. A complement must be one the distribution
  // withholds as well (else the total minus the others and it gives the first back).
  if (hiddenN(masks, elsewhere) === 1) {
    const i = nextSmallest((m, k) => m.n || shownN(elsewhere?.[k]), (a) => a.n);
    if (i >= 0) masks[i] = { n: true, c: true, d: true, cd: true };
  }
  if (hiddenCd(masks, elsewhere) === 1) {
    const i = nextSmallest((m, k) => m.cd || shownCd(elsewhere?.[k]), (a) => a.c + a.d);
    if (i >= 0) masks[i] = { ...masks[i]!, c: true, d: true, cd: true };
  }
  return masks;
}

/** What the distribution by the same level withholds of an area (true = withheld there): its n, its C, its D. */
export interface ElsewhereMask { n: boolean; c: boolean; d: boolean }

/** Published elsewhere (the distribution shows the area's n; its C and D): withheld here, it protects nothing. */
const shownN = (e: ElsewhereMask | undefined): boolean => e?.n === false;
const shownCd = (e: ElsewhereMask | undefined): boolean => e?.c === false && e?.d === false;

/** Areas whose size is withheld here and not published elsewhere (the total minus the others gives one alone back). */
export function hiddenN(masks: readonly AreaMask[], elsewhere?: ReadonlyArray<ElsewhereMask | undefined>): number {
  return masks.filter((m, i) => m.n && !shownN(elsewhere?.[i])).length;
}
/** Areas whose C+D is withheld here and not published elsewhere (C and D both shown by the distribution). */
export function hiddenCd(masks: readonly AreaMask[], elsewhere?: ReadonlyArray<ElsewhereMask | undefined>): number {
  return masks.filter((m, i) => m.cd && !shownCd(elsewhere?.[i])).length;
}

/** The distribution's masks (research.distribution by `level`, the map's filters without the region) by area code. */
async function elsewhereMasks(db: Db, viewer: Viewer, filters: MapFilters, level: 'prefecture' | 'county'): Promise<Map<string, ElsewhereMask>> {
  const rows = await getClassDistribution(db, viewer, { filters: { ...filters, region: undefined }, by: level, limit: 500 });
  return new Map(rows.map((r) => [r.key, { n: r.n === null, c: r.counts[2] === null, d: r.counts[3] === null }]));
}

/** The model whose rows are every enterprise of an area (the warnings' denominator). */
const SIZE_MODEL = 'general';

export async function getMapAreas(db: Db, viewer: Viewer, inp: z.input<typeof mapAreasInput>): Promise<MapAreas> {
  const { filters, level } = mapAreasInput.parse(inp);
  // With filters beyond the region, or a key-area model (food, special equipment: its rows are the enterprises of its
  // scope), the areas' sizes here are not the warnings' denominator: that is every enterprise the general model
  // classified in the area, fetched apart.
  const filtered = !!(filters.industry || filters.entityType || filters.tags.length || filters.status.length) || filters.model !== SIZE_MODEL;
  const [rows, warn, sizes] = await Promise.all([
    runQuery(db, mapAreaCounts, { filters }, viewer),
    runQuery(db, mapWarningCounts, { month: filters.month }, viewer),
    filtered ? runQuery(db, mapAreaSizes, { model: SIZE_MODEL, month: filters.month }, viewer) : Promise.resolve([]),
  ]);
  const prev = prevMonth(filters.month);
  const acc = new Map<string, Acc>();
  let N = 0, CD = 0;
  for (const r of rows) {
    const code = level === 'prefecture' ? r.prefecture_code : r.county_code;
    if (!code) continue;
    const name = (level === 'prefecture' ? r.prefecture_name : r.county_name) || code;
    const a = acc.get(code) ?? { code, name, pref: r.prefecture_code, n: 0, c: 0, d: 0, s: 0, pn: 0, pc: 0, pd: 0, w: 0 };
    if (r.ym === filters.month) {
      a.n += r.n; a.c += r.c; a.d += r.d; a.s += r.sum_score;
      N += r.n; CD += r.c + r.d;
    } else if (r.ym === prev) {
      a.pn += r.n; a.pc += r.c; a.pd += r.d;
    }
    acc.set(code, a);
  }
  for (const w of warn) {
    const a = acc.get(level === 'prefecture' ? w.prefecture_code : w.county_code);
    if (a) a.w += w.w;
  }
  const list = [...acc.values()].filter((a) => a.n > 0);
  // Every classified enterprise of the area (scope only), for warnings per 1,000.
  const all = new Map<string, number>();
  for (const r of sizes) {
    const code = level === 'prefecture' ? r.prefecture_code : r.county_code;
    if (code) all.set(code, (all.get(code) ?? 0) + r.n);
  }
  const sizeOf = (a: Acc) => (filtered ? all.get(a.code) ?? 0 : a.n);
  const rate = N > 0 ? CD / N : 0;
  const partner = viewer.role === 'partner';
  const open: AreaMask = { n: false, c: false, d: false, cd: false };
  // The same areas are rows of research.distribution by this level (same filters), suppressed there with complements
  // of its own: what it withholds is withheld here too (its n − A − B and the D shown here gave a C of 1–9 back), and
  // what it shows is no complement here. The previous month likewise, as that month's map and distribution show it.
  const prevList = [...acc.values()].filter((a) => a.pn > 0);
  const [distNow, distPrev] = partner ? await Promise.all([filters.month, prev].map((month) => elsewhereMasks(db, viewer, { ...filters, month }, level))) : [];
  const mask = partner ? partnerMask(list, MIN_PARTNER_CELL, list.map((a) => distNow!.get(a.code))) : list.map(() => open);
  // The previous month masked exactly as the map of that month masks it (same areas, same rule): otherwise its
  // C+D share here, times its size there, would give back what that map withholds.
  const prevMask = new Map(partner ? partnerMask(prevList.map((a) => ({ code: a.code, n: a.pn, c: a.pc, d: a.pd })), MIN_PARTNER_CELL, prevList.map((a) => distPrev!.get(a.code))).map((m, i) => [prevList[i]!.code, m]) : []);
  // The unfiltered sizes are published by the unfiltered map with its own mask (which depends on the sizes alone):
  // a size it withholds must not come back as warnings ÷ rate.
  const allCodes = [...all.keys()];
  const allHidden = new Set(partner && filtered ? partnerMask(allCodes.map((code) => ({ code, n: all.get(code)!, c: 0, d: 0 }))).flatMap((m, i) => (m.n ? [allCodes[i]!] : [])) : []);
  // The prior is fitted over every area of the level in scope (for partners: every published one, since α and β
  // carry the counts they are fitted on); the funnel centres on the scope rate.
  const fitted = list.filter((_, i) => !mask[i]!.cd);
  const { prior, areas: assessedFitted } = assessAreas(fitted.map((a) => ({ n: a.n, y: a.c + a.d })), rate);
  const assessed = new Map(fitted.map((a, i) => [a.code, assessedFitted[i]!]));
  const areas: MapArea[] = list.map((a, i) => {
    const m = mask[i]!;
    if (m.n) {
      return { code: a.code, name: a.name, prefecture_code: a.pref, n: null, c: null, d: null, cdRate: null, dRate: null, meanScore: null,
        prevCdRate: null, delta: null, shrunk: null, warnings: null, warnPer1000: null, limits: null, flag: null, suppressed: true };
    }
    const s = assessed.get(a.code) ?? null;
    const pm = prevMask.get(a.code);
    const prevRate = a.pn > 0 && !pm?.cd ? (a.pc + a.pd) / a.pn : null;
    const cdRate = m.cd ? null : (a.c + a.d) / a.n;
    const size = sizeOf(a);
    const warnHidden = partner && smallCount(a.w);
    return {
      code: a.code, name: a.name, prefecture_code: a.pref, n: a.n, c: m.c ? null : a.c, d: m.d ? null : a.d,
      // Partners get no mean score: two published areas one enterprise apart would give that enterprise's score.
      cdRate, dRate: m.d ? null : a.d / a.n, meanScore: partner ? null : a.s / a.n,
      prevCdRate: prevRate, delta: prevRate === null || cdRate === null ? null : cdRate - prevRate,
      shrunk: s && s.shrunk, limits: s && s.limits, flag: s && s.flag, suppressed: false,
      warnings: warnHidden ? null : a.w,
      warnPer1000: warnHidden || allHidden.has(a.code) || size === 0 ? null : (a.w / size) * 1000,
    };
  });
  // A single area in scope cannot be paired with another: its totals would be the area itself.
  const elsewhere = partner ? list.map((a) => distNow!.get(a.code)) : undefined;
  const lone = partner && hiddenN(mask, elsewhere) === 1;
  const loneCd = partner && hiddenCd(mask, elsewhere) === 1;
  // The selection itself (the map's filters but the region: an industry, a type, a status, a tag) is a row of other
  // tables — the division under its section, the breakdown by type — where it may be withheld, as the trend and the
  // KPIs of 分布研判 show it (sliceRow). Its total here takes that mask: the header showed 777 户 and 7.9% for a C13
  // that 分布研判 withholds, and the section's total minus the other divisions then gave the small one it protects.
  const own = partner ? await sliceRow(db, viewer, { ...filters, region: undefined }) : null;
  const ownN = !!own && own.n === null;
  const ownCd = ownN || (!!own && (own.counts[2] === null || own.counts[3] === null));
  // No enterprise in the selection: no rate (it showed C+D 占比 0.0% over 0 enterprises).
  const total = { n: lone || ownN ? null : N, cd: lone || loneCd || ownCd ? null : CD, rate: lone || loneCd || ownCd || N === 0 ? null : rate };
  areas.sort((x, y) => x.code.localeCompare(y.code));
  return { month: filters.month, prevMonth: prev, level, total, prior, areas };
}
