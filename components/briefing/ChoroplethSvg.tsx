/**
 * Static choropleth for print (研判简报): pre-projected SVG paths (server/briefing/mapShapes.ts) filled by a value
 * per area on the sequential risk ramp, with area names and a legend of the class breaks. No WebGL, no fetching:
 * renders the same on the server, in the browser and in Chromium's PDF printer.
 */
import { RISK_RAMP } from '@/components/palette';
import type { MapShapes } from '@/server/briefing/types';
import { fmtShare } from '@/server/briefing/format';

export interface ChoroplethSvgProps {
  shapes: MapShapes;
  /** code → value (fraction); areas absent are drawn as "no data". */
  values: ReadonlyMap<string, number>;
  title: string;
  /** Codes to outline (e.g. the top areas). */
  highlight?: ReadonlySet<string>;
}

/** Five equal-width bins between the smallest and largest value, bounds rounded to 0.5 percentage points. */
export function breaksFor(values: readonly number[], bins = RISK_RAMP.length): number[] {
  if (!values.length) return [];
  const lo = Math.floor(Math.min(...values) * 200) / 200;
  const hi = Math.ceil(Math.max(...values) * 200) / 200;
  const step = (hi - lo) / bins || 0.005;
  return Array.from({ length: bins - 1 }, (_, i) => lo + step * (i + 1));
}

const FLAT = RISK_RAMP[Math.floor(RISK_RAMP.length / 2)]!;

function colourOf(v: number, breaks: readonly number[]): string {
  let i = 0;
  while (i < breaks.length && v >= breaks[i]!) i++;
  return RISK_RAMP[i] ?? RISK_RAMP[RISK_RAMP.length - 1]!;
}

/**
 * The legend: one row per colour with its range, from the bins' rounded bounds (the raw smallest and largest value at
 * the ends read "8.8%–8.9%" after "8.9%" and ran backwards). All areas at one value (a county analyst's single county,
 * a flat map): one row, the value in the ramp's middle colour, which such a map is drawn in (as the risk map draws a
 * flat map) — five ranges around it ("16.7%–16.6%") said nothing, and the colour depended on where in its half-point
 * bin the value fell.
 */
export function legendRows(values: readonly number[]): Array<{ colour: string; label: string }> {
  if (!values.length) return [];
  const lo = Math.min(...values), hi = Math.max(...values);
  const breaks = breaksFor(values);
  if (lo === hi) return [{ colour: FLAT, label: fmtShare(lo) }];
  const edges = [Math.floor(lo * 200) / 200, ...breaks, Math.ceil(hi * 200) / 200];
  return RISK_RAMP.map((colour, i) => ({ colour, label: `${fmtShare(edges[i]!)}–${fmtShare(edges[i + 1]!)}` }));
}

export function ChoroplethSvg({ shapes, values, title, highlight }: ChoroplethSvgProps) {
  const vals = [...values.values()];
  const breaks = breaksFor(vals);
  const flat = vals.length > 0 && Math.min(...vals) === Math.max(...vals);
  return (
    <figure style={{ margin: 0 }} data-testid="briefing-map">
      <svg viewBox={`0 0 ${shapes.width} ${shapes.height}`} width="100%" role="img" aria-label={title} style={{ display: 'block', maxHeight: 420 }}>
        <defs>
          <pattern id="briefing-nodata" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={6} height={6} fill="#f4f5f7" /><line x1={0} y1={0} x2={0} y2={6} stroke="#d5dae0" strokeWidth={1.5} />
          </pattern>
        </defs>
        {shapes.shapes.map((s) => {
          const v = values.get(s.code);
          return (
            <path key={s.code} d={s.d} fill={v === undefined ? 'url(#briefing-nodata)' : flat ? FLAT : colourOf(v, breaks)} fillRule="evenodd"
              stroke={highlight?.has(s.code) ? '#1f2933' : '#ffffff'} strokeWidth={highlight?.has(s.code) ? 1.6 : 0.8}
              data-code={s.code} data-value={v ?? ''}>
              <title>{`${s.name}：${v === undefined ? '无数据' : fmtShare(v)}`}</title>
            </path>
          );
        })}
        {shapes.shapes.map((s) => {
          const v = values.get(s.code);
          return (
            <g key={`l-${s.code}`} transform={`translate(${s.label[0]},${s.label[1]})`} style={{ pointerEvents: 'none' }}>
              <text textAnchor="middle" fontSize={11} fill="#1f2933" stroke="#fff" strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">{s.name}</text>
              {v !== undefined && <text textAnchor="middle" y={13} fontSize={10} fill="#3e4c59" stroke="#fff" strokeWidth={3} paintOrder="stroke">{fmtShare(v)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption style={{ display: 'flex', gap: 10, flexWrap: 'wrap', alignItems: 'center', fontSize: 11, color: '#52606d', marginTop: 4 }}>
        <span>C+D 类占比</span>
        {legendRows(vals).map((r) => (
          <span key={r.colour} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <i style={{ display: 'inline-block', width: 14, height: 10, background: r.colour, border: '1px solid #d0d5db' }} />
            {r.label}
          </span>
        ))}
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <svg width={14} height={10} aria-hidden><rect width={14} height={10} fill="url(#briefing-nodata)" stroke="#d0d5db" /></svg>无数据
        </span>
      </figcaption>
    </figure>
  );
}
