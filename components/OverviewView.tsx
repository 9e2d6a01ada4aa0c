'use client';
/**
 * 全省总览 screen: fetches the overview procedures (each limited server-side to the viewer's region) and
 * renders headline figures, enterprises by prefecture (or county) and industry section, and events by month.
 */
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { BarChart, LineChart } from './charts';
import { OverviewKpis, Panel, type PanelState } from './OverviewPanels';
import { SERIES_COLORS, fmtInt, WITHHELD } from './palette';
import { RISK_CATEGORIES } from '@/queries/overview/categories';
import { fmtMonth } from './charts/LineChart';

const EMPTY_TEXT = '尚无数据，请在数据管理中导入或运行 seed';

function stateOf(q: { isPending: boolean; isError: boolean; error: { message: string } | null; refetch: () => unknown }, empty: boolean): PanelState {
  if (q.isPending) return { kind: 'loading' };
  if (q.isError) return { kind: 'error', message: q.error?.message ?? '未知错误', retry: () => void q.refetch() };
  if (empty) return { kind: 'empty', message: EMPTY_TEXT };
  return { kind: 'ready' };
}

/** Category colours fixed per category, risk categories in warm colours first. */
const CATEGORY_COLORS: Record<string, string> = {
  penalty: '#d73027', abnormal_list: '#fc8d59', serious_dishonest_list: '#7f0000', license_revoked: '#4d4d4d', dishonest: '#b07aa1',
  inspection: '#4e79a7', complaint: '#edc948', change: '#76b7b2', equity_pledge: '#9c755f', ip_pledge: '#bab0ac',
  license: '#59a14f', annual_report: '#a0cbe8', credit_repair: '#8cd17d',
};

export function OverviewView({ isAdmin, isPartner }: { isAdmin: boolean; isPartner: boolean }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.overview.summary.queryOptions());
  const byRegion = useQuery(trpc.overview.byRegion.queryOptions());
  const byIndustry = useQuery(trpc.overview.byIndustry.queryOptions());
  const events = useQuery(trpc.overview.eventsByMonth.queryOptions({ months: 36 }));
  const [mode, setMode] = useState<'stacked-area' | 'line'>('stacked-area');
  const [riskOnly, setRiskOnly] = useState(false);

  const noData = summary.data?.total === 0;
  const h = summary.data;
  const level = byRegion.data?.level ?? 'prefecture';
  const levelName = level === 'prefecture' ? '地市' : level === 'county' ? '区县' : '街道/乡镇';
  const evSeries = (events.data?.series ?? [])
    .filter((s) => !riskOnly || RISK_CATEGORIES.includes(s.key))
    .map((s, i) => ({ ...s, color: CATEGORY_COLORS[s.key] ?? SERIES_COLORS[i % SERIES_COLORS.length]! }));
  const months = events.data?.months ?? [];

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 14, flexWrap: 'wrap', marginBottom: 12 }}>
        <h1 style={{ margin: 0 }}>{h && h.scopeName !== '全省' ? `总览 · ${h.scopeName}` : '全省总览'}</h1>
        {h && <span className="muted" data-testid="scope-line">数据范围：{h.scopeName}{h.latestMonth ? `\u3000数据截至 ${fmtMonth(h.latestMonth)}` : ''}</span>}
      </div>
      {isPartner && <p className="notice" style={{ marginTop: 0 }}>合作研究账号仅显示汇总数据；少于 10 的计数，以及可据以推算出它们的计数，显示为“{WITHHELD}”。</p>}

      {summary.isPending && <div className="kpis"><div className="kpi state" role="status" style={{ flex: 1 }}>加载中…</div></div>}
      {summary.isError && <div className="notice error" role="alert" style={{ marginBottom: 16 }}>主要指标加载失败：{summary.error.message}{'\u3000'}<button type="button" onClick={() => void summary.refetch()}>重试</button></div>}
      {h && noData && (
        <div className="panel state" data-testid="overview-empty">
          <p style={{ fontSize: 16, margin: '8px 0' }}>{EMPTY_TEXT}</p>
          {isAdmin ? <Link href="/data" className="button primary">前往数据管理</Link> : <p className="muted">请联系管理员导入数据。</p>}
        </div>
      )}
      {h && !noData && <OverviewKpis h={h} />}

      {!noData && (
        <>
          <div className="grid2">
            <Panel title={`各${levelName}存续/在业企业`} subtitle="单位：户" testId="panel-region"
              state={stateOf(byRegion, (byRegion.data?.rows.length ?? 0) === 0)}>
              {byRegion.data && (
                <BarChart title={`各${levelName}存续/在业企业数`} testId="chart-region" valueLabel="企业数（户）" categoryLabel={levelName} color="#2f6db3"
                  rowHeight={Math.max(24, Math.min(40, Math.floor(480 / Math.max(1, byRegion.data.rows.length))))}
                  data={byRegion.data.rows.map((r) => ({ key: r.code, label: r.name, value: r.active, detail: [`登记总数：${r.total === null ? WITHHELD : fmtInt(r.total)}`] }))} />
              )}
            </Panel>
            <Panel title="各行业门类存续/在业企业" subtitle="GB/T 4754-2017 门类，单位：户" testId="panel-industry"
              state={stateOf(byIndustry, (byIndustry.data?.length ?? 0) === 0)}>
              {byIndustry.data && (
                <BarChart title="各行业门类存续/在业企业数" testId="chart-industry" valueLabel="企业数（户）" categoryLabel="行业门类" color="#3f8f7f" labelChars={14} rowHeight={22}
                  data={byIndustry.data.map((r) => ({ key: r.code, label: r.name, value: r.active, detail: [`门类代码：${r.code}`, `登记总数：${r.total === null ? WITHHELD : fmtInt(r.total)}`] }))} />
              )}
            </Panel>
          </div>
          <Panel title="各类事件月度走势" subtitle={months.length ? `${fmtMonth(months[0]!)} — ${fmtMonth(months[months.length - 1]!)}，单位：条；点击图例可隐藏类别` : undefined}
            testId="panel-events" state={stateOf(events, months.length === 0)}
            actions={(
              <div style={{ display: 'flex', gap: 6 }} role="group" aria-label="图表选项">
                <button type="button" className={riskOnly ? '' : 'primary'} aria-pressed={!riskOnly} onClick={() => setRiskOnly(false)}>全部类别</button>
                <button type="button" className={riskOnly ? 'primary' : ''} aria-pressed={riskOnly} onClick={() => setRiskOnly(true)}>仅风险类</button>
                <span style={{ width: 10 }} />
                <button type="button" className={mode === 'stacked-area' ? 'primary' : ''} aria-pressed={mode === 'stacked-area'} onClick={() => setMode('stacked-area')}>堆叠面积</button>
                <button type="button" className={mode === 'line' ? 'primary' : ''} aria-pressed={mode === 'line'} onClick={() => setMode('line')}>折线</button>
              </div>
            )}>
            <LineChart key={riskOnly ? 'risk' : 'all'} title="各类事件月度数量" testId="chart-events" x={months} series={evSeries} mode={mode}
              valueLabel="事件数（条）" xLabel="月份" height={300} />
          </Panel>
        </>
      )}
    </div>
  );
}
