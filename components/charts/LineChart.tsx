'use client';
/**
 * Time series over months: multi-line or stacked area (d3 scales and shapes, React-rendered SVG).
 * Hovering shows a crosshair and every series' value for that month; the legend hides/shows series.
 * Values may be null (suppressed, "<10"): a gap in a line; in a stack drawn as 0, or with `gaps` the column is left out
 * (stackColumns). The tooltip says 不公开 of them, never 0.
 */
import { useMemo, useState } from 'react';
import { scaleLinear, scalePoint, line as d3line, area as d3area, stack as d3stack, stackOrderNone, stackOffsetNone, max as d3max } from 'd3';
import { fmtInt } from '@/components/palette';
import css from './charts.module.css';
import { useWidth, fmtAxis, Legend, Tooltip, type TooltipState } from './common';
import { stackColumns, columnTip, isolatedColumns } from './stackColumns';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** One value per x (same order as `x`); null = suppressed. */
  values: Array<number | null>;
}

export interface LineChartProps {
  /** X categories, e.g. months 'YYYY-MM'. */
  x: string[];
  series: Series[];
  mode?: 'line' | 'stacked-area';
  valueLabel: string;
  xLabel?: string;
  /** Formats an x value for ticks and the tooltip title (default: 'YYYY-MM' → 'YYYY年M月'). */
  formatX?: (x: string) => string;
  format?: (n: number) => string;
  height?: number;
  title: string;
  testId?: string;
  /** Show the legend (with toggles). */
  legend?: boolean;
  /** Stacked: leave out a column where a shown series is withheld (null), instead of stacking it as 0 (shares). */
  gaps?: boolean;
  /** What the tooltip says of a null value (default 不公开: withheld; a month without data says so instead). */
  missingText?: string;
}

export const fmtMonth = (m: string) => {
  const r = /^(\d{4})-(\d{2})/.exec(m);
  return r ? `${r[1]}年${Number(r[2])}月` : m;
};
const fmtMonthShort = (m: string) => {
  const r = /^(\d{4})-(\d{2})/.exec(m);
  return r ? `${r[1]}-${r[2]}` : m;
};

export function LineChart(props: LineChartProps) {
  const { x: xs, series, mode = 'line', valueLabel, xLabel, formatX = fmtMonth, format = fmtInt, title, testId } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [hover, setHover] = useState<number | null>(null);
  const [tip, setTip] = useState<TooltipState | null>(null);
  const visible = series.filter((s) => !hidden.has(s.key));
  const plotH = props.height ?? 280;
  const m = { top: 24, right: 18, bottom: 44, left: 60 };
  const innerW = Math.max(80, width - m.left - m.right);
  const x = scalePoint<string>().domain(xs).range([0, innerW]).padding(0.02);

  const columns = useMemo(() => stackColumns(xs.length, visible, props.gaps), [xs.length, visible, props.gaps]);
  const isolated = useMemo(() => isolatedColumns(columns.defined), [columns]);
  const stacked = useMemo(() => {
    if (mode !== 'stacked-area') return null;
    return d3stack<Record<string, number>>().keys(visible.map((s) => s.key)).order(stackOrderNone).offset(stackOffsetNone)(columns.rows);
  }, [mode, visible, columns]);

  const maxV = stacked
    ? d3max(stacked, (layer) => d3max(layer, (p) => p[1])) ?? 0
    : d3max(visible, (s) => d3max(s.values, (v) => v ?? 0)) ?? 0;
  const y = scaleLinear().domain([0, maxV || 1]).nice().range([plotH, 0]);
  const yTicks = y.ticks(5);
  const every = Math.max(1, Math.ceil(xs.length / Math.max(1, Math.floor(innerW / 78))));
  const xTicks = xs.filter((_, i) => i % every === 0);

  const onMove = (e: React.MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    let best = 0, bestD = Infinity;
    xs.forEach((v, i) => { const d = Math.abs((x(v) ?? 0) - px); if (d < bestD) { bestD = d; best = i; } });
    setHover(best);
    const col = columnTip(visible, best, format, props.missingText);
    const color = new Map(visible.map((s) => [s.key, s.color]));
    setTip({
      x: e.clientX, y: e.clientY,
      content: (
        <>
          <div className={css.tipTitle}>{formatX(xs[best] ?? '')}{mode === 'stacked-area' ? `\u3000合计 ${col.total}` : ''}</div>
          {[...col.rows].reverse().map((r) => (
            <div key={r.key} className={css.tipRow}><span><i style={{ background: color.get(r.key) }} />{r.label}</span><b>{r.text}</b></div>
          ))}
        </>
      ),
    });
  };

  return (
    <div ref={ref} className={css.chart} data-testid={testId}>
      {props.legend !== false && (
        <Legend items={series} hidden={hidden}
          onToggle={(k) => setHidden((h) => { const n = new Set(h); if (n.has(k)) n.delete(k); else n.add(k); return n; })} />
      )}
      <svg width={width} height={plotH + m.top + m.bottom} role="img" aria-label={title}>
        <g transform={`translate(${m.left},${m.top})`}>
          <g className={css.grid}>{yTicks.map((t) => <line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} />)}</g>
          <g className={css.axis}>
            {yTicks.map((t) => <text key={t} x={-8} y={y(t)} dy="0.35em" textAnchor="end">{fmtAxis(t, yTicks.at(-1))}</text>)}
            <text className={css.axisTitle} x={-m.left + 2} y={-12} textAnchor="start">{valueLabel}</text>
            <line x1={0} x2={innerW} y1={plotH} y2={plotH} />
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${x(t) ?? 0},${plotH})`}><line y2={5} /><text y={18} textAnchor="middle">{fmtMonthShort(t)}</text></g>
            ))}
            {xLabel && <text className={css.axisTitle} x={innerW} y={plotH + 38} textAnchor="end">{xLabel}</text>}
          </g>
          {stacked
            ? stacked.map((layer) => {
              const s = visible.find((v) => v.key === layer.key)!;
              const a = d3area<[number, number]>().defined((_, i) => columns.defined[i]!).x((_, i) => x(xs[i] ?? '') ?? 0).y0((p) => y(p[0])).y1((p) => y(p[1]));
              const top = d3line<[number, number]>().defined((_, i) => columns.defined[i]!).x((_, i) => x(xs[i] ?? '') ?? 0).y((p) => y(p[1]));
              const pts = layer.map((p) => [p[0], p[1]] as [number, number]);
              return (
                <g key={layer.key} data-series={layer.key} aria-label={s.label}>
                  <path d={a(pts) ?? ''} fill={s.color} fillOpacity={0.78} />
                  <path d={top(pts) ?? ''} fill="none" stroke={s.color} strokeWidth={1} />
                  {pts.map((p, i) => (isolated[i] ? <rect key={i} x={(x(xs[i] ?? '') ?? 0) - 3} width={6} y={y(p[1])} height={Math.max(0, y(p[0]) - y(p[1]))} fill={s.color} fillOpacity={0.78} /> : null))}
                </g>
              );
            })
            : visible.map((s) => {
              const l = d3line<number | null>().defined((v) => v !== null).x((_, i) => x(xs[i] ?? '') ?? 0).y((v) => y(v ?? 0));
              return (
                <g key={s.key} data-series={s.key} aria-label={s.label}>
                  <path d={l(s.values) ?? ''} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" />
                  {hover !== null && s.values[hover] != null && <circle cx={x(xs[hover] ?? '') ?? 0} cy={y(s.values[hover] ?? 0)} r={3.5} fill="#fff" stroke={s.color} strokeWidth={2} />}
                </g>
              );
            })}
          {hover !== null && <line className={css.crosshair} x1={x(xs[hover] ?? '') ?? 0} x2={x(xs[hover] ?? '') ?? 0} y1={0} y2={plotH} />}
          <rect width={innerW} height={plotH} fill="transparent" onMouseMove={onMove} onMouseLeave={() => { setHover(null); setTip(null); }} />
        </g>
      </svg>
      <Tooltip tip={tip} />
    </div>
  );
}
