'use client';
/**
 * The briefing (研判简报) as a document: title, filters and generation date, written summary, headline figures
 * with their changes, the high-risk map, risk trend, top industries, warnings and disposal progress, inspection
 * problem rates by class, and the month's 研判 findings. A pure renderer of a `Briefing` (never fetches); the same
 * component is the screen page and the A4 print page the PDF is made from (`print`).
 * When everything has drawn it sets `data-ready="1"` on its root (the PDF renderer waits for it).
 */
import { useEffect, useState } from 'react';
import { BarChart, LineChart } from '@/components/charts';
import { CLASS_COLORS, CLASS_LABELS, CLASSES } from '@/components/palette';
import type { Briefing } from '@/server/briefing/types';
import { changeBadge, fmtCount, fmtShare, monthLabel, share } from '@/server/briefing/format';
import { ChoroplethSvg } from './ChoroplethSvg';
import { inspectionBars } from './inspectionBars';
import css from './briefing.module.css';

/** A value already in percent units (charts take 0–100 so their axes read 0, 5, 10…). */
const pct = (v: number) => `${v.toFixed(1)}%`;
/** A change without its unit, for table cells under a header that names it. */
const short = (s: string) => s.replace(' 个百分点', '');
const CLASS_NAMES: Record<string, string> = { A: '低风险（A类）', B: '一般风险（B类）', C: '较高风险（C类）', D: '高风险（D类）' };

function Section({ n, title, children, testId }: { n: string; title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={css.section} data-testid={testId}>
      <h2 className={css.h2}><span className={css.num}>{n}</span>{title}</h2>
      {children}
    </section>
  );
}

export function BriefingDocument({ data, print = false }: { data: Briefing; print?: boolean }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let alive = true;
    // Charts measure their width after mount: wait for fonts, two frames and a short settle.
    void document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
      setTimeout(() => { if (alive) setReady(true); }, 250);
    })));
    return () => { alive = false; };
  }, [data]);

  const cur = data.current;
  const prev = data.prev;
  const ly = data.lastYear;
  const dShare = share(cur.counts.D, cur.total);
  const cdShare = share(cur.counts.C + cur.counts.D, cur.total);
  const shareOf = (m: typeof cur | null, k: 'A' | 'B' | 'C' | 'D') => (m && m.total ? share(m.counts[k], m.total) : null);
  const cdOf = (m: typeof cur | null) => (m && m.total ? share(m.counts.C + m.counts.D, m.total) : null);
  const filterText = [
    `数据月份 ${monthLabel(data.month)}`,
    `分类模型 ${data.modelLabel}`,
    `数据范围 ${data.scope.name}`,
    `地区 ${data.filters.region ? `${data.filters.regionName || data.filters.region}（${data.filters.region}）` : '全部'}`,
    `行业 ${data.filters.industry ? `${data.filters.industryName || data.filters.industry}（${data.filters.industry}）` : '全部'}`,
  ];
  const mapValues = new Map(data.map.areas.map((a) => [a.code, a.cdShare]));
  const topAreas = data.map.areas.filter((a) => a.n >= 30).slice(0, 5);
  const unclassified = data.inspections.unclassified;
  const insTotal = data.inspections.rows.reduce((s, r) => s + r.inspections, unclassified.inspections);
  const insProblems = data.inspections.rows.reduce((s, r) => s + r.problems, unclassified.problems);
  // The problem rate is over the inspections with a result recorded (one without has found nothing yet).
  const insDone = data.inspections.rows.reduce((s, r) => s + r.withResult, unclassified.withResult);
  const rate = (x: { problems: number; withResult: number }) => (x.withResult ? fmtShare(share(x.problems, x.withResult)) : '—');

  return (
    <article className={`${css.doc}${print ? ` ${css.print}` : ''}`} data-testid="briefing" data-ready={ready ? '1' : '0'}>
      <header className={css.header}>
        <div className={css.kicker}>企业信用风险分类管理 · 综合研判</div>
        <h1 className={css.title}>{data.subject.title}{monthLabel(data.month)}企业信用风险研判简报</h1>
        <div className={css.meta} data-testid="briefing-filters">
          {filterText.map((t) => <span key={t}>{t}</span>)}
        </div>
        <div className={css.meta}>
          <span data-testid="briefing-generated">生成时间 {data.generatedAt}</span><span>生成人 {data.generatedBy}</span>
          <span>预警与处置进度截至生成时间</span>
        </div>
      </header>

      <section className={css.summary} data-testid="briefing-summary">
        <h2 className={css.h2}>本月要点</h2>
        {data.sentences.map((s) => <p key={s}>{s}</p>)}
      </section>

      <Section n="一" title="总体情况" testId="briefing-headline">
        <div className={css.kpis}>
          <div className={`${css.kpi} ${css.kpiMain}`}>
            <div className={css.kpiLabel}>参与分类企业（户）</div>
            <div className={css.kpiValue} data-testid="kpi-total" data-value={cur.total}>{fmtCount(cur.total)}</div>
            <div className={css.kpiSub}>
              上月 {prev ? fmtCount(prev.total) : '—'} · 去年同期 {ly ? fmtCount(ly.total) : '—'}
            </div>
          </div>
          <div className={`${css.kpi} ${css.kpiMain}`}>
            <div className={css.kpiLabel}>高风险（D类）占比</div>
            <div className={css.kpiValue} style={{ color: CLASS_COLORS.D }} data-testid="kpi-d-share" data-value={dShare}>{fmtShare(dShare)}</div>
            <div className={css.kpiSub}>{fmtCount(cur.counts.D)} 户 · 环比 {changeBadge(dShare, shareOf(prev, 'D'))} · 同比 {changeBadge(dShare, shareOf(ly, 'D'))}</div>
          </div>
          <div className={`${css.kpi} ${css.kpiMain}`}>
            <div className={css.kpiLabel}>C+D 类占比</div>
            <div className={css.kpiValue} style={{ color: CLASS_COLORS.C }} data-testid="kpi-cd-share">{fmtShare(cdShare)}</div>
            <div className={css.kpiSub}>{fmtCount(cur.counts.C + cur.counts.D)} 户 · 环比 {changeBadge(cdShare, cdOf(prev))} · 同比 {changeBadge(cdShare, cdOf(ly))}</div>
          </div>
        </div>
        <div className={css.overview}>
          <div>
          <table className={css.table} data-testid="class-shares">
            <thead>
              <tr><th>风险类别</th><th className={css.r}>企业数（户）</th><th className={css.r}>占比</th><th className={css.r}>较上月</th><th className={css.r}>较去年同期</th></tr>
            </thead>
            <tbody>
              {CLASSES.map((k) => {
                const s = share(cur.counts[k], cur.total);
                return (
                  <tr key={k} data-testid={`class-row-${k}`}>
                    <td><i className={css.swatch} style={{ background: CLASS_COLORS[k] }} />{CLASS_NAMES[k]}</td>
                    <td className={css.r}>{fmtCount(cur.counts[k])}</td>
                    <td className={css.r}>{fmtShare(s)}</td>
                    <td className={css.r}>{short(changeBadge(s, shareOf(prev, k)))}</td>
                    <td className={css.r}>{short(changeBadge(s, shareOf(ly, k)))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className={css.note}>较上月、较去年同期：占比变化，单位为百分点。
            {data.modelChanges.prev.length > 0 && `上月分类所用模型版本不同（${data.modelChanges.prev.join('、')}），较上月的变化含模型调整的影响。`}
            {data.modelChanges.lastYear.length > 0 && `去年同期分类所用模型版本不同（${data.modelChanges.lastYear.join('、')}），较去年同期的变化含模型调整的影响。`}
          </div>
          </div>
          {data.trend.length > 1 && (
            <div className={css.chartBox}>
              <div className={css.caption}>近 {data.trend.length} 个月 C 类、D 类占比走势</div>
              <LineChart x={data.trend.map((t) => t.month)} height={130} valueLabel="占比（%）" legend
                format={pct} title="近期 C 类、D 类占比走势" testId="briefing-trend" missingText="该月无分类结果"
                series={[
                  { key: 'C', label: CLASS_LABELS.C, color: CLASS_COLORS.C, values: data.trend.map((t) => (t.total ? 100 * share(t.counts.C, t.total) : null)) },
                  { key: 'D', label: CLASS_LABELS.D, color: CLASS_COLORS.D, values: data.trend.map((t) => (t.total ? 100 * share(t.counts.D, t.total) : null)) },
                ]} />
            </div>
          )}
        </div>
      </Section>

      <Section n="二" title={`高风险地区（按${data.map.levelLabel} C+D 类占比）`} testId="briefing-areas">
        <div className={css.mapRow}>
          <div className={css.mapCell}>
            {data.map.shapes
              ? <ChoroplethSvg shapes={data.map.shapes} values={mapValues} title={`${data.map.levelLabel} C+D 类占比地图`} highlight={new Set(topAreas.slice(0, 3).map((a) => a.code))} />
              : <div className={css.muted}>该地区暂无底图，仅列表展示。</div>}
          </div>
          <div className={css.mapSide}>
            <table className={css.table}>
              <thead><tr><th>{data.map.levelLabel}</th><th className={css.r}>企业</th><th className={css.r}>C+D 占比</th><th className={css.r}>较上月</th></tr></thead>
              <tbody>
                {data.map.areas.slice(0, 10).map((a) => (
                  <tr key={a.code}>
                    <td>{a.name}</td><td className={css.r}>{fmtCount(a.n)}</td><td className={css.r}>{fmtShare(a.cdShare)}</td>
                    <td className={css.r}>{a.delta === null ? '—' : short(changeBadge(a.cdShare, a.cdShare - a.delta))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className={css.note}>较上月单位：百分点。{data.map.noPolygon.length > 0 && `无独立边界的功能区（${data.map.noPolygon.slice(0, 4).join('、')}${data.map.noPolygon.length > 4 ? '等' : ''}）不在地图上显示。`}</div>
          </div>
        </div>
      </Section>

      <Section n="三" title="重点风险行业" testId="briefing-industries">
        <div className={css.two}>
          <div>
            <div className={css.caption}>C+D 类占比最高的{data.industries.level}（企业不少于 {fmtCount(data.industries.minSize)} 户）</div>
            {data.industries.byShare.length
              ? <BarChart data={data.industries.byShare.map((x) => ({ key: x.code, label: x.name, value: 100 * x.cdShare, detail: [`企业 ${fmtCount(x.n)} 户`, `C+D ${fmtCount(x.cd)} 户`] }))}
                  valueLabel="C+D 类占比（%）" format={pct} color={CLASS_COLORS.C} rowHeight={22} labelChars={10} title="C+D 类占比最高的行业" testId="industries-share" />
              : <div className={css.muted}>没有达到规模的行业</div>}
          </div>
          <div>
            <div className={css.caption}>C+D 类企业最多的{data.industries.level}（户）</div>
            <BarChart data={data.industries.byCount.map((x) => ({ key: x.code, label: x.name, value: x.cd, detail: [`占比 ${fmtShare(x.cdShare)}`] }))}
              valueLabel="C+D 类企业（户）" color={CLASS_COLORS.D} rowHeight={22} labelChars={10} title="C+D 类企业最多的行业" testId="industries-count" />
          </div>
        </div>
      </Section>

      <Section n="四" title="监测预警与处置进度" testId="briefing-warnings">
        {!data.warnings.computed ? (
          <div className={css.muted} data-testid="warnings-not-computed">尚无{monthLabel(data.month)}的预警数据：该月预警尚未计算（预警在分类之后按月计算）。</div>
        ) : (<>
          <div className={css.kpis}>
            <div className={css.kpi}><div className={css.kpiLabel}>本月预警（条）</div><div className={css.kpiValueSm}>{fmtCount(data.warnings.total)}</div></div>
            <div className={css.kpi}><div className={css.kpiLabel}>其中新增</div><div className={css.kpiValueSm}>{fmtCount(data.warnings.new)}</div></div>
            <div className={css.kpi}><div className={css.kpiLabel}>待处置</div><div className={css.kpiValueSm}>{fmtCount(data.warnings.open)}</div></div>
            <div className={css.kpi}><div className={css.kpiLabel}>处置中</div><div className={css.kpiValueSm}>{fmtCount(data.warnings.inProgress)}</div></div>
            <div className={css.kpi}><div className={css.kpiLabel}>已处置</div><div className={css.kpiValueSm}>{fmtCount(data.warnings.disposed)}（{fmtShare(share(data.warnings.disposed, data.warnings.total))}）</div></div>
          </div>
          {data.warnings.rules.length ? (
            <table className={css.table}>
              <thead>
                <tr><th>预警类型</th><th className={css.r}>本月预警</th><th className={css.r}>新增</th><th className={css.r}>新增已处置</th><th className={css.r}>待处置</th><th className={css.r}>处置中</th><th className={css.r}>已处置</th><th style={{ width: '26%' }}>处置进度</th></tr>
              </thead>
              <tbody>
                {data.warnings.rules.map((r) => (
                  <tr key={r.rule} data-testid={`warn-${r.rule}`}>
                    <td>{r.label}</td><td className={css.r}>{fmtCount(r.total)}</td><td className={css.r}>{fmtCount(r.new)}</td>
                    <td className={css.r}>{fmtCount(r.newDisposed)}</td><td className={css.r}>{fmtCount(r.open)}</td>
                    <td className={css.r}>{fmtCount(r.inProgress)}</td><td className={css.r}>{fmtCount(r.disposed)}</td>
                    <td>
                      <div className={css.progress} aria-label={`已处置 ${fmtShare(share(r.disposed, r.total))}`}>
                        <span style={{ width: `${share(r.disposed, r.total) * 100}%`, background: '#59a14f' }} />
                        <span style={{ width: `${share(r.inProgress, r.total) * 100}%`, background: '#edc948' }} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <div className={css.muted}>本月无监测预警。</div>}
        </>)}
        <div className={css.note}>进度条：绿色为已处置（已反馈结果或已办结），黄色为处置中（已分派或已采取措施）。预警为地址、人员或企业个案，不按行业筛选。</div>
      </Section>

      <Section n="五" title="抽查检查问题发现率（按风险类别）" testId="briefing-inspections">
        {insTotal === 0 ? <div className={css.muted}>本月无抽查检查记录。</div> : (<>
          <div className={css.two}>
            <div>
              <BarChart orientation="vertical" height={140}
                data={inspectionBars(data.inspections.rows)}
                valueLabel="问题发现率（%）" format={pct} labelChars={3} title="各类别抽查问题发现率" testId="inspection-rates" />
            </div>
            <table className={css.table}>
              <thead><tr><th>类别</th><th className={css.r}>检查（户次）</th><th className={css.r}>发现问题</th><th className={css.r}>问题发现率</th></tr></thead>
              <tbody>
                {data.inspections.rows.map((r) => (
                  <tr key={r.class}><td><i className={css.swatch} style={{ background: CLASS_COLORS[r.class] }} />{r.class}类</td><td className={css.r}>{fmtCount(r.inspections)}</td>
                    <td className={css.r}>{fmtCount(r.problems)}</td><td className={css.r}>{rate(r)}</td></tr>
                ))}
                {unclassified.inspections > 0 && (
                  <tr data-testid="inspections-unclassified"><td>未分类</td><td className={css.r}>{fmtCount(unclassified.inspections)}</td>
                    <td className={css.r}>{fmtCount(unclassified.problems)}</td><td className={css.r}>{rate(unclassified)}</td></tr>
                )}
                <tr className={css.total}><td>合计</td><td className={css.r}>{fmtCount(insTotal)}</td><td className={css.r}>{fmtCount(insProblems)}</td><td className={css.r}>{rate({ problems: insProblems, withResult: insDone })}</td></tr>
              </tbody>
            </table>
          </div>
          <div className={css.note}>本月完成的抽查检查，按企业在 {monthLabel(data.inspections.basisMonth)} 分类结果中的类别统计{unclassified.inspections > 0 && '；该月尚无分类结果的企业（其后新设立）列为“未分类”'}；问题含“发现问题”和“查无下落”{insDone < insTotal && `；${fmtCount(insTotal - insDone)} 户次尚无检查结果，不计入问题发现率`}。</div>
        </>)}
      </Section>

      <Section n="六" title="本月研判发现" testId="briefing-notes">
        {data.notes.length ? (
          <ol className={css.notes}>
            {data.notes.map((n) => (
              <li key={n.id}>
                <div className={css.noteTitle}>{n.title}<span className={css.muted}>{" · "}{n.region_name || '全部地区'}{n.industry_code ? ` · ${n.industry_code}` : ''} · {n.author} · {n.created_at}</span></div>
                <div className={css.noteBody}>{n.finding}</div>
              </li>
            ))}
          </ol>
        ) : <div className={css.muted}>本月尚无保存的研判记录。</div>}
      </Section>

      <footer className={css.footer}>
        信研 · 企业信用风险研判工作台 自动生成 · {data.generatedAt} · 分类结果为辅助监管的风险提示，不作为对企业的评价结论
      </footer>
    </article>
  );
}
