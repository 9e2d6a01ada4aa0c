'use client';
/**
 * 抽查计划 builder: scope, ratio per class (presets), exemption settings, classified month and model; the expected
 * count per class is previewed live (population after exemptions × ratio, exemptions counted); then save and draw
 * with a recorded seed. Below: the inspector roster and the saved plans with their problem rates.
 */
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useTRPC } from '@/app/providers';
import { CLASS_COLORS, CLASS_LABELS, CLASSES, fmtInt, fmtPct, modelLabel, type RiskClass } from '@/components/palette';
import { BarChart } from '@/components/charts';
import { KEY_AREAS, EXEMPTION_LABEL, outOfRange, PLANS_LISTED, type KeyArea, type Ratios } from '@/server/inspections/settings';
import { Roster } from './Roster';

// Named as on every other screen (modelLabel).
const MODELS = ['effective', 'general', 'food', 'special-equipment'].map((id) => ({ id, label: modelLabel(id) }));
const list = (s: string) => s.split(/[,，;；\s]+/).map((x) => x.trim()).filter(Boolean);
const randomSeed = () => Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');

export function Planner() {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const [model, setModel] = useState('effective');
  const options = useQuery(trpc.inspections.options.queryOptions({ model }));
  const [name, setName] = useState(`${new Date().getFullYear()} 年双随机抽查`);
  const [year, setYear] = useState(new Date().getFullYear());
  const [month, setMonth] = useState('');
  const [province, setProvince] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [county, setCounty] = useState('');
  const [industry, setIndustry] = useState('');
  const [keyArea, setKeyArea] = useState<KeyArea | ''>('');
  const [tags, setTags] = useState('');
  const [preset, setPreset] = useState('henan');
  const [ratios, setRatios] = useState<Ratios>({ A: 1, B: 2, C: 10, D: 30 });
  const [inclusionTags, setInclusionTags] = useState('高新技术企业');
  const [newEconomyTags, setNewEconomyTags] = useState('新经济 三新企业 四新企业');
  const [newEconomyIndustries, setNewEconomyIndustries] = useState('I63 I64 I65 M73 M75');
  const [observationYears, setObservationYears] = useState(2);
  const [excludeDrawn, setExcludeDrawn] = useState(true);
  const [seed, setSeed] = useState('');
  useEffect(() => { setSeed(randomSeed()); }, []);

  const months = options.data?.months ?? [];
  const effMonth = month && months.includes(month) ? month : (options.data?.latest ?? '');
  const viewerRegion = options.data?.viewerRegion ?? '';

  const provinces = useQuery(trpc.reference.regions.queryOptions({ parent: '' }));
  const prefectures = useQuery({ ...trpc.reference.regions.queryOptions({ parent: province }), enabled: !!province });
  const counties = useQuery({ ...trpc.reference.regions.queryOptions({ parent: prefecture }), enabled: !!prefecture });
  const sections = useQuery(trpc.reference.industries.queryOptions({ parent: '' }));
  // A scoped analyst starts at their own region.
  useEffect(() => {
    if (!viewerRegion) return;
    setProvince(`${viewerRegion.slice(0, 2)}0000`);
    if (!viewerRegion.endsWith('0000')) setPrefecture(`${viewerRegion.slice(0, 4)}00`);
    if (!viewerRegion.endsWith('00')) setCounty(viewerRegion);
  }, [viewerRegion]);
  const region = county || prefecture || province || undefined;

  const ratiosValid = CLASSES.every((c) => Number.isFinite(ratios[c]) && ratios[c] >= 0 && ratios[c] <= 100 && Math.abs(ratios[c] * 100 - Math.round(ratios[c] * 100)) < 1e-6);
  const settings = useMemo(() => ({
    name: name.trim() || '未命名计划', year, month: effMonth || '2000-01', model,
    scope: { region, industry: industry || undefined, tags: list(tags), keyArea: keyArea || undefined },
    ratios,
    exemptions: {
      inclusionTags: list(inclusionTags), newEconomyTags: list(newEconomyTags),
      newEconomyIndustries: list(newEconomyIndustries).filter((x) => /^[A-T](\d{2}(\d{1,2})?)?$/.test(x)), observationYears, excludeDrawnThisYear: excludeDrawn,
    },
  }), [name, year, effMonth, model, region, industry, tags, keyArea, ratios, inclusionTags, newEconomyTags, newEconomyIndustries, observationYears, excludeDrawn]);
  const preview = useQuery({ ...trpc.inspections.preview.queryOptions(settings), enabled: !!effMonth && ratiosValid, placeholderData: keepPreviousData });
  const counts = preview.data?.counts ?? [];
  const total = (k: 'population' | 'status' | 'drawn' | 'inclusion' | 'observation' | 'eligible' | 'expected') => counts.reduce((a, c) => a + c[k], 0);
  const presetDef = options.data?.presets.find((p) => p.id === preset);
  const outside = outOfRange(ratios, presetDef);

  const create = useMutation(trpc.inspections.create.mutationOptions({
    onSuccess: (plan) => { void qc.invalidateQueries({ queryKey: trpc.inspections.plans.queryKey() }); router.push(`/inspections/${plan.plan_id}`); },
  }));
  const plans = useQuery(trpc.inspections.plans.queryOptions());
  const rates = useQuery(trpc.inspections.rates.queryOptions());
  const rateOf = new Map((rates.data ?? []).map((r) => [r.plan_id, r.total]));

  if (options.isLoading) return <div className="state">载入中…</div>;
  if (options.error) return <div className="state error">{options.error.message}</div>;

  return (
    <div>
      <h1>抽查计划</h1>
      <p className="muted" style={{ marginTop: -8 }}>按信用风险分类确定“双随机、一公开”抽查比例：A 类低比例、低频次，D 类大幅提高；抽取结果以随机种子存档，可复核。</p>

      <section className="panel" aria-label="计划范围">
        <h2>一、计划与范围</h2>
        <div className="filters" style={{ marginBottom: 0 }}>
          <label>计划名称<input aria-label="计划名称" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 220 }} /></label>
          <label>抽查年度<input aria-label="抽查年度" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} style={{ width: 90 }} /></label>
          <label>分类月份
            <select aria-label="分类月份" value={effMonth} onChange={(e) => setMonth(e.target.value)}>
              {months.length === 0 && <option value="">（无分类结果）</option>}
              {months.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label>分类模型
            <select aria-label="分类模型" value={model} onChange={(e) => setModel(e.target.value)}>
              {MODELS.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
            </select>
          </label>
          <label>省
            <select aria-label="省" value={province} disabled={!!viewerRegion} onChange={(e) => { setProvince(e.target.value); setPrefecture(''); setCounty(''); }}>
              <option value="">全部</option>
              {(provinces.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </label>
          <label>地市
            <select aria-label="地市" value={prefecture} disabled={!province || (viewerRegion.length === 6 && !viewerRegion.endsWith('0000'))} onChange={(e) => { setPrefecture(e.target.value); setCounty(''); }}>
              <option value="">全省</option>
              {(prefectures.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </label>
          <label>区县
            <select aria-label="区县" value={county} disabled={!prefecture || (!!viewerRegion && !viewerRegion.endsWith('00'))} onChange={(e) => setCounty(e.target.value)}>
              <option value="">全市</option>
              {(counties.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
            </select>
          </label>
          <label>行业门类
            <select aria-label="行业门类" value={industry} onChange={(e) => setIndustry(e.target.value)} style={{ maxWidth: 220 }}>
              <option value="">全部行业</option>
              {(sections.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.code} {r.name}</option>)}
            </select>
          </label>
          <label>重点领域
            <select aria-label="重点领域" value={keyArea} onChange={(e) => setKeyArea(e.target.value as KeyArea | '')}>
              <option value="">不限</option>
              {(Object.keys(KEY_AREAS) as KeyArea[]).map((k) => <option key={k} value={k}>{KEY_AREAS[k].label}</option>)}
            </select>
          </label>
          <label>标签（任一）<input aria-label="标签" value={tags} placeholder="如 直销" onChange={(e) => setTags(e.target.value)} style={{ width: 140 }} /></label>
        </div>
      </section>

      <div className="grid2">
        <section className="panel" aria-label="抽查比例">
          <h2>二、各类抽查比例</h2>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }} role="group" aria-label="比例预设">
            {(options.data?.presets ?? []).map((p) => (
              <button key={p.id} type="button" className={preset === p.id ? 'primary' : ''} aria-pressed={preset === p.id} onClick={() => { setPreset(p.id); setRatios(p.ratios); }}>{p.label}</button>
            ))}
          </div>
          <table className="data" style={{ width: 'auto' }}>
            <thead><tr><th>类别</th><th className="num">比例（%）</th>{presetDef?.ranges && <th>{presetDef.source}区间</th>}</tr></thead>
            <tbody>
              {CLASSES.map((c) => (
                <tr key={c}>
                  <td><span className={`badge ${c}`}>{CLASS_LABELS[c]}</span></td>
                  <td className="num">
                    <input aria-label={`${c} 类比例`} type="number" min={0} max={100} step={0.01} value={Number.isFinite(ratios[c]) ? ratios[c] : ''} style={{ width: 90, textAlign: 'right' }}
                      onChange={(e) => { setRatios({ ...ratios, [c]: e.target.value === '' ? NaN : Number(e.target.value) }); setPreset(presetDef?.ranges ? preset : 'custom'); }} />
                  </td>
                  {presetDef?.ranges && <td className={outside.includes(c) ? 'error' : 'muted'}>{presetDef.ranges[c][0]}–{presetDef.ranges[c][1]}%{outside.includes(c) ? '（超出）' : ''}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {!ratiosValid && <p className="error">比例应为 0–100，最多两位小数。</p>}
          <p className="muted" style={{ fontSize: 12 }}>每类抽取户数 = 可抽户数 × 比例，四舍五入（0.5 进位），按整数精确计算。</p>
        </section>

        <section className="panel" aria-label="免抽规则">
          <h2>三、免抽规则</h2>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 10 }}>
            <label>包容期标签（触发式监管）<input aria-label="包容期标签" value={inclusionTags} onChange={(e) => setInclusionTags(e.target.value)} /></label>
            <label>新经济标签<input aria-label="新经济标签" value={newEconomyTags} onChange={(e) => setNewEconomyTags(e.target.value)} /></label>
            <label>三新/四新行业代码<input aria-label="新经济行业" value={newEconomyIndustries} onChange={(e) => setNewEconomyIndustries(e.target.value)} /></label>
            <label>观察期（成立未满）
              <select aria-label="观察期" value={observationYears} onChange={(e) => setObservationYears(Number(e.target.value))}>
                <option value={1}>1 年</option><option value={2}>2 年</option>
              </select>
            </label>
          </div>
          <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6, marginTop: 10 }}>
            <input type="checkbox" checked={excludeDrawn} onChange={(e) => setExcludeDrawn(e.target.checked)} aria-label="本年度已抽取的不再抽取" />本年度已被抽取的企业不再抽取
          </label>
          <ul className="muted" style={{ fontSize: 12, margin: '8px 0 0', paddingLeft: 18 }}>
            <li>包容期、观察期企业仅在 C、D 类时抽取（触发式监管）。</li>
            <li>吊销、注销、迁出企业一律不抽取。</li>
            <li>免抽设置随计划一并存档。</li>
          </ul>
        </section>
      </div>

      <section className="panel" aria-label="预计抽取">
        <h2>四、预计抽取户数 <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>{effMonth ? `${effMonth} 分类结果` : ''}{preview.isFetching ? ' · 计算中…' : ''}</span></h2>
        {preview.error ? <div className="state error">{preview.error.message}</div> : (
          <table className="data" aria-label="预计抽取">
            <thead>
              <tr>
                <th>类别</th><th className="num">范围内企业</th><th className="num">{EXEMPTION_LABEL.status}</th><th className="num">{EXEMPTION_LABEL.drawn}</th>
                <th className="num">{EXEMPTION_LABEL.inclusion}</th><th className="num">{EXEMPTION_LABEL.observation}</th><th className="num">可抽</th><th className="num">比例</th><th className="num">预计抽取</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.class} data-testid={`preview-${c.class}`}>
                  <td><span className={`badge ${c.class}`}>{c.class}</span></td>
                  <td className="num">{fmtInt(c.population)}</td><td className="num">{fmtInt(c.status)}</td><td className="num">{fmtInt(c.drawn)}</td>
                  <td className="num">{fmtInt(c.inclusion)}</td><td className="num">{fmtInt(c.observation)}</td><td className="num">{fmtInt(c.eligible)}</td>
                  <td className="num">{c.ratio}%</td><td className="num" data-testid={`expected-${c.class}`}><strong>{fmtInt(c.expected)}</strong></td>
                </tr>
              ))}
              {counts.length > 0 && (
                <tr style={{ fontWeight: 600 }}>
                  <td>合计</td><td className="num">{fmtInt(total('population'))}</td><td className="num">{fmtInt(total('status'))}</td><td className="num">{fmtInt(total('drawn'))}</td>
                  <td className="num">{fmtInt(total('inclusion'))}</td><td className="num">{fmtInt(total('observation'))}</td><td className="num">{fmtInt(total('eligible'))}</td>
                  <td className="num" /><td className="num" data-testid="expected-total">{fmtInt(total('expected'))}</td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        <div className="filters" style={{ marginTop: 14, marginBottom: 0 }}>
          <label>随机种子（存档，可复现）
            <span style={{ display: 'flex', gap: 6 }}>
              <input aria-label="随机种子" value={seed} onChange={(e) => setSeed(e.target.value.trim())} style={{ width: 160, fontFamily: 'monospace' }} />
              <button type="button" onClick={() => setSeed(randomSeed())}>换一个</button>
            </span>
          </label>
          <button type="button" className="primary" disabled={!effMonth || !ratiosValid || !seed || create.isPending || total('expected') === 0}
            onClick={() => create.mutate({ settings, seed, draw: true })}>{create.isPending ? '抽取中…' : `保存并抽取（${fmtInt(total('expected'))} 户）`}</button>
          {create.error && <span className="error" role="alert">{create.error.message}</span>}
        </div>
      </section>

      <Roster />

      <section className="panel" aria-label="已有计划">
        <h2>已有计划</h2>
        {plans.isLoading ? <div className="state">载入中…</div> : (plans.data?.length ?? 0) === 0 ? <div className="state">尚无抽查计划</div> : (
          <>
            <table className="data" aria-label="计划列表">
              <thead><tr><th>计划</th><th>年度</th><th>分类月份</th><th>范围</th><th>状态</th><th className="num">抽取户数</th><th className="num">已检查</th><th className="num">发现问题</th><th className="num">问题发现率</th><th>抽取人 / 时间</th></tr></thead>
              <tbody>
                {plans.data!.map((p) => {
                  const r = rateOf.get(p.plan_id);
                  return (
                    <tr key={p.plan_id}>
                      <td><Link href={`/inspections/${p.plan_id}`}>{p.name}</Link> <span className="muted" style={{ fontSize: 12 }}>{p.plan_id}</span></td>
                      <td>{p.year}</td><td>{p.month}</td><td>{p.region_name || p.region_code || '全部'}</td>
                      <td>{p.status === 'drawn' ? '已抽取' : '草稿'}</td>
                      <td className="num">{fmtInt(p.targets)}</td><td className="num">{r ? fmtInt(r.inspected) : ''}</td><td className="num">{r ? fmtInt(r.problem) : ''}</td>
                      <td className="num">{r?.rate != null ? fmtPct(r.rate) : '—'}</td>
                      <td className="muted">{p.drawn_by} {p.drawn_at.slice(0, 16)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {plans.data!.length >= PLANS_LISTED && <p className="muted" data-testid="plans-cut">列出最近 {PLANS_LISTED} 个计划；更早的计划可通过命令行 inspections list 查看。</p>}
            {(rates.data ?? []).some((r) => r.total.inspected > 0) && (
              <div style={{ marginTop: 16 }}>
                <h2>各计划问题发现率</h2>
                <BarChart title="各计划问题发现率" testId="plan-rates" valueLabel="问题发现率" format={(x) => fmtPct(x)}
                  data={(rates.data ?? []).filter((r) => r.total.inspected > 0).map((r) => ({ key: r.plan_id, label: r.name, value: r.total.rate ?? 0, detail: [`发现问题 ${r.total.problem} / 已检查 ${r.total.inspected}`] }))} />
              </div>
            )}
          </>
        )}
      </section>
      <p className="muted" style={{ fontSize: 12 }}>分类色：{CLASSES.map((c: RiskClass) => <span key={c} style={{ marginRight: 10 }}><i style={{ display: 'inline-block', width: 10, height: 10, background: CLASS_COLORS[c], marginRight: 4 }} />{CLASS_LABELS[c]}</span>)}</p>
    </div>
  );
}
