'use client';
/**
 * 异议与修复: the objection register (deadlines, overdue, steps, outcome, class before/after), the credit repair
 * eligibility check and register, and the working-day calendar (administrators edit it). Tabs and the enterprise
 * live in the URL (?tab=objections|repair|calendar&uscc=…), so the enterprise page can link here.
 */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { StatusSteps, type ObjectionStatus } from '@/components/objections/StatusSteps';
import { ClassChanges } from '@/components/objections/ClassChanges';
import { CalendarGrid } from '@/components/objections/CalendarGrid';
import s from '@/components/objections/objections.module.css';
import { RUN_STATUS_LABELS } from '@/components/palette';
import { typedUscc } from '@/server/domain/uscc';
import { enterpriseHref } from '@/components/classify/enterpriseMonth';

const STATUS_LABEL: Record<ObjectionStatus, string> = { received: '已受理', forwarded: '已转办', answered: '已答复', corrected: '异议成立·已更正', upheld: '异议不成立·维持' };
const CATEGORY_LABEL: Record<string, string> = {
  penalty: '行政处罚', abnormal_list: '经营异常名录', serious_dishonest_list: '严重违法失信名单', license_revoked: '吊销营业执照', dishonest: '其他失信记录',
  inspection: '抽查检查', complaint: '投诉举报', change: '变更登记', equity_pledge: '股权出质', ip_pledge: '知识产权质押', license: '行政许可', annual_report: '年报', credit_repair: '信用修复',
};
const CREDIT = new Set(['penalty', 'abnormal_list', 'serious_dishonest_list', 'license_revoked', 'dishonest']);
const REPAIR_LABEL: Record<string, string> = { eligible: '可修复', not_yet: '未满期限', not_repairable: '不予修复', needs_cure: '须先纠正', repaired: '已修复/已移出', not_applicable: '非失信记录' };
const WEEK = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (d: string) => WEEK[new Date(`${d}T00:00:00Z`).getUTCDay()] ?? '';
const USCC = /^[0-9A-Z]{15,18}$/;

type Tab = 'objections' | 'repair' | 'calendar';

export function ObjectionsDesk({ isAdmin }: { isAdmin: boolean }) {
  const sp = useSearchParams();
  const router = useRouter();
  const tab = (sp.get('tab') ?? 'objections') as Tab;
  const uscc = sp.get('uscc') ?? '';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    router.replace(`/objections?${next.toString()}`);
  };
  const tabs: Array<[Tab, string]> = [['objections', '异议登记'], ['repair', '信用修复'], ['calendar', '节假日与工作日']];
  return (
    <div>
      <h1>异议与修复</h1>
      <div className="filters" role="tablist" aria-label="功能">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'primary' : undefined} onClick={() => set({ tab: id, id: undefined })}>{label}</button>
        ))}
        <span style={{ flex: 1 }} />
        <EnterprisePicker uscc={uscc} onChange={(u) => set({ uscc: u || undefined, id: undefined })} />
        {uscc && <Link className="button" href={`/enterprise/${uscc}`}>企业档案</Link>}
      </div>
      {tab === 'objections' && <ObjectionsTab uscc={uscc} selected={sp.get('id') ?? ''} onSelect={(id) => set({ id: id || undefined })} />}
      {tab === 'repair' && <RepairTab uscc={uscc} />}
      {tab === 'calendar' && <CalendarTab isAdmin={isAdmin} />}
    </div>
  );
}

function EnterprisePicker({ uscc, onChange }: { uscc: string; onChange: (u: string) => void }) {
  const [v, setV] = useState(uscc);
  useEffect(() => setV(uscc), [uscc]);
  const ok = v.trim() === '' || USCC.test(typedUscc(v));
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (ok) onChange(typedUscc(v)); }} style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
      <label>企业（统一社会信用代码）
        <input aria-label="统一社会信用代码" value={v} onChange={(e) => setV(e.target.value)} placeholder="18 位代码" style={{ width: 220 }} aria-invalid={!ok} />
      </label>
      <button type="submit" disabled={!ok}>查看</button>
      {uscc && <button type="button" onClick={() => onChange('')}>全部企业</button>}
    </form>
  );
}

function useJob(jobId: string | null, onDone: () => void) {
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.objections.job.queryOptions({ id: jobId ?? '00000000-0000-0000-0000-000000000000' }),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 700),
  });
  const status = job.data?.status;
  useEffect(() => { if (status && status !== 'running') onDone(); }, [status]);
  return job.data;
}

function JobLine({ job }: { job: { status: string; progress: string; error: string | null } | undefined }) {
  if (!job) return null;
  if (job.status === 'running') return <div className="notice" role="status">正在重新分类：{job.progress}</div>;
  if (job.status === 'failed') return <div className="notice error" role="alert">重新分类失败：{job.error}</div>;
  return <div className="notice" role="status">重新分类完成。</div>;
}

/* ───────────── 异议登记 ───────────── */

function ObjectionsTab({ uscc, selected, onSelect }: { uscc: string; selected: string; onSelect: (id: string) => void }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<ObjectionStatus | ''>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const list = useQuery(trpc.objections.list.queryOptions({ status: status || undefined, overdueOnly, uscc: uscc || undefined }));
  // Counted on the server over the whole register: the list stops at LIST_LIMIT rows.
  const countsQ = useQuery(trpc.objections.counts.queryOptions({ uscc: uscc || undefined }));
  const counts = countsQ.data ?? { total: 0, awaiting: 0, overdue: 0, closed: 0 };
  const [showForm, setShowForm] = useState(false);

  return (
    <div>
      <div className="kpis">
        <div className="kpi"><div className="label">异议总数</div><div className="value">{counts.total}</div></div>
        <div className="kpi"><div className="label">待答复</div><div className="value">{counts.awaiting}</div></div>
        <div className="kpi" style={{ borderColor: counts.overdue ? 'var(--accent-2)' : undefined }}><div className="label">已逾期未答复</div><div className="value" style={{ color: counts.overdue ? 'var(--accent-2)' : undefined }}>{counts.overdue}</div></div>
        <div className="kpi"><div className="label">已办结</div><div className="value">{counts.closed}</div></div>
      </div>
      <div className="panel">
        <div className="filters" style={{ marginBottom: 8 }}>
          <label>状态
            <select aria-label="状态" value={status} onChange={(e) => setStatus(e.target.value as ObjectionStatus | '')}>
              <option value="">全部</option>{Object.entries(STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
          <label style={{ flexDirection: 'row', alignItems: 'center' }}><input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />只看逾期</label>
          <span style={{ flex: 1 }} />
          <button type="button" className="primary" onClick={() => setShowForm((x) => !x)}>{showForm ? '收起登记' : '登记异议'}</button>
        </div>
        {showForm && <NewObjectionForm uscc={uscc} onDone={(id) => { setShowForm(false); onSelect(id); }} />}
        {list.isLoading ? <div className="state">载入中…</div> : list.error ? <div className="state error">{list.error.message}</div> : (list.data ?? []).length === 0 ? (
          <div className="state">暂无异议。</div>
        ) : (
          <table className="data" aria-label="异议列表">
            <thead><tr><th>编号</th><th>企业</th><th>异议对象</th><th>申请人</th><th>受理日期</th><th>答复期限</th><th>进度</th><th>结果</th></tr></thead>
            <tbody>
              {(list.data ?? []).map((o) => (
                <tr key={o.objection_id} className={o.overdue ? s.overdueRow : undefined} aria-selected={selected === o.objection_id}>
                  <td><button type="button" className="link" style={{ color: 'var(--accent)' }} onClick={() => onSelect(o.objection_id)}>{o.objection_id}</button></td>
                  <td>{o.enterprise_name}<div className="muted" style={{ fontSize: 12 }}>{o.uscc}</div></td>
                  <td>{o.target_kind === 'event' ? `${CATEGORY_LABEL[o.event_category] ?? o.event_category} ${o.event_date ?? ''}` : `${o.month} 分类`}</td>
                  <td>{o.objector}</td>
                  <td>{o.received_date}</td>
                  <td>{o.due_date}（{weekday(o.due_date)}）{o.overdue && <span className={s.overdue}>已逾期</span>}{o.answered_late && <span className={s.late}>逾期答复</span>}</td>
                  <td><StatusSteps status={o.status} forwarded={!!o.forwarded_date} /></td>
                  <td>{STATUS_LABEL[o.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!status && !overdueOnly && (list.data?.length ?? 0) < counts.total && (
          <div className="muted" style={{ fontSize: 12, marginTop: 6 }}>列出前 {list.data?.length} 条（逾期优先，受理日期从新到旧），共 {counts.total} 条；可按状态或企业筛选。</div>
        )}
      </div>
      {selected && <ObjectionDetail id={selected} />}
    </div>
  );
}

function NewObjectionForm({ uscc, onDone }: { uscc: string; onDone: (id: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const today = useQuery(trpc.objections.today.queryOptions());
  const [target, setTarget] = useState<'event' | 'class'>('event');
  const [eventId, setEventId] = useState('');
  const [month, setMonth] = useState('');
  const [objector, setObjector] = useState('');
  const [what, setWhat] = useState('');
  const [grounds, setGrounds] = useState('');
  const [received, setReceived] = useState('');
  const receivedDate = received || today.data || '';
  const ent = useQuery({ ...trpc.objections.enterprise.queryOptions({ uscc: uscc || '000000000000000' }), enabled: USCC.test(uscc) });
  const due = useQuery({ ...trpc.objections.dueDate.queryOptions({ receivedDate: receivedDate || '2000-01-01' }), enabled: /^\d{4}-\d{2}-\d{2}$/.test(receivedDate) });
  const records = (ent.data?.records ?? []).filter((r) => CREDIT.has(r.category) || r.category === 'inspection');
  const [done, setDone] = useState<{ id: string; dueDate: string } | null>(null);
  const rec = useMutation(trpc.objections.record.mutationOptions({
    onSuccess: async (r) => { setDone(r); await qc.invalidateQueries({ queryKey: trpc.objections.pathKey() }); onDone(r.id); },
  }));
  if (!uscc) return <div className="notice" style={{ marginBottom: 12 }}>请先在右上方输入企业的统一社会信用代码（或从企业档案页进入）。</div>;
  return (
    <form className={`panel ${s.form}`} aria-label="登记异议" onSubmit={(e) => {
      e.preventDefault();
      rec.mutate({ uscc, targetKind: target, eventId: target === 'event' ? eventId : undefined, month: target === 'class' ? month : undefined, objector, what, grounds, receivedDate });
    }}>
      <div className={s.wide}><strong>{ent.data?.enterprise.name ?? '…'}</strong> <span className="muted">{uscc}</span>{ent.error && <span className="error"> {ent.error.message}</span>}</div>
      <label>异议对象
        <select aria-label="异议对象" value={target} onChange={(e) => setTarget(e.target.value as 'event' | 'class')}>
          <option value="event">一条记录</option><option value="class">某月的分类结果</option>
        </select>
      </label>
      {target === 'event' ? (
        <label className={s.wide}>记录
          <select aria-label="记录" value={eventId} onChange={(e) => setEventId(e.target.value)} required>
            <option value="">请选择</option>
            {records.map((r) => <option key={r.event_id} value={r.event_id}>{r.event_date} {CATEGORY_LABEL[r.category] ?? r.category}{r.severity === 'serious' ? '（严重）' : ''} {r.source} {r.detail.slice(0, 30)}{r.correction ? '〔已更正〕' : ''}</option>)}
          </select>
        </label>
      ) : (
        <label>分类月份<input aria-label="分类月份" type="month" value={month} onChange={(e) => setMonth(e.target.value)} required /></label>
      )}
      <label>异议申请人<input aria-label="异议申请人" value={objector} onChange={(e) => setObjector(e.target.value)} required placeholder="企业或其委托代理人" /></label>
      <label>受理日期<input aria-label="受理日期" type="date" value={receivedDate} max={today.data} onChange={(e) => setReceived(e.target.value)} required /></label>
      <label className={s.wide}>异议事项<input aria-label="异议事项" value={what} onChange={(e) => setWhat(e.target.value)} placeholder="例如：行政处罚记录有误" /></label>
      <label className={s.wide}>异议理由<textarea aria-label="异议理由" value={grounds} onChange={(e) => setGrounds(e.target.value)} required rows={3} /></label>
      <div className={`${s.wide} ${s.due}`} aria-live="polite">
        {due.data ? <>信息提供部门答复期限（3个工作日）：<strong data-testid="due-preview">{due.data.due}</strong>（{weekday(due.data.due)}）{!due.data.calendarCovered && <span className="error" style={{ marginLeft: 12 }}>该年度无节假日安排，仅按周末计算</span>}</> : due.error ? <span className="error">{due.error.message}</span> : null}
      </div>
      <div className={s.wide} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <button type="submit" className="primary" disabled={rec.isPending}>受理登记</button>
        {rec.error && <span className="error" role="alert">{rec.error.message}</span>}
        {done && <span role="status">已受理 {done.id}，答复期限 {done.dueDate}</span>}
      </div>
    </form>
  );
}

function ObjectionDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const detail = useQuery(trpc.objections.detail.queryOptions({ id }));
  const [jobId, setJobId] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.objections.pathKey() });
  const job = useJob(jobId, () => { void refresh(); });
  const [forwardedTo, setForwardedTo] = useState('');
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [date, setDate] = useState('');
  const [correction, setCorrection] = useState<'remove' | 'general' | 'none'>('remove');
  const step = useMutation(trpc.objections.step.mutationOptions({
    onSuccess: async (r) => { setNote(''); setAnswer(''); setDate(''); if (r.jobId) setJobId(r.jobId); await refresh(); },
  }));
  const retry = useMutation(trpc.objections.retryReclass.mutationOptions({
    onSuccess: async (r) => { setJobId(r.jobId); await refresh(); },
  }));
  if (detail.isLoading) return <div className="panel state">载入中…</div>;
  if (detail.error || !detail.data) return <div className="panel state error">{detail.error?.message}</div>;
  const { objection: o, steps, changes } = detail.data;
  const d = date || undefined;
  const correct = () => step.mutate({
    id, step: 'corrected', note, date: d,
    corrections: o.target_kind === 'event' && correction !== 'none'
      ? [correction === 'remove' ? { eventId: o.event_id, action: 'remove' as const } : { eventId: o.event_id, action: 'change' as const, severity: 'general' as const }]
      : [],
  });
  return (
    <div className="panel" aria-label="异议详情">
      <h2>异议 {o.objection_id} · {o.enterprise_name}</h2>
      <div className="grid2">
        <div>
          <table className="data"><tbody>
            <tr><th>统一社会信用代码</th><td><Link href={enterpriseHref(o.uscc, o.target_kind === 'class' ? o.month : null)}>{o.uscc}</Link></td></tr>
            <tr><th>异议对象</th><td>{o.target_kind === 'event' ? `记录 ${o.event_id}（${CATEGORY_LABEL[o.event_category] ?? o.event_category}，${o.event_date}，${o.event_source || '来源未载明'}）` : `${o.month} 分类结果（${o.model_id}）`}</td></tr>
            <tr><th>申请人</th><td>{o.objector}</td></tr>
            <tr><th>异议事项</th><td>{o.what || '—'}</td></tr>
            <tr><th>异议理由</th><td style={{ whiteSpace: 'pre-wrap' }}>{o.grounds}</td></tr>
            <tr><th>受理 / 期限</th><td>{o.received_date} 受理，{o.due_date}（{weekday(o.due_date)}）前答复{o.overdue && <span className={s.overdue}>已逾期</span>}{o.answered_late && <span className={s.late}>逾期答复</span>}</td></tr>
            <tr><th>转办</th><td>{o.forwarded_to ? `${o.forwarded_date} 转 ${o.forwarded_to}` : '—'}</td></tr>
            <tr><th>答复</th><td>{o.answer ? `${o.answered_date}：${o.answer}` : '—'}</td></tr>
            <tr><th>结果</th><td>{STATUS_LABEL[o.status]}{o.outcome_note ? `：${o.outcome_note}` : ''}{o.reclass_message ? `（${o.reclass_message}）` : ''}</td></tr>
          </tbody></table>
        </div>
        <div>
          <StatusSteps status={o.status} forwarded={!!o.forwarded_date} />
          <h3 style={{ fontSize: 14 }}>办理记录</h3>
          <ol aria-label="办理记录" style={{ paddingLeft: 18, margin: 0 }}>
            {steps.map((st) => <li key={st.step_id}>{st.step_date} {STATUS_LABEL[st.step as ObjectionStatus] ?? st.step} · {st.actor}（{st.ts}）{st.note ? `：${st.note.slice(0, 80)}` : ''}</li>)}
          </ol>
          {(o.status === 'received' || o.status === 'forwarded' || o.status === 'answered') && (
            <div style={{ marginTop: 12, display: 'grid', gap: 8 }}>
              <label>日期（默认今天）<input aria-label="办理日期" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
              {o.status === 'received' && (
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
                  <label style={{ flex: 1 }}>信息提供部门<input aria-label="信息提供部门" value={forwardedTo} placeholder={o.event_source || '部门名称'} onChange={(e) => setForwardedTo(e.target.value)} /></label>
                  <button type="button" disabled={step.isPending} onClick={() => step.mutate({ id, step: 'forwarded', forwardedTo, date: d })}>转办</button>
                </div>
              )}
              {(o.status === 'received' || o.status === 'forwarded') && (
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
                  <label style={{ flex: 1 }}>处理结果（书面反馈）<input aria-label="处理结果" value={answer} onChange={(e) => setAnswer(e.target.value)} /></label>
                  <button type="button" disabled={step.isPending || !answer.trim()} onClick={() => step.mutate({ id, step: 'answered', answer, date: d })}>记录答复</button>
                </div>
              )}
              {o.status === 'answered' && (
                <>
                  {o.target_kind === 'event' && (
                    <label>更正方式
                      <select aria-label="更正方式" value={correction} onChange={(e) => setCorrection(e.target.value as 'remove' | 'general' | 'none')}>
                        <option value="remove">撤销该记录（不再计入模型）</option>
                        <option value="general">改为一般程度</option>
                        <option value="none">不更正记录，仅重新分类</option>
                      </select>
                    </label>
                  )}
                  <label>说明<input aria-label="结果说明" value={note} onChange={(e) => setNote(e.target.value)} /></label>
                  <div style={{ display: 'flex', gap: 8 }}>
                    <button type="button" className="primary" disabled={step.isPending} onClick={correct}>异议成立，更正并重新分类</button>
                    <button type="button" disabled={step.isPending} onClick={() => step.mutate({ id, step: 'upheld', note, date: d })}>异议不成立，维持</button>
                  </div>
                </>
              )}
              {step.error && <div className="error" role="alert">{step.error.message}</div>}
            </div>
          )}
          {o.reclass_status === 'failed' && !(job && job.status === 'running') && (
            <div style={{ marginTop: 12 }}>
              <button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ kind: 'objection', id })}>重新运行重新分类</button>
              {retry.error && <div className="error" role="alert">{retry.error.message}</div>}
            </div>
          )}
          <JobLine job={job} />
        </div>
      </div>
      {(changes.length > 0 || o.status === 'corrected') && (
        <div style={{ marginTop: 16 }}>
          <h3 style={{ fontSize: 14 }}>更正前后分类</h3>
          <ClassChanges rows={changes} models={['effective', 'general', 'county-public-credit', 'food', 'special-equipment']} />
        </div>
      )}
    </div>
  );
}

/* ───────────── 信用修复 ───────────── */

function RepairTab({ uscc }: { uscc: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const check = useQuery({ ...trpc.objections.check.queryOptions({ uscc: uscc || '000000000000000', asOf: asOf || undefined }), enabled: USCC.test(uscc) });
  const repairs = useQuery(trpc.objections.repairs.queryOptions({ uscc: uscc || undefined }));
  const [open, setOpen] = useState<string | null>(null);
  const [basis, setBasis] = useState('');
  const [repairDate, setRepairDate] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.objections.pathKey() });
  const job = useJob(jobId, () => { void refresh(); });
  const repair = useMutation(trpc.objections.repair.mutationOptions({
    onSuccess: async (r) => { setOpen(null); setBasis(''); setShown(r.repairId); if (r.jobId) setJobId(r.jobId); await refresh(); },
  }));
  const changes = useQuery({ ...trpc.objections.repairChanges.queryOptions({ id: shown ?? '-' }), enabled: !!shown });
  const retry = useMutation(trpc.objections.retryReclass.mutationOptions({
    onSuccess: async (r, v) => { setShown(v.id); setJobId(r.jobId); await refresh(); },
  }));

  return (
    <div>
      <div className="panel">
        <h2>修复条件核查</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          行政处罚公示满 6 个月可申请修复（食品、药品、特种设备领域满 1 年）；仅警告、通报批评或罚款不超过 1,000 元的处罚不予修复（到期停止公示）；
          经营异常名录须先纠正列入事由，移出即修复；严重违法失信名单列入满 1 年可申请提前移出。修复自修复日期起不再计入分类模型。
        </p>
        {!uscc ? <div className="notice">请在右上方输入企业的统一社会信用代码。</div> : (
          <>
            <div className="filters">
              <label>核查日期（默认今天）<input aria-label="核查日期" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
              {check.data && <div><strong>{check.data.enterprise.name}</strong> <span className="muted">行业 {check.data.enterprise.industry_code}{check.data.enterprise.tags.length ? ` · ${check.data.enterprise.tags.join('、')}` : ''}</span></div>}
            </div>
            {check.isLoading ? <div className="state">载入中…</div> : check.error ? <div className="state error">{check.error.message}</div> : (check.data?.records.length ?? 0) === 0 ? <div className="state">该企业没有失信记录。</div> : (
              <table className="data" aria-label="修复核查">
                <thead><tr><th>日期</th><th>记录</th><th>来源</th><th className="num" style={{ whiteSpace: 'nowrap' }}>金额（元）</th><th>内容</th><th style={{ whiteSpace: 'nowrap' }}>核查结果</th><th>理由</th><th /></tr></thead>
                <tbody>
                  {check.data!.records.map((r) => (
                    <tr key={r.event_id}>
                      <td style={{ whiteSpace: 'nowrap' }}>{r.event_date}</td>
                      <td>{CATEGORY_LABEL[r.category] ?? r.category}{r.severity === 'serious' ? '（严重）' : ''}{r.correction === 'change' ? '〔已更正〕' : ''}</td>
                      <td>{r.source || '—'}</td>
                      <td className="num">{r.amount_yuan?.toLocaleString('zh-CN') ?? '—'}</td>
                      <td>{r.detail.slice(0, 30) || '—'}</td>
                      <td style={{ whiteSpace: 'nowrap' }}><span className={`${s.status} ${s[r.eligibility.status] ?? ''}`}>{REPAIR_LABEL[r.eligibility.status]}</span></td>
                      <td>{r.eligibility.reason}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>{(r.eligibility.status === 'eligible' || (r.eligibility.status === 'needs_cure' && r.category === 'abnormal_list')) && (
                        <button type="button" onClick={() => setOpen(open === r.event_id ? null : r.event_id)}>登记修复</button>
                      )}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {open && (
              <form className={s.form} style={{ marginTop: 12 }} aria-label="登记修复" onSubmit={(e) => { e.preventDefault(); repair.mutate({ uscc, eventId: open, basis, repairDate: repairDate || undefined }); }}>
                <div className={s.wide}>修复记录 <strong>{open}</strong></div>
                <label>修复日期（默认今天）<input aria-label="修复日期" type="date" value={repairDate} onChange={(e) => setRepairDate(e.target.value)} /></label>
                <label className={s.wide}>修复依据<input aria-label="修复依据" value={basis} required onChange={(e) => setBasis(e.target.value)} placeholder="信用修复申请书编号、整改材料、纠正情况" /></label>
                <div className={s.wide} style={{ display: 'flex', gap: 8 }}>
                  <button type="submit" className="primary" disabled={repair.isPending || !basis.trim()}>确认修复</button>
                  {repair.error && <span className="error" role="alert">{repair.error.message}</span>}
                </div>
              </form>
            )}
          </>
        )}
        <JobLine job={job} />
      </div>
      <div className="panel">
        <h2>修复登记簿</h2>
        {(repairs.data ?? []).length === 0 ? <div className="state">暂无修复登记。</div> : (
          <table className="data" aria-label="修复登记簿">
            <thead><tr><th>修复日期</th><th>企业</th><th>修复记录</th><th>依据规则</th><th>修复依据</th><th>登记人</th><th>登记时间</th><th>重新分类</th><th /></tr></thead>
            <tbody>
              {(repairs.data ?? []).map((r) => (
                <tr key={r.repair_id}>
                  <td>{r.repair_date}</td>
                  <td>{r.enterprise_name}<div className="muted" style={{ fontSize: 12 }}>{r.uscc}</div></td>
                  <td>{CATEGORY_LABEL[r.event_category] ?? r.event_category} {r.event_date}</td>
                  <td>{r.reason}</td>
                  <td>{r.basis}</td>
                  <td>{r.actor}</td>
                  <td>{r.ts}</td>
                  <td>{RUN_STATUS_LABELS[r.reclass_status] ?? '—'}{r.reclass_message ? `：${r.reclass_message}` : ''}
                    {r.reclass_status === 'failed' && !(job && job.status === 'running') && (
                      <div><button type="button" disabled={retry.isPending} onClick={() => retry.mutate({ kind: 'repair', id: r.repair_id })}>重新运行</button></div>
                    )}
                  </td>
                  <td><button type="button" onClick={() => setShown(shown === r.repair_id ? null : r.repair_id)}>分类变化</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {retry.error && <div className="error" role="alert">{retry.error.message}</div>}
        {shown && <div style={{ marginTop: 12 }}><h3 style={{ fontSize: 14 }}>修复前后分类</h3><ClassChanges rows={changes.data ?? []} after="修复" /></div>}
      </div>
    </div>
  );
}

/* ───────────── 节假日 ───────────── */

function CalendarTab({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const today = useQuery(trpc.objections.today.queryOptions());
  const [year, setYear] = useState<number | null>(null);
  const y = year ?? Number((today.data ?? '2026').slice(0, 4));
  const cal = useQuery(trpc.objections.calendar.queryOptions({ year: y }));
  const [sel, setSel] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday' | 'normal'>('holiday');
  const [name, setName] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.objections.pathKey() });
  const setDay = useMutation(trpc.objections.setDay.mutationOptions({ onSuccess: refresh }));
  const resetDay = useMutation(trpc.objections.resetDay.mutationOptions({ onSuccess: refresh }));
  const days = cal.data?.days ?? [];
  return (
    <div className="panel">
      <div className="filters">
        <label>年度
          <select aria-label="年度" value={y} onChange={(e) => setYear(Number(e.target.value))}>
            {[y - 1, y, y + 1].map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
        <div className="legend">
          <span><i style={{ background: '#d73027' }} />放假</span><span><i style={{ background: '#1d4f91' }} />调休上班</span>
          <span><i style={{ outline: '2px dashed #f0a500', background: '#fff' }} />管理员调整</span>
        </div>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>工作日 = 周一至周五，扣除法定节假日，加上调休上班日。默认安排依据：{cal.data?.source}。{days.length === 0 && <span className="error">{y} 年尚无节假日安排，仅按周末计算。</span>}</p>
      <CalendarGrid year={y} days={days} selected={sel} onSelect={isAdmin ? (d) => { setSel(d); const x = days.find((z) => z.date === d); setKind(x?.kind ?? 'holiday'); setName(x?.name ?? ''); } : undefined} />
      {isAdmin && (
        <form className={s.form} style={{ marginTop: 16 }} aria-label="调整日期" onSubmit={(e) => { e.preventDefault(); if (sel) setDay.mutate({ date: sel, kind, name }); }}>
          <label>日期<input aria-label="日期" type="date" value={sel} onChange={(e) => setSel(e.target.value)} required /></label>
          <label>类型
            <select aria-label="类型" value={kind} onChange={(e) => setKind(e.target.value as 'holiday' | 'workday' | 'normal')}>
              <option value="holiday">放假</option><option value="workday">调休上班</option><option value="normal">普通日（按周末规则）</option>
            </select>
          </label>
          <label>名称<input aria-label="名称" value={name} onChange={(e) => setName(e.target.value)} placeholder="例如：春节" /></label>
          <div style={{ display: 'flex', gap: 8 }}>
            <button type="submit" className="primary" disabled={!sel || setDay.isPending}>保存</button>
            {setDay.error && <span className="error">{setDay.error.message}</span>}
            {(setDay.data?.dueDatesChanged ?? 0) > 0 && <span className="muted" role="status">{setDay.data!.dueDatesChanged} 件异议的答复期限已按新的日历调整</span>}
            {(resetDay.data?.dueDatesChanged ?? 0) > 0 && <span className="muted" role="status">{resetDay.data!.dueDatesChanged} 件异议的答复期限已按新的日历调整</span>}
          </div>
        </form>
      )}
      <table className="data" aria-label="节假日安排" style={{ marginTop: 16 }}>
        <thead><tr><th>日期</th><th>星期</th><th>安排</th><th>名称</th><th>来源</th>{isAdmin && <th />}</tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td><td>{weekday(d.date)}</td>
              <td>{d.kind === 'holiday' ? '放假' : d.kind === 'workday' ? '调休上班' : '普通日'}</td>
              <td>{d.name}</td>
              <td>{d.origin === 'admin' ? `管理员 ${d.actor}（${d.ts}）${d.official ? `，原为${d.official.kind === 'holiday' ? '放假' : '调休上班'}` : ''}` : '国务院办公厅通知'}</td>
              {isAdmin && <td>{d.origin === 'admin' && <button type="button" onClick={() => resetDay.mutate({ date: d.date })}>恢复</button>}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
