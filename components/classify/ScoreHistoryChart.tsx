'use client';
/** Score by month as a step line over the A/B/C/D bands (d3 scales, React-rendered SVG); dots coloured by class. */
import { scaleLinear, scalePoint, line as d3line, curveStepAfter } from 'd3';
import { CLASS_COLORS, type RiskClass } from '@/components/palette';

export interface ScorePoint { month: string; score: number; class: string }

export function ScoreHistoryChart({ points, bands, width = 900, height = 240 }: { points: ScorePoint[]; bands: { B: number; C: number; D: number }; width?: number; height?: number }) {
  const m = { top: 10, right: 40, bottom: 28, left: 44 };
  const x = scalePoint<string>().domain(points.map((p) => p.month)).range([m.left, width - m.right]).padding(0.3);
  const y = scaleLinear().domain([0, 1000]).range([height - m.bottom, m.top]);
  const bandRows: Array<[RiskClass, number, number]> = [['A', 0, bands.B], ['B', bands.B, bands.C], ['C', bands.C, bands.D], ['D', bands.D, 1000]];
  const path = d3line<ScorePoint>().x((p) => x(p.month) ?? 0).y((p) => y(p.score)).curve(curveStepAfter)(points) ?? '';
  const every = Math.max(1, Math.ceil(points.length / 12));
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="分值与类别逐月变化" data-testid="score-history">
      {bandRows.map(([c, lo, hi]) => (
        <g key={c}>
          <rect x={m.left} width={width - m.left - m.right} y={y(hi)} height={y(lo) - y(hi)} fill={CLASS_COLORS[c]} opacity={0.15} />
          <text x={width - m.right + 6} y={(y(lo) + y(hi)) / 2 + 4} fontSize={12} fill={CLASS_COLORS[c]} fontWeight={600}>{c}</text>
        </g>
      ))}
      {[0, 250, 500, 750, 1000].map((t) => (
        <g key={t}><line x1={m.left - 4} x2={m.left} y1={y(t)} y2={y(t)} stroke="#999" /><text x={m.left - 6} y={y(t) + 4} fontSize={11} textAnchor="end" fill="#616e7c">{t}</text></g>
      ))}
      {points.map((p, k) => (k % every === 0 ? <text key={p.month} x={x(p.month)} y={height - 8} fontSize={11} textAnchor="middle" fill="#616e7c">{p.month}</text> : null))}
      <path d={path} fill="none" stroke="#1f2933" strokeWidth={1.5} />
      {points.map((p) => (
        <circle key={p.month} cx={x(p.month)} cy={y(p.score)} r={3.5} fill={CLASS_COLORS[(p.class as RiskClass)] ?? '#999'} stroke="#fff">
          <title>{`${p.month}：${p.class}类，${p.score.toFixed(1)} 分`}</title>
        </circle>
      ))}
    </svg>
  );
}
