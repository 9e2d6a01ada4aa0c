/**
 * The briefing's written summary: Chinese sentences produced from the figures alone (pure, unit-tested).
 * Handles rises, falls, no change (equal at one decimal), a missing previous month / same month last year,
 * empty months, and months without warnings or inspections.
 */
import { changePhrase, fmtCount, fmtHouseholds, fmtShare, monthLabel, share } from './format';

export interface SentenceFigures {
  month: string;
  /** Who the figures are about, as it reads in a sentence: "全省", "长春市", "长春市制造业". */
  subject: string;
  current: { total: number; c: number; d: number };
  prev: { total: number; c: number; d: number } | null;
  lastYear: { total: number; c: number; d: number } | null;
  /** "地市" / "区县". */
  areaLevelLabel: string;
  /** The highest-share area of the level among those of at least AREA_MIN enterprises (null: none, or one area only). */
  topArea: { name: string; share: number } | null;
  /**
   * When the subject is itself one of the areas (a county briefing, shown among its prefecture's counties): where it
   * ranks by C+D share among `of` areas of `within`. The area clause then speaks of the subject, not of a "highest"
   * area that may be the subject itself. `top.n` is given when the highest area is too small to be a headline (under
   * AREA_MIN enterprises): its share is then said with its size.
   */
  subjectRank?: { within: string; rank: number; of: number; share: number; top: { name: string; share: number; n?: number } } | null;
  topIndustry: { name: string; share: number } | null;
  industryMinSize: number;
  /** Model versions that differ from the previous month's / last year's results ('通用型 v2→v3'). */
  modelChanges?: { prev: string[]; lastYear: string[] };
  /** Warning rules of the month (only rules with cases need be listed); null when the month's warnings are not computed yet. */
  warnings: Array<{ label: string; new: number; newDisposed: number; open: number }> | null;
  /**
   * The briefing is of one industry but the warnings are not (cases of an address or a person, never filtered by
   * industry): the warning sentence says they cover every industry.
   */
  warningsAllIndustries?: boolean;
  /**
   * Inspections done in the month by class; null when unknown. `withResult` (default: all of them): those with a result
   * recorded, the problem rate's denominator.
   */
  inspections: {
    A: { inspections: number; problems: number; withResult?: number }; D: { inspections: number; problems: number; withResult?: number };
    total: number; problems: number; withResult?: number;
  } | null;
}

function compare(cur: number, prev: { total: number; value: number } | null, against: string): string | null {
  if (!prev || prev.total === 0) return null;
  return changePhrase(cur, share(prev.value, prev.total), against);
}

export function writeSentences(f: SentenceFigures): string[] {
  const out: string[] = [];
  const m = monthLabel(f.month);
  const { total, c, d } = f.current;
  if (total === 0) {
    out.push(`${m}${f.subject}暂无分类结果。`);
    return out;
  }
  const dShare = share(d, total);
  const cdShare = share(c + d, total);

  // 1. Headline: enterprises classified, D count and share with its change, C+D share with its change.
  const dChanges = [
    compare(dShare, f.prev && { total: f.prev.total, value: f.prev.d }, '上月') ?? '上月无分类数据，暂无环比',
    compare(dShare, f.lastYear && { total: f.lastYear.total, value: f.lastYear.d }, '去年同期'),
  ].filter((x): x is string => x !== null);
  const cdChange = compare(cdShare, f.prev && { total: f.prev.total, value: f.prev.c + f.prev.d }, '上月');
  out.push(
    `${m}${f.subject}参与分类企业 ${fmtHouseholds(total)}，其中高风险（D类）${fmtCount(d)} 户，占 ${fmtShare(dShare)}，${dChanges.join('，')}；` +
    `较高风险（C类）${fmtCount(c)} 户，C+D 合计占 ${fmtShare(cdShare)}${cdChange ? `，${cdChange}` : ''}。`,
  );

  // 1a. The changes compare results of different model versions: partly the model's change, said so.
  const mc = f.modelChanges;
  const changed = [
    mc?.prev.length ? `上月（${mc.prev.join('、')}）` : '', mc?.lastYear.length ? `去年同期（${mc.lastYear.join('、')}）` : '',
  ].filter(Boolean);
  if (changed.length) {
    const which = mc!.prev.length && mc!.lastYear.length ? '环比、同比' : mc!.prev.length ? '环比' : '同比';
    out.push(`注：本月分类所用模型版本与${changed.join('、')}不同，${which}变化含模型调整的影响，不全是企业风险的变化。`);
  }

  // 2. Where and in which industry the risk concentrates.
  const where: string[] = [];
  const r = f.subjectRank;
  if (r) {
    const top = r.rank > 1 ? `（最高为${r.top.name}，${fmtShare(r.top.share)}${r.top.n !== undefined ? `，仅 ${fmtCount(r.top.n)} 户` : ''}）` : '';
    where.push(`${f.subject}C+D 占比 ${fmtShare(r.share)}，在${r.within} ${r.of} 个${f.areaLevelLabel}中居第 ${r.rank} 位${top}`);
  } else if (f.topArea) where.push(`C+D 占比最高的${f.areaLevelLabel}是${f.topArea.name}（${fmtShare(f.topArea.share)}）`);
  if (f.topIndustry) where.push(`${f.topArea && !r ? '' : 'C+D 占比'}最高的行业是${f.topIndustry.name}（${fmtShare(f.topIndustry.share)}，${fmtCount(f.industryMinSize)} 户以上的行业中）`);
  if (where.length) out.push(`${where.join(r ? '；' : '，')}。`);

  // 3. Warnings: new cases per rule and how many already have a disposal result.
  if (f.warnings) out.push(warningSentence(f.warnings, f.warningsAllIndustries ? '本月（预警不分行业）' : '本月'));
  else out.push('本月尚无预警数据（该月预警尚未计算）。');

  // 4. Inspections: problem rate, D against A.
  const ins = f.inspections;
  const done = (x: { inspections: number; withResult?: number }) => x.withResult ?? x.inspections;
  if (ins && ins.total > 0) {
    const withResult = done({ inspections: ins.total, withResult: ins.withResult });
    const pending = ins.total - withResult;
    let s = `本月抽查检查 ${fmtCount(ins.total)} 户次${pending > 0 ? `（${fmtCount(pending)} 户次尚无检查结果，不计入问题发现率）` : ''}，发现问题（含查无下落）${fmtCount(ins.problems)} 户次`;
    if (withResult > 0) s += `，问题发现率 ${fmtShare(share(ins.problems, withResult))}`;
    const rD = done(ins.D) > 0 ? share(ins.D.problems, done(ins.D)) : null;
    const rA = done(ins.A) > 0 ? share(ins.A.problems, done(ins.A)) : null;
    if (rD !== null && rA !== null) {
      s += `；D类企业 ${fmtShare(rD)}，A类企业 ${fmtShare(rA)}`;
      if (rA > 0 && rD > rA) s += `，D类是A类的 ${(rD / rA).toFixed(1)} 倍`;
    } else if (rD !== null) s += `；D类企业 ${fmtShare(rD)}`;
    out.push(`${s}。`);
  } else if (ins) {
    out.push('本月无抽查检查记录。');
  }
  return out;
}

function warningSentence(warnings: NonNullable<SentenceFigures['warnings']>, wm: string): string {
  const withNew = warnings.filter((w) => w.new > 0).sort((a, b) => b.new - a.new);
  const open = warnings.reduce((s, w) => s + w.open, 0);
  if (withNew.length === 1) {
    const w = withNew[0]!;
    return `${wm}新增${w.label}预警 ${fmtCount(w.new)} 条，已处置 ${fmtCount(w.newDisposed)} 条（${fmtShare(share(w.newDisposed, w.new))}）${open > 0 ? `；全部预警中尚有 ${fmtCount(open)} 条待处置` : ''}。`;
  }
  if (withNew.length > 1) {
    const n = withNew.reduce((s, w) => s + w.new, 0);
    const done = withNew.reduce((s, w) => s + w.newDisposed, 0);
    const parts = withNew.slice(0, 3).map((w) => `${w.label} ${fmtCount(w.new)} 条`).join('、');
    return `${wm}新增预警 ${fmtCount(n)} 条，其中${parts}${withNew.length > 3 ? '等' : ''}；已处置 ${fmtCount(done)} 条（${fmtShare(share(done, n))}）${open > 0 ? `；全部预警中尚有 ${fmtCount(open)} 条待处置` : ''}。`;
  }
  if (warnings.length) return `${wm}无新增预警${open > 0 ? `，尚有 ${fmtCount(open)} 条待处置` : ''}。`;
  return `${wm}无监测预警。`;
}
