/**
 * Rising risk found early (风险上升预警): groups (regions or industries at one level) whose C+D share rose
 * significantly over the last `months` months — a Cochran–Armitage test for trend over all those months (not a
 * single month's jump), ranked by significance, with the slope (points of share per month) and the
 * Benjamini–Hochberg q-value across all groups tested. Groups smaller than `minSize` in any month are skipped (for
 * partners also groups with a C+D count of 1–9, or n − C+D of 1–9, in any month).
 *
 * Caveat shown in the UI: the same enterprises appear in every month, so months are not independent samples;
 * the test is a screening statistic for ranking, not a formal inference.
 */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql } from '../../server/db/sql';
import { addMonths } from '../../server/calendar/months';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { getClassDistribution, prepareDistributions, newMaskMemo } from './distribution';
import { CLASS_TABLE, IS_CD, dimExpr, namesFor, sliceFilters, sliceWhere, monthBetween, regionLevelSchema, industryLevelSchema, isPartner, MIN_PARTNER_CELL, smallCount } from './source';
import { cochranArmitage, benjaminiHochberg } from './stats';

export const input = z.object({
  filters: sliceFilters,
  by: z.union([regionLevelSchema, industryLevelSchema]),
  months: z.number().int().min(3).max(36).default(6),
  minSize: z.number().int().min(1).max(100_000).default(30),
  limit: z.number().int().min(1).max(200).default(20),
});

/** First month of a window of `k` months ending at `m` ('YYYY-MM'). */
export function windowStart(m: string, k: number): string {
  return addMonths(m, 1 - k);
}

export const risingRiskCounts = defineQuery({
  name: 'research.risingRisk',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({ key: z.string(), name: z.string(), month: z.string(), n: z.coerce.number(), cd: z.coerce.number() }),
  build: ({ filters, by, months }, viewer) => sql`
    SELECT g.key AS key, ifNull(nm.name, '') AS name, g.ym AS month, g.n AS n, g.cd AS cd
    FROM (
      SELECT key, formatDateTime(m, '%Y-%m') AS ym, toUInt32(sum(k)) AS n, toUInt32(sumIf(k, cdf = 1)) AS cd
      FROM (
        SELECT ${dimExpr(by)} AS key, month AS m, ${IS_CD} AS cdf, count() AS k
        FROM ${CLASS_TABLE}
        WHERE ${sliceWhere(filters, viewer, monthBetween(windowStart(filters.month, months), filters.month))}
        GROUP BY key, m, cdf
      )
      GROUP BY key, m
    ) AS g
    LEFT JOIN ${namesFor(by)!} AS nm ON nm.code = g.key
    ORDER BY key, month
    SETTINGS join_use_nulls = 1`,
});

export interface RisingGroup {
  key: string; label: string;
  months: string[]; shares: number[]; n: number[];
  z: number; p: number; q: number; slope: number; first: number; last: number;
}

/**
 * `missing`: months of the window without any classified enterprise in the slice (before the first classified month,
 * or not classified): every group has n = 0 there and none can be tested, which is not "nothing is rising".
 */
export async function getRisingRisk(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<{ months: string[]; missing: string[]; tested: number; groups: RisingGroup[] }> {
  const parsed = input.parse(inp);
  const rows = await runQuery(db, risingRiskCounts, parsed, viewer);
  const months: string[] = [];
  for (let i = parsed.months - 1; i >= 0; i--) months.push(windowStart(parsed.filters.month, i + 1));
  const partner = isPartner(viewer);
  const minSize = Math.max(parsed.minSize, partner ? MIN_PARTNER_CELL : 1);
  const groups = new Map<string, { label: string; n: number[]; k: number[] }>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { label: r.name || r.key || '（未细分）', n: months.map(() => 0), k: months.map(() => 0) };
    const i = months.indexOf(r.month);
    if (i >= 0) { g.n[i] = r.n; g.k[i] = r.cd; }
    groups.set(r.key, g);
  }
  // Partners: each month's groups are the rows of research.distribution by the same level, where a group's n, or its
  // C and D, may be withheld as complements (the parent's figure minus the siblings would give the cell they protect
  // back): a group is tested only when every month's distribution shows its n and its C+D (C and D, or A and B).
  const memo = newMaskMemo(); // (every month's tables in a few batched queries)
  if (partner) await prepareDistributions(db, viewer, months.map((m) => ({ filters: { ...parsed.filters, month: m }, by: parsed.by })), memo);
  const published = partner ? await Promise.all(months.map(async (m) => {
    const dist = await getClassDistribution(db, viewer, { filters: { ...parsed.filters, month: m }, by: parsed.by, limit: 500 }, memo);
    return new Set(dist.filter((r) => r.n !== null && ((r.counts[2] !== null && r.counts[3] !== null) || (r.counts[0] !== null && r.counts[1] !== null))).map((r) => r.key));
  })) : [];
  const tested: Array<Omit<RisingGroup, 'q'>> = [];
  for (const [key, g] of groups) {
    if (partner && published.some((set) => !set.has(key))) continue;
    if (g.n.some((x) => x < minSize)) continue;
    // Partners: the shares times n give the C+D counts back, so a group is tested only when every month's C+D
    // count and the rest (n − C+D) can be published (none of them 1–9). A group left out does not enter the
    // q-values either, so they carry nothing of it.
    if (partner && g.k.some((k, i) => smallCount(k) || smallCount(g.n[i]! - k))) continue;
    const t = cochranArmitage(g.k, g.n);
    tested.push({ key, label: g.label, months, shares: g.k.map((k, i) => k / (g.n[i] || 1)), n: g.n, z: t.z, p: t.pRising, slope: t.slope, first: t.first, last: t.last });
  }
  const q = benjaminiHochberg(tested.map((t) => t.p));
  const all = tested.map((t, i) => ({ ...t, q: q[i]! }));
  const rising = all.filter((g) => g.slope > 0).sort((a, b) => b.z - a.z || a.key.localeCompare(b.key));
  const seen = new Set(rows.map((r) => r.month));
  return { months, missing: months.filter((m) => !seen.has(m)), tested: all.length, groups: rising.slice(0, parsed.limit) };
}
