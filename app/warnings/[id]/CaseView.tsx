'use client';
/** One warning case: members, evidence, timeline, network, place, and the disposal steps. */
import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { NetworkGraph } from '@/components/warnings/NetworkGraph';
import { MemberMap } from '@/components/warnings/MemberMap';
import { RULE_NAME, SEVERITY, SEVERITY_COLOR, STATE, STEP, RESULT, CATEGORY } from '../labels';
import { evidenceLabel, evidenceValue, caseKeyRow } from '../evidence';
import { CLOSE_REASON_MIN, closeKinds, closeRefusal, disposedSinceClose, lastActSinceClose, NOTE_MAX, resultTargets, resultToRecord } from '@/server/warnings/steps';

export function CaseView({ id, month }: { id: string; month?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const detail = useQuery(trpc.warnings.detail.queryOptions({ id, month }));
  const county = detail.data?.warning.county_code ?? '';
  const units = useQuery({ ...trpc.warnings.units.queryOptions({ county: county || '000000' }), enabled: /^\d{6}$/.test(county) });
  const [unit, setUnit] = useState('');
  const [action, setAction] = useState<'提醒' | '警示' | '约谈' | '检查'>('提醒');
  const [result, setResult] = useState<'pass' | 'problem' | 'unreachable' | 'rectified' | 'other'>('rectified');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const dispose = useMutation(trpc.warnings.dispose.mutationOptions({
    onSuccess: async (r) => {
      setMsg(r.eventIds.length ? `已记录；已写入 ${r.eventIds.length} 条检查结果事件（${r.eventIds[0]}…），下次分类将使用` : '已记录');
      setNote('');
      await qc.invalidateQueries({ queryKey: trpc.warnings.pathKey() });
    },
    onError: (e) => setMsg(e.message),
  }));

  if (detail.isLoading) return <div className="state">载入中…</div>;
  if (detail.error) return <div><p className="no-print"><Link href="/warnings">← 预警处置</Link></p><div className="state error" role="alert">{detail.error.message}</div></div>;
  const d = detail.data!;
  const w = d.warning;
  const closed = d.state === 'closed';
  const points = d.members.filter((m) => m.lng !== null && m.lat !== null).map((m) => ({ uscc: m.uscc, name: m.name, lng: m.lng!, lat: m.lat!, isNew: m.isNew }));
  const lastAct = lastActSinceClose(d.disposals);
  const inspectionResults = lastAct?.action === '检查';
  const shownResult = resultToRecord(result, lastAct?.action);
  // 办结: after a measure and its result, or with a written reason (as the desk checks it, steps.ts closeRefusal).
  const disposed = disposedSinceClose(d.disposals);
  const closeRefused = closeRefusal(d.disposals, note);
  const closes = closeKinds(d.disposals);
  const [keyLabel, keyValue] = caseKeyRow(w.rule, w.key);
  const send = (step: 'assign' | 'act' | 'result' | 'close') => {
    setMsg(null);
    dispose.mutate({ id, step, unitCode: step === 'assign' ? unit : undefined, action: step === 'act' ? action : undefined, result: step === 'result' ? shownResult : undefined, targets: step === 'result' ? resultTargets(target, lastAct?.action) : undefined, note: note || undefined });
  };

  return (
    <div>
      <p className="no-print"><Link href={`/warnings?m=${w.month}`}>← 预警处置</Link></p>
      <h1>
        <span className="badge" style={{ background: SEVERITY_COLOR[w.severity], marginRight: 8 }}>{SEVERITY[w.severity]}</span>
        {RULE_NAME[w.rule] ?? w.rule}：{w.label || w.key}
      </h1>
      <div className="kpis">
        <div className="kpi"><div className="label">预警月份</div><div className="value">{w.month}</div></div>
        <div className="kpi"><div className="label">首次预警</div><div className="value">{w.first_month}</div></div>
        <div className="kpi"><div className="label">所在县区 / 街道</div><div className="value" style={{ fontSize: 18 }}>{w.county_name || w.county_code}{w.street_name ? ` / ${w.street_name}` : ''}</div></div>
        <div className="kpi"><div className="label">成员企业</div><div className="value">{w.memberCount}</div></div>
        <div className="kpi"><div className="label">处置状态</div><div className="value" data-testid="case-state">{STATE[d.state] ?? d.state}</div></div>
      </div>

      <div className="grid2">
        <section className="panel" aria-label="预警依据">
          <h2>预警依据</h2>
          <table className="data"><tbody>
            {Object.entries(w.evidence).filter(([k]) => k !== 'items').map(([k, v]) => <tr key={k}><td style={{ width: 160, fontWeight: 600 }}>{evidenceLabel(k)}</td><td>{evidenceValue(w.rule, k, v)}</td></tr>)}
            <tr><td style={{ fontWeight: 600 }}>{keyLabel}</td><td>{keyValue}</td></tr>
            <tr><td style={{ fontWeight: 600 }}>规则版本</td><td>v{w.rules_version}</td></tr>
          </tbody></table>
          {Array.isArray(w.evidence.items) && (
            <ul>{(w.evidence.items as Array<{ date: string; detail: string }>).map((it, i) => <li key={i}>{it.date} 变更 {it.detail}</li>)}</ul>
          )}
          <h2 style={{ marginTop: 16 }}>逐月出现</h2>
          <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {w.months.map(([m, n]) => <span key={m} className="badge" style={{ background: m === w.month ? 'var(--accent)' : '#8aa1bd' }} title={`${n} 户`}>{m}·{n}</span>)}
          </div>
        </section>
        <section className="panel" aria-label="位置">
          <h2>位置</h2>
          <MemberMap points={points} />
        </section>
      </div>

      <section className="panel" aria-label="成员企业">
        <h2>成员企业（{w.members.length}{d.unlistedMembers > 0 ? `，列出其中 ${d.members.length} 户` : ''}{d.hiddenMembers > 0 ? `，另有 ${d.hiddenMembers} 户不在您的数据范围内` : ''}）</h2>
        <table className="data">
          <thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>登记状态</th><th>成立日期</th><th>住所</th><th>法定代表人</th></tr></thead>
          <tbody>
            {d.members.map((m) => (
              <tr key={m.uscc}>
                <td>{m.name} {m.isNew && <span className="badge" style={{ background: '#d73027' }}>本月新增</span>}</td>
                <td><Link href={`/enterprise/${m.uscc}`}>{m.uscc}</Link></td>
                <td>{m.status}</td><td>{m.reg_date}</td><td>{m.address}</td><td>{m.legal_rep_name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-label="关联关系">
        <h2>关联关系（人员 ↔ 企业 ↔ 地址）</h2>
        <NetworkGraph nodes={d.network.nodes} links={d.network.links} />
      </section>

      <div className="grid2">
        <section className="panel" aria-label="处置">
          <h2>处置</h2>
          <ol aria-label="处置记录" style={{ paddingLeft: 18 }}>
            {d.disposals.length === 0 && <li className="muted">尚无处置记录</li>}
            {d.disposals.map((x, i) => (
              <li key={x.disposal_id} style={{ marginBottom: 6 }}>
                <b>{STEP[x.step] ?? x.step}</b>{' '}
                {closes[i] === 'no-action' && <>（未采取处置措施，经核实无需处置）</>}
                {closes[i] === 'undisposed' && <>（未记录处置结果）</>}
                {x.step === 'assign' && <>承办单位 {x.unit_name || x.unit_code}</>}
                {x.step === 'act' && <>{x.action}</>}
                {x.step === 'result' && <>{RESULT[x.result] ?? x.result}{x.event_ids.length ? `（写入检查事件 ${x.event_ids.length} 条）` : ''}</>}
                {x.note && <> — {closes[i] === 'no-action' ? '理由：' : ''}{x.note}</>}
                <div className="muted" style={{ fontSize: 12 }}>{x.actor} · {x.ts}</div>
              </li>
            ))}
          </ol>
          {closed ? <p className="muted">已办结。</p> : (
            <div style={{ display: 'grid', gap: 10 }} className="no-print">
              <label>备注<textarea aria-label="备注" rows={2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} /></label>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
                <label>承办单位
                  <select aria-label="承办单位" value={unit} onChange={(e) => setUnit(e.target.value)}>
                    <option value="">请选择</option>
                    {(units.data ?? []).map((u) => <option key={u.code} value={u.code}>{u.level === 3 ? '' : '　'}{u.name}</option>)}
                  </select>
                </label>
                <button type="button" disabled={!unit || dispose.isPending} onClick={() => send('assign')}>分派</button>
              </div>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
                <label>处置方式
                  <select aria-label="处置方式" value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
                    {(['提醒', '警示', '约谈', '检查'] as const).map((a) => <option key={a} value={a}>{a}</option>)}
                  </select>
                </label>
                <button type="button" disabled={dispose.isPending} onClick={() => send('act')}>记录措施</button>
              </div>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
                <label>处置结果
                  <select aria-label="处置结果" value={shownResult} onChange={(e) => setResult(e.target.value as typeof result)}>
                    {Object.entries(RESULT).filter(([k]) => inspectionResults || !['pass', 'problem', 'unreachable'].includes(k)).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                  </select>
                </label>
                {inspectionResults && (
                  <label>检查对象
                    <select aria-label="检查对象" value={target} onChange={(e) => setTarget(e.target.value)}>
                      <option value="">全部成员企业</option>
                      {d.members.map((m) => <option key={m.uscc} value={m.uscc}>{m.name}</option>)}
                    </select>
                  </label>
                )}
                <button type="button" disabled={!lastAct || dispose.isPending} onClick={() => send('result')}>记录结果</button>
              </div>
              <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <button type="button" className="primary" aria-describedby="close-rule" disabled={!!closeRefused || dispose.isPending} onClick={() => send('close')}>办结</button>
                <span id="close-rule" className="muted" data-testid="close-rule">
                  {disposed ? '已记录处置措施及其结果，可以办结。'
                    : closeRefused ? `${closeRefused}。`
                      : `未记录处置措施和结果：将以备注（${CLOSE_REASON_MIN} 字以上）作为“核实无需处置”的办结理由。`}
                </span>
              </div>
            </div>
          )}
          {msg && <p role="status" className="notice">{msg}</p>}
        </section>

        <section className="panel" aria-label="时间线">
          <h2>时间线（近一年成员企业事件）</h2>
          <ul style={{ paddingLeft: 18, maxHeight: 420, overflowY: 'auto' }}>
            {d.events.length === 0 && <li className="muted">无</li>}
            {d.events.map((e) => {
              const m = d.members.find((x) => x.uscc === e.uscc);
              return <li key={e.event_id}>{e.event_date} <b>{CATEGORY[e.category] ?? e.category}</b>{e.result ? `（${RESULT[e.result] ?? e.result}）` : ''} · {m?.name ?? e.uscc}{e.detail ? ` · ${e.detail}` : ''}{e.source ? <span className="muted"> · {e.source}</span> : null}</li>;
            })}
          </ul>
        </section>
      </div>
    </div>
  );
}
