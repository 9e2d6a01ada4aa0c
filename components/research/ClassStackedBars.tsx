'use client';
/**
 * Class distribution by a breakdown: one horizontal stacked bar per group (A → D left to right), as counts or
 * as shares, with the group's size, C+D share and mean score in aligned columns on the right. Clicking a bar
 * selects the group (cross-filter / drill-down); "明细" opens its enterprises. Suppressed values (partners) show 不公开.
 */
import { useState } from 'react';
import { scaleBand, scaleLinear } from 'd3';
import { fmtInt, fmtPct, WITHHELD } from '@/components/palette';
import { useWidth, clip, fmtAxis, Tooltip, type TooltipState } from '@/components/charts/common';
import { CLASSES, CLASS_LABELS, CLASS_TEXT, ClassDefs, classFill } from './classStyle';
import { barSegments } from './barSegments';

export interface StackedRow {
  key: string;
  label: string;
  counts: Array<number | null>;
  n: number | null;
  meanScore: number | null;
}

export interface ClassStackedBarsProps {
  rows: StackedRow[];
  mode: 'count' | 'share';
  categoryLabel: string;
  title: string;
  testId: string;
  selected?: string;
  onSelect?: (key: string) => void;
  onDetail?: (key: string) => void;
}

const ROW_H = 26;
const COLS = [{ key: 'n', label: '企业数', w: 68 }, { key: 'cd', label: 'C+D占比', w: 66 }, { key: 'mean', label: '平均分', w: 54 }] as const;

export function ClassStackedBars({ rows, mode, categoryLabel, title, testId, selected, onSelect, onDetail }: ClassStackedBarsProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const labelChars = 9;
  const colsW = COLS.reduce((a, c) => a + c.w, 0) + (onDetail ? 40 : 0);
  const m = { top: 24, right: 8, bottom: 30, left: 12 + labelChars * 13 };
  const innerW = Math.max(120, width - m.left - m.right - colsW - 12);
  const innerH = Math.max(ROW_H, rows.length * ROW_H);
  const y = scaleBand().domain(rows.map((r) => r.key)).range([0, innerH]).padding(0.2);
  const maxN = Math.max(1, ...rows.map((r) => r.n ?? 0));
  const x = scaleLinear().domain([0, mode === 'share' ? 1 : maxN]).range([0, innerW]);
  if (mode === 'count') x.nice();
  const ticks = x.ticks(Math.max(2, Math.floor(innerW / 90)));
  const colX = m.left + innerW + 12;
  const prefix = `sb-${testId}`;

  return (
    <div ref={ref} style={{ position: 'relative', width: '100%' }} data-testid={testId}>
      <svg width={width} height={innerH + m.top + m.bottom} role="img" aria-label={title} style={{ display: 'block' }}>
        <ClassDefs prefix={prefix} />
        <text x={m.left - 8} y={14} textAnchor="end" fontSize={12} fill="#616e7c">{categoryLabel}</text>
        {COLS.map((c, i) => {
          const right = colX + COLS.slice(0, i + 1).reduce((a, cc) => a + cc.w, 0) - 6;
          return <text key={c.key} x={right} y={14} textAnchor="end" fontSize={12} fill="#616e7c">{c.label}</text>;
        })}
        <g transform={`translate(${m.left},${m.top})`}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={0} y2={innerH} stroke="#edf0f4" />
              <text x={x(t)} y={innerH + 16} textAnchor="middle" fontSize={11} fill="#7b8794">{mode === 'share' ? `${Math.round(t * 100)}%` : fmtAxis(t, ticks.at(-1))}</text>
            </g>
          ))}
        </g>
        {rows.map((r) => {
          const yy = m.top + (y(r.key) ?? 0);
          const h = y.bandwidth();
          const n = r.n;
          const cd = (r.counts[2] ?? null) !== null && (r.counts[3] ?? null) !== null && n ? ((r.counts[2] ?? 0) + (r.counts[3] ?? 0)) / n : null;
          const isSel = selected === r.key;
          const aria = `${r.label}：共${n === null ? WITHHELD : `${fmtInt(n)}户`}，${CLASSES.map((c, i) => `${c}类${r.counts[i] === null ? WITHHELD : fmtInt(r.counts[i] ?? 0)}`).join('，')}`;
          return (
            <g key={r.key} data-testid={`${testId}-row-${r.key}`} data-n={n ?? ''} data-counts={r.counts.map((c) => c ?? '').join(',')}
              role="button" tabIndex={onSelect ? 0 : -1} aria-label={aria} aria-pressed={isSel}
              style={{ cursor: onSelect ? 'pointer' : 'default' }}
              onClick={() => onSelect?.(r.key)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect?.(r.key); } }}
              onMouseMove={(e) => setTip({ x: e.clientX, y: e.clientY, content: (
                <>
                  <div style={{ fontWeight: 600, marginBottom: 3 }}>{r.label}（{n === null ? WITHHELD : `${fmtInt(n)} 户`}）</div>
                  {CLASSES.map((c, i) => {
                    const v = r.counts[i] ?? null;
                    return <div key={c}>{CLASS_LABELS[c]}：{v === null ? WITHHELD : `${fmtInt(v)}（${n ? fmtPct(v / n) : '—'}）`}</div>;
                  })}
                  {onSelect && <div style={{ opacity: 0.8, marginTop: 3 }}>点击筛选到此项</div>}
                </>
              ) })}
              onMouseLeave={() => setTip(null)}>
              {isSel && <rect x={2} y={yy - 2} width={width - 4} height={h + 4} fill="#e8eef7" rx={3} />}
              <text x={m.left - 8} y={yy + h / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#1f2933" fontWeight={isSel ? 600 : 400}>
                <title>{r.label}</title>{clip(r.label, labelChars)}
              </text>
              {n === null
                ? <rect x={m.left} y={yy} width={24} height={h} fill={`url(#${prefix}-hatch-none)`} />
                : barSegments(r.counts, n, mode).map((sg) => {
                  const x0 = m.left + x(sg.from);
                  const w = x(sg.to) - x(sg.from);
                  if (sg.key === 'withheld') return <rect key={sg.key} x={x0} y={yy} width={Math.max(0, w)} height={h} fill={`url(#${prefix}-hatch-none)`} data-withheld="" />;
                  const val = sg.value ?? 0;
                  const show = mode === 'share' && n ? `${Math.round((val / n) * 100)}%` : fmtInt(val);
                  return (
                    <g key={sg.key}>
                      <rect x={x0} y={yy} width={Math.max(0, w)} height={h} fill={classFill(sg.key, prefix)} stroke="#fff" strokeWidth={0.5} />
                      {w > show.length * 7 + 6 && <text x={x0 + w / 2} y={yy + h / 2} dy="0.35em" textAnchor="middle" fontSize={11} fill={CLASS_TEXT[sg.key]} style={{ pointerEvents: 'none' }}>{show}</text>}
                    </g>
                  );
                })}
              {[n === null ? WITHHELD : fmtInt(n), cd === null ? '—' : fmtPct(cd), r.meanScore === null ? '—' : r.meanScore.toFixed(0)].map((t, i) => {
                const right = colX + COLS.slice(0, i + 1).reduce((a, cc) => a + cc.w, 0) - 6;
                return <text key={i} x={right} y={yy + h / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#1f2933" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={i === 0 ? `${testId}-n-${r.key}` : undefined}>{t}</text>;
              })}
              {onDetail && r.key !== '' && (
                <text x={width - 8} y={yy + h / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#1d4f91" style={{ cursor: 'pointer' }}
                  role="link" tabIndex={0} aria-label={`${r.label} 企业明细`}
                  onClick={(e) => { e.stopPropagation(); onDetail(r.key); }}
                  onKeyDown={(e) => { if (e.key === 'Enter') { e.stopPropagation(); e.preventDefault(); onDetail(r.key); } }}>明细</text>
              )}
            </g>
          );
        })}
      </svg>
      <Tooltip tip={tip} />
    </div>
  );
}
