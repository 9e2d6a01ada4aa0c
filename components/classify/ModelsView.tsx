'use client';
/** 模型与验证: model files by version (readable review), runs (administrators start them), validation of a month. */
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { CLASS_COLORS, CLASSES, RUN_STATUS_LABELS, fmtInt, fmtPct, modelLabel } from '@/components/palette';
import { actorLabel } from '@/components/actor';

/** The first month a run accepts (server/classify/run.ts FIRST_MONTH: not imported, it is server code). */
const FIRST_CLASSIFIABLE_MONTH = '1973-01';
const KIND_NAMES: Record<string, string> = { score: '评分模型', rules: '规则模型', derived: '组合' };

type Scoring = { type: 'flag' } | { type: 'linear'; from: number; to: number } | { type: 'step'; steps: Array<[number, number]> };
function scoringText(s: Scoring): string {
  if (s.type === 'flag') return '有即得分';
  if (s.type === 'linear') return `线性：${s.from} → ${s.to}`;
  return `阶梯：${s.steps.map(([x, f]) => `≥${x} 得 ${Math.round(f * 100)}%`).join('，')}`;
}

function ModelReview() {
  const trpc = useTRPC();
  const versions = useQuery(trpc.classify.versions.queryOptions());
  const [key, setKey] = useState('');
  const list = versions.data ?? [];
  const current = list.find((m) => `${m.id}@${m.version}` === key) ?? list.find((m) => m.id === 'general' && !list.some((x) => x.id === 'general' && x.version > m.version)) ?? list[0];
  if (versions.isLoading) return <div className="state">加载中…</div>;
  if (versions.error) return <div className="state error">加载失败：{versions.error.message}</div>;
  if (!current) return <div className="state">没有模型文件</div>;
  return (
    <section className="panel" aria-label="模型与版本">
      <h2>模型与版本</h2>
      <div className="filters">
        <label>模型文件
          <select aria-label="模型文件" value={`${current.id}@${current.version}`} onChange={(e) => setKey(e.target.value)}>
            {list.map((m) => <option key={`${m.id}@${m.version}`} value={`${m.id}@${m.version}`}>{m.name}（{m.id} v{m.version}）</option>)}
          </select>
        </label>
      </div>
      <p>{current.description}</p>
      <p className="muted">
        {KIND_NAMES[current.kind]}
        {current.bands && `；分档：A [0, ${current.bands.B})，B [${current.bands.B}, ${current.bands.C})，C [${current.bands.C}, ${current.bands.D})，D [${current.bands.D}, 1000]`}
        {current.scope && `；适用范围：标签 ${current.scope.tags.join('、') || '—'}，行业 ${current.scope.industryPrefixes.join('、') || '—'}${current.scope.excludeIndustryPrefixes.length ? `（不含 ${current.scope.excludeIndustryPrefixes.join('、')}）` : ''}`}
        {current.combine && `；与通用型组合：${current.combine === 'riskier' ? '取风险较高者' : current.combine === 'key-area' ? '以专业型为准' : '不参与'}`}
      </p>
      {current.kind === 'score' && (
        <>
          <p>{current.dimensions.length} 个维度，{new Set(current.indicators.map((i) => i.category)).size} 个类别，{current.indicators.length} 项指标。硬性规则：{current.hardRules.map((h) => h.name).join('；') || '无'}</p>
          <table className="data" aria-label="指标与权重">
            <thead><tr><th>维度</th><th>类别</th><th>指标</th><th>表达式</th><th>计分方式</th><th className="num">满分（权重）</th></tr></thead>
            <tbody>
              {current.indicators.map((i) => (
                <tr key={i.id}><td>{i.dimension}</td><td>{i.category}</td><td>{i.name}</td><td><code>{i.expr}</code></td><td>{scoringText(i.scoring as Scoring)}</td><td className="num">{i.points}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {current.kind === 'rules' && (
        <table className="data" aria-label="规则">
          <thead><tr><th>顺序</th><th>规则</th><th>类别</th><th>条件</th></tr></thead>
          <tbody>
            {current.rules.map((r, k) => <tr key={r.id}><td>{k + 1}</td><td>{r.name}</td><td>{r.class}</td><td><code>{r.when}</code></td></tr>)}
            <tr><td /><td>其余</td><td>{current.default}</td><td /></tr>
          </tbody>
        </table>
      )}
    </section>
  );
}

function Runs({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const models = useQuery(trpc.classify.models.queryOptions());
  const [runMonth, setRunMonth] = useState('');
  const [runStatus, setRunStatus] = useState<'' | 'running' | 'done' | 'failed'>('');
  const runs = useQuery(trpc.classify.runs.queryOptions({ limit: 50, month: runMonth || undefined, status: runStatus || undefined }));
  const [month, setMonth] = useState('');
  const [model, setModel] = useState('');
  const [scope, setScope] = useState<'month' | 'since'>('month');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation(trpc.classify.start.mutationOptions({ onSuccess: (r) => setJobId(r.jobId) }));
  // A classification started earlier (before a reload, or by another administrator) that is still running: follow it
  // (the server refuses a second start while one runs).
  const jobs = useQuery({ ...trpc.classify.jobs.queryOptions(), staleTime: 0, enabled: jobId === null });
  const runningElsewhere = jobs.data?.find((j) => j.status === 'running');
  if (jobId === null && runningElsewhere) setJobId(runningElsewhere.id);
  const job = useQuery({ ...trpc.classify.job.queryOptions({ id: jobId ?? '00000000-0000-0000-0000-000000000000' }), enabled: !!jobId, refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000) });
  const finished = job.data && job.data.status !== 'running';
  const busy = start.isPending || (!!jobId && !finished);
  const run = (m: string, id: string, fromOn: boolean) =>
    start.mutate(fromOn ? { all: true, since: m, model: id || undefined } : { month: m, model: id || undefined });
  useEffect(() => { if (finished) void qc.invalidateQueries({ queryKey: trpc.classify.runs.queryKey() }); }, [finished, qc, trpc]);
  return (
    <section className="panel" aria-label="分类运行">
      <h2>分类运行</h2>
      {isAdmin && (
        <form className="filters" onSubmit={(e) => { e.preventDefault(); if (month) run(month, model, scope === 'since'); }}>
          <label>月份 <input type="month" aria-label="运行月份" min={FIRST_CLASSIFIABLE_MONTH} value={month} onChange={(e) => setMonth(e.target.value)} required /></label>
          <label>范围
            <select aria-label="运行范围" value={scope} onChange={(e) => setScope(e.target.value === 'since' ? 'since' : 'month')}>
              <option value="month">仅此月</option>
              <option value="since">此月及以后各月</option>
            </select>
          </label>
          <label>模型
            <select aria-label="运行模型" value={model} onChange={(e) => setModel(e.target.value)}>
              <option value="">全部模型</option>
              {models.data?.map((m) => <option key={m.id} value={m.id}>{m.name}（v{m.version}）</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy}>开始分类</button>
          {start.error && <span className="error">{start.error.message}</span>}
        </form>
      )}
      {job.data && (
        <div role="status" className="notice">
          {job.data.label}：{job.data.status === 'running' ? `${Math.round((job.data.fraction ?? 0) * 100)}% ${job.data.progress}` : job.data.status === 'done' ? '完成' : `失败：${job.data.error ?? ''}`}
          <progress max={1} value={job.data.fraction ?? undefined} style={{ marginLeft: 8 }} />
        </div>
      )}
      <div className="filters" role="group" aria-label="筛选运行记录">
        <label>运行记录月份 <input type="month" aria-label="运行记录月份" value={runMonth} onChange={(e) => setRunMonth(e.target.value)} /></label>
        <label>状态
          <select aria-label="运行记录状态" value={runStatus} onChange={(e) => setRunStatus(e.target.value as typeof runStatus)}>
            <option value="">全部</option>
            {Object.entries(RUN_STATUS_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </label>
        {(runMonth || runStatus) && <button type="button" className="link" onClick={() => { setRunMonth(''); setRunStatus(''); }}>清除筛选</button>}
        <span className="muted">最近 50 条</span>
      </div>
      {runs.data && runs.data.length === 0 && <div className="state">{runMonth || runStatus ? '没有符合筛选条件的运行记录' : '尚无运行记录'}</div>}
      {runs.data && runs.data.length > 0 && (
        <table className="data" aria-label="运行记录">
          <thead><tr><th>开始时间</th><th>月份</th><th>模型</th><th>状态</th><th className="num">企业数</th>{CLASSES.map((c) => <th key={c} className="num">{c}</th>)}<th>操作人</th>{isAdmin && <th>操作</th>}</tr></thead>
          <tbody>
            {runs.data.map((r) => (
              <tr key={r.run_id}><td>{r.started_at}</td><td>{r.month}</td><td title={r.model_id}>{modelLabel(r.model_id)} v{r.model_version}</td><td>{RUN_STATUS_LABELS[r.status] ?? r.status}{r.message ? `：${r.message}` : ''}</td>
                {/* Counts only for finished runs: a running or failed run has published nothing. */}
                {/* (A region-scoped viewer gets no counts: they are the whole province's.) */}
                <td className="num">{r.status === 'done' && r.enterprises !== null ? fmtInt(r.enterprises) : '—'}</td>
                {CLASSES.map((c) => <td key={c} className="num">{r.status === 'done' && r.enterprises !== null ? fmtInt(r.counts[c] ?? 0) : '—'}</td>)}<td>{actorLabel(r.actor)}</td>
                {/* Re-runs the month with the model's current version (a failed or interrupted run left the earlier results). */}
                {isAdmin && <td><button type="button" className="link" disabled={busy} title={`以当前版本重新分类 ${r.month}（${modelLabel(r.model_id)}）`}
                  onClick={() => run(r.month, r.model_id, false)}>重新运行</button></td>}</tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Why there is no D/A lift: no inspected enterprise in A or D, or no problem found in A (a division by zero). */
function liftMissing(byClass: Array<{ class: string; inspected: number; problems: number }>): string {
  const a = byClass.find((c) => c.class === 'A');
  const d = byClass.find((c) => c.class === 'D');
  if (!a?.inspected) return 'A类无受检企业';
  if (!d?.inspected) return 'D类无受检企业';
  return 'A类问题率为0，无法计算';
}

function Evaluation() {
  const trpc = useTRPC();
  const models = useQuery(trpc.classify.models.queryOptions());
  const [model, setModel] = useState('general');
  const months = useQuery(trpc.classify.months.queryOptions({ model }));
  const [month, setMonth] = useState('');
  const [fit, setFit] = useState(false);
  // Default: the latest month with six complete months after it, else the oldest.
  const chosen = month || (months.data && (months.data[6] ?? months.data.at(-1))) || '';
  const ev = useQuery({ ...trpc.classify.evaluation.queryOptions({ month: chosen, model, fit }), enabled: !!chosen });
  const maxShare = useMemo(() => Math.max(0.01, ...(ev.data?.shares.flatMap((s) => [s.share, s.observed]) ?? [])), [ev.data]);
  const migrationRows = useMemo(() => {
    const m = ev.data?.migration.matrix ?? [];
    const from = [...new Set(m.map((x) => x.from))].sort();
    const to = [...new Set(m.map((x) => x.to))].sort();
    return { from, to, get: (f: string, t: string) => m.find((x) => x.from === f && x.to === t)?.n ?? 0 };
  }, [ev.data]);
  return (
    <section className="panel" aria-label="验证">
      <h2>验证</h2>
      <div className="filters">
        <label>模型
          <select aria-label="验证模型" value={model} onChange={(e) => { setModel(e.target.value); setMonth(''); }}>
            {models.data?.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label>月份
          <select aria-label="验证月份" value={chosen} onChange={(e) => setMonth(e.target.value)}>
            {months.data?.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6, paddingBottom: 6 }}><input type="checkbox" checked={fit} onChange={(e) => setFit(e.target.checked)} />计算数据拟合建议（较慢）</label>
      </div>
      {!chosen && months.data && <div className="state">该模型尚无分类结果</div>}
      {ev.isLoading && chosen && <div className="state">计算中…</div>}
      {ev.error && <div className="state error">计算失败：{ev.error.message}</div>}
      {ev.data && (
        <>
          <div className="grid2">
            <div>
              <h3>类别占比（{fmtInt(ev.data.enterprises)} 户）与观测值（丹东 2023）</h3>
              <table className="data" aria-label="类别占比">
                <thead><tr><th>类别</th><th className="num">企业数</th><th className="num">占比</th><th className="num">观测</th><th /></tr></thead>
                <tbody>
                  {ev.data.shares.map((s) => (
                    <tr key={s.class}><td>{s.class}</td><td className="num">{fmtInt(s.n)}</td><td className="num">{fmtPct(s.share)}</td><td className="num">{fmtPct(s.observed)}</td>
                      <td style={{ width: 220 }}>
                        <svg width={200} height={18} aria-hidden><rect width={(200 * s.share) / maxShare} height={9} fill={CLASS_COLORS[s.class as 'A']} /><rect y={10} width={(200 * s.observed) / maxShare} height={6} fill="#9aa5b1" /></svg>
                      </td></tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">上条：本模型；下条：观测占比。</p>
            </div>
            <div>
              <h3>随后 {ev.data.outcome.horizonMonths} 个月抽查问题率{ev.data.outcome.complete ? '' : '（观察期未满）'}</h3>
              <table className="data" aria-label="问题率">
                <thead><tr><th>类别</th><th className="num">企业数</th><th className="num">被检查</th><th className="num">发现问题</th><th className="num">问题率</th></tr></thead>
                <tbody>
                  {ev.data.outcome.byClass.map((r) => (
                    <tr key={r.class}><td>{r.class}</td><td className="num">{fmtInt(r.enterprises)}</td><td className="num">{fmtInt(r.inspected)}</td><td className="num">{fmtInt(r.problems)}</td><td className="num">{r.rate === null ? '—' : fmtPct(r.rate)}</td></tr>
                  ))}
                </tbody>
              </table>
              <div className="kpis" style={{ marginTop: 12 }}>
                <div className="kpi"><div className="label">D/A 提升度</div><div className="value" data-testid="lift">{ev.data.outcome.liftDA === null ? '—' : ev.data.outcome.liftDA.toFixed(2)}</div>
                  {ev.data.outcome.liftDA === null && <div className="muted" style={{ fontSize: 12 }}>{liftMissing(ev.data.outcome.byClass)}</div>}</div>
                <div className="kpi"><div className="label">AUC（分值 vs 下次检查）</div><div className="value" data-testid="auc">{ev.data.auc.value === null ? '—' : ev.data.auc.value.toFixed(3)}</div></div>
              </div>
            </div>
          </div>
          <h3>迁移矩阵（{ev.data.migration.from} → {ev.data.month}）</h3>
          {!ev.data.migration.previousClassified && ev.data.migration.matrix.length > 0 && (
            <p className="muted" role="note">{ev.data.migration.from} 没有该模型的分类结果：本月企业全部计为“新增”，不是新设立企业。</p>
          )}
          <table className="data" aria-label="迁移矩阵">
            <thead><tr><th>上月 \ 本月</th>{migrationRows.to.map((t) => <th key={t} className="num">{t}</th>)}</tr></thead>
            <tbody>
              {migrationRows.from.map((f) => <tr key={f}><th>{f}</th>{migrationRows.to.map((t) => <td key={t} className="num">{fmtInt(migrationRows.get(f, t))}</td>)}</tr>)}
            </tbody>
          </table>
          {fit && !ev.data.fitted && <p className="muted" role="note">规则模型按规则判定类别，没有指标权重，不做数据拟合。</p>}
          {ev.data.fitted && (
            <>
              <h3>数据拟合建议（逻辑回归）与专家权重{ev.data.model === 'effective' ? '（通用型模型的指标）' : ''}</h3>
              <p>训练月份 {ev.data.fitted.trainMonths.join('、')}（{fmtInt(ev.data.fitted.nTrain)} 条），留出月份 {ev.data.fitted.testMonth}（{fmtInt(ev.data.fitted.nTest)} 条）：
                拟合 AUC <b data-testid="auc-fitted">{ev.data.fitted.aucFitted === null ? '—' : ev.data.fitted.aucFitted.toFixed(3)}</b>，
                专家权重 AUC <b>{ev.data.fitted.aucExpert === null ? '—' : ev.data.fitted.aucExpert.toFixed(3)}</b>。
                {ev.data.fitted.l2 !== null && <>L2 正则强度 {ev.data.fitted.l2}（在训练月份内按企业三折交叉验证选定，未使用留出月份）。</>}{ev.data.fitted.note}</p>
              {ev.data.fitted.coefficients.length > 0 && (
                <table className="data" aria-label="拟合建议">
                  <thead><tr><th>指标</th><th className="num">专家分值</th><th className="num">建议分值</th><th className="num">系数</th></tr></thead>
                  <tbody>
                    {[...ev.data.fitted.coefficients].sort((a, b) => Math.abs(b.coef) - Math.abs(a.coef)).map((c) => (
                      <tr key={c.id}><td>{c.name}</td><td className="num">{c.expertPoints}</td><td className="num">{c.suggestedPoints}</td><td className="num">{c.coef.toFixed(3)}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

export function ModelsView({ isAdmin }: { isAdmin: boolean }) {
  return (
    <div>
      <h1>模型与验证</h1>
      <ModelReview />
      <Runs isAdmin={isAdmin} />
      <Evaluation />
    </div>
  );
}
