'use client';
/**
 * 分布研判 workbench: the filter bar and every view share the URL state (filters + view params). Clicking a bar,
 * a heat cell, a concentration or a rising group writes a filter to the URL; every view re-queries.
 * Data come from tRPC (aggregates) and the Arrow route (enterprise lists).
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { tableFromIPC } from 'apache-arrow';
import Link from 'next/link';
import { useTRPC } from '@/app/providers';
import type { Viewer } from '@/server/auth/viewer';
import type { Filters } from '@/queries/filters';
import { FilterBar, regionAt, type Option } from '@/components/filters/FilterBar';
import { useUrlFilters } from '@/components/filters/useUrlFilters';
import { ClassStackedBars } from '@/components/research/ClassStackedBars';
import { HeatMatrix } from '@/components/research/HeatMatrix';
import { MigrationMatrix } from '@/components/research/MigrationMatrix';
import { ConcentrationTable, RisingTable } from '@/components/research/RankTables';
import { EnterpriseTable, type EnterpriseListRow, type SortKey } from '@/components/research/EnterpriseTable';
import { Breadcrumbs } from '@/components/research/Breadcrumbs';
import { ClassLegend } from '@/components/research/classStyle';
import { LineChart } from '@/components/charts/LineChart';
import { CLASS_COLORS, CLASS_LABELS, CLASSES, fmtInt, fmtPct, WITHHELD } from '@/components/palette';
import { readView, shownMonth, outsideScope, OUTSIDE_SCOPE, noteSearch, DIMENSION_LABELS, MODEL_LABELS, autoBreakdown, childRegionLevel, childIndustryLevel, groupPatch, cellPatch, type Dimension } from '@/components/research/viewState';
import { monthComparison, classHint } from '@/components/research/prevMonth';
import css from '@/components/research/research.module.css';
import { EXPORT_MAX } from '@/queries/research/exportLimit';

/** Groups the distribution chart shows (the largest by size). */
const DIST_SHOWN = 40;
const LEVEL_LABEL: Record<string, string> = { province: '省', prefecture: '地市', county: '区县', street: '街道/乡镇', section: '行业门类', division: '行业大类', group: '行业中类' };

export function Workbench({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const { filters, params, search, update } = useUrlFilters();
  const view = useMemo(() => readView(params), [params]);
  const analyst = viewer.role === 'admin' || viewer.role === 'analyst';

  const meta = useQuery(trpc.research.meta.queryOptions());
  const modelMonths = meta.data?.months[filters.model] ?? [];
  const { month, missing: monthMissing } = shownMonth(filters.month, meta.data ? modelMonths : undefined);
  const ready = month !== '';
  const f: Filters = { ...filters, month };
  const opts = { enabled: ready, placeholderData: keepPreviousData } as const;

  // Filter options: region and industry cascades, entity types and tags.
  const r0 = useQuery(trpc.reference.regions.queryOptions({ parent: '' }));
  const r1 = useQuery(trpc.reference.regions.queryOptions({ parent: regionAt(filters.region, 0) }, { enabled: !!filters.region }));
  const r2 = useQuery(trpc.reference.regions.queryOptions({ parent: regionAt(filters.region, 1) }, { enabled: !!regionAt(filters.region, 1) }));
  const r3 = useQuery(trpc.reference.regions.queryOptions({ parent: regionAt(filters.region, 2) }, { enabled: !!regionAt(filters.region, 2) }));
  const i0 = useQuery(trpc.reference.industries.queryOptions({ parent: '' }));
  const i1 = useQuery(trpc.reference.industries.queryOptions({ parent: filters.industry?.slice(0, 1) ?? '' }, { enabled: !!filters.industry }));
  const i2 = useQuery(trpc.reference.industries.queryOptions({ parent: filters.industry?.slice(0, 3) ?? '' }, { enabled: (filters.industry?.length ?? 0) >= 3 }));
  const facets = useQuery(trpc.research.facets.queryOptions({ filters: f }, opts));
  const path = useQuery(trpc.reference.path.queryOptions({ region: filters.region ?? '', industry: filters.industry ?? '' }));
  const toOpts = (d: Array<{ code: string; name: string }> | undefined): Option[] => d?.map((x) => ({ code: x.code, name: x.name })) ?? [];
  const provinces = toOpts(r0.data);

  // Views
  // A region-scoped viewer's views start one level below their own region.
  const scope = viewer.regionCode || undefined;
  const by: Dimension = view.by ?? autoBreakdown(filters, scope);
  const rowsLevel = childRegionLevel(filters.region, scope);
  const colsLevel = childIndustryLevel(filters.industry);
  const risingLevel = view.rb === 'industry' ? colsLevel : rowsLevel;
  // One more than shown, to tell when groups were left out.
  const dist = useQuery(trpc.research.distribution.queryOptions({ filters: f, by, limit: DIST_SHOWN + 1 }, opts));
  const distRows = dist.data?.rows.slice(0, DIST_SHOWN) ?? [];
  const distCut = (dist.data?.rows.length ?? 0) > DIST_SHOWN;
  const trend = useQuery(trpc.research.trend.queryOptions({ filters: f }, opts));
  const matrix = useQuery(trpc.research.matrix.queryOptions({ filters: f, rows: rowsLevel, cols: colsLevel, maxRows: 24, maxCols: 20 }, opts));
  const migFrom = view.mf && view.mf < month ? view.mf : undefined;
  const migration = useQuery(trpc.research.migration.queryOptions({ filters: f, from: migFrom }, opts));
  const conc = useQuery(trpc.research.concentrations.queryOptions({ filters: f, rows: rowsLevel, cols: colsLevel, minSize: view.cmin, rankBy: view.cr, limit: 15 }, opts));
  const rising = useQuery(trpc.research.rising.queryOptions({ filters: f, by: risingLevel, months: view.rk, minSize: view.cmin, limit: 12 }, opts));

  // Cross-filtering: a clicked group becomes a filter; the breakdown follows the hierarchy down.
  // A group that cannot be a filter (（未细分）) is not clickable through: it would clear the filter instead.
  const selectGroup = (key: string, detail = false) => {
    const patch = groupPatch(by, key);
    if (patch) update(patch, { by: null, ...(detail ? { ent: '1', eo: null } : {}) });
  };
  const selectCell = (r: string, i: string, view: Record<string, string | string[] | null> = {}) => {
    const patch = cellPatch(r, i);
    if (patch) update(patch, { by: null, ...view });
  };

  // 较上月: the calendar month before `month` exactly (an unclassified month is said so, not skipped over).
  const { last, total: totalHint, cd: cdHint } = monthComparison(trend.data?.points ?? [], month, trend.data?.from);
  const share = (p: typeof last, i: number) => (p && p.n && p.counts[i] !== null ? (p.counts[i] ?? 0) / p.n : null);
  const cdShare = (p: typeof last) => (p && p.n && p.counts[2] !== null && p.counts[3] !== null ? ((p.counts[2] ?? 0) + (p.counts[3] ?? 0)) / p.n : null);

  if (meta.isSuccess && modelMonths.length === 0) {
    return <div><h1>分布研判</h1><div className="panel state">模型“{MODEL_LABELS[filters.model] ?? filters.model}”还没有分类结果。请先运行 <code>npm run cli -- classify --all</code>{filters.model !== 'general' && <>，或 <Link href="/research">查看通用型模型</Link></>}。</div></div>;
  }

  return (
    <div>
      <div className={css.head}>
        <h1>分布研判 <span className="muted" style={{ fontSize: 14, fontWeight: 400 }}>{month && `${month} · ${MODEL_LABELS[filters.model] ?? filters.model}`}</span></h1>
        <ClassLegend />
      </div>
      <FilterBar filters={filters} month={month} months={modelMonths}
        models={(meta.data?.models ?? [filters.model]).map((id) => ({ id, label: MODEL_LABELS[id] ?? id }))}
        regionLevels={[provinces, filters.region ? toOpts(r1.data) : [], regionAt(filters.region, 1) ? toOpts(r2.data) : [], regionAt(filters.region, 2) ? toOpts(r3.data) : []]}
        industryLevels={[toOpts(i0.data), filters.industry ? toOpts(i1.data) : [], (filters.industry?.length ?? 0) >= 3 ? toOpts(i2.data) : []]}
        entityTypes={facets.data?.entityTypes ?? []} tags={facets.data?.tags ?? []} showFrom single={viewer.role === 'partner'}
        onChange={(patch) => update(patch, { by: null, eo: null })} />
      {outsideScope(filters.region, viewer.regionCode || undefined) && <div className="notice" data-testid="outside-scope">{OUTSIDE_SCOPE}</div>}
      {monthMissing && <div className="notice" data-testid="month-fallback">{filters.month} 尚无{MODEL_LABELS[filters.model] ?? filters.model}模型的分类结果，显示最近的 {month}。</div>}
      <Breadcrumbs region={path.data?.region ?? []} industry={path.data?.industry ?? []}
        onRegion={(code) => update({ region: code }, { by: null })} onIndustry={(code) => update({ industry: code }, { by: null })} />

      <section className={css.kpis} aria-label="当前筛选的概况">
        <div className={css.kpi}><div className="label">企业数</div><div className="value" data-testid="kpi-total">{last?.n == null ? '—' : fmtInt(last.n)}</div>
          <div className={css.hint}>{totalHint}</div></div>
        {CLASSES.map((c, i) => (
          <div key={c} className={css.kpi}><div className="label"><span className={`badge ${c}`}>{c}</span> {CLASS_LABELS[c].slice(2)}</div>
            <div className="value" data-testid={`kpi-${c}`} data-count={last?.counts[i] ?? ''}>{share(last, i) === null ? '—' : fmtPct(share(last, i)!)}</div>
            <div className={css.hint}>{classHint(last, i, WITHHELD)}</div></div>
        ))}
        <div className={css.kpi}><div className="label">C+D 占比</div><div className="value" data-testid="kpi-cd">{cdShare(last) === null ? '—' : fmtPct(cdShare(last)!)}</div>
          <div className={css.hint}>{cdHint}</div></div>
      </section>

      <div className="grid2">
        <section className="panel" aria-labelledby="h-dist">
          <div className={css.head}>
            <h2 id="h-dist">分类分布 · 按{DIMENSION_LABELS[by]}</h2>
            <div className={css.tools}>
              <select aria-label="分组维度" value={view.by ?? ''} onChange={(e) => update({}, { by: e.target.value || null })}>
                <option value="">自动（{DIMENSION_LABELS[autoBreakdown(filters, scope)]}）</option>
                {Object.entries(DIMENSION_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
              </select>
              <span className={css.seg} role="group" aria-label="显示方式">
                <button type="button" aria-pressed={view.bm === 'count'} onClick={() => update({}, { bm: null })}>数量</button>
                <button type="button" aria-pressed={view.bm === 'share'} onClick={() => update({}, { bm: 'share' })}>占比</button>
              </span>
            </div>
          </div>
          {dist.isError ? <p className="error">{dist.error.message}</p> : dist.data && (
            dist.data.rows.length === 0 ? <p className="state">没有数据</p> :
            <ClassStackedBars rows={distRows} mode={view.bm} categoryLabel={DIMENSION_LABELS[by]} title={`按${DIMENSION_LABELS[by]}的分类分布`} testId="dist"
              onSelect={(k) => selectGroup(k)} onDetail={analyst ? (k) => selectGroup(k, true) : undefined} />
          )}
          {distCut && <p className={css.footnote} data-testid="dist-cut">按企业数显示前 {DIST_SHOWN} 个{DIMENSION_LABELS[by]}，其余未列出（合计见上方企业数）；可在筛选中缩小地区或行业。</p>}
          {by === 'tag' && <p className={css.footnote}>一户企业可有多个标签，各标签企业数之和可能大于总数。</p>}
          {viewer.role === 'partner' && <p className={css.footnote} data-testid="no-mean">合作研究账号不提供平均分：相差一户企业的两个分组的平均分可推算出该企业的风险分。</p>}
        </section>

        <section className="panel" aria-labelledby="h-trend">
          <div className={css.head}><h2 id="h-trend">分类占比走势</h2><span className="muted">{trend.data && `${trend.data.from} 至 ${trend.data.month}`}</span></div>
          {trend.data && (
            <LineChart x={trend.data.points.map((p) => p.month)} mode="stacked-area" gaps valueLabel="占比（%）" title="各类企业占比走势" testId="trend"
              format={(v) => `${v.toFixed(1)}%`}
              series={CLASSES.map((c, i) => ({ key: c, label: CLASS_LABELS[c], color: CLASS_COLORS[c], values: trend.data.points.map((p) => (p.n && p.counts[i] !== null ? ((p.counts[i] ?? 0) / p.n) * 100 : null)) }))} />
          )}
          {trend.data?.points.some((p) => p.n === null || p.counts.some((c) => c === null)) && (
            <p className={css.footnote} data-testid="trend-withheld">分类数不公开的月份在图中留空（不按 0 绘制）。</p>
          )}
          {trend.data && (
            <table className="data" style={{ marginTop: 8 }} data-testid="trend-table">
              <thead><tr><th>月份</th><th className="num">企业数</th>{CLASSES.map((c) => <th key={c} className="num">{c}</th>)}<th className="num">C+D</th></tr></thead>
              <tbody>
                {trend.data.points.slice(-4).reverse().map((p) => (
                  <tr key={p.month}><td>{p.month}</td><td className="num">{p.n == null ? WITHHELD : fmtInt(p.n)}</td>
                    {CLASSES.map((c, i) => <td key={c} className="num">{p.counts[i] == null ? WITHHELD : fmtPct(share(p, i) ?? 0)}</td>)}
                    <td className="num"><b>{cdShare(p) === null ? '—' : fmtPct(cdShare(p)!)}</b></td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="h-matrix">
        <div className={css.head}>
          <h2 id="h-matrix">{LEVEL_LABEL[rowsLevel]} × {LEVEL_LABEL[colsLevel]} 风险矩阵</h2>
          <span className={css.seg} role="group" aria-label="矩阵指标">
            <button type="button" aria-pressed={view.mm === 'cd'} onClick={() => update({}, { mm: null })}>C+D 占比</button>
            {viewer.role !== 'partner' && <button type="button" aria-pressed={view.mm === 'score'} onClick={() => update({}, { mm: 'score' })}>平均分</button>}
          </span>
        </div>
        {matrix.data && (matrix.data.cells.length === 0 ? <p className="state">没有数据</p> :
          <HeatMatrix rows={matrix.data.rows} cols={matrix.data.cols} cells={matrix.data.cells} metric={viewer.role === 'partner' ? 'cd' : view.mm}
            rowLabel={LEVEL_LABEL[rowsLevel] ?? ''} colLabel={LEVEL_LABEL[colsLevel] ?? ''} title="地区×行业风险矩阵" testId="matrix"
            onSelect={(r, i) => selectCell(r, i)} />)}
        <p className={css.footnote}>按企业数取前 24 个{LEVEL_LABEL[rowsLevel]}、前 20 个{LEVEL_LABEL[colsLevel]}。点击格子筛选到该地区与行业。</p>
      </section>

      <div className="grid2">
        <section className="panel" aria-labelledby="h-conc">
          <div className={css.head}>
            <h2 id="h-conc">风险集聚（{LEVEL_LABEL[rowsLevel]} × {LEVEL_LABEL[colsLevel]}）</h2>
            <div className={css.tools}>
              <label style={{ flexDirection: 'row', alignItems: 'center' }}>最少企业数
                <select aria-label="最少企业数" value={view.cmin} onChange={(e) => update({}, { cmin: e.target.value === '30' ? null : e.target.value })}>
                  {[10, 30, 50, 100, 300].map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </label>
              <span className={css.seg} role="group" aria-label="排序依据">
                <button type="button" aria-pressed={view.cr === 'share'} onClick={() => update({}, { cr: null })}>按占比</button>
                <button type="button" aria-pressed={view.cr === 'lower'} onClick={() => update({}, { cr: 'lower' })}>按区间下限</button>
              </span>
            </div>
          </div>
          {conc.data && (conc.data.rows.length === 0 ? <p className="state">没有达到最少企业数的组合</p> :
            <ConcentrationTable rows={conc.data.rows} testId="conc" onSelect={(r) => selectCell(r.region, r.industry)}
              onDetail={analyst ? (r) => selectCell(r.region, r.industry, { ent: '1', ec: ['C', 'D'], eo: null }) : undefined} />)}
          <p className={css.footnote}>C+D 占比的 Wilson 95% 置信区间；小样本区间较宽，可按区间下限排序。</p>
        </section>

        <section className="panel" aria-labelledby="h-rising">
          <div className={css.head}>
            <h2 id="h-rising">风险上升预警（近 {view.rk} 个月）</h2>
            <div className={css.tools}>
              <span className={css.seg} role="group" aria-label="预警对象">
                <button type="button" aria-pressed={view.rb !== 'industry'} onClick={() => update({}, { rb: null })}>{LEVEL_LABEL[rowsLevel]}</button>
                <button type="button" aria-pressed={view.rb === 'industry'} onClick={() => update({}, { rb: 'industry' })}>{LEVEL_LABEL[colsLevel]}</button>
              </span>
              <select aria-label="观察月数" value={view.rk} onChange={(e) => update({}, { rk: e.target.value === '6' ? null : e.target.value })}>
                {[3, 6, 9, 12].map((k) => <option key={k} value={k}>近{k}个月</option>)}
              </select>
            </div>
          </div>
          {rising.data && (rising.data.missing.length > 0 ? <p className="state" data-testid="rising-missing">近 {view.rk} 个月中 {rising.data.missing.join('、')} 在当前筛选下没有已分类企业，无法检验趋势：请选择较晚的月份或较短的观察期</p> :
            rising.data.groups.length === 0 ? <p className="state">近 {view.rk} 个月没有 C+D 占比持续上升的{LEVEL_LABEL[risingLevel]}</p> :
            <RisingTable rows={rising.data.groups} testId="rising"
              onSelect={(g) => { const patch = groupPatch(risingLevel, g.key); if (patch) update(patch, { by: null }); }} />)}
          <p className={css.footnote}>
            Cochran–Armitage 趋势检验（各月企业数加权），按 z 值排序；q 值为 {rising.data?.tested ?? 0} 个对象的 Benjamini–Hochberg 校正，q&lt;0.05 标红。
            只检验每月企业数均不少于 <span data-testid="rising-min">{view.cmin}</span> 户的对象（“风险集聚”的最少企业数）。
            同一批企业逐月重复出现，月份间并不独立：结果用于排序筛查，不作正式推断。
          </p>
        </section>
      </div>

      <div className="grid2">
        <section className="panel" aria-labelledby="h-mig">
          <div className={css.head}>
            <h2 id="h-mig">分类迁移</h2>
            <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>对比月份
              <select aria-label="迁移起始月份" value={migration.data?.from ?? ''} onChange={(e) => update({}, { mf: e.target.value })}>
                {migration.data && !modelMonths.includes(migration.data.from) && <option value={migration.data.from}>{migration.data.from}（无分类结果）</option>}
                {modelMonths.filter((m) => m < month).reverse().map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
            </label>
          </div>
          {migration.data && <MigrationMatrix {...migration.data} testId="migration" />}
        </section>
        {viewer.role !== 'partner' && <NotesPanel search={search} canSave={analyst} month={month} />}
      </div>

      {analyst && view.ent && (
        <EnterprisePanel search={search} month={month} view={view} update={update} />
      )}
      {analyst && !view.ent && (
        <p className="no-print"><button type="button" onClick={() => update({}, { ent: '1' })}>查看当前筛选的企业明细</button></p>
      )}
    </div>
  );
}

function EnterprisePanel({ search, month, view, update }: { search: string; month: string; view: ReturnType<typeof readView>; update: ReturnType<typeof useUrlFilters>['update'] }) {
  const base = new URLSearchParams(search);
  const q = new URLSearchParams();
  // The month the page shows (the URL's, or the latest when the model has none for it), not the URL's as such.
  q.set('m', month);
  for (const k of ['model', 'r', 'i', 'et', 'tag', 'st']) for (const v of base.getAll(k)) q.append(k, v);
  for (const c of view.ec) q.append('cls', c);
  q.set('sort', view.es); q.set('dir', view.ed);
  const LIMIT = 100;
  const pageQs = `${q.toString()}&offset=${view.eo}&limit=${LIMIT}`;
  const list = useQuery({
    queryKey: ['research-enterprises', pageQs],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const res = await fetch(`/api/research/enterprises?${pageQs}`);
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
      const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
      const rows = table.toArray().map((r) => {
        const o = r.toJSON() as Record<string, unknown>;
        return { ...o, score: Number(o.score) } as unknown as EnterpriseListRow;
      });
      return { total: Number(res.headers.get('X-Total-Count') ?? rows.length), rows };
    },
  });
  const toggleCls = (c: 'A' | 'B' | 'C' | 'D') => {
    const cur: string[] = view.ec.length ? view.ec : [...CLASSES];
    const next = cur.includes(c) ? cur.filter((x) => x !== c) : [...cur, c].sort();
    update({}, { ec: next.length === 4 || next.length === 0 ? null : next, eo: null });
  };
  return (
    <section className="panel" aria-labelledby="h-ent">
      <div className={css.head}>
        <h2 id="h-ent">企业明细</h2>
        <div className={css.tools}>
          <span className="muted">分类：</span>
          {CLASSES.map((c) => (
            <label key={c} style={{ flexDirection: 'row', alignItems: 'center', gap: 3 }}>
              <input type="checkbox" checked={view.ec.length === 0 || view.ec.includes(c)} onChange={() => toggleCls(c)} />{c}
            </label>
          ))}
          {(list.data?.total ?? 0) > EXPORT_MAX
            ? <span className="muted" data-testid="export-too-large">共 {fmtInt(list.data!.total)} 户，超过单次导出上限 {fmtInt(EXPORT_MAX)} 户，请缩小筛选后导出</span>
            : <>
              <a className="button" href={`/api/research/enterprises?${q.toString()}&format=csv`} download>导出 CSV</a>
              <a className="button" href={`/api/research/enterprises?${q.toString()}&format=xlsx`} download>导出 Excel</a>
            </>}
          <button type="button" onClick={() => update({}, { ent: null, ec: null, eo: null, es: null, ed: null })}>收起</button>
        </div>
      </div>
      {list.isError ? <p className="error">{list.error.message}</p> : (
        <EnterpriseTable rows={list.data?.rows ?? []} total={list.data?.total ?? 0} offset={view.eo} limit={LIMIT} sort={view.es as SortKey} dir={view.ed} month={month}
          loading={list.isFetching} onSort={(k) => update({}, { es: k === 'score' ? null : k, ed: view.es === k && view.ed === 'desc' ? 'asc' : null, eo: null })}
          onPage={(o) => update({}, { eo: o ? String(o) : null })} />
      )}
    </section>
  );
}

function NotesPanel({ search: s, canSave, month: m }: { search: string; canSave: boolean; month: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [finding, setFinding] = useState('');
  const [noteView, setNoteView] = useState('distribution');
  const notes = useQuery(trpc.research.notes.queryOptions({}));
  const save = useMutation(trpc.research.saveNote.mutationOptions({
    onSuccess: () => { setTitle(''); setFinding(''); void qc.invalidateQueries({ queryKey: trpc.research.notes.queryKey() }); },
  }));
  return (
    <section className="panel" aria-labelledby="h-notes">
      <div className={css.head}><h2 id="h-notes">研判记录</h2><span className="muted">{notes.data ? `${notes.data.length} 条` : ''}</span></div>
      {canSave && (
        <form className="no-print" style={{ display: 'grid', gap: 6, marginBottom: 8 }}
          onSubmit={(e) => { e.preventDefault(); save.mutate({ search: noteSearch(s, m, noteView), view: noteView as 'distribution', title, finding }); }}>
          <div style={{ display: 'flex', gap: 6 }}>
            <input aria-label="标题" placeholder="标题（如：某区餐饮业 C+D 占比持续上升）" value={title} onChange={(e) => setTitle(e.target.value)} style={{ flex: 1 }} required maxLength={100} />
            <select aria-label="所属视图" value={noteView} onChange={(e) => setNoteView(e.target.value)}>
              <option value="distribution">分类分布</option><option value="matrix">风险矩阵</option><option value="trend">占比走势</option>
              <option value="migration">分类迁移</option><option value="concentrations">风险集聚</option><option value="rising">风险上升</option>
            </select>
          </div>
          <textarea aria-label="研判结论" placeholder="研判结论：看到了什么、原因判断、建议措施" rows={3} value={finding} onChange={(e) => setFinding(e.target.value)} required maxLength={5000} />
          <div><button type="submit" className="primary" disabled={save.isPending}>保存当前视图与结论</button>
            {save.isError && <span className="error"> {save.error.message}</span>}</div>
        </form>
      )}
      <div className={css.scroll} style={{ maxHeight: 320 }} data-testid="notes">
        {notes.data?.map((n) => (
          <article key={n.id} className={css.note}>
            <h3><Link href={`/research${n.search}`}>{n.title}</Link></h3>
            <div className={css.sub}>{n.created_at} · {n.author} · {n.month || '—'}{n.region_name ? ` · ${n.region_name}` : ''}{n.industry_code ? ` · ${n.industry_code}` : ''}</div>
            <p style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{n.finding}</p>
          </article>
        ))}
        {notes.data?.length === 0 && <p className="muted">暂无研判记录</p>}
      </div>
    </section>
  );
}
