'use client';
/** 预警处置: the month's warnings by region and rule, with counts; links to each case; push-list export and print. */
import Link from 'next/link';
import { useMemo } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { RULES, RULE_NAME, SEVERITY, SEVERITY_COLOR, STATE } from './labels';
import { deskParams } from './params';
import { fmtInt } from '@/components/palette';


export function WarningDesk() {
  const trpc = useTRPC();
  const router = useRouter();
  const sp = useSearchParams();
  const months = useQuery(trpc.warnings.months.queryOptions());
  const params = deskParams(sp);
  const month = params.month ?? months.data?.[0]?.month;
  const { region, rule, severity, state, page } = params;
  const PAGE = 50;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) { if (v) next.set(k, v); else next.delete(k); }
    if (!('p' in patch)) next.delete('p');
    router.replace(`/warnings?${next.toString()}`);
  };

  const enabled = !!month;
  const counts = useQuery({ ...trpc.warnings.counts.queryOptions({ month: month ?? '2000-01', region }), enabled });
  const regions = useQuery({ ...trpc.warnings.regions.queryOptions({ month: month ?? '2000-01', rule }), enabled });
  const list = useQuery({ ...trpc.warnings.list.queryOptions({ month: month ?? '2000-01', region, rule, severity, state, limit: PAGE, offset: page * PAGE }), enabled });

  const byRule = useMemo(() => {
    const m = new Map<string, { n: number; high: number; open: number }>();
    for (const c of counts.data ?? []) {
      const x = m.get(c.rule) ?? { n: 0, high: 0, open: 0 };
      x.n += c.n; if (c.severity === 'high') x.high += c.n; if (c.state === 'open') x.open += c.n;
      m.set(c.rule, x);
    }
    return m;
  }, [counts.data]);
  const total = [...byRule.values()].reduce((a, b) => a + b.n, 0);
  const counties = useMemo(() => {
    const m = new Map<string, { name: string; n: number; streets: Array<{ code: string; name: string; n: number }> }>();
    for (const r of regions.data ?? []) {
      const c = m.get(r.county_code) ?? { name: r.county_name || r.county_code, n: 0, streets: [] };
      c.n += r.n;
      if (r.street_code) c.streets.push({ code: r.street_code, name: r.street_name || r.street_code, n: r.n });
      m.set(r.county_code, c);
    }
    return m;
  }, [regions.data]);
  const county = region ? region.slice(0, 6) : undefined;
  const exportQs = `m=${month ?? ''}${region ? `&r=${region}` : ''}${rule ? `&rule=${rule}` : ''}`;

  if (months.isLoading) return <div className="state">载入中…</div>;
  if (months.error) return <div className="state error">{months.error.message}</div>;
  if (!month) return <div><h1>预警处置</h1><div className="state">尚无预警。请先运行 <code>npm run cli -- warnings --all</code>。</div></div>;

  return (
    <div>
      <h1>预警处置</h1>
      <div className="filters no-print">
        <label>月份
          <select aria-label="月份" value={month} onChange={(e) => set({ m: e.target.value })}>
            {(months.data ?? []).map((m) => <option key={m.month} value={m.month}>{m.month}（{m.n}）</option>)}
          </select>
        </label>
        <label>县区
          <select aria-label="县区" value={county ?? ''} onChange={(e) => set({ r: e.target.value || undefined })}>
            <option value="">全部（{[...counties.values()].reduce((a, b) => a + b.n, 0)}）</option>
            {[...counties.entries()].map(([code, c]) => <option key={code} value={code}>{c.name}（{c.n}）</option>)}
          </select>
        </label>
        {county && (counties.get(county)?.streets.length ?? 0) > 0 && (
          <label>街道乡镇
            <select aria-label="街道乡镇" value={region && region.length === 9 ? region : ''} onChange={(e) => set({ r: e.target.value || county })}>
              <option value="">全县区</option>
              {counties.get(county)!.streets.map((s) => <option key={s.code} value={s.code}>{s.name}（{s.n}）</option>)}
            </select>
          </label>
        )}
        <label>等级
          <select aria-label="等级" value={severity ?? ''} onChange={(e) => set({ sev: e.target.value || undefined })}>
            <option value="">全部</option>{Object.entries(SEVERITY).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label>处置状态
          <select aria-label="处置状态" value={state ?? ''} onChange={(e) => set({ st: e.target.value || undefined })}>
            <option value="">全部</option>{Object.entries(STATE).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <span style={{ flex: 1 }} />
        <a className="button" href={`/warnings/export?${exportQs}&format=csv`}>导出 CSV</a>
        <a className="button" href={`/warnings/export?${exportQs}&format=xlsx`}>导出 Excel</a>
        <Link className="button" href={`/warnings/print?${exportQs}`}>打印推送清单</Link>
      </div>

      <div className="kpis kpi-tabs" role="tablist" aria-label="预警类型">
        <button type="button" role="tab" aria-selected={!rule} className={`kpi${!rule ? ' kpi-on' : ''}`} onClick={() => set({ rule: undefined })} style={{ textAlign: 'left', outline: !rule ? '2px solid var(--accent)' : undefined }}>
          <div className="label">全部预警</div><div className="value">{fmtInt(total)}</div>
        </button>
        {RULES.map((r) => {
          const c = byRule.get(r.id);
          const on = rule === r.id;
          return (
            <button key={r.id} type="button" role="tab" aria-selected={on} className="kpi" onClick={() => set({ rule: on ? undefined : r.id })} style={{ textAlign: 'left', outline: on ? '2px solid var(--accent)' : undefined }}>
              <div className="label">{r.label}</div>
              <div className="value">{fmtInt(c?.n ?? 0)}</div>
              <div className="muted" style={{ fontSize: 12 }}>高 {fmtInt(c?.high ?? 0)} · 待处置 {fmtInt(c?.open ?? 0)}</div>
            </button>
          );
        })}
      </div>

      <div className="panel">
        {list.isLoading ? <div className="state">载入中…</div> : list.error ? <div className="state error">{list.error.message}</div> : (list.data?.length ?? 0) === 0 ? <div className="state">没有符合条件的预警</div> : (
          <>
            <table className="data" aria-label="预警列表">
              <thead><tr><th>等级</th><th>类型</th><th>对象</th><th>县区 / 街道</th><th className="num">企业</th><th className="num">新增</th><th>首次预警</th><th>处置状态</th></tr></thead>
              <tbody>
                {list.data!.map((w) => (
                  <tr key={w.id}>
                    <td><span className="badge" style={{ background: SEVERITY_COLOR[w.severity] }}>{SEVERITY[w.severity]}</span></td>
                    <td>{RULE_NAME[w.rule] ?? w.rule}</td>
                    <td><Link href={`/warnings/${w.id}?m=${month}`}>{w.label || w.key}</Link></td>
                    <td>{w.county_name || w.county_code}{w.street_name ? ` / ${w.street_name}` : ''}</td>
                    <td className="num">{w.members}</td>
                    <td className="num">{w.new_members || ''}</td>
                    <td>{w.first_month}{w.status === 'continuing' ? '（持续）' : ''}</td>
                    <td>{STATE[w.state] ?? w.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginTop: 10 }}>
              <span className="muted">共 {fmtInt(list.data![0]?.total ?? 0)} 条，第 {page + 1} / {Math.max(1, Math.ceil((list.data![0]?.total ?? 0) / PAGE))} 页</span>
              <button type="button" disabled={page === 0} onClick={() => set({ p: String(page - 1) })}>上一页</button>
              <button type="button" disabled={(page + 1) * PAGE >= (list.data![0]?.total ?? 0)} onClick={() => set({ p: String(page + 1) })}>下一页</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
