'use client';
/**
 * One plan: its audit record (settings, seed, draw instant, counts per class), verification of the draw, the drawn
 * list with paired inspectors and results (recorded here as inspection events), export, and the problem rate by class
 * compared with the previous plan.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { CLASSES, fmtInt, fmtPct, modelLabel, type RiskClass } from '@/components/palette';
import { EXEMPTION_LABEL } from '@/server/inspections/settings';
import { ProblemRateBars, type RateSeries } from './ProblemRateBars';
import { defaultResultDate, earliestResultDate, latestResultDate, listPage } from './resultDate';
import { enterpriseHref } from '@/components/classify/enterpriseMonth';

const RESULT_LABEL: Record<string, string> = { pass: '未发现问题', problem: '发现问题', unreachable: '查无下落', '': '待检查' };
const RESULT_COLOR: Record<string, string> = { pass: '#2e7d32', problem: '#b3261e', unreachable: '#8a5a00', '': '#616e7c' };
const PAGE = 100;

export function PlanView({ planId }: { planId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const plan = useQuery(trpc.inspections.plan.queryOptions({ planId }));
  const drawn = plan.data?.status === 'drawn';
  const targets = useQuery({ ...trpc.inspections.targets.queryOptions({ planId }), enabled: drawn });
  const compare = useQuery({ ...trpc.inspections.compare.queryOptions({ planId }), enabled: drawn });
  const [verifyOn, setVerifyOn] = useState(false);
  const verify = useQuery({ ...trpc.inspections.verify.queryOptions({ planId }), enabled: verifyOn });
  const [cls, setCls] = useState<RiskClass | ''>('');
  const [state, setState] = useState('');
  const [page, setPage] = useState(0);
  const [date, setDate] = useState('');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  // The date in China, never after today: the UTC date is yesterday before 08:00 Beijing time.
  const now = new Date();
  const effDate = date || (plan.data ? defaultResultDate(plan.data.year, now) : '');
  const maxDate = plan.data ? latestResultDate(plan.data.year, now) : '';
  const minDate = plan.data ? earliestResultDate(plan.data.year, plan.data.drawn_at) : '';
  const dateOk = !!plan.data && effDate >= minDate && effDate <= maxDate;

  const invalidate = () => Promise.all([
    qc.invalidateQueries({ queryKey: trpc.inspections.targets.queryKey({ planId }) }),
    qc.invalidateQueries({ queryKey: trpc.inspections.compare.queryKey({ planId }) }),
    qc.invalidateQueries({ queryKey: trpc.inspections.rates.queryKey() }),
  ]);
  const record = useMutation(trpc.inspections.recordResult.mutationOptions({
    onSuccess: (r, v) => { setMessage(`已记录 ${v.uscc} 的检查结果（事件 ${r.eventId}），下次分类将计入`); setPicked((p) => { const n = { ...p }; delete n[v.uscc]; return n; }); void invalidate(); },
    onError: (e) => setMessage(e.message),
  }));
  const draw = useMutation(trpc.inspections.draw.mutationOptions({ onSuccess: () => { void qc.invalidateQueries({ queryKey: trpc.inspections.plan.queryKey({ planId }) }); } }));

  const rows = useMemo(() => (targets.data ?? []).filter((t) => (!cls || t.class === cls) && (!state || (state === 'todo' ? !t.result : t.result === state))), [targets.data, cls, state]);
  const progress = useMemo(() => {
    const t = targets.data ?? [];
    return { n: t.length, done: t.filter((x) => x.result).length, problem: t.filter((x) => x.result === 'problem').length };
  }, [targets.data]);

  if (plan.isLoading) return <div className="state">载入中…</div>;
  if (plan.error) return <div><h1>抽查计划</h1><div className="state error">{plan.error.message}</div><Link href="/inspections">返回抽查计划</Link></div>;
  const p = plan.data!;
  const s = p.settings;
  const ex = s.exemptions;
  const series: RateSeries[] = [];
  const toSeries = (key: string, label: string, r: { classes: Array<{ class: RiskClass; rate: number | null; problem: number; inspected: number }> }) => ({
    key, label, values: Object.fromEntries(r.classes.map((c) => [c.class, { rate: c.rate, problem: c.problem, inspected: c.inspected }])) as RateSeries['values'],
  });
  if (compare.data) {
    series.push(toSeries('current', `本计划：${compare.data.current.name}`, compare.data.current));
    if (compare.data.previous) series.push(toSeries('previous', `上一计划：${compare.data.previous.name}`, compare.data.previous));
  }
  const { page: cur, pages } = listPage(page, rows.length, PAGE);
  const shown = rows.slice(cur * PAGE, (cur + 1) * PAGE);

  return (
    <div>
      <p className="no-print" style={{ margin: '0 0 8px' }}><Link href="/inspections">← 抽查计划</Link></p>
      <h1>{p.name}</h1>
      <div className="kpis">
        <div className="kpi"><div className="label">状态</div><div className="value" data-testid="plan-status">{drawn ? '已抽取' : '草稿'}</div></div>
        <div className="kpi"><div className="label">抽取户数</div><div className="value" data-testid="plan-drawn">{fmtInt(p.targets)}</div></div>
        <div className="kpi"><div className="label">已检查</div><div className="value">{fmtInt(progress.done)}</div></div>
        <div className="kpi"><div className="label">发现问题</div><div className="value">{fmtInt(progress.problem)}</div></div>
        <div className="kpi"><div className="label">问题发现率</div><div className="value">{progress.done ? fmtPct(progress.problem / progress.done) : '—'}</div></div>
      </div>

      <section className="panel" aria-label="计划存档">
        <h2>计划存档（可复核）</h2>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr max-content 1fr', gap: '6px 16px', margin: 0 }}>
          <dt className="muted">计划编号</dt><dd style={{ margin: 0, fontFamily: 'monospace' }}>{p.plan_id}</dd>
          <dt className="muted">随机种子</dt><dd style={{ margin: 0, fontFamily: 'monospace' }} data-testid="plan-seed">{p.seed}</dd>
          <dt className="muted">抽查年度 / 分类月份</dt><dd style={{ margin: 0 }}>{p.year} 年 / {p.month}（{modelLabel(p.model_id)}）</dd>
          <dt className="muted">范围</dt><dd style={{ margin: 0 }}>{p.region_name || p.region_code || '全部'}{s.scope.industry ? ` · 行业 ${s.scope.industry}` : ''}{s.scope.keyArea ? ` · 重点领域 ${s.scope.keyArea}` : ''}{s.scope.tags.length ? ` · 标签 ${s.scope.tags.join('、')}` : ''}</dd>
          <dt className="muted">抽查比例</dt><dd style={{ margin: 0 }}>{CLASSES.map((c) => `${c} ${s.ratios[c]}%`).join(' / ')}</dd>
          <dt className="muted">免抽规则</dt><dd style={{ margin: 0 }}>包容期标签 {ex.inclusionTags.join('、') || '无'}；新经济标签 {ex.newEconomyTags.join('、') || '无'}；三新/四新行业 {ex.newEconomyIndustries.join('、') || '无'}（成立未满 {ex.observationYears} 年）；{ex.excludeDrawnThisYear ? '本年度已抽不再抽' : '允许本年度重复抽取'}</dd>
          <dt className="muted">制定</dt><dd style={{ margin: 0 }}>{p.created_by} · {p.created_at}</dd>
          <dt className="muted">抽取</dt><dd style={{ margin: 0 }}>{drawn ? `${p.drawn_by} · ${p.drawn_at}` : '未抽取'}</dd>
        </dl>
        <table className="data" aria-label="分类抽取情况" style={{ marginTop: 12 }}>
          <thead><tr><th>类别</th><th className="num">范围内企业</th><th className="num">{EXEMPTION_LABEL.status}</th><th className="num">{EXEMPTION_LABEL.drawn}</th><th className="num">{EXEMPTION_LABEL.inclusion}</th><th className="num">{EXEMPTION_LABEL.observation}</th><th className="num">可抽</th><th className="num">比例</th><th className="num">抽取</th></tr></thead>
          <tbody>
            {p.counts.map((c) => (
              <tr key={c.class}><td><span className={`badge ${c.class}`}>{c.class}</span></td><td className="num">{fmtInt(c.population)}</td><td className="num">{fmtInt(c.status)}</td><td className="num">{fmtInt(c.drawn)}</td><td className="num">{fmtInt(c.inclusion)}</td><td className="num">{fmtInt(c.observation)}</td><td className="num">{fmtInt(c.eligible)}</td><td className="num">{c.ratio}%</td><td className="num">{fmtInt(c.expected)}</td></tr>
            ))}
          </tbody>
        </table>
        <div className="filters no-print" style={{ marginTop: 12, marginBottom: 0 }}>
          {drawn ? (
            <>
              <a className="button" href={`/inspections/export?plan=${p.plan_id}&format=csv`}>导出 CSV</a>
              <a className="button" href={`/inspections/export?plan=${p.plan_id}&format=xlsx`}>导出 Excel</a>
              <button type="button" onClick={() => { setVerifyOn(true); void verify.refetch(); }}>核验抽取</button>
              {verify.data && <span role="status" className={verify.data.same ? '' : 'error'}>{verify.data.same ? `核验一致：按存档设置与种子重算，名单相同（${verify.data.stored} 户）` : `核验不一致：存档 ${verify.data.stored} 户，重算 ${verify.data.recomputed} 户（分类结果可能已重算）`}</span>}
            </>
          ) : <button type="button" className="primary" disabled={draw.isPending} onClick={() => draw.mutate({ planId })}>抽取名单</button>}
          {draw.error && <span className="error" role="alert">{draw.error.message}</span>}
        </div>
      </section>

      {drawn && (
        <section className="panel" aria-label="问题发现率对比">
          <h2>各类问题发现率{compare.data?.previous ? '：与上一计划对比' : ''}</h2>
          {series.length > 0 && <ProblemRateBars title="各类问题发现率对比" series={series} />}
          <p className="muted" style={{ fontSize: 12, margin: 0 }}>问题发现率 = 发现问题户数 ÷ 已有检查结果户数。结果以本页记录为准（之后的复查、其他检查不覆盖）；没有本页记录的，取导入的最近一次检查事件（计划年度内、分类月份之后且不早于抽取当日；抽取前的检查属于其他检查，不计入本计划）；经异议更正删除的记录不计。</p>
        </section>
      )}

      {drawn && (
        <section className="panel" aria-label="抽查名单">
          <h2>抽查名单与结果</h2>
          <div className="filters no-print">
            <label>类别
              <select aria-label="按类别筛选" value={cls} onChange={(e) => { setCls(e.target.value as RiskClass | ''); setPage(0); }}>
                <option value="">全部</option>{CLASSES.map((c) => <option key={c} value={c}>{c} 类</option>)}
              </select>
            </label>
            <label>结果
              <select aria-label="按结果筛选" value={state} onChange={(e) => { setState(e.target.value); setPage(0); }}>
                <option value="">全部</option><option value="todo">待检查</option><option value="pass">未发现问题</option><option value="problem">发现问题</option><option value="unreachable">查无下落</option>
              </select>
            </label>
            <label>检查日期<input aria-label="检查日期" type="date" value={effDate} min={minDate} max={maxDate} onChange={(e) => setDate(e.target.value)} /></label>
            {message && <span role="status">{message}</span>}
          </div>
          {targets.isLoading ? <div className="state">载入中…</div> : (
            <table className="data" aria-label="抽查名单">
              <thead><tr><th className="num">序号</th><th>企业</th><th>类别</th><th className="num">分值</th><th>县区 / 街道</th><th>检查人员</th><th>检查结果</th><th className="no-print">记录结果</th></tr></thead>
              <tbody>
                {shown.map((t) => (
                  <tr key={t.uscc}>
                    <td className="num">{t.seq}</td>
                    <td><Link href={enterpriseHref(t.uscc, p.month)}>{t.name || t.uscc}</Link><div className="muted" style={{ fontSize: 12, fontFamily: 'monospace' }}>{t.uscc}</div></td>
                    <td><span className={`badge ${t.class}`}>{t.class}</span></td>
                    <td className="num">{Math.round(t.score)}</td>
                    <td>{t.county_name || t.county_code}{t.street_name ? ` / ${t.street_name}` : ''}</td>
                    <td>{t.inspector1 ? `${t.inspector1}（${t.inspector1_unit}）` : '待指派'}<br />{t.inspector2 ? `${t.inspector2}（${t.inspector2_unit}）` : ''}</td>
                    <td style={{ color: RESULT_COLOR[t.result] ?? undefined }} data-testid={`result-${t.uscc}`}>{RESULT_LABEL[t.result] ?? t.result}{t.result_date ? <div className="muted" style={{ fontSize: 12 }}>{t.result_date} · {t.result_source}</div> : null}</td>
                    <td className="no-print">
                      <span style={{ display: 'flex', gap: 6 }}>
                        <select aria-label={`结果 ${t.uscc}`} value={picked[t.uscc] ?? ''} onChange={(e) => setPicked({ ...picked, [t.uscc]: e.target.value })}>
                          <option value="">选择…</option><option value="pass">未发现问题</option><option value="problem">发现问题</option><option value="unreachable">查无下落</option>
                        </select>
                        <button type="button" disabled={!picked[t.uscc] || record.isPending || !dateOk} aria-label={`保存 ${t.uscc}`}
                          title={dateOk ? undefined : `检查日期应在 ${p.year} 年内、不早于抽取日期 ${minDate} 且不晚于今天`}
                          onClick={() => record.mutate({ planId, uscc: t.uscc, result: picked[t.uscc] as 'pass' | 'problem' | 'unreachable', date: effDate })}>保存</button>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="no-print" style={{ display: 'flex', gap: 12, alignItems: 'center', marginTop: 10 }}>
            <span className="muted">共 {fmtInt(rows.length)} 户，第 {cur + 1} / {pages} 页</span>
            <button type="button" disabled={cur === 0} onClick={() => setPage(cur - 1)}>上一页</button>
            <button type="button" disabled={cur + 1 >= pages} onClick={() => setPage(cur + 1)}>下一页</button>
          </div>
        </section>
      )}
    </div>
  );
}
