'use client';
/**
 * 数据管理 screen (admin): upload an import folder's files, watch the import job, list imports and their
 * rejected rows. Talks to POST /api/import and the `data` procedures.
 */
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { ImportsTable } from './ImportsTable';
import { RejectsTable } from './RejectsTable';
import { JobProgress, type JobView } from './JobProgress';
import { toImportView, toRejectPage } from './importRows';

const ACCEPTED = /^(enterprises|roles|events)\.(csv|xlsx)$/i;
const PAGE = 50;
/** Visually hidden but focusable and reachable by label (the button-styled label opens it). */
const HIDDEN = { position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' } as const;
const fmtSize = (b: number) => (b >= 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

export function DataView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<File[]>([]);
  const [ignored, setIgnored] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const folderRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);

  // An import started earlier (e.g. before a page reload) that is still running: follow it.
  const jobs = useQuery({ ...trpc.data.jobs.queryOptions(), staleTime: 0, enabled: jobId === null });
  const runningElsewhere = jobs.data?.find((j) => j.status === 'running');
  if (jobId === null && runningElsewhere) setJobId(runningElsewhere.id);
  const imports = useQuery({ ...trpc.data.imports.queryOptions(), staleTime: 0 });
  const job = useQuery({
    ...trpc.data.job.queryOptions({ id: jobId ?? '00000000-0000-0000-0000-000000000000' }),
    enabled: jobId !== null, staleTime: 0, retry: false,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
  const jobDone = job.data && job.data.status !== 'running';
  const [refreshedFor, setRefreshedFor] = useState<string | null>(null);
  if (jobDone && job.data && refreshedFor !== job.data.id) {
    setRefreshedFor(job.data.id);
    void qc.invalidateQueries({ queryKey: trpc.data.imports.queryKey() });
  }
  const rejects = useQuery({
    ...trpc.data.rejects.queryOptions({ importId: selected ?? '-', limit: PAGE, offset }),
    enabled: selected !== null,
  });

  const choose = (list: FileList | null) => {
    const all = [...(list ?? [])];
    const base = (f: File) => f.name.split(/[\\/]/).pop() ?? f.name;
    setPicked(all.filter((f) => ACCEPTED.test(base(f))));
    setIgnored(all.filter((f) => !ACCEPTED.test(base(f))).map((f) => f.webkitRelativePath || f.name));
    setUploadError(null);
  };

  const upload = async () => {
    setUploading(true); setUploadError(null);
    try {
      const body = new FormData();
      for (const f of picked) body.append('files', f, f.name.split(/[\\/]/).pop() ?? f.name);
      const res = await fetch('/api/import', { method: 'POST', body });
      const out = (await res.json().catch(() => ({}))) as { jobId?: string; error?: string };
      if (!res.ok || !out.jobId) throw new Error(out.error ?? `上传失败（HTTP ${res.status}）`);
      setJobId(out.jobId);
      setPicked([]); setIgnored([]);
      if (folderRef.current) folderRef.current.value = '';
      if (filesRef.current) filesRef.current.value = '';
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  const rows = (imports.data ?? []).map(toImportView).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const page = rejects.data ? toRejectPage(rejects.data) : null;
  const selectedView = rows.find((r) => r.id === selected);
  const running = job.data?.status === 'running';

  return (
    <div>
      <h1>数据管理</h1>
      <section className="panel" aria-label="导入数据">
        <h2>导入数据</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          选择一个导入文件夹或其中的文件：<code>enterprises.csv</code>（企业）、<code>roles.csv</code>（人员，可选）、<code>events.csv</code>（事件），
          也可为 .xlsx。编码 UTF-8 或 GB18030 自动识别；不合规的行不导入，保留在拒收记录中；无法读取的文件会中止导入且不改变现有数据。
        </p>
        <div className="filters" style={{ marginBottom: 8, alignItems: 'center' }}>
          <label className="button" style={{ flexDirection: 'row', color: 'var(--ink)' }}>选择文件夹…
            <input ref={folderRef} type="file" aria-label="选择文件夹" multiple onChange={(e) => choose(e.target.files)} style={HIDDEN}
              {...{ webkitdirectory: '', directory: '' }} />
          </label>
          <label className="button" style={{ flexDirection: 'row', color: 'var(--ink)' }}>选择文件…
            <input ref={filesRef} type="file" aria-label="选择文件" multiple accept=".csv,.xlsx" onChange={(e) => choose(e.target.files)} style={HIDDEN} />
          </label>
          <button type="button" className="primary" disabled={picked.length === 0 || uploading || running} onClick={() => void upload()}>
            {uploading ? '上传中…' : '开始导入'}
          </button>
        </div>
        {picked.length === 0 && !job.data && <p className="muted" style={{ margin: '4px 0' }}>尚未选择文件</p>}
        {picked.length > 0 && (
          <ul style={{ margin: '4px 0', paddingLeft: 18 }} aria-label="待导入文件">
            {picked.map((f) => <li key={f.name}>{f.name.split(/[\\/]/).pop()}{'\u3000'}<span className="muted">{fmtSize(f.size)}</span></li>)}
          </ul>
        )}
        {ignored.length > 0 && <p className="notice">以下文件不是导入文件，将被忽略：{ignored.join('、')}</p>}
        {uploadError && <p className="error" role="alert">{uploadError}</p>}
        {job.data && <JobProgress job={job.data as JobView} />}
        {job.isError && <p className="error" role="alert">无法获取导入进度：{job.error.message}</p>}
      </section>

      <section className="panel" aria-label="导入记录">
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 12 }}>
          <h2>导入记录</h2>
          <span style={{ flex: 1 }} />
          <button type="button" onClick={() => void imports.refetch()}>刷新</button>
        </div>
        {imports.isPending && <div className="state" role="status">加载中…</div>}
        {imports.isError && <div className="state error" role="alert">加载失败：{imports.error.message}{'\u3000'}<button type="button" onClick={() => void imports.refetch()}>重试</button></div>}
        {imports.data && rows.length === 0 && <div className="state">尚无导入记录。可在上方上传文件，或在服务器上运行 <code>npm run cli -- seed</code> 生成示例数据。</div>}
        {rows.length > 0 && <ImportsTable rows={rows} selected={selected} onSelect={(id) => { setSelected(id); setOffset(0); }} />}
      </section>

      {selected && (
        <section className="panel" aria-label="拒收记录">
          <h2>拒收记录 <span className="muted" style={{ fontSize: 12, fontWeight: 400 }}>导入 {selectedView ? `${selectedView.startedAt} · ${selectedView.user}` : selected}</span></h2>
          {rejects.isPending && <div className="state" role="status">加载中…</div>}
          {rejects.isError && <div className="state error" role="alert">加载失败：{rejects.error.message}</div>}
          {page && page.rows.length === 0 && offset === 0 && <div className="state">此次导入没有拒收记录。</div>}
          {page && (page.rows.length > 0 || offset > 0) && <RejectsTable rows={page.rows} offset={offset} pageSize={PAGE} total={page.total} onPage={setOffset} />}
        </section>
      )}
    </div>
  );
}
