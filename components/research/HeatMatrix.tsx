'use client';
/**
 * Region × industry heat matrix: each cell coloured by C+D share (or mean score) on the sequential risk ramp,
 * with the value and the enterprise count written in it. Clicking a cell filters to that region and industry.
 * Suppressed cells (partners: under 10 enterprises, or a complement) are hatched and labelled 不公开.
 */
import { useState } from 'react';
import { scaleSequential, interpolateRgbBasis, hsl } from 'd3';
import { RISK_RAMP, fmtInt, fmtPct, WITHHELD } from '@/components/palette';
import { useWidth, clip, Tooltip, type TooltipState } from '@/components/charts/common';
import { cellLabel, cellTipLines } from './heatCell';

export interface HeatCell { r: string; i: string; n: number | null; cd: number | null; share: number | null; lo: number | null; hi: number | null; meanScore: number | null }
export interface HeatAxis { key: string; label: string; n: number }

export interface HeatMatrixProps {
  rows: HeatAxis[];
  cols: HeatAxis[];
  cells: HeatCell[];
  metric: 'cd' | 'score';
  rowLabel: string;
  colLabel: string;
  title: string;
  testId: string;
  onSelect?: (r: string, i: string) => void;
}

/** Cells with fewer enterprises than this are shown uncoloured (their share is noise). */
export const MIN_COLOUR = 10;

export function HeatMatrix({ rows, cols, cells, metric, rowLabel, colLabel, title, testId, onSelect }: HeatMatrixProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const byKey = new Map(cells.map((c) => [`${c.r}|${c.i}`, c]));
  const value = (c: HeatCell) => (metric === 'cd' ? c.share : c.meanScore);
  const vals = cells.filter((c) => (c.n ?? 0) >= MIN_COLOUR).map(value).filter((v): v is number => v !== null);
  const max = Math.max(metric === 'cd' ? 0.05 : 100, ...vals);
  const color = scaleSequential(interpolateRgbBasis(RISK_RAMP)).domain([0, max]);
  const labelW = 110;
  const headH = 96;
  // Room on the right for the last column's label, written at −45° from its cell's centre (7 characters ≈ 56 px across).
  const padR = 56;
  const cellW = Math.max(34, Math.min(64, Math.floor((width - labelW - padR) / Math.max(1, cols.length))));
  const cellH = 34;
  const fmt = (v: number) => (metric === 'cd' ? fmtPct(v) : v.toFixed(0));
  const legendW = 200;

  return (
    <div ref={ref} style={{ position: 'relative', width: '100%', overflowX: 'auto' }} data-testid={testId}>
      <svg width={Math.max(width, labelW + cols.length * cellW + padR)} height={headH + rows.length * cellH + 44} role="img" aria-label={title} style={{ display: 'block' }}>
        <defs>
          <pattern id={`${testId}-sup`} width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={5} height={5} fill="#fff" /><line x1={0} y1={0} x2={0} y2={5} stroke="#c5ced8" strokeWidth={1.5} />
          </pattern>
          <linearGradient id={`${testId}-ramp`}>{RISK_RAMP.map((c, k) => <stop key={c} offset={`${(k / (RISK_RAMP.length - 1)) * 100}%`} stopColor={c} />)}</linearGradient>
        </defs>
        <text x={labelW - 8} y={headH - 8} textAnchor="end" fontSize={12} fill="#616e7c">{rowLabel} ＼ {colLabel}</text>
        {cols.map((c, j) => (
          <text key={c.key} transform={`translate(${labelW + j * cellW + cellW / 2},${headH - 6}) rotate(-45)`} fontSize={11} fill="#3e4c59">
            <title>{c.key} {c.label}（{fmtInt(c.n)} 户）</title>{clip(c.label, 7)}
          </text>
        ))}
        {rows.map((r, k) => (
          <g key={r.key}>
            <text x={labelW - 8} y={headH + k * cellH + cellH / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#1f2933">
              <title>{r.label}（{fmtInt(r.n)} 户）</title>{clip(r.label, 8)}
            </text>
            {cols.map((c, j) => {
              const cell = byKey.get(`${r.key}|${c.key}`);
              const x = labelW + j * cellW, y = headH + k * cellH;
              if (!cell) return <rect key={c.key} x={x + 1} y={y + 1} width={cellW - 2} height={cellH - 2} fill="#f7f9fb" />;
              const v = value(cell);
              // Cells under MIN_COLOUR enterprises are not coloured: one enterprise in D is not a 100% risk area.
              const small = cell.n !== null && cell.n < MIN_COLOUR;
              const fill = v === null ? `url(#${testId}-sup)` : small ? '#f3f5f8' : color(v);
              const dark = v !== null && !small && hsl(color(v)).l < 0.55;
              const label = cellLabel(r.label, c.label, cell);
              return (
                <g key={c.key} role="button" aria-label={label} tabIndex={onSelect ? 0 : -1} style={{ cursor: onSelect ? 'pointer' : 'default' }}
                  data-testid={`${testId}-cell-${r.key}-${c.key}`} data-n={cell.n ?? ''} data-cd={cell.cd ?? ''}
                  onClick={() => onSelect?.(r.key, c.key)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(r.key, c.key); } }}
                  onMouseMove={(e) => setTip({ x: e.clientX, y: e.clientY, content: (
                    <>
                      <div style={{ fontWeight: 600 }}>{r.label} × {c.label}</div>
                      {cellTipLines(cell).map((t) => <div key={t}>{t}</div>)}
                    </>
                  ) })} onMouseLeave={() => setTip(null)}>
                  <rect x={x + 1} y={y + 1} width={cellW - 2} height={cellH - 2} fill={fill} rx={2} />
                  <text x={x + cellW / 2} y={y + 13} textAnchor="middle" fontSize={11} fontWeight={600} fill={dark ? '#fff' : small ? '#9aa5b1' : '#1f2933'} style={{ pointerEvents: 'none', fontVariantNumeric: 'tabular-nums' }}>
                    {v === null ? (cell.n === null ? WITHHELD : '—') : fmt(v)}
                  </text>
                  {cell.n !== null && <text x={x + cellW / 2} y={y + 26} textAnchor="middle" fontSize={9} fill={dark ? '#fde' : '#616e7c'} style={{ pointerEvents: 'none' }}>{fmtInt(cell.n)}</text>}
                </g>
              );
            })}
          </g>
        ))}
        <g transform={`translate(${labelW},${headH + rows.length * cellH + 14})`}>
          <text x={0} y={10} fontSize={11} fill="#616e7c">{metric === 'cd' ? 'C+D 占比' : '平均分'}</text>
          <rect x={64} y={1} width={legendW} height={10} fill={`url(#${testId}-ramp)`} />
          <text x={64} y={24} fontSize={10} fill="#616e7c">{fmt(0)}</text>
          <text x={64 + legendW} y={24} fontSize={10} fill="#616e7c" textAnchor="end">{fmt(max)}</text>
          <text x={64 + legendW + 14} y={10} fontSize={11} fill="#616e7c">格内：上为{metric === 'cd' ? '占比' : '均分'}，下为企业数；不足 {MIN_COLOUR} 户的格不着色</text>
        </g>
      </svg>
      <Tooltip tip={tip} />
    </div>
  );
}
