'use client';
/**
 * 风险地图: choropleth by prefecture or county, the workbench filters from the URL, hotspots ranked by the
 * empirical-Bayes shrunk C+D share with funnel-plot flags, drill-down, enterprise points (analysts/admin),
 * PNG export.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { WebMercatorViewport, type MapViewState } from '@deck.gl/core';
import { useTRPC } from '@/app/providers';
import { filtersFromSearch, filtersToSearch, toggleValue, type Filters } from '@/queries/filters';
import { FUNNEL_LABEL } from '@/queries/map/stats';
import type { MapArea } from '@/queries/map/areas';
import type { ProvinceGeo, RegionFeature } from '@/server/geo/types';
import type { Role } from '@/server/auth/viewer';
import { SECTIONS } from '@/server/reference/industries';
import { CLASS_COLORS, CLASS_LABELS, CLASSES, fmtInt, WITHHELD } from '@/components/palette';
import { RiskMap, type RiskMapHandle } from '@/components/map/RiskMap';
import { Legend } from '@/components/map/Legend';
import { decodePoints, type PointData } from '@/components/map/points';
import { composeMapPng } from '@/components/map/exportPng';
import { mapDrill } from '@/components/map/drill';
import { visibleLabels } from '@/components/map/labels';
import { outsideScope, OUTSIDE_SCOPE } from '@/components/research/viewState';
import { industryOptions, otherFiltersNotice } from '@/components/map/filterOptions';
import { rankHotspots } from '@/components/map/hotspots';
import { baselineName, formatMetric, makeScale, metricValue, METRICS, pngLegend, type MetricKey } from '@/components/map/scales';
import { modelLabel } from '@/components/palette';
import { enterpriseHref } from '@/components/classify/enterpriseMonth';

const MAP_H = 620;
const POINT_ZOOM = 8.5;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function fit(features: RegionFeature[], width: number): MapViewState {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const f of features) for (const poly of f.geometry.coordinates) for (const p of poly[0] ?? []) {
    x0 = Math.min(x0, p[0]!); x1 = Math.max(x1, p[0]!); y0 = Math.min(y0, p[1]!); y1 = Math.max(y1, p[1]!);
  }
  if (!Number.isFinite(x0)) return { longitude: 125.5, latitude: 43.7, zoom: 6 };
  const vp = new WebMercatorViewport({ width: Math.max(width, 200), height: MAP_H }).fitBounds([[x0, y0], [x1, y1]], { padding: 24 });
  return { longitude: vp.longitude, latitude: vp.latitude, zoom: vp.zoom, pitch: 0, bearing: 0 };
}

export function MapView({ role, scope = '' }: { role: Role; scope?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(sp.toString())), [sp]);
  // (Partners get no mean scores: queries/map/areas.ts.)
  const metrics = role === 'partner' ? METRICS.filter((m) => m.key !== 'score') : METRICS;
  const metric = (metrics.find((m) => m.key === sp.get('mt'))?.key ?? 'cd') as MetricKey;
  const levelParam = sp.get('lv') === 'county' ? 'county' : 'prefecture';

  const setUrl = useCallback((f: Partial<Filters>, extra: { mt?: string; lv?: string } = {}) => {
    const next: Partial<Filters> = { ...filters, ...f };
    const s = new URLSearchParams(filtersToSearch(next).slice(1));
    const mt = extra.mt ?? sp.get('mt');
    const lv = extra.lv ?? sp.get('lv');
    if (mt && mt !== 'cd') s.set('mt', mt);
    if (lv === 'county') s.set('lv', lv);
    const q = s.toString();
    router.push(`${pathname}${q ? `?${q}` : ''}`, { scroll: false });
  }, [filters, pathname, router, sp]);

  const options = useQuery(trpc.map.options.queryOptions());
  const months = options.data?.months[filters.model] ?? [];
  const month = filters.month && months.includes(filters.month) ? filters.month : months[months.length - 1];
  // The tags present in the month (the tag filter matches them exactly) and the name of a finer industry filter.
  const facets = useQuery({ ...trpc.research.facets.queryOptions({ filters: { ...filters, month } }), enabled: !!month });
  const street = filters.region?.length === 9 ? filters.region : '';
  const path = useQuery({ ...trpc.reference.path.queryOptions({ region: street, industry: filters.industry ?? '' }), enabled: (filters.industry?.length ?? 0) > 1 || !!street });
  const industryName = path.data?.industry.find((x) => x.code === filters.industry)?.name;
  const otherFilters = otherFiltersNotice(filters, path.data?.region.find((x) => x.code === street)?.name);
  const prov2 = (options.data?.province ?? '').slice(0, 2);

  const geo = useQuery({
    queryKey: ['geo', prov2],
    enabled: !!prov2,
    staleTime: Infinity,
    queryFn: async () => {
      const r = await fetch(`/geo/${prov2}.json`);
      if (!r.ok) throw new Error(`省份 ${prov2} 的边界文件不存在（运行 scripts/build-boundaries.ts --province ${prov2}）`);
      return (await r.json()) as ProvinceGeo;
    },
  });

  // Drill state from the region filter (or the viewer's own region).
  const { drillPref, selectedCounty } = mapDrill(filters.region, scope);
  const level: 'prefecture' | 'county' = drillPref || levelParam === 'county' ? 'county' : 'prefecture';

  const areasQ = useQuery({
    ...trpc.map.areas.queryOptions({ filters: { ...filters, month: month ?? '2000-01' }, level }),
    enabled: !!month,
  });
  const areas = useMemo(() => areasQ.data?.areas ?? [], [areasQ.data]);
  // The drilled prefecture's own figures (for the side panel) come from the prefecture level.
  const prefQ = useQuery({
    ...trpc.map.areas.queryOptions({ filters: { ...filters, month: month ?? '2000-01' }, level: 'prefecture' }),
    enabled: !!month && !!drillPref,
  });
  const byCode = useMemo(() => new Map(areas.map((a) => [a.code, a])), [areas]);

  const features = useMemo(() => {
    if (!geo.data) return [];
    if (level === 'prefecture') return geo.data.prefectures.features;
    return geo.data.counties.features.filter((f) => !drillPref || f.properties.prefecture_code === drillPref);
  }, [geo.data, level, drillPref]);
  const outlines = useMemo(() => {
    if (!geo.data || level === 'prefecture') return [];
    return geo.data.prefectures.features.filter((f) => !drillPref || f.properties.code === drillPref);
  }, [geo.data, level, drillPref]);
  const shownAreas = useMemo(() => areas.filter((a) => !drillPref || a.prefecture_code === drillPref), [areas, drillPref]);

  const scale = useMemo(() => makeScale(shownAreas.map((a) => metricValue(a, metric)), metric), [shownAreas, metric]);
  const fill = useCallback((code: string) => {
    const a = byCode.get(code);
    return scale.color(a ? metricValue(a, metric) : null);
  }, [byCode, scale, metric]);
  const flagged = useMemo(() => new Set(shownAreas.filter((a) => a.flag === 'high3').map((a) => a.code)), [shownAreas]);

  // View: fit to the shown features whenever the drill level changes.
  const boxRef = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBoxWidth(el.clientWidth));
    ro.observe(el);
    setBoxWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // The view is fitted to the shown features (computed during render, so deck mounts with it); the user's
  // pan/zoom is kept until the drill level, the province or the map width changes.
  const fitKey = `${prov2}|${level}|${drillPref ?? ''}|${selectedCounty ?? ''}|${features.length}|${boxWidth}`;
  const fitted = useMemo(() => {
    if (!features.length || boxWidth <= 0) return null;
    const target = selectedCounty ? features.filter((f) => f.properties.code === selectedCounty) : [];
    return fit(target.length ? target : features, boxWidth);
  }, [features, boxWidth, selectedCounty]);
  const [userView, setUserView] = useState<{ key: string; vs: MapViewState } | null>(null);
  const viewState: MapViewState = userView && userView.key === fitKey ? userView.vs : fitted ?? { longitude: 125.5, latitude: 43.7, zoom: 6 };
  const setViewState = useCallback((vs: MapViewState) => setUserView({ key: fitKey, vs }), [fitKey]);

  // The area names that fit without overlapping, in the current view (the selected area's first, then the largest).
  const labelCodes = useMemo(() => {
    if (boxWidth <= 0) return undefined;
    const vp = new WebMercatorViewport({ ...viewState, width: boxWidth, height: MAP_H });
    return visibleLabels(features.map((f) => {
      const [x, y] = vp.project(f.properties.center) as [number, number];
      const code = f.properties.code;
      return { code, x, y, text: f.properties.name, priority: code === (selectedCounty ?? drillPref) ? Infinity : byCode.get(code)?.n ?? 0 };
    }));
  }, [features, viewState, boxWidth, byCode, selectedCounty, drillPref]);

  // Enterprise points (analysts/admin) when zoomed in: Arrow → binary attributes.
  const canPoints = !!options.data?.canSeePoints && (role === 'admin' || role === 'analyst');
  const [pointsOn, setPointsOn] = useState(true);
  const [points, setPoints] = useState<PointData | null>(null);
  const [pointsMsg, setPointsMsg] = useState('');
  useEffect(() => {
    if (!canPoints || !pointsOn || !month || viewState.zoom < POINT_ZOOM) { setPoints(null); setPointsMsg(''); return; }
    const width = boxRef.current?.clientWidth ?? 900;
    const vp = new WebMercatorViewport({ ...viewState, width, height: MAP_H });
    const [x0, y1] = vp.unproject([0, 0]) as [number, number];
    const [x1, y0] = vp.unproject([width, MAP_H]) as [number, number];
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      const q = new URLSearchParams(filtersToSearch({ ...filters, month }).slice(1));
      q.set('m', month);
      q.set('bbox', [x0, y0, x1, y1].map((v) => v.toFixed(5)).join(','));
      try {
        const r = await fetch(`/api/points?${q}`, { signal: ctl.signal });
        if (!r.ok) { setPointsMsg('点位加载失败'); return; }
        const p = decodePoints(await r.arrayBuffer());
        setPoints(p);
        setPointsMsg(`${fmtInt(p.length)} 个点位（${(p.bytes / 1024).toFixed(0)} KB Arrow，解码 ${p.decodeMs.toFixed(0)} ms）`);
      } catch (e) { if ((e as Error).name !== 'AbortError') setPointsMsg('点位加载失败'); }
    }, 350);
    return () => { clearTimeout(t); ctl.abort(); };
  }, [canPoints, pointsOn, month, viewState, filters]);

  // Enterprises of the selection with no location: they have no point, and the points say so.
  const unplacedQ = useQuery({
    ...trpc.map.unplaced.queryOptions({ filters: { ...filters, month: month ?? '2000-01' } }),
    enabled: canPoints && pointsOn && !!month,
  });
  const unplaced = unplacedQ.data?.unplaced ?? 0;

  const [addr, setAddr] = useState<{ gid: number; gid2: number; n: number } | null>(null);
  const addrQ = useQuery({
    ...trpc.map.addressEnterprises.queryOptions({ filters: { ...filters, month: month ?? '2000-01' }, gid: addr?.gid ?? 0, gid2: addr?.gid2 ?? 0 }),
    enabled: !!addr && !!month,
  });

  const mapRef = useRef<RiskMapHandle>(null);
  const metricLabel = METRICS.find((m) => m.key === metric)!.label;
  // What the shares are measured against: the province, or a scoped analyst's own region.
  const baseline = baselineName(scope ? [...(geo.data?.prefectures.features ?? []), ...(geo.data?.counties.features ?? [])].find((f) => f.properties.code === scope)?.properties.name : undefined);
  const scopeName = drillPref ? (geo.data?.prefectures.features.find((f) => f.properties.code === drillPref)?.properties.name ?? drillPref) : (geo.data?.name ?? '');
  const exportPng = () => {
    const canvas = mapRef.current?.canvas();
    if (!canvas) return;
    const legend = pngLegend(scale, metric, { flagged: flagged.size > 0, points: !!points?.length, baseline });
    const url = composeMapPng(canvas, `${scopeName}企业信用风险地图 · ${metricLabel}`, `${month ?? ''} · 模型 ${modelLabel(filters.model)} · ${level === 'prefecture' ? '地市' : '区县'}级`, metricLabel, legend);
    const a = document.createElement('a');
    a.href = url;
    a.download = `风险地图-${scopeName}-${month ?? ''}.png`;
    a.click();
  };

  const tooltip = useCallback((code: string) => {
    const a = byCode.get(code);
    const f = features.find((x) => x.properties.code === code);
    const name = f?.properties.name ?? code;
    if (!a) return `${name}\n无分类数据`;
    if (a.suppressed) return `${name}\n企业少于 10 户或可据以推算小数，不公开`;
    return [
      name,
      `企业 ${a.n === null ? '—' : fmtInt(a.n)} 户；C 类 ${a.c === null ? WITHHELD : fmtInt(a.c)}，D 类 ${a.d === null ? WITHHELD : fmtInt(a.d)}`,
      `C+D 占比 ${pct(a.cdRate)}（修正后 ${pct(a.shrunk)}）`,
      `D 类占比 ${pct(a.dRate)}；平均分 ${a.meanScore?.toFixed(0) ?? '—'}`,
      `较上月 ${formatMetric(a.delta, 'delta')}`,
      `预警 ${a.warnings ?? WITHHELD} 件（每千户 ${formatMetric(a.warnPer1000, 'warn')}）`,
      a.flag ? `漏斗图：${FUNNEL_LABEL[a.flag]}` : '',
    ].filter(Boolean).join('\n');
  }, [byCode, features]);

  const pooled = areasQ.data ? areasQ.data.total.rate ?? areasQ.data.prior.mean : 0;
  const hotspots = useMemo(() => rankHotspots(shownAreas, pooled), [shownAreas, pooled]);
  // τ² = 0: the areas' shares differ no more than chance would make them, and every corrected share is the pooled one.
  const pooledOnly = !!areasQ.data && areasQ.data.prior.tau2 === 0 && hotspots.length > 1;
  const selectedCode = selectedCounty ?? drillPref;
  const selected = selectedCode ? byCode.get(selectedCode) ?? prefQ.data?.areas.find((a) => a.code === selectedCode) : undefined;
  const selectedName = selectedCode ? (geo.data?.counties.features.find((f) => f.properties.code === selectedCode)?.properties.name
    ?? geo.data?.prefectures.features.find((f) => f.properties.code === selectedCode)?.properties.name ?? selectedCode) : '';
  const noPolygon = useMemo(() => (geo.data?.no_polygon ?? []).filter((n) => n.level === 3 && (!drillPref || n.prefecture_code === drillPref)), [geo.data, drillPref]);

  const researchHref = (code: string) => `/research${filtersToSearch({ ...filters, month, region: code })}`;
  const onClickRegion = (code: string) => setUrl({ region: code });

  return (
    <div>
      <h1>风险地图</h1>
      <div className="filters no-print">
        <label>模型
          <select value={filters.model} onChange={(e) => setUrl({ model: e.target.value, month: undefined })}>
            {(options.data?.models.length ? options.data.models : [filters.model]).map((m) => <option key={m} value={m}>{modelLabel(m)}</option>)}
          </select>
        </label>
        <label>月份
          <select value={month ?? ''} onChange={(e) => setUrl({ month: e.target.value })}>
            {months.slice().reverse().map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>指标
          <select value={metric} onChange={(e) => setUrl({}, { mt: e.target.value })} aria-label="指标">
            {metrics.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
          </select>
        </label>
        <label>层级
          <select value={level} disabled={!!drillPref} onChange={(e) => setUrl({}, { lv: e.target.value })}>
            <option value="prefecture">地市</option>
            <option value="county">区县</option>
          </select>
        </label>
        <label>行业
          <select value={filters.industry ?? ''} onChange={(e) => setUrl({ industry: e.target.value || undefined })}>
            <option value="">全部行业</option>
            {industryOptions(SECTIONS, filters.industry, industryName).map((s) => <option key={s.code} value={s.code}>{s.code} {s.name}</option>)}
          </select>
        </label>
        <fieldset className="map-tags">
          <legend>重点领域标签</legend>
          {[...new Set([...(facets.data?.tags ?? []), ...filters.tags])].map((t) => (
            <button key={t} type="button" className="map-chip" aria-pressed={filters.tags.includes(t)}
              onClick={() => setUrl({ tags: toggleValue(filters.tags, t, role === 'partner') })}>{t}</button>
          ))}
        </fieldset>
        <button type="button" onClick={exportPng} disabled={!features.length}>导出 PNG</button>
      </div>

      {otherFilters && (
        <p className="map-other-filters no-print" data-testid="map-other-filters">
          {otherFilters}
          <button type="button" onClick={() => setUrl({ entityType: undefined, status: [], region: filters.region && filters.region.length === 9 ? filters.region.slice(0, 6) : filters.region })}>清除</button>
        </p>
      )}
      <div className="map-crumbs no-print">
        <Link href={`${pathname}${filtersToSearch({ ...filters, region: undefined })}`} onClick={(e) => { e.preventDefault(); setUrl({ region: undefined }); }}>{geo.data?.name ?? '全省'}</Link>
        {drillPref && <> › <a href="#" onClick={(e) => { e.preventDefault(); setUrl({ region: drillPref }); }}>{geo.data?.prefectures.features.find((f) => f.properties.code === drillPref)?.properties.name ?? drillPref}</a></>}
        {selectedCounty && <> › {selectedName}</>}
        {areasQ.data && <span className="muted" style={{ marginLeft: 12 }}>{scope ? `${baseline}（权限范围）` : '全省'} C+D 占比 {pct(areasQ.data.total.rate)}，{areasQ.data.total.n === null ? '—' : fmtInt(areasQ.data.total.n)} 户企业 · {areasQ.data.month}</span>}
      </div>

      {(options.isError || geo.isError || areasQ.isError) && <div className="notice error">{(options.error ?? geo.error ?? areasQ.error)?.message}</div>}
      {options.data && !months.length && <div className="notice">尚无分类结果：请先运行按月分类。</div>}
      {outsideScope(filters.region, scope || undefined) && <div className="notice" data-testid="outside-scope">{OUTSIDE_SCOPE}</div>}
      {/* A link naming a month this model has no classes for shows the latest month: said, not silently. */}
      {options.data && !!month && !!filters.month && filters.month !== month && (
        <div className="notice" data-testid="month-fallback">{filters.month} 尚无{modelLabel(filters.model)}模型的分类结果，显示最近的 {month}。</div>
      )}

      <div className="map-layout">
        <div className="map-box panel" ref={boxRef} style={{ height: MAP_H + 2, padding: 0, position: 'relative' }} data-testid="risk-map"
          data-view={`${viewState.longitude.toFixed(3)},${viewState.latitude.toFixed(3)},${viewState.zoom.toFixed(2)}`}>
          {features.length > 0 && boxWidth > 0 && (
            <RiskMap ref={mapRef} features={features} outlines={outlines} fill={fill} flagged={flagged} selected={selectedCode}
              tooltip={tooltip} labels labelCodes={labelCodes} viewState={viewState} onViewStateChange={setViewState} onClickRegion={onClickRegion}
              points={points} onClickPoint={(i) => points && setAddr({ gid: points.gids[i]!, gid2: points.gids2[i]!, n: points.counts[i]! })}
              pointTooltip={(i) => (points ? `${points.counts[i]! > 1 ? `同一地址 ${points.counts[i]} 户企业（点击查看）` : '1 户企业（点击查看）'}` : '')} />
          )}
          {!features.length && <div className="state">{geo.isLoading || options.isLoading ? '加载地图…' : '无边界数据'}</div>}
          <div className="map-legend-box"><Legend scale={scale} metric={metric} showPoints={!!points?.length} baseline={baseline} /></div>
          {canPoints && (
            <div className="map-points-ctl no-print">
              <label style={{ flexDirection: 'row', alignItems: 'center' }}><input type="checkbox" checked={pointsOn} onChange={(e) => setPointsOn(e.target.checked)} /> 企业点位</label>
              <span className="muted">{viewState.zoom < POINT_ZOOM ? '放大地图后显示企业点位' : pointsMsg}</span>
              {unplaced > 0 && <span className="muted" data-testid="unplaced">所选范围内 {fmtInt(unplaced)} 户企业无坐标，不在点位中</span>}
            </div>
          )}
        </div>

        <aside className="map-side">
          {selected && selectedCode && (
            <div className="panel" data-testid="map-selected">
              <h2>{selectedName}</h2>
              <AreaFacts a={selected} />
              <p><Link className="button primary" href={researchHref(selectedCode)}>在分布研判中查看 {selectedName}</Link></p>
            </div>
          )}
          <div className="panel">
            <h2>高风险区域（按修正后 C+D 占比）</h2>
            <p className="muted" style={{ fontSize: 12, marginTop: -6 }}>修正值为经验贝叶斯收缩（小区域向{baseline}水平收缩）；▲ 表示原始占比高于漏斗图 99.8% 控制限（△ 为 95%）。</p>
            {pooledOnly && <p className="muted" style={{ fontSize: 12 }} data-testid="hotspots-pooled">各区域 C+D 占比的差异未超出随机波动，修正值均为{baseline}水平 {pct(areasQ.data!.prior.mean)}；同值时按原始占比高出{baseline}的显著程度（标准误倍数）排序。</p>}
            <table className="data" data-testid="hotspots">
              <thead><tr><th>区域</th><th className="num">企业数</th><th className="num">原始</th><th className="num">修正</th><th /></tr></thead>
              <tbody>
                {hotspots.map((a) => (
                  <tr key={a.code} style={{ cursor: 'pointer' }} onClick={() => onClickRegion(a.code)}>
                    <td>{a.name}</td>
                    <td className="num">{a.n === null ? '—' : fmtInt(a.n)}</td>
                    <td className="num">{pct(a.cdRate)}</td>
                    <td className="num"><b>{pct(a.shrunk)}</b></td>
                    <td title={a.flag ? FUNNEL_LABEL[a.flag] : ''}>{a.flag === 'high3' ? '▲' : a.flag === 'high2' ? '△' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!hotspots.length && <div className="state">无数据</div>}
          </div>
          {level === 'county' && noPolygon.length > 0 && (
            <div className="panel" data-testid="no-polygon">
              <h2>无边界的县级区划</h2>
              <p className="muted" style={{ fontSize: 12, marginTop: -6 }}>以下区划在底图中没有独立边界，地图上不着色，其企业计入所属地市。</p>
              <ul style={{ margin: 0, paddingLeft: 18, fontSize: 13 }}>
                {noPolygon.map((n) => {
                  const a = byCode.get(n.code);
                  return <li key={n.code}>{n.name}（{n.code}）{a?.n ? `：${fmtInt(a.n)} 户，C+D ${pct(a.cdRate)}` : ''}<span className="muted"> · {n.kind}</span></li>;
                })}
              </ul>
            </div>
          )}
        </aside>
      </div>

      {addr && (
        <div className="map-modal" role="dialog" aria-label="同一地址企业">
          <div className="panel">
            <h2>同一点位企业（{addr.n} 户）<button type="button" style={{ float: 'right' }} onClick={() => setAddr(null)}>关闭</button></h2>
            {addrQ.isLoading && <div className="state">加载中…</div>}
            {addrQ.data && addrQ.data.length < addr.n && <p className="muted" data-testid="addr-cut">按风险分从高到低列出前 {addrQ.data.length} 户（共 {addr.n} 户）。</p>}
            <table className="data">
              <thead><tr><th>企业名称</th><th>统一社会信用代码</th><th>地址</th><th>类别</th><th className="num">分数</th></tr></thead>
              <tbody>
                {(addrQ.data ?? []).map((e) => (
                  <tr key={e.uscc}>
                    <td><Link href={enterpriseHref(e.uscc, month)}>{e.name}</Link></td><td>{e.uscc}</td><td>{e.address}</td>
                    <td>{(CLASSES as readonly string[]).includes(e.class) ? <span className={`badge ${e.class}`}>{e.class}</span> : e.class}</td>
                    <td className="num">{e.score.toFixed(0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {/* The class colours of the points: only when points are drawn (partners see areas only). */}
      {!!points?.length && (
        <div className="legend" style={{ marginTop: 8 }}>
          {CLASSES.map((c) => <span key={c}><i style={{ background: CLASS_COLORS[c] }} />{CLASS_LABELS[c]}</span>)}
        </div>
      )}
    </div>
  );
}

function AreaFacts({ a }: { a: MapArea }) {
  if (a.suppressed) return <p className="muted">企业少于 10 户或可据以推算小数，不公开。</p>;
  return (
    <table className="data">
      <tbody>
        <tr><th>企业数</th><td className="num">{a.n === null ? '—' : fmtInt(a.n)}</td></tr>
        <tr><th>C 类 / D 类</th><td className="num">{a.c === null ? WITHHELD : fmtInt(a.c)} / {a.d === null ? WITHHELD : fmtInt(a.d)}</td></tr>
        <tr><th>C+D 占比（原始）</th><td className="num">{pct(a.cdRate)}</td></tr>
        <tr><th>C+D 占比（修正）</th><td className="num">{pct(a.shrunk)}</td></tr>
        <tr><th>漏斗图 95% / 99.8% 上限</th><td className="num">{a.limits ? `${pct(a.limits.hi95)} / ${pct(a.limits.hi998)}` : '—'}</td></tr>
        <tr><th>判断</th><td>{a.flag ? FUNNEL_LABEL[a.flag] : '—'}</td></tr>
        <tr><th>D 类占比</th><td className="num">{pct(a.dRate)}</td></tr>
        <tr><th>平均风险分</th><td className="num">{a.meanScore?.toFixed(0) ?? '—'}</td></tr>
        <tr><th>预警（每千户）</th><td className="num">{a.warnings ?? WITHHELD}（{formatMetric(a.warnPer1000, 'warn')}）</td></tr>
        <tr><th>较上月</th><td className="num">{formatMetric(a.delta, 'delta')}</td></tr>
      </tbody>
    </table>
  );
}
