'use client';
/** Score by month as a step line over the A/B/C/D bands (d3 scales, React-rendered SVG); dots coloured by class. */
import { scaleLinear, scalePoint, line as d3line, curveStepAfter } from 'd3';
import { CLASS_COLORS, type RiskClass } from '@/components/palette';

type Bands = { B: number; C: number; D: number };
/** `bands`: those of the model version that classified the month (null: the chart's default bands). */
export interface ScorePoint { month: string; score: number; class: string; bands?: Bands | null }

const bandRowsOf = (b: Bands): Array<[RiskClass, number, number]> => [['A', 0, b.B], ['B', b.B, b.C], ['C', b.C, b.D], ['D', b.D, 1000]];

/**
 * The bands are drawn month by month, each month with its own (a month classified by another model version, or by a
 * key-area model, may have other bands); `bands` is the default for a month without any.
 */
export function ScoreHistoryChart({ points, bands, width = 900, height = 240 }: { points: ScorePoint[]; bands: Bands; width?: number; height?: number }) {
  const m = { top: 10, right: 40, bottom: 28, left: 44 };
  const x = scalePoint<string>().domain(points.map((p) => p.month)).range([m.left, width - m.right]).padding(0.3);
  const y = scaleLinear().domain([0, 1000]).range([height - m.bottom, m.top]);
  const path = d3line<ScorePoint>().x((p) => x(p.month) ?? 0).y((p) => y(p.score)).curve(curveStepAfter)(points) ?? '';
  const every = Math.max(1, Math.ceil(points.length / 12));
  // Each month's column: halfway to its neighbours, the first and last to the plot's edges.
  const cx = points.map((p) => x(p.month) ?? m.left);
  const edge = (k: number) => (k <= 0 ? m.left : k >= points.length ? width - m.right : (cx[k - 1]! + cx[k]!) / 2);
  const labelBands = points.at(-1)?.bands ?? bands;
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="分值与类别逐月变化" data-testid="score-history">
      {(points.length ? points : [{ month: '', score: 0, class: '', bands }]).map((p, k) => (
        <g key={`band-${p.month}`} data-testid="score-bands" data-month={p.month}>
          {bandRowsOf(p.bands ?? bands).map(([c, lo, hi]) => (
            <rect key={c} x={edge(k)} width={Math.max(0, edge(k + 1) - edge(k))} y={y(hi)} height={y(lo) - y(hi)} fill={CLASS_COLORS[c]} opacity={0.15} />
          ))}
        </g>
      ))}
      {bandRowsOf(labelBands).map(([c, lo, hi]) => (
        <text key={c} x={width - m.right + 6} y={(y(lo) + y(hi)) / 2 + 4} fontSize={12} fill={CLASS_COLORS[c]} fontWeight={600}>{c}</text>
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
