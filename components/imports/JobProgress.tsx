'use client';
/** Live state of an import job. Pure renderer. */
import { STATUS_LABEL } from './importRows';

export interface JobView { id: string; label: string; status: 'running' | 'done' | 'failed'; progress: string; fraction: number | null; error: string | null }

export function JobProgress({ job }: { job: JobView }) {
  const pct = job.status === 'running' ? job.fraction : 1;
  return (
    <div data-testid="import-job" data-status={job.status} role="status" aria-live="polite"
      style={{ border: '1px solid var(--line)', borderRadius: 6, padding: 12, marginTop: 12 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'baseline' }}>
        <b>{job.label}</b>
        <span className={job.status === 'failed' ? 'error' : 'muted'}>{STATUS_LABEL[job.status] ?? job.status}</span>
      </div>
      <div style={{ height: 8, background: '#e8edf3', borderRadius: 4, margin: '8px 0', overflow: 'hidden' }}>
        <div style={{
          height: '100%', borderRadius: 4, transition: 'width .3s',
          width: pct === null ? '30%' : `${Math.round(pct * 100)}%`,
          background: job.status === 'failed' ? '#b3261e' : job.status === 'done' ? '#2e7d32' : '#1d4f91',
          opacity: pct === null && job.status === 'running' ? 0.5 : 1,
        }} />
      </div>
      {job.status === 'failed'
        ? <div className="error" role="alert">导入失败：{job.error}</div>
        : <div className="muted">{job.status === 'done' ? '导入完成，结果见下方导入记录' : job.progress}{pct !== null && job.status === 'running' ? `（${Math.round(pct * 100)}%）` : ''}</div>}
    </div>
  );
}
