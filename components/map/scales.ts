/** Colour scales and metric definitions of the risk map (pure). */
import { CLASS_COLORS, CLASS_LABELS, CLASSES, RISK_RAMP } from '@/components/palette';
import type { MapArea } from '@/queries/map/areas';

export type MetricKey = 'cd' | 'cd_eb' | 'd' | 'score' | 'warn' | 'delta';
export const METRICS: Array<{ key: MetricKey; label: string; kind: 'share' | 'score' | 'diff' }> = [
  { key: 'cd', label: 'C+D 类占比', kind: 'share' },
  { key: 'cd_eb', label: 'C+D 占比（经验贝叶斯修正）', kind: 'share' },
  { key: 'd', label: 'D 类占比', kind: 'share' },
  { key: 'score', label: '平均风险分', kind: 'score' },
  { key: 'warn', label: '每千户预警数', kind: 'score' },
  { key: 'delta', label: 'C+D 占比较上月变化', kind: 'diff' },
];

export function metricValue(a: MapArea, m: MetricKey): number | null {
  switch (m) {
    case 'cd': return a.cdRate;
    case 'cd_eb': return a.shrunk;
    case 'd': return a.dRate;
    case 'score': return a.meanScore;
    case 'warn': return a.warnPer1000;
    case 'delta': return a.delta;
  }
}

export function formatMetric(v: number | null, m: MetricKey): string {
  if (v === null) return '—';
  const kind = METRICS.find((x) => x.key === m)!.kind;
  if (kind === 'share') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'diff') return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} 个百分点`;
  return m === 'warn' ? v.toFixed(1) : v.toFixed(0);
}

export type RGBA = [number, number, number, number];
export const NO_DATA: RGBA = [222, 226, 230, 255];
const DIVERGING = ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'];

export function hexToRgba(hex: string, a = 255): RGBA {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, a];
}

/**
 * `flat`: every area has the same value (`breaks[0]`); the legend shows that value once, not five empty intervals.
 * `empty`: no area has a value (all withheld or without data): the breaks are placeholders and the legend has no class.
 */
export interface Scale { colors: string[]; breaks: number[]; color(v: number | null): RGBA; diverging: boolean; flat: boolean; empty: boolean }

/** Five classes: equal intervals over the observed range (symmetric around 0 for changes). */
export function makeScale(values: Array<number | null>, m: MetricKey): Scale {
  const vals = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const diverging = m === 'delta';
  const colors = diverging ? DIVERGING : RISK_RAMP;
  let lo = vals.length ? Math.min(...vals) : 0;
  let hi = vals.length ? Math.max(...vals) : 1;
  if (diverging) { const e = Math.max(Math.abs(lo), Math.abs(hi), 1e-6); lo = -e; hi = e; }
  const flat = vals.length > 0 && hi - lo < 1e-9;
  if (hi - lo < 1e-9) hi = lo + (m === 'score' ? 1 : 0.001);
  const k = colors.length;
  const breaks = Array.from({ length: k + 1 }, (_, i) => lo + ((hi - lo) * i) / k);
  return {
    colors, breaks, diverging, flat, empty: vals.length === 0,
    color(v) {
      if (v === null || !Number.isFinite(v)) return NO_DATA;
      if (flat) return hexToRgba(flatColor(colors), 235);
      const i = Math.min(k - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * k)));
      return hexToRgba(colors[i]!, 235);
    },
  };
}

/** The colour of every area when all have one value: the ramp's middle. */
const flatColor = (colors: readonly string[]): string => colors[Math.floor(colors.length / 2)]!;

/**
 * The scale's rows of a legend (the page's and the exported PNG's): each class's colour and interval — or, when every
 * area has the same value, that value once; none when no area has a value (a map all grey under a filter whose areas
 * are all withheld had a legend of 0.0% – 20.0% … 80.0% – 100.0%, intervals no area was in).
 */
export function legendEntries(scale: Scale, m: MetricKey): Array<{ color: string; label: string }> {
  if (scale.empty) return [];
  if (scale.flat) return [{ color: flatColor(scale.colors), label: `各区域均为 ${formatMetric(scale.breaks[0]!, m)}` }];
  return scale.colors.map((c, i) => ({ color: c, label: `${formatMetric(scale.breaks[i]!, m)} – ${formatMetric(scale.breaks[i + 1]!, m)}` }));
}

/** The grey of an area without a value (NO_DATA) as the legends write it. */
export const NO_DATA_HEX = '#dee2e6';

/**
 * What the areas are measured against (pure): the shares' funnel and the shrinkage centre on the viewer's scope — the
 * province, or a scoped analyst's own prefecture or county ('长春市'), which the page called 全省.
 */
export function baselineName(scopeName: string | undefined): string {
  return scopeName || '全省';
}

/** The outline drawn round an area significantly above the baseline, as the legends name it. */
export const flaggedLabel = (baseline: string) => `C+D 占比显著高于${baseline}（漏斗图 99.8%）`;

export interface PngLegendRow { color: string; label: string; outline?: string }

/**
 * The exported PNG's legend: the scale's rows, the grey of withheld areas, the outline of flagged areas when any is
 * flagged, and the class colours of the points when points are drawn. The PNG showed points coloured by class and
 * heavy outlines with neither explained, under a legend of the C+D ramp alone.
 */
export function pngLegend(scale: Scale, m: MetricKey, o: { flagged: boolean; points: boolean; baseline: string }): PngLegendRow[] {
  const rows: PngLegendRow[] = legendEntries(scale, m);
  rows.push({ color: NO_DATA_HEX, label: '无数据 / 不公开' });
  if (o.flagged) rows.push({ color: '#ffffff', outline: '#111111', label: flaggedLabel(o.baseline) });
  if (o.points) for (const c of CLASSES) rows.push({ color: CLASS_COLORS[c], label: `点位：${CLASS_LABELS[c]}` });
  return rows;
}
