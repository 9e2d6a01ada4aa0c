'use client';
/**
 * Horizontal stacked bars: one row per category, one segment per series (e.g. A/B/C/D by region).
 * `normalize` draws shares (each row sums to 100%). Null values (suppressed, "<10") count as 0.
 * Each segment has an accessible name "<row> <series>：<value>" and data-testid="seg-<row>-<series>".
 */
import { useState } from 'react';
import { scaleBand, scaleLinear, max as d3max } from 'd3';
import { fmtInt, fmtPct } from '@/components/palette';
import css from './charts.module.css';
import { useWidth, fmtAxis, fmtCell, clip, Legend, Tooltip, type TooltipState, type LegendItem } from './common';

export interface StackedRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
}

export interface StackedBarsProps {
  rows: StackedRow[];
  series: LegendItem[];
  valueLabel: string;
  normalize?: boolean;
  format?: (n: number) => string;
  rowHeight?: number;
  labelChars?: number;
  title: string;
  testId?: string;
  onSelect?: (key: string) => void;
}

export function StackedBars(props: StackedBarsProps) {
  const { rows, series, valueLabel, normalize = false, format = fmtInt, title, testId, onSelect } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const labelChars = props.labelChars ?? 12;
  const rowH = props.rowHeight ?? 26;
  const totals = new Map(rows.map((r) => [r.key, series.reduce((a, s) => a + (r.values[s.key] ?? 0), 0)]));
  const longest = Math.min(labelChars, Math.max(2, ...rows.map((r) => r.label.length)));
  const m = { top: 4, right: normalize ? 16 : 64, bottom: 40, left: 14 + longest * 13 };
  const innerW = Math.max(60, width - m.left - m.right);
  const innerH = Math.max(rowH, rows.length * rowH);
  const maxV = normalize ? 1 : d3max([...totals.values()]) ?? 0;
  const x = scaleLinear().domain([0, maxV || 1]).nice().range([0, innerW]);
  const y = scaleBand().domain(rows.map((r) => r.key)).range([0, innerH]).padding(0.22);
  const ticks = x.ticks(Math.max(2, Math.floor(innerW / 90)));
  const fmtTick = normalize ? (t: number) => fmtPct(t, 0) : (t: number) => fmtAxis(t, ticks.at(-1));

  return (
    <div ref={ref} className={css.chart} data-testid={testId}>
      <Legend items={series} />
      <svg width={width} height={innerH + m.top + m.bottom} role="img" aria-label={title}>
        <g transform={`translate(${m.left},${m.top})`}>
          <g className={css.grid}>{ticks.map((t) => <line key={t} x1={x(t)} x2={x(t)} y1={0} y2={innerH} />)}</g>
          <g className={css.axis} transform={`translate(0,${innerH})`}>
            <line x1={0} x2={innerW} />
            {ticks.map((t) => <g key={t} transform={`translate(${x(t)},0)`}><line y2={5} /><text y={18} textAnchor="middle">{fmtTick(t)}</text></g>)}
            <text className={css.axisTitle} x={innerW} y={34} textAnchor="end">{normalize ? `${valueLabel}占比` : valueLabel}</text>
          </g>
          {rows.map((r) => {
            const total = totals.get(r.key) ?? 0;
            let acc = 0;
            const yy = y(r.key) ?? 0;
            return (
              <g key={r.key} className={onSelect ? css.clickable : undefined} onClick={onSelect ? () => onSelect(r.key) : undefined}>
                <text x={-8} y={yy + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fill="#3e4c59" fontSize={12}>{clip(r.label, labelChars)}</text>
                {series.map((s) => {
                  const v = r.values[s.key] ?? null;
                  const amount = v ?? 0;
                  const val = normalize ? (total ? amount / total : 0) : amount;
                  const x0 = x(acc); acc += val; const x1 = x(acc);
                  const text = fmtCell(v, format) + (normalize && v !== null && total ? `（${fmtPct(amount / total)}）` : '');
                  return (
                    <rect key={s.key} x={x0} y={yy} width={Math.max(0, x1 - x0)} height={y.bandwidth()} fill={s.color}
                      role="img" aria-label={`${r.label} ${s.label}：${text}`} data-testid={`seg-${r.key}-${s.key}`} data-value={v ?? ''}
                      onMouseMove={(e) => setTip({ x: e.clientX, y: e.clientY, content: <><div className={css.tipTitle}>{r.label}</div><div>{s.label}：{text}</div><div>合计：{format(total)}</div></> })}
                      onMouseLeave={() => setTip(null)} />
                  );
                })}
                {!normalize && <text className={css.valueLabel} x={x(acc) + 6} y={yy + y.bandwidth() / 2} dy="0.35em">{format(total)}</text>}
              </g>
            );
          })}
        </g>
      </svg>
      <Tooltip tip={tip} />
    </div>
  );
}
