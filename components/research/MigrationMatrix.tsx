'use client';
/** Class migration between two months: counts with row shares; the diagonal (unchanged) is outlined. */
import { fmtInt, fmtPct, WITHHELD } from '@/components/palette';
import { CLASS_COLORS } from './classStyle';
import css from './research.module.css';

const KEYS = ['A', 'B', 'C', 'D', '-'] as const;
const NAME: Record<string, string> = { A: 'A', B: 'B', C: 'C', D: 'D', '-': '未分类' };

export interface MigrationMatrixProps {
  from: string;
  to: string;
  counts: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
  testId: string;
  onSelect?: (fromClass: string, toClass: string) => void;
}

export function MigrationMatrix({ from, to, counts, rowTotals, testId, onSelect }: MigrationMatrixProps) {
  const colTotals = KEYS.map((_, j) => counts.reduce<number | null>((a, row) => (a === null || row[j] === null ? null : a + (row[j] ?? 0)), 0));
  return (
    <table className={`data ${css.matrix}`} data-testid={testId}>
      <caption className="muted">行：{from} 的分类；列：{to} 的分类。格内为企业数与占该行的比例；“未分类”为当月新增或退出。</caption>
      <thead>
        <tr><th scope="col">{from} ＼ {to}</th>{KEYS.map((k) => <th key={k} scope="col" className="num"><Swatch k={k} />{NAME[k]}</th>)}<th scope="col" className="num">合计</th></tr>
      </thead>
      <tbody>
        {KEYS.map((f, i) => {
          const row = counts[i] ?? [];
          const tot = rowTotals[i] ?? null;
          if (tot === 0 && f === '-') return null;
          return (
            <tr key={f}>
              <th scope="row"><Swatch k={f} />{NAME[f]}</th>
              {KEYS.map((t, j) => {
                const v = row[j] ?? null;
                const share = v !== null && tot ? v / tot : null;
                const up = KEYS.indexOf(t) > KEYS.indexOf(f) && t !== '-' && f !== '-';
                return (
                  <td key={t} className={`num ${i === j ? css.diag : ''}`} data-testid={`${testId}-${f}-${t}`} data-value={v ?? ''}
                    style={{ background: share !== null && share > 0 && i !== j ? `rgba(${up ? '215,48,39' : '69,117,180'},${Math.min(0.35, share * 1.5)})` : undefined, cursor: onSelect && v ? 'pointer' : undefined }}
                    onClick={() => v && onSelect?.(f, t)}>
                    <div>{v === null ? WITHHELD : fmtInt(v)}</div>
                    <div className={css.sub}>{share === null ? '' : fmtPct(share)}</div>
                  </td>
                );
              })}
              <td className="num"><b>{tot === null ? '—' : fmtInt(tot)}</b></td>
            </tr>
          );
        })}
        <tr><th scope="row">合计</th>{colTotals.map((v, j) => <td key={j} className="num"><b>{v === null ? '—' : fmtInt(v)}</b></td>)}<td /></tr>
      </tbody>
    </table>
  );
}

function Swatch({ k }: { k: string }) {
  if (k === '-') return null;
  return <i className={css.swatch} style={{ background: CLASS_COLORS[k as 'A'] }} aria-hidden="true" />;
}
