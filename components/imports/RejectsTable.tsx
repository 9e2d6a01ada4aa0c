'use client';
/** 拒收记录 of one import: file, line, key, reason; paged. Pure renderer. */
import { fmtInt } from '../palette';
import type { RejectView } from './importRows';

export function RejectsTable({ rows, offset, pageSize, total, onPage }: {
  rows: RejectView[]; offset: number; pageSize: number; total: number | null; onPage: (offset: number) => void;
}) {
  const hasNext = total !== null ? offset + rows.length < total : rows.length === pageSize;
  return (
    <div>
      <table className="data" aria-label="拒收记录">
        <thead><tr><th>文件</th><th className="num">行号</th><th>键（uscc / event_id）</th><th>原因</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.file}:${r.line}`} data-testid={`reject-${r.file}-${r.line}`} title={r.raw ? `原始行：${r.raw}` : undefined}>
              <td>{r.file}</td><td className="num">{r.line}</td><td style={{ fontFamily: 'monospace' }}>{r.key}</td><td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: 'flex', gap: 10, alignItems: 'center', marginTop: 10 }}>
        <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>上一页</button>
        <button type="button" disabled={!hasNext} onClick={() => onPage(offset + pageSize)}>下一页</button>
        <span className="muted">第 {fmtInt(rows.length ? offset + 1 : 0)}–{fmtInt(offset + rows.length)} 条{total !== null ? `，共 ${fmtInt(total)} 条` : ''}</span>
      </div>
    </div>
  );
}
