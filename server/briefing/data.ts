/**
 * Assembles one monthly briefing (研判简报) for a viewer from the existing query modules — class shares and trend
 * (queries/research), areas (queries/map), industries (queries/research/distribution), warnings and inspections
 * (queries/briefing), 研判 notes — and writes its sentences. Every query applies the viewer's regionScope.
 * Leaders, analysts and administrators only: partners are refused here as well as in the procedures.
 */
import { z } from 'zod';
import type { Db } from '../db/client';
import { inScope, type Viewer } from '../auth/viewer';
import { runQuery } from '../../queries/define';
import { getClassTrend } from '../../queries/research/trend';
import { getClassDistribution } from '../../queries/research/distribution';
import { listNotes } from '../../queries/research/notes';
import { getMapAreas } from '../../queries/map/areas';
import { classifiedMonths } from '../../queries/classes/months';
import { briefingWarnings, briefingWarningsComputed } from '../../queries/briefing/warnings';
import { briefingInspections } from '../../queries/briefing/inspections';
import { briefingNames } from '../../queries/briefing/names';
import { briefingModelVersions } from '../../queries/briefing/versions';
import { EFFECTIVE, loadModels } from '../classify/model';
import { addMonths } from '../calendar/months';
import { mapShapes } from './mapShapes';
import { formatCn } from '../db/time';
import { monthLabel } from './format';
import { writeSentences } from './sentences';
import {
  CLASS_KEYS, type Briefing, type BriefingArea, type BriefingIndustry, type ClassCounts, type InspectionClassFigures, type MonthCounts,
  type WarningRuleFigures,
} from './types';

export const BRIEFING_ROLES = ['admin', 'analyst', 'leader'] as const;
import { MODEL_LABELS } from '../../components/palette';
export { MODEL_LABELS };
export const RULE_LABELS: Record<string, string> = {
  'multi-license-address': '一址多照', 'multi-enterprise-person': '一人多企', 'frequent-changes': '频繁变更',
  'abnormal-after-registration': '成立即异常', 'complaint-surge': '投诉激增', 'unreachable-inspection': '检查查无下落', 'serious-list-new': '新列严重失信',
};

/** Minimum enterprises for an area to be named as the highest-risk one. */
const AREA_MIN = 30;
const monthRe = /^\d{4}-(0[1-9]|1[0-2])$/;
export const briefingInput = z.object({
  month: z.string().regex(monthRe).optional(),
  model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).default('effective'),
  /** Province, prefecture or county (6 digits). */
  region: z.string().regex(/^\d{6}$/).optional(),
  /** Industry section (C) or division (C13). */
  industry: z.string().regex(/^[A-T](\d{2})?$/).optional(),
  /** Minimum size of an industry (enterprises) for the C+D share ranking. */
  minSize: z.number().int().min(1).max(100_000).default(30),
});
export type BriefingInput = z.input<typeof briefingInput>;

export class BriefingAccessError extends Error {}
export class BriefingNoDataError extends Error {}

export function canReadBriefing(v: Viewer): boolean { return (BRIEFING_ROLES as readonly string[]).includes(v.role); }

/** Months with results for a model, newest first. */
export async function briefingMonths(db: Db, model: string): Promise<string[]> {
  return (await runQuery(db, classifiedMonths, { model }, { name: '', role: 'admin', regionCode: '' })).map((r) => r.month);
}

const emptyCounts = (): ClassCounts => ({ A: 0, B: 0, C: 0, D: 0 });

/** The models whose runs make a model's results: 'effective' is general with the key-area models combined into it. */
function madeOf(model: string): string[] {
  if (model !== EFFECTIVE) return [model];
  try {
    return ['general', ...loadModels().filter((m) => m.combine && m.combine !== 'general').map((m) => m.id)];
  } catch {
    return ['general'];
  }
}
const levelOf = (code: string): 'province' | 'prefecture' | 'county' => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county');

export async function getBriefing(db: Db, viewer: Viewer, raw: BriefingInput, now = new Date()): Promise<Briefing> {
  if (!canReadBriefing(viewer)) throw new BriefingAccessError('当前角色无权查看研判简报');
  const inp = briefingInput.parse(raw);
  if (inp.region && !inScope(viewer, inp.region)) throw new BriefingAccessError('所选地区超出了您的数据范围');
  const months = await briefingMonths(db, inp.model);
  const month = inp.month ?? months[0];
  if (!month) throw new BriefingNoDataError('该模型还没有分类结果：请先运行 classify');
  if (!months.includes(month)) throw new BriefingNoDataError(`${month} 没有该模型的分类结果`);
  const filters = { month, model: inp.model, region: inp.region, industry: inp.industry, tags: [], status: [] };

  const prevM = addMonths(month, -1);
  const basisMonth = months.includes(prevM) ? prevM : month;
  const subjectCode = inp.region ?? viewer.regionCode ?? '';
  const mapLevel: 'prefecture' | 'county' = subjectCode && !subjectCode.endsWith('0000') ? 'county' : 'prefecture';
  const admin: Viewer = { name: '', role: 'admin', regionCode: '' };
  const lastYearM = addMonths(month, -12);
  const models = madeOf(inp.model);
  const [trendRows, mapAreas, industriesAll, warnRows, warnComputed, inspRows, notesAll, nameRows, versionRows] = await Promise.all([
    getClassTrend(db, viewer, { filters, from: addMonths(month, -12) }),
    getMapAreas(db, viewer, { filters, level: mapLevel }),
    getClassDistribution(db, viewer, { filters, by: 'division', limit: 500 }),
    runQuery(db, briefingWarnings, { month, region: inp.region }, viewer),
    runQuery(db, briefingWarningsComputed, { month }, admin),
    runQuery(db, briefingInspections, { filters, basisMonth }, viewer),
    listNotes(db, viewer, { month, limit: 50, region: inp.region }),
    runQuery(db, briefingNames, { regions: [subjectCode, viewer.regionCode, levelOf(subjectCode || '000000') === 'county' ? `${subjectCode.slice(0, 4)}00` : ''].filter(Boolean), industry: inp.industry ?? '' }, admin),
    runQuery(db, briefingModelVersions, { months: [month, prevM, lastYearM], models }, admin),
  ]);

  // Class counts by month.
  const toCounts = (m: string): MonthCounts | null => {
    const t = trendRows.find((r) => r.month === m);
    if (!t || !t.n) return null;
    const counts = emptyCounts();
    CLASS_KEYS.forEach((k, i) => { counts[k] = t.counts[i] ?? 0; });
    return { month: m, total: t.n, counts };
  };
  const current = toCounts(month);
  // Every month from the first classified one of the window to the briefing month, a month without results in it as
  // total 0 (the chart leaves a gap): months skipped by the classification were drawn as neighbours, and the caption's
  // "近 N 个月" counted classified months only.
  const firstM = trendRows.find((t) => t.n)?.month ?? month;
  const trend: MonthCounts[] = [];
  for (let m = firstM; m <= month; m = addMonths(m, 1)) trend.push(toCounts(m) ?? { month: m, total: 0, counts: emptyCounts() });

  // What the briefing is about: the region filter, else the viewer's region, else the main province of the data.
  const provCount = new Map<string, number>();
  for (const a of mapAreas.areas) provCount.set(a.code.slice(0, 2), (provCount.get(a.code.slice(0, 2)) ?? 0) + (a.n ?? 0));
  const dataProvince = [...provCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const within = subjectCode
    ? (levelOf(subjectCode) === 'county' ? `${subjectCode.slice(0, 4)}00` : subjectCode)
    : dataProvince ? `${dataProvince}0000` : '';
  const nameOf = (code: string) => nameRows.find((r) => r.kind === 'region' && r.code === code)?.name ?? '';
  const regionName = nameOf(subjectCode);
  const industryName = nameRows.find((r) => r.kind === 'industry')?.name ?? '';
  const subjectName = subjectCode ? regionName || subjectCode : within ? '全省' : '全部数据';
  // The whole province's title names it (吉林省), the sentences say 全省.
  const provinceName = subjectCode || !within ? '' : (await runQuery(db, briefingNames, { regions: [within], industry: '' }, admin)).find((r) => r.kind === 'region')?.name ?? '';
  // Nothing classified in the slice that month (a region, scope or industry without enterprises then): no briefing of
  // zeros — 0 户, 0.0%, and drops from last month's shares that read as data.
  if (!current) throw new BriefingNoDataError(`${monthLabel(month)}${subjectCode ? subjectName : ''}${industryName || inp.industry || ''}没有该模型的分类结果`);

  // Areas at the map level inside `within`: C+D share and its change from the previous month.
  const inside = (a: { code: string; prefecture_code: string }) =>
    !within || (within.endsWith('0000') ? a.code.startsWith(within.slice(0, 2)) : a.prefecture_code === within);
  const areas: BriefingArea[] = mapAreas.areas
    .filter((a) => a.n !== null && a.n > 0 && inside(a))
    .map((a) => {
      const n = a.n ?? 0, cd = (a.c ?? 0) + (a.d ?? 0);
      return { code: a.code, name: a.name, n, cd, d: a.d ?? 0, cdShare: cd / n, delta: a.delta };
    })
    // Areas of at least AREA_MIN enterprises first (a 16-enterprise county at 19% is not the headline), then by share.
    .sort((x, y) => Number(y.n >= AREA_MIN) - Number(x.n >= AREA_MIN) || y.cdShare - x.cdShare || y.n - x.n || x.code.localeCompare(y.code));
  const geo = within ? mapShapes(mapLevel, within) : { shapes: null, noPolygon: [] };

  // Industries (divisions): by C+D share among those with at least minSize enterprises, and by C+D count.
  const industries: BriefingIndustry[] = industriesAll
    .filter((r) => r.n !== null && r.key !== '')
    .map((r) => {
      const c = r.counts[2] ?? 0, d = r.counts[3] ?? 0, n = r.n ?? 0;
      return { code: r.key, name: r.label, n, cd: c + d, d, cdShare: n ? (c + d) / n : 0 };
    });
  const byShare = industries.filter((x) => x.n >= inp.minSize).sort((a, b) => b.cdShare - a.cdShare || b.n - a.n || a.code.localeCompare(b.code)).slice(0, 8);
  const byCount = [...industries].sort((a, b) => b.cd - a.cd || b.cdShare - a.cdShare || a.code.localeCompare(b.code)).slice(0, 8);

  // Warnings.
  const rules: WarningRuleFigures[] = warnRows.map((r) => ({
    rule: r.rule, label: RULE_LABELS[r.rule] ?? r.rule, total: r.total, new: r.new_n, newDisposed: r.new_disposed,
    open: r.open, inProgress: r.in_progress, disposed: r.disposed,
  }));
  const sum = (k: 'total' | 'new' | 'newDisposed' | 'open' | 'inProgress' | 'disposed') => rules.reduce((s, r) => s + r[k], 0);
  const computed = (warnComputed[0]?.n ?? 0) > 0;

  // Inspections by class (every class present, zeros when none); those of enterprises without a class then, apart.
  const insp: InspectionClassFigures[] = CLASS_KEYS.map((k) => {
    const r = inspRows.find((x) => x.class === k);
    return { class: k, inspections: r?.inspections ?? 0, enterprises: r?.enterprises ?? 0, problems: r?.problems ?? 0, withResult: r?.with_result ?? 0 };
  });
  const noClass = inspRows.find((x) => x.class === '');
  const unclassified = { inspections: noClass?.inspections ?? 0, enterprises: noClass?.enterprises ?? 0, problems: noClass?.problems ?? 0, withResult: noClass?.with_result ?? 0 };

  // 研判 findings of the month, limited to the region filter when there is one, and to the industry filter: a finding of
  // another industry (批发业 in a 制造业 briefing) is not one of this briefing's; one of every industry (none set), of
  // the filter's section or of a division inside it is.
  const ind = inp.industry ?? '';
  const notes = notesAll.filter((n) => (!inp.region || (n.region_code !== '' && inScope({ name: '', role: 'analyst', regionCode: inp.region }, n.region_code)))
    && (!ind || n.industry_code.startsWith(ind) || ind.startsWith(n.industry_code)));

  // The highest area is named among those of at least AREA_MIN enterprises only (a 2-enterprise county at 100% is no
  // headline); with none that large, none is named.
  const rankedAreas = areas.filter((a) => a.n >= AREA_MIN);
  const topArea = rankedAreas[0];
  // A county briefing: its map shows the prefecture's counties, the subject among them.
  // Ranked by share among all of them (ties share a rank), whatever their size: the rank is about the subject.
  const self = levelOf(subjectCode || '000000') === 'county' ? areas.find((a) => a.code === subjectCode) : undefined;
  const best = [...areas].sort((x, y) => y.cdShare - x.cdShare || y.n - x.n)[0];
  const subjectRank = self && best && areas.length > 1
    ? { within: nameOf(within) || within, rank: 1 + areas.filter((a) => a.cdShare > self.cdShare).length, of: areas.length, share: self.cdShare, top: { name: best.name, share: best.cdShare, ...(best.n < AREA_MIN ? { n: best.n } : {}) } }
    : null;
  const sentenceSubject = `${subjectName}${industryName ? industryName : ''}`;
  const prev = toCounts(prevM);
  const lastYear = toCounts(lastYearM);
  // A change against a month classified with another version of the model is partly the model's change, not the
  // enterprises': named (通用型 v2→v3) wherever a version differs.
  const versionOf = (m: string, id: string) => versionRows.find((r) => r.ym === m && r.model === id)?.version;
  const versionChanges = (other: string): string[] => models.flatMap((id) => {
    const now = versionOf(month, id), then = versionOf(other, id);
    return now !== undefined && then !== undefined && now !== then ? [`${MODEL_LABELS[id] ?? id} v${then}→v${now}`] : [];
  });
  const modelChanges = { prev: prev ? versionChanges(prevM) : [], lastYear: lastYear ? versionChanges(lastYearM) : [] };
  const sentences = writeSentences({
    month, subject: sentenceSubject,
    current: { total: current.total, c: current.counts.C, d: current.counts.D },
    prev: prev && { total: prev.total, c: prev.counts.C, d: prev.counts.D },
    lastYear: lastYear && { total: lastYear.total, c: lastYear.counts.C, d: lastYear.counts.D },
    areaLevelLabel: mapLevel === 'prefecture' ? '地市' : '区县',
    topArea: topArea && areas.length > 1 ? { name: topArea.name, share: topArea.cdShare } : null,
    subjectRank,
    // One industry only (an industry filter at division level): it is the subject, not a finding.
    topIndustry: byShare[0] && industries.length > 1 ? { name: byShare[0].name, share: byShare[0].cdShare } : null,
    industryMinSize: inp.minSize,
    modelChanges,
    // Warnings not yet computed for the month (none anywhere): said so, not 0 warnings.
    warnings: computed ? rules.map((r) => ({ label: r.label, new: r.new, newDisposed: r.newDisposed, open: r.open })) : null,
    warningsAllIndustries: !!inp.industry,
    inspections: {
      A: insp[0]!, D: insp[3]!,
      total: insp.reduce((s, r) => s + r.inspections, unclassified.inspections), problems: insp.reduce((s, r) => s + r.problems, unclassified.problems),
      withResult: insp.reduce((s, r) => s + r.withResult, unclassified.withResult),
    },
  });

  return {
    month, model: inp.model, modelLabel: MODEL_LABELS[inp.model] ?? inp.model,
    scope: { code: viewer.regionCode, name: viewer.regionCode ? nameOf(viewer.regionCode) || viewer.regionCode : '全部数据' },
    subject: { code: subjectCode || within, name: subjectName, title: subjectCode ? subjectName : provinceName },
    filters: { region: inp.region ?? '', regionName: inp.region ? regionName : '', industry: inp.industry ?? '', industryName },
    generatedAt: formatShanghai(now), generatedBy: viewer.name,
    current, prev, lastYear, trend, modelChanges,
    map: { level: mapLevel, levelLabel: mapLevel === 'prefecture' ? '地市' : '区县', areas, shapes: geo.shapes, noPolygon: geo.noPolygon.map((x) => x.name) },
    industries: { level: '行业大类', minSize: inp.minSize, byShare, byCount },
    warnings: { computed, rules, total: sum('total'), new: sum('new'), newDisposed: sum('newDisposed'), open: sum('open'), inProgress: sum('inProgress'), disposed: sum('disposed') },
    inspections: { basisMonth, rows: insp, unclassified },
    notes,
    sentences,
  };
}

/** 'YYYY-MM-DD HH:MM' in China time (server/db/time.ts), as the page and the PDF print it. */
function formatShanghai(d: Date): string {
  return formatCn(d).slice(0, 16);
}
