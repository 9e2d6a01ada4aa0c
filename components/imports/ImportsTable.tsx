'use client';
/** 导入记录: one row per import, with accepted / rejected counts per file. Pure renderer. */
import { fmtInt } from '../palette';
import { STATUS_LABEL, fmtTime, type ImportView } from './importRows';
import { actorLabel } from '@/components/actor';

const STATUS_COLOR: Record<string, string> = { done: '#2e7d32', failed: '#b3261e', running: '#1d4f91' };

export function ImportsTable({ rows, selected, onSelect }: { rows: ImportView[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <table className="data" aria-label="导入记录">
      <thead>
        <tr><th>开始时间</th><th>操作人</th><th>状态</th><th>文件</th><th className="num">接收</th><th className="num">拒收</th><th>说明</th><th /></tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const files = r.files.length ? r.files : [{ file: '—', accepted: 0, rejected: 0 }];
          const rejected = r.files.reduce((a, f) => a + f.rejected, 0);
          return files.map((f, i) => (
            <tr key={`${r.id}-${f.file}`} data-testid={i === 0 ? `import-${r.id}` : undefined} aria-selected={selected === r.id}
              style={selected === r.id ? { background: '#eef4fb' } : undefined}>
              {i === 0 && <>
                <td rowSpan={files.length} style={{ whiteSpace: 'nowrap' }}>{fmtTime(r.startedAt)}</td>
                <td rowSpan={files.length}>{actorLabel(r.user)}</td>
                <td rowSpan={files.length} style={{ color: STATUS_COLOR[r.status] ?? undefined, fontWeight: 600 }}>{STATUS_LABEL[r.status] ?? r.status}</td>
              </>}
              <td>{f.file}</td>
              <td className="num">{r.files.length ? fmtInt(f.accepted) : ''}</td>
              <td className="num" style={f.rejected ? { color: '#b3261e' } : undefined}>{r.files.length ? fmtInt(f.rejected) : ''}</td>
              {i === 0 && <>
                <td rowSpan={files.length} style={{ maxWidth: 380 }}>
                  {r.message && <div className={r.status === 'failed' ? 'error' : undefined}>{r.message}</div>}
                  {r.notices.map((n) => <div key={n} className="muted" style={{ fontSize: 12 }}>{n}</div>)}
                </td>
                <td rowSpan={files.length}>
                  {rejected > 0 && <button type="button" onClick={() => onSelect(r.id)} aria-label={`查看拒收记录 ${r.id}`}>拒收明细</button>}
                </td>
              </>}
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
