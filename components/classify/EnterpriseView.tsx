'use client';
/**
 * 企业画像: profile, effective class and score by month, one month's reasons and every model's result (the latest
 * month, or `?month=`: enterpriseMonth.ts), event timeline, roles.
 */
import { useMemo, useState } from 'react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { CLASS_COLORS, CLASS_LABELS, MODEL_LABELS, fmtInt, type RiskClass } from '@/components/palette';
import { ScoreHistoryChart } from './ScoreHistoryChart';
import { monthView, staleNote } from './enterpriseMonth';
import { RULE_NAME, SEVERITY, SEVERITY_COLOR, STATE } from '@/app/warnings/labels';

export const CATEGORY_NAMES: Record<string, string> = {
  registration: '设立登记', change: '变更登记', annual_report: '年度报告', license: '行政许可', license_revoked: '吊销营业执照',
  penalty: '行政处罚', abnormal_list: '经营异常名录', serious_dishonest_list: '严重违法失信名单', dishonest: '其他失信记录',
  inspection: '抽查检查', complaint: '投诉举报', equity_pledge: '股权出质', ip_pledge: '知识产权质押', credit_repair: '信用修复',
};
const RESULT_NAMES: Record<string, string> = { pass: '未发现问题', problem: '发现问题', unreachable: '查无下落' };
const MODEL_NAMES = MODEL_LABELS;

function ClassBadge({ c }: { c: string }) {
  const color = CLASS_COLORS[c as RiskClass] ?? '#999';
  return <span className="badge" data-testid="class-badge" style={{ background: color, color: c === 'B' ? '#1f2933' : '#fff', padding: '2px 8px', borderRadius: 3 }}>{CLASS_LABELS[c as RiskClass] ?? c}</span>;
}

const num = (x: number, d = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(d));
/**
 * A related-enterprise count as the classification counts it (not closed), the revoked among them (the warnings'
 * 一址多照 / 一人多企 count 存续/在业 only) and the closed ones left out.
 */
const related = (n: number, revoked: number, closed: number) =>
  `${fmtInt(n)} 户${revoked ? `，其中吊销 ${fmtInt(revoked)} 户` : ''}${closed ? `；另有已注销/迁出 ${fmtInt(closed)} 户未计` : ''}`;

export function EnterpriseView({ uscc, scoped = false }: { uscc: string; scoped?: boolean }) {
  // For a region-scoped viewer the related-enterprise counts are within the region (queries/enterprise).
  const within = scoped ? '辖区内' : '';
  const trpc = useTRPC();
  // The procedure's format (an 18-character USCC or a 15-digit legacy registration number): anything else is said so
  // here, not answered with the input validator's raw JSON.
  const wellFormed = /^[0-9A-Z]{15,18}$/.test(uscc);
  const q = useQuery({ ...trpc.classify.enterprise.queryOptions({ uscc }), enabled: wellFormed });
  const models = useQuery(trpc.classify.models.queryOptions());
  const classified = useQuery(trpc.classify.months.queryOptions({ model: 'general' }));
  // The warning cases it is a member of, those another county handles included (queries/enterprise/warnings.ts).
  const cases = useQuery({ ...trpc.warnings.ofEnterprise.queryOptions({ uscc }), enabled: wellFormed });
  // The enterprises the profile counts at its address and under its legal representative, listed.
  const relatedList = useQuery({ ...trpc.classify.enterpriseRelated.queryOptions({ uscc }), enabled: wellFormed });
  const [category, setCategory] = useState('');
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const wanted = sp.get('month');
  const pickMonth = (m: string) => {
    const next = new URLSearchParams(sp.toString());
    next.set('month', m);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const general = models.data?.find((m) => m.id === 'general');
  const bands = general?.bands ?? { B: 200, C: 500, D: 750 };

  const view = useMemo(() => (q.data ? monthView(q.data.history, wanted) : null), [q.data, wanted]);

  if (!wellFormed) return <div className="state error" role="alert">无法查看：“{uscc}”不是统一社会信用代码（18位）或注册号（15位）</div>;
  if (q.isLoading) return <div className="state">加载中…</div>;
  if (q.error) return <div className="state error" role="alert">无法查看：{q.error.message}</div>;
  if (!q.data || !view) return null;
  const { profile, timeline, roles } = q.data;
  const events = category ? timeline.filter((e) => e.category === category) : timeline;
  const categories = [...new Set(timeline.map((e) => e.category))].sort();
  // What a credit repair repairs, in words: the record it names (its date and category; the record may lie beyond the
  // list's cut), or, naming none of the enterprise's records, every penalty and dishonest record up to its date.
  const byId = new Map(timeline.map((e) => [e.event_id, e]));
  const repairText = (of: string, detail: string) => {
    if (of === '*') return `${detail ? `${detail}（` : ''}未指明本企业的具体记录：修复此前全部行政处罚及其他失信记录${detail ? '）' : ''}`;
    const r = byId.get(of);
    return r ? `修复 ${r.event_date} ${CATEGORY_NAMES[r.category] ?? r.category}` : `修复记录 ${of}`;
  };
  const { row, decider } = view;

  return (
    <div>
      <h1>{profile.name} <span className="muted" style={{ fontSize: 14 }}>{profile.uscc}</span></h1>
      <p className="no-print" style={{ display: 'flex', gap: 16, marginTop: -8 }}>
        <Link href={`/objections?uscc=${encodeURIComponent(profile.uscc)}`}>登记异议</Link>
        <Link href={`/objections?uscc=${encodeURIComponent(profile.uscc)}&tab=repair`}>信用修复核查</Link>
      </p>
      <div className="kpis">
        <div className="kpi"><div className="label">{view.latest ? '最新类别' : '类别'}（{view.month || '未分类'}）</div><div className="value" data-testid="latest-class">{row ? <ClassBadge c={row.class} /> : '—'}</div></div>
        <div className="kpi"><div className="label">风险分值</div><div className="value" data-testid="latest-score">{row ? num(row.score) : '—'}</div></div>
        <div className="kpi"><div className="label">判定依据</div><div className="value" style={{ fontSize: 16 }}>{row ? MODEL_NAMES[row.basis] ?? row.basis : '—'}</div></div>
        {view.months.length > 0 && (
          <div className="kpi no-print"><label className="label">查看月份
            <select aria-label="查看月份" value={view.month} onChange={(e) => pickMonth(e.target.value)} style={{ display: 'block', marginTop: 4 }}>
              {view.missing && <option value={view.month}>{view.month}（未分类）</option>}
              {view.months.map((m, k) => <option key={m} value={m}>{m}{k === 0 ? '（最新）' : ''}</option>)}
            </select>
          </label></div>
        )}
      </div>
      {(() => { const note = staleNote(view, classified.data?.[0], profile.status, profile.reg_date); return note && <div className="notice" role="status" data-testid="stale-class">{note}</div>; })()}
      {view.missing && (
        <div className="notice" role="status">{view.month} 没有本企业的分类结果（该月尚未成立、已注销或迁出，或该月未运行分类）。可在“查看月份”中选择已分类的月份。</div>
      )}

      <section className="panel" aria-label="基本信息">
        <h2>基本信息</h2>
        <table className="data"><tbody>
          <tr><th>统一社会信用代码</th><td>{profile.uscc}</td><th>企业类型</th><td>{profile.entity_type}</td></tr>
          <tr><th>登记状态</th><td>{profile.status}</td><th>成立日期</th><td>{profile.reg_date}</td></tr>
          <tr><th>行业</th><td>{profile.industry_code} {profile.industry_name}</td><th>区划</th><td>{profile.region_code} {profile.region_name}</td></tr>
          <tr><th>住所</th><td>{profile.address}（{within}同址企业 {related(profile.address_enterprises, profile.address_revoked, profile.address_closed)}）</td><th>法定代表人</th><td>{profile.legal_rep_name}（{within}名下企业 {related(profile.rep_enterprises, profile.rep_revoked, profile.rep_closed)}）</td></tr>
          <tr><th>注册资本</th><td>{profile.reg_capital_wan === null ? '—' : `${profile.reg_capital_wan} 万元`}</td><th>标签</th><td>{profile.tags.length ? profile.tags.join('、') : '—'}</td></tr>
        </tbody></table>
      </section>

      <section className="panel" aria-label="分值与类别">
        <h2>逐月类别与分值（{view.series[0]?.model_id === 'effective' ? '通用+专业' : '通用型'}）</h2>
        {view.series.length ? <ScoreHistoryChart points={view.series.map((h) => ({ month: h.month, score: h.score, class: h.class, bands: h.bands }))} bands={bands} /> : <div className="state">尚未分类</div>}
      </section>

      {decider && (
        <section className="panel" aria-label="分类理由">
          <h2>{view.month} 分类理由（{MODEL_NAMES[decider.model_id] ?? decider.model_id} v{decider.model_version}）</h2>
          <table className="data" aria-label="理由">
            <thead><tr><th>指标</th><th className="num">取值</th><th className="num">得分</th></tr></thead>
            <tbody>
              {decider.reasons.map((r) => (
                <tr key={r.indicator}><td>{r.name}</td><td className="num">{num(r.value, 2)}</td><td className="num">{num(r.points)}</td></tr>
              ))}
              <tr><td className="muted">其他指标合计</td><td /><td className="num">{num(decider.other_points)}</td></tr>
            </tbody>
          </table>
          {Object.keys(decider.subscores).length > 0 && (
            <table className="data" aria-label="维度得分" style={{ marginTop: 12 }}>
              <thead><tr>{Object.keys(decider.subscores).map((d) => <th key={d} className="num">{d}</th>)}</tr></thead>
              <tbody><tr>{Object.values(decider.subscores).map((v, k) => <td key={k} className="num">{num(v)}</td>)}</tr></tbody>
            </table>
          )}
        </section>
      )}

      {view.sameMonth.length > 0 && (
        <section className="panel" aria-label="各模型结果">
          <h2>{view.month} 各模型结果</h2>
          <table className="data">
            <thead><tr><th>模型</th><th>版本</th><th>类别</th><th className="num">分值</th><th>首要理由</th></tr></thead>
            <tbody>
              {view.sameMonth.map((h) => (
                <tr key={h.model_id}><td>{MODEL_NAMES[h.model_id] ?? h.model_id}</td><td>v{h.model_version}</td><td><ClassBadge c={h.class} /></td><td className="num">{num(h.score)}</td><td>{h.reasons[0]?.name ?? '—'}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="panel" aria-label="涉及的预警">
        <h2>涉及的预警</h2>
        {cases.isLoading ? <p className="muted">加载中…</p>
          : cases.error ? <p className="state error" role="alert">预警无法读取：{cases.error.message}</p>
          : !cases.data?.length ? <p className="muted" data-testid="no-cases">该企业不在任何预警中。</p>
          : (
            <table className="data" data-testid="enterprise-cases">
              <thead><tr><th>预警类型</th><th>对象</th><th>等级</th><th className="num">涉及企业</th><th>处置县区</th><th>状态</th><th>月份</th></tr></thead>
              <tbody>
                {cases.data.map((c) => (
                  <tr key={c.id}>
                    <td>{c.in_scope ? <Link href={`/warnings/${c.id}?m=${c.month}`}>{RULE_NAME[c.rule] ?? c.rule}</Link> : (RULE_NAME[c.rule] ?? c.rule)}</td>
                    <td>{c.label}</td>
                    <td><span style={{ color: SEVERITY_COLOR[c.severity] }}>●</span> {SEVERITY[c.severity] ?? c.severity}</td>
                    <td className="num">{fmtInt(c.members)} 户</td>
                    <td>{c.county_name || c.county_code}{c.in_scope ? '' : '（其他辖区处置，本页仅显示本企业）'}</td>
                    <td>{STATE[c.state] ?? c.state}</td>
                    <td>{c.first_month === c.month ? c.month : `${c.first_month} 至 ${c.month}`}{c.latest_month !== c.month ? `（其后不再是成员；预警延续至 ${c.latest_month}）` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>

      <section className="panel" aria-label="事件时间线">
        <h2>事件时间线</h2>
        <div className="filters">
          <label>类别
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">全部（{timeline.length}）</option>
              {categories.map((c) => <option key={c} value={c}>{CATEGORY_NAMES[c] ?? c}</option>)}
            </select>
          </label>
        </div>
        {timeline.length > 0 && timeline[0]!.total > timeline.length && (
          <p className="muted" role="note">显示最近 {timeline.length} 条记录，共 {timeline[0]!.total} 条。</p>
        )}
        {events.length === 0 ? <div className="state">没有事件</div> : (
          <table className="data" aria-label="事件">
            <thead><tr><th>日期</th><th>类别</th><th>严重程度</th><th>结果</th><th>来源</th><th className="num">金额（元）</th><th>说明</th><th>截止/移出/修复</th><th>异议更正</th></tr></thead>
            <tbody>
              {events.map((e) => {
                // A record an objection removed stays listed, struck through: the classification no longer counts it.
                const st = e.correction === 'remove' ? { textDecoration: 'line-through' } : undefined;
                return (
                  <tr key={e.event_id} className={e.correction === 'remove' ? 'muted' : undefined}>
                    <td style={st}>{e.event_date}</td><td style={st}>{CATEGORY_NAMES[e.category] ?? e.category}</td><td style={st}>{e.severity === 'serious' ? '严重' : '一般'}</td>
                    <td style={st}>{RESULT_NAMES[e.result] ?? e.result}</td><td style={st}>{e.source}</td><td style={st} className="num">{e.amount_yuan === null ? '' : fmtInt(e.amount_yuan)}</td><td style={st}>{e.repair_of ? repairText(e.repair_of, e.detail) : e.detail}</td>
                    <td style={st}>{[e.end_date === e.repaired_on ? null : e.end_date, e.repaired_on === null ? null : `已修复 ${e.repaired_on}`].filter(Boolean).join('；')}</td>
                    <td>{e.correction === 'remove' ? `已撤销（异议 ${e.corrected_by}）` : e.correction === 'change' ? `已更正（异议 ${e.corrected_by}）` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-label="关联企业">
        <h2>关联企业</h2>
        {relatedList.isLoading ? <p className="muted">加载中…</p>
          : relatedList.error ? <p className="state error" role="alert">关联企业无法读取：{relatedList.error.message}</p>
          : (['address', 'legal_rep'] as const).map((tie) => {
            const rows = (relatedList.data ?? []).filter((r) => r.tie === tie);
            const title = tie === 'address' ? `${within}同一住所的其他企业` : `${within}同一法定代表人（${profile.legal_rep_name}）名下的其他企业`;
            return (
              <div key={tie} data-testid={`related-${tie}`}>
                <h3 style={{ fontSize: 14, margin: '8px 0 4px' }}>{title}{rows.length ? `（${fmtInt(rows[0]!.total)} 户${rows[0]!.total > rows.length ? `，列出 ${rows.length} 户` : ''}）` : ''}</h3>
                {rows.length === 0 ? <p className="muted">无</p> : (
                  <table className="data">
                    <thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>登记状态</th><th>成立日期</th><th>区县</th><th>最新类别</th></tr></thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.uscc}>
                          <td><Link href={`/enterprise/${r.uscc}`}>{r.name}</Link></td><td>{r.uscc}</td><td>{r.status}</td><td>{r.reg_date}</td><td>{r.county_name}</td>
                          <td>{r.class ? <><ClassBadge c={r.class} /> <span className="muted">{r.class_month}</span></> : <span className="muted">未分类</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            );
          })}
      </section>

      <section className="panel" aria-label="相关人员">
        <h2>相关人员</h2>
        {roles.length === 0 ? <div className="state">没有人员记录</div> : (
          <table className="data">
            <thead><tr><th>姓名/名称</th><th>角色</th><th className="num">持股比例</th><th className="num">{within}关联企业数（不含已注销/迁出）</th></tr></thead>
            <tbody>
              {roles.map((r) => (
                <tr key={r.person_id}><td>{r.person_name || r.person_id}</td><td>{r.roles.join('、')}</td><td className="num">{r.share_pct === null ? '' : `${r.share_pct}%`}</td><td className="num">{fmtInt(r.enterprises)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
