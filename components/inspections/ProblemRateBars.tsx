'use client';
/**
 * Grouped bars (d3 scales, React SVG): problem rate (问题发现率) per class for one or more plans side by side — this plan
 * against the previous one. Pure renderer: takes the numbers, never fetches. A class without results shows "无结果".
 * Every bar has `data-testid="rate-<series>-<class>"` with `data-value` (the rate, or '' when none).
 */
import { scaleBand, scaleLinear } from 'd3';
import { useWidth } from '@/components/charts/common';
import { CLASS_COLORS, CLASSES, fmtPct, type RiskClass } from '@/components/palette';

export interface RateCell { rate: number | null; problem: number; inspected: number }
export interface RateSeries { key: string; label: string; values: Record<RiskClass, RateCell> }

export function ProblemRateBars({ series, title, height = 240 }: { series: RateSeries[]; title: string; height?: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const m = { top: 24, right: 12, bottom: 44, left: 48 };
  const innerW = Math.max(120, width - m.left - m.right);
  const innerH = height - m.top - m.bottom;
  const maxRate = Math.max(0.1, ...series.flatMap((s) => CLASSES.map((c) => s.values[c].rate ?? 0)));
  const y = scaleLinear().domain([0, maxRate]).nice().range([innerH, 0]);
  const x0 = scaleBand<RiskClass>().domain([...CLASSES]).range([0, innerW]).paddingInner(0.25).paddingOuter(0.1);
  // Bars no wider than 90 px each, centred in their class band.
  const groupW = Math.min(x0.bandwidth(), series.length * 90);
  const groupX = (x0.bandwidth() - groupW) / 2;
  const x1 = scaleBand<string>().domain(series.map((s) => s.key)).range([groupX, groupX + groupW]).padding(0.08);
  const ticks = y.ticks(5);
  const opacity = (i: number) => (i === 0 ? 1 : 0.45);
  return (
    <div ref={ref} data-testid="problem-rate-bars">
      <svg width={width} height={height} role="img" aria-label={title}>
        <g transform={`translate(${m.left},${m.top})`}>
          {ticks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={0} x2={innerW} stroke="#e6eaf0" />
              <text x={-6} dy="0.32em" textAnchor="end" fontSize={11} fill="#616e7c">{fmtPct(t, 0)}</text>
            </g>
          ))}
          {CLASSES.map((c) => (
            <g key={c} transform={`translate(${x0(c) ?? 0},0)`}>
              {series.map((s, i) => {
                const v = s.values[c];
                const bx = x1(s.key) ?? 0;
                const h = v.rate === null ? 0 : innerH - y(v.rate);
                return (
                  <g key={s.key}>
                    <rect data-testid={`rate-${s.key}-${c}`} data-value={v.rate ?? ''} x={bx} y={innerH - h} width={x1.bandwidth()} height={Math.max(h, v.rate === null ? 0 : 1)}
                      fill={CLASS_COLORS[c]} fillOpacity={opacity(i)} stroke={CLASS_COLORS[c]} aria-label={`${s.label} ${c} 类：${v.rate === null ? '无结果' : `${fmtPct(v.rate)}（${v.problem}/${v.inspected}）`}`}>
                      <title>{`${s.label} ${c} 类：${v.rate === null ? '无结果' : `${fmtPct(v.rate)}（发现问题 ${v.problem} / 已检查 ${v.inspected}）`}`}</title>
                    </rect>
                    <text x={bx + x1.bandwidth() / 2} y={innerH - h - 4} textAnchor="middle" fontSize={11} fill="#1f2933" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {v.rate === null ? '无结果' : fmtPct(v.rate, 0)}
                    </text>
                  </g>
                );
              })}
              <text x={x0.bandwidth() / 2} y={innerH + 18} textAnchor="middle" fontSize={12} fill="#1f2933">{c} 类</text>
            </g>
          ))}
          <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke="#9aa5b1" />
        </g>
        <g transform={`translate(${m.left},${height - 12})`}>
          {series.map((s, i) => (
            <g key={s.key} transform={`translate(${i * 200},0)`}>
              <rect x={0} y={-9} width={12} height={10} fill="#4e5d6c" fillOpacity={opacity(i)} />
              <text x={18} y={0} fontSize={12} fill="#1f2933">{s.label}</text>
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
