/** Class before → after per month and model (after a correction or a repair). Pure renderer. */
import { CLASS_COLORS, MODEL_LABELS } from '@/components/palette';
import s from './objections.module.css';

export interface ClassChangeRow { month: string; model_id: string; class_before: string; score_before: number | null; class_after: string; score_after: number | null }

const MODEL_LABEL = MODEL_LABELS;
const TEXT: Record<string, string> = { A: '#fff', B: '#10314f', C: '#3b1a05', D: '#fff' };

function Cls({ c }: { c: string }) {
  if (!c) return <span className="muted">未分类</span>;
  const bg = (CLASS_COLORS as Record<string, string>)[c] ?? '#eee';
  return <span className={s.cls} style={{ background: bg, color: TEXT[c] ?? '#000' }}>{c}</span>;
}

/** `after`: what changed the records — 更正 (an objection's correction, the default) or 修复 (a credit repair). */
export function ClassChanges({ rows, models, after = '更正' }: { rows: ClassChangeRow[]; models?: string[]; after?: '更正' | '修复' }) {
  const shown = models ? rows.filter((r) => models.includes(r.model_id)) : rows;
  if (shown.length === 0) return <div className="muted">暂无重新分类结果。</div>;
  const changed = shown.filter((r) => r.class_before !== r.class_after).length;
  return (
    <div>
      <div className="muted" style={{ marginBottom: 6 }}>共 {shown.length} 个月份·模型，其中类别变化 {changed} 个</div>
      <table className="data" aria-label="分类变化">
        <thead><tr><th>月份</th><th>模型</th><th>{after}前</th><th>{after}后</th><th className="num">分值变化</th></tr></thead>
        <tbody>
          {shown.map((r) => (
            <tr key={`${r.month}|${r.model_id}`} className={r.class_before !== r.class_after ? s.changed : undefined}>
              <td>{r.month}</td>
              <td>{MODEL_LABEL[r.model_id] ?? r.model_id}</td>
              <td><Cls c={r.class_before} /></td>
              <td><Cls c={r.class_after} />{r.class_before !== r.class_after && <span className={s.arrow}>（变化）</span>}</td>
              <td className="num">{r.score_before ?? '—'} → {r.score_after ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
