'use client';
/**
 * Ranked risk concentrations (with Wilson 95% intervals drawn as whiskers on a common share axis) and rising risk
 * (Cochran–Armitage z, slope in points per month, BH q-value, and a sparkline of the monthly C+D share).
 */
import { scaleLinear, line as d3line } from 'd3';
import { fmtInt, fmtPct, CLASS_COLORS } from '@/components/palette';
import css from './research.module.css';

export interface ConcentrationRow { region: string; regionLabel: string; industry: string; industryLabel: string; n: number; cd: number; d: number; share: number; lo: number; hi: number }

export function ConcentrationTable({ rows, testId, onSelect, onDetail }: { rows: ConcentrationRow[]; testId: string; onSelect?: (r: ConcentrationRow) => void; onDetail?: (r: ConcentrationRow) => void }) {
  const max = Math.min(1, Math.max(0.1, ...rows.map((r) => r.hi)));
  const W = 76;
  const x = scaleLinear().domain([0, max]).range([4, W - 4]);
  return (
    <div className={css.tableScroll}>
    <table className={`data ${css.compact}`} data-testid={testId}>
      <thead><tr><th>#</th><th>地区</th><th>行业</th><th className="num">企业数</th><th className="num">C+D</th><th className="num">占比</th><th colSpan={2}>95% 置信区间</th>{onDetail && <th />}</tr></thead>
      <tbody>
        {rows.map((r, k) => (
          <tr key={`${r.region}|${r.industry}`} className={onSelect ? css.clickRow : undefined} onClick={() => onSelect?.(r)} data-testid={`${testId}-row-${k}`}>
            <td className="num muted">{k + 1}</td>
            <td className={css.name}>{r.regionLabel}</td>
            <td title={r.industry} className={css.industry}>{r.industryLabel}</td>
            <td className="num">{fmtInt(r.n)}</td>
            <td className="num">{fmtInt(r.cd)}</td>
            <td className="num"><b>{fmtPct(r.share)}</b></td>
            <td>
              <svg width={W} height={16} role="img" aria-label={`${fmtPct(r.lo)} 至 ${fmtPct(r.hi)}`}>
                <title>{`95% 置信区间 ${fmtPct(r.lo)}–${fmtPct(r.hi)}`}</title>
                <line x1={x(r.lo)} x2={x(r.hi)} y1={8} y2={8} stroke="#7b8794" strokeWidth={1.5} />
                <line x1={x(r.lo)} x2={x(r.lo)} y1={4} y2={12} stroke="#7b8794" />
                <line x1={x(r.hi)} x2={x(r.hi)} y1={4} y2={12} stroke="#7b8794" />
                <circle cx={x(r.share)} cy={8} r={3.5} fill={CLASS_COLORS.D} />
              </svg>
            </td>
            <td className={`num ${css.sub}`}>{fmtPct(r.lo, 0)}–{fmtPct(r.hi, 0)}</td>
            {onDetail && <td><button type="button" className={css.linkBtn} onClick={(e) => { e.stopPropagation(); onDetail(r); }}>明细</button></td>}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export interface RisingRow { key: string; label: string; months: string[]; shares: number[]; n: number[]; z: number; p: number; q: number; slope: number; first: number; last: number }

function Sparkline({ values }: { values: number[] }) {
  const W = 96, H = 22;
  const x = scaleLinear().domain([0, Math.max(1, values.length - 1)]).range([2, W - 2]);
  const lo = Math.min(...values), hi = Math.max(...values);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 0.01 : hi]).range([H - 3, 3]);
  const d = d3line<number>().x((_, i) => x(i)).y((v) => y(v))(values) ?? '';
  return (
    <svg width={W} height={H} aria-hidden="true">
      <path d={d} fill="none" stroke={CLASS_COLORS.D} strokeWidth={1.6} />
      <circle cx={x(values.length - 1)} cy={y(values[values.length - 1] ?? 0)} r={2.2} fill={CLASS_COLORS.D} />
    </svg>
  );
}

export function RisingTable({ rows, testId, onSelect }: { rows: RisingRow[]; testId: string; onSelect?: (r: RisingRow) => void }) {
  return (
    <div className={css.tableScroll}>
    <table className={`data ${css.compact}`} data-testid={testId}>
      <thead><tr><th>#</th><th>名称</th><th>C+D 占比走势</th><th className="num">首月→末月</th><th className="num">斜率（百分点/月）</th><th className="num">z</th><th className="num">q 值</th></tr></thead>
      <tbody>
        {rows.map((r, k) => (
          <tr key={r.key} className={onSelect ? css.clickRow : undefined} onClick={() => onSelect?.(r)} data-testid={`${testId}-row-${k}`}>
            <td className="num muted">{k + 1}</td>
            <td className={css.name}>{r.label}<div className={css.sub}>{fmtInt(r.n[r.n.length - 1] ?? 0)} 户</div></td>
            <td><Sparkline values={r.shares} /></td>
            <td className="num">{fmtPct(r.first)} → {fmtPct(r.last)}</td>
            <td className="num"><b>+{(r.slope * 100).toFixed(2)}</b></td>
            <td className="num">{r.z.toFixed(2)}</td>
            <td className={`num ${r.q < 0.05 ? css.sig : 'muted'}`}>{r.q < 0.001 ? '<0.001' : r.q.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
