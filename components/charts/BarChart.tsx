'use client';
/**
 * Bar chart (d3 scales, React-rendered SVG). Horizontal by default — long Chinese category names read best
 * on the left. Values may be null (suppressed for partners): drawn as a hatched stub labelled 不公开 (palette WITHHELD).
 * Every bar has an accessible name "<label>：<value>" and `data-testid="bar-<key>"` with `data-value`.
 */
import { useState } from 'react';
import { scaleBand, scaleLinear, max as d3max } from 'd3';
import { fmtInt } from '@/components/palette';
import css from './charts.module.css';
import { useWidth, fmtAxis, fmtCell, clip, Tooltip, type TooltipState } from './common';

export interface BarDatum {
  key: string;
  label: string;
  /** null = suppressed (shown as 不公开) */
  value: number | null;
  /** Extra lines for the tooltip. */
  detail?: string[];
  color?: string;
}

export interface BarChartProps {
  data: BarDatum[];
  /** Axis title for the values, e.g. "企业数（户）". */
  valueLabel: string;
  /** Axis title for the categories, e.g. "地市". */
  categoryLabel?: string;
  orientation?: 'horizontal' | 'vertical';
  color?: string;
  format?: (n: number) => string;
  /** Horizontal: height of one bar row in px. Vertical: total plot height. */
  rowHeight?: number;
  height?: number;
  /** Characters of a category label before it is clipped. */
  labelChars?: number;
  onSelect?: (key: string) => void;
  /** aria-label of the whole chart. */
  title: string;
  testId?: string;
}

export function BarChart(props: BarChartProps) {
  const { data, valueLabel, categoryLabel, orientation = 'horizontal', color = '#4e79a7', format = fmtInt, title, testId, onSelect } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const maxV = d3max(data, (d) => d.value ?? 0) ?? 0;
  const hatchId = `hatch-${testId ?? 'bars'}`;

  const showTip = (e: React.MouseEvent, d: BarDatum) => setTip({
    x: e.clientX, y: e.clientY,
    content: <><div className={css.tipTitle}>{d.label}</div><div>{valueLabel}：{fmtCell(d.value, format)}</div>{d.detail?.map((l) => <div key={l}>{l}</div>)}</>,
  });

  if (orientation === 'horizontal') {
    const labelChars = props.labelChars ?? 12;
    const rowH = props.rowHeight ?? 26;
    const longest = Math.min(labelChars, Math.max(2, ...data.map((d) => d.label.length)));
    const m = { top: categoryLabel ? 22 : 8, right: 64, bottom: 40, left: 14 + longest * 13 };
    const innerW = Math.max(60, width - m.left - m.right);
    const innerH = Math.max(rowH, data.length * rowH);
    const x = scaleLinear().domain([0, maxV || 1]).nice().range([0, innerW]);
    const y = scaleBand().domain(data.map((d) => d.key)).range([0, innerH]).padding(0.22);
    const ticks = x.ticks(Math.max(2, Math.floor(innerW / 90)));
    return (
      <div ref={ref} className={css.chart} data-testid={testId}>
        <svg width={width} height={innerH + m.top + m.bottom} role="img" aria-label={title}>
          <defs><HatchPattern id={hatchId} color={color} /></defs>
          <g transform={`translate(${m.left},${m.top})`}>
            <g className={css.grid}>{ticks.map((t) => <line key={t} x1={x(t)} x2={x(t)} y1={0} y2={innerH} />)}</g>
            {categoryLabel && <text className={css.axisTitle} x={-8} y={-8} textAnchor="end">{categoryLabel}</text>}
            <g className={css.axis} transform={`translate(0,${innerH})`}>
              <line x1={0} x2={innerW} y1={0} y2={0} />
              {ticks.map((t) => <g key={t} transform={`translate(${x(t)},0)`}><line y2={5} /><text y={18} textAnchor="middle">{fmtAxis(t, ticks.at(-1))}</text></g>)}
              <text className={css.axisTitle} x={innerW} y={34} textAnchor="end">{valueLabel}</text>
            </g>
            {data.map((d) => {
              const yy = y(d.key) ?? 0;
              const w = d.value === null ? 6 : x(d.value);
              const text = fmtCell(d.value, format);
              return (
                <g key={d.key} className={`${css.bar}${onSelect ? ` ${css.clickable}` : ''}`} role="img" aria-label={`${d.label}：${text}`}
                  data-testid={`bar-${d.key}`} data-value={d.value ?? ''} data-label={d.label}
                  onMouseMove={(e) => showTip(e, d)} onMouseLeave={() => setTip(null)} onClick={onSelect ? () => onSelect(d.key) : undefined}>
                  <text className={css.axis} x={-8} y={yy + y.bandwidth() / 2} dy="0.35em" textAnchor="end" fill="#3e4c59" fontSize={12}>{clip(d.label, labelChars)}</text>
                  <rect x={0} y={yy} width={Math.max(0, w)} height={y.bandwidth()} rx={2} fill={d.value === null ? `url(#${hatchId})` : (d.color ?? color)} />
                  <text className={css.valueLabel} x={Math.max(0, w) + 6} y={yy + y.bandwidth() / 2} dy="0.35em">{text}</text>
                </g>
              );
            })}
          </g>
        </svg>
        <Tooltip tip={tip} />
      </div>
    );
  }

  const plotH = props.height ?? 260;
  const labelChars = props.labelChars ?? 6;
  const m = { top: 22, right: 12, bottom: 56, left: 56 };
  const innerW = Math.max(60, width - m.left - m.right);
  const x = scaleBand().domain(data.map((d) => d.key)).range([0, innerW]).padding(0.25);
  const y = scaleLinear().domain([0, maxV || 1]).nice().range([plotH, 0]);
  const ticks = y.ticks(5);
  const rotate = x.bandwidth() < labelChars * 12;
  return (
    <div ref={ref} className={css.chart} data-testid={testId}>
      <svg width={width} height={plotH + m.top + m.bottom} role="img" aria-label={title}>
        <defs><HatchPattern id={hatchId} color={color} /></defs>
        <g transform={`translate(${m.left},${m.top})`}>
          <g className={css.grid}>{ticks.map((t) => <line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} />)}</g>
          <g className={css.axis}>
            {ticks.map((t) => <text key={t} x={-8} y={y(t)} dy="0.35em" textAnchor="end">{fmtAxis(t, ticks.at(-1))}</text>)}
            <text className={css.axisTitle} x={-m.left + 2} y={-10} textAnchor="start">{valueLabel}</text>
            <line x1={0} x2={innerW} y1={plotH} y2={plotH} />
          </g>
          {data.map((d) => {
            const xx = x(d.key) ?? 0;
            const v = d.value;
            const top = v === null ? plotH - 6 : y(v);
            const text = fmtCell(v, format);
            const cx = xx + x.bandwidth() / 2;
            return (
              <g key={d.key} className={`${css.bar}${onSelect ? ` ${css.clickable}` : ''}`} role="img" aria-label={`${d.label}：${text}`}
                data-testid={`bar-${d.key}`} data-value={v ?? ''} data-label={d.label}
                onMouseMove={(e) => showTip(e, d)} onMouseLeave={() => setTip(null)} onClick={onSelect ? () => onSelect(d.key) : undefined}>
                <rect x={xx} y={top} width={x.bandwidth()} height={Math.max(0, plotH - top)} rx={2} fill={v === null ? `url(#${hatchId})` : (d.color ?? color)} />
                {x.bandwidth() >= 28 && <text className={css.valueLabel} x={cx} y={top - 5} textAnchor="middle">{text}</text>}
                <text className={css.axis} fill="#3e4c59" fontSize={12} transform={`translate(${cx},${plotH + 14})${rotate ? ' rotate(-35)' : ''}`}
                  textAnchor={rotate ? 'end' : 'middle'} dy={rotate ? '0.3em' : '0.35em'}>{clip(d.label, labelChars)}</text>
              </g>
            );
          })}
          {categoryLabel && <text className={css.axisTitle} x={innerW} y={plotH + m.bottom - 4} textAnchor="end">{categoryLabel}</text>}
        </g>
      </svg>
      <Tooltip tip={tip} />
    </div>
  );
}

export function HatchPattern({ id, color }: { id: string; color: string }) {
  return (
    <pattern id={id} width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width={5} height={5} fill="#fff" /><line x1={0} y1={0} x2={0} y2={5} stroke={color} strokeWidth={2} />
    </pattern>
  );
}
