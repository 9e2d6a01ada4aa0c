/**
 * Compiles a model into the one INSERT … SELECT that classifies a month from the feature table.
 *
 * Score models: v__<id> = the indicator's expression, p__<id> = points × fraction(scoring, value);
 * raw_score = Σ p (ALL indicators), score = clamp(raw_score, 0, 1000), raised to the D floor when a hard rule
 * holds; class from the bands (D when a hard rule holds) on the stored (Float32) score, so that the class always
 * agrees with the score shown beside it. Reasons add up to the score: Σ reasons.points + other_points = score
 * (up to Float32 rounding). They are, in order:
 *  - the hard rules that hold (indicator `hard:<id>`): the first of them (hard_rule) carries what it lifts the
 *    score by, score − clamp(raw_score, 0, 1000) (0 when the score was already at the D floor), the others 0;
 *  - the top 5 indicators by points (> 0);
 *  - when raw_score is outside 0–1000, the cap (indicator `adj:cap`, 分值上下限调整, value raw_score):
 *    clamp(raw_score) − raw_score (negative above 1000, positive below 0);
 * and other_points = raw_score − Σ top indicators: every other indicator's points (negative ones included).
 * Rules models: the first rule that holds decides; score = the class's nominal score; one reason (the rule,
 * its value, points = score) followed by the declared facts (0 points).
 */
import type { Model, RulesModel, ScoreModel } from './model';
import { lit, scoringSql } from './model';

/** Snapshot columns copied from the features into every result row (the workbench slices on them). */
export const SNAPSHOT = [
  'uscc', 'province_code', 'prefecture_code', 'county_code', 'street_code', 'region_code', 'industry_section',
  'industry_division', 'industry_code', 'entity_type', 'status', 'tags', 'reg_date',
] as const;

export const RESULT_COLUMNS = [
  'month', 'model_id', 'model_version', 'run_id', ...SNAPSHOT,
  'raw_score', 'score', 'class', 'basis', 'hard_rule', 'subscores', 'reasons', 'other_points',
] as const;

export const REASON_TYPE = 'Array(Tuple(indicator LowCardinality(String), name LowCardinality(String), value Float64, points Float32))';

/** A string literal for text written in the model files (escaped; never user input at run time). */
export function str(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function scopeSql(m: Model): string {
  if (!m.scope) return '1';
  const parts: string[] = [];
  if (m.scope.tags.length) parts.push(`hasAny(tags, [${m.scope.tags.map(str).join(', ')}])`);
  const industry = m.scope.industryPrefixes.map((pref) => `startsWith(industry_code, ${str(pref)})`);
  const excluded = m.scope.excludeIndustryPrefixes.map((pref) => `startsWith(industry_code, ${str(pref)})`);
  if (industry.length) parts.push(excluded.length ? `((${industry.join(' OR ')}) AND NOT (${excluded.join(' OR ')}))` : industry.join(' OR '));
  return parts.length ? `(${parts.join(' OR ')})` : '0';
}

/** Inner SELECT: features in scope plus v__/p__ columns per indicator (also used by evaluation). */
export function indicatorSelect(m: ScoreModel, features: string, extraWhere = '1'): string {
  const cols = m.indicators.map((i) => `toFloat64(${i.expr}) AS v__${i.id}, toFloat64(${lit(i.points)}) * ${scoringSql(i.scoring, `v__${i.id}`)} AS p__${i.id}`);
  return `SELECT *, ${cols.join(',\n  ')}\nFROM ${features}\nWHERE ${scopeSql(m)} AND ${extraWhere}`;
}

function scoreModelSelect(m: ScoreModel, features: string): string {
  const raw = m.indicators.map((i) => `p__${i.id}`).join(' + ');
  const hard = m.hardRules.length ? `multiIf(${m.hardRules.map((h) => `(${h.when}), ${str(h.id)}`).join(', ')}, '')` : `''`;
  const hardReasons = m.hardRules.length
    ? `arrayFilter(x -> x.1 != '', [${m.hardRules.map((h) => `if((${h.when}), tuple(${str(`hard:${h.id}`)}, ${str(h.name)}, toFloat64(${h.value}), if(hard__ = ${str(h.id)}, score__ - clamp__, 0.)), tuple('', '', 0., 0.))`).join(', ')}])`
    : '[]';
  // Points and values as two Float64 arrays; the top 5 are chosen by index, so the indicator ids and names (constant
  // arrays) are materialised for 5 indicators per row, not for all of them.
  const ids = `[${m.indicators.map((i) => str(i.id)).join(', ')}]`;
  const names = `[${m.indicators.map((i) => str(i.name)).join(', ')}]`;
  // (No lambda captures a column: ClickHouse would replicate it per array element.)
  const top = `arrayMap(x -> tuple(${ids}[x.1], ${names}[x.1], x.3, x.2),
    arraySlice(arrayPartialReverseSort(x -> x.2, 5, arrayFilter(x -> x.2 > 0, arrayZip(range(1, ${m.indicators.length + 1}), pts__, vals__))), 1, 5))`;
  const subs = m.dimensions.map((d) => {
    const ps = m.indicators.filter((i) => i.dimension === d.id).map((i) => `p__${i.id}`);
    return `${str(d.name)}, toFloat32(${ps.length ? ps.join(' + ') : '0'})`;
  }).join(', ');
  // The cap as a reason of its own (after the indicators: the first reason stays the one that weighs most).
  const cap = `if(raw__ = clamp__, [], [tuple('adj:cap', '分值上下限调整', raw__, clamp__ - raw__)])`;
  const b = m.bands;
  return `
SELECT toDate({month:Date}) AS month, ${str(m.id)} AS model_id, ${m.version} AS model_version, {run:String} AS run_id,
  ${SNAPSHOT.join(', ')},
  toFloat32(raw__) AS raw_score,
  toFloat32(score__) AS score,
  multiIf(hard__ != '', 'D', score >= ${lit(b.D)}, 'D', score >= ${lit(b.C)}, 'C', score >= ${lit(b.B)}, 'B', 'A') AS class,
  ${str(m.id)} AS basis, hard__ AS hard_rule,
  map(${subs}) AS subscores,
  CAST(arrayConcat(${hardReasons}, ${top}, ${cap}) AS ${REASON_TYPE}) AS reasons,
  toFloat32(score__ - arraySum(x -> toFloat64(x.4), reasons)) AS other_points
FROM (
  SELECT *, ${raw} AS raw__, ${hard} AS hard__, least(greatest(raw__, 0), 1000) AS clamp__,
    if(hard__ != '', greatest(clamp__, ${lit(b.D)}), clamp__) AS score__,
    [${m.indicators.map((i) => `p__${i.id}`).join(', ')}] AS pts__, [${m.indicators.map((i) => `v__${i.id}`).join(', ')}] AS vals__
  FROM (${indicatorSelect(m, features)})
)`;
}

function rulesModelSelect(m: RulesModel, features: string): string {
  const when = (f: (r: RulesModel['rules'][number]) => string, dflt: string) => `multiIf(${m.rules.map((r) => `(${r.when}), ${f(r)}`).join(', ')}, ${dflt})`;
  const cls = when((r) => str(r.class), str(m.default));
  const s = m.classScores;
  const score = `transform(class, ['A', 'B', 'C', 'D'], [${lit(s.A)}, ${lit(s.B)}, ${lit(s.C)}, ${lit(s.D)}], 0.)`;
  const ruleReason = `tuple(${when((r) => str(r.id), `'no_record'`)}, ${when((r) => str(r.name), str(`无触发规则，判定为${m.default}类`))}, ${when((r) => `toFloat64(${r.value})`, '0.')}, ${score})`;
  const facts = m.facts.map((f) => `tuple(${str(f.id)}, ${str(f.name)}, toFloat64(${f.expr}), 0.)`);
  return `
SELECT toDate({month:Date}) AS month, ${str(m.id)} AS model_id, ${m.version} AS model_version, {run:String} AS run_id,
  ${SNAPSHOT.join(', ')},
  toFloat32(${score}) AS raw_score, raw_score AS score, ${cls} AS class, ${str(m.id)} AS basis, '' AS hard_rule,
  CAST(map(), 'Map(LowCardinality(String), Float32)') AS subscores,
  CAST([${[ruleReason, ...facts].join(', ')}] AS ${REASON_TYPE}) AS reasons,
  toFloat32(0) AS other_points
FROM ${features}
WHERE ${scopeSql(m)}`;
}

/** `INSERT INTO <stage> SELECT …` for one model (params: month, run). */
export function classifySql(m: Model, features: string, stage: string): string {
  const select = m.kind === 'score' ? scoreModelSelect(m, features) : rulesModelSelect(m, features);
  return `INSERT INTO ${stage} (${RESULT_COLUMNS.join(', ')}) ${select}`;
}

/**
 * The derived model 'effective' (通用+专业) from the month's published general and key-area rows: key-area models
 * with combine 'key-area' win outright; 'riskier' ones win when their class is higher; ties go to general.
 * Only enterprises with a key-area row are compared; every other enterprise's general row is copied as it is.
 *
 * Statements to run in order (params: month, run); the caller drops the work table `wins` afterwards. The first
 * keeps, in `wins`, the enterprises a key-area row wins (uscc, model): the key-area rows that win outright or are
 * riskier than the enterprise's general row, the best of them per enterprise by (wins outright, class, model id) —
 * ties between two key-area models go to the later id. It joins the general rows' uscc and class to the key-area
 * rows (built from the smaller side, `joinSettings`: features.ts joinSettingsOf; 2M × 36: 1.7 → 0.3 s against
 * grouping general and key-area rows of every key-area enterprise); a key-area row without a general row (left
 * from an earlier run) wins nothing. The second copies whole the general rows of every other enterprise and the
 * winning key-area rows (2M: 3.9 → 2.5 s against choosing a winner for every key-area enterprise and reading the
 * general rows twice).
 */
export function effectiveSql(keyArea: Model[], stage: string, wins: string, joinSettings = ''): string[] {
  const used = keyArea.filter((m) => (m.combine ?? 'riskier') !== 'general');
  const winsOutright = keyArea.filter((m) => m.combine === 'key-area').map((m) => str(m.id));
  const prio = winsOutright.length ? `model_id IN (${winsOutright.join(', ')})` : "model_id = ''";
  const cols = RESULT_COLUMNS.filter((c) => !['model_id', 'model_version', 'run_id'].includes(c));
  const select = `month, 'effective', 1, {run:String}, ${cols.filter((c) => c !== 'month').map((c) => (c === 'basis' ? 'model_id' : c)).join(', ')}`;
  const month = 'month = toDate({month:Date})';
  const insert = `INSERT INTO ${stage} (${RESULT_COLUMNS.join(', ')})`;
  if (!used.length) return [`${insert} SELECT ${select} FROM class_results WHERE ${month} AND model_id = 'general'`];
  const keyIds = used.map((m) => str(m.id)).join(', ');
  return [
    `CREATE TABLE ${wins} ENGINE = Memory AS
SELECT g.uscc AS uscc, argMax(k.model_id, tuple(k.prio, k.class, k.model_id)) AS w
FROM (SELECT uscc, class FROM class_results WHERE ${month} AND model_id = 'general') AS g
INNER JOIN (SELECT uscc, model_id, class, toUInt8(${prio}) AS prio FROM class_results WHERE ${month} AND model_id IN (${keyIds})) AS k
  ON k.uscc = g.uscc
WHERE k.prio = 1 OR k.class > g.class
GROUP BY g.uscc${joinSettings}`,
    `${insert}
SELECT * FROM (
  SELECT ${select} FROM class_results WHERE ${month} AND model_id = 'general' AND uscc NOT IN (SELECT uscc FROM ${wins})
  UNION ALL
  SELECT ${select} FROM class_results WHERE ${month} AND model_id IN (${keyIds}) AND (uscc, model_id) IN (SELECT uscc, w FROM ${wins}))`,
  ];
}
