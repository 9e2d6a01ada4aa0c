/**
 * Classification models as reviewable, versioned files: models/<id>/v<N>.json, validated with zod here.
 *
 * Two kinds:
 *  - `score`: indicators, each a SQL expression over the per-enterprise features of server/classify/features.ts
 *    (as of the month's last day), a scoring function declared as data, and `points` (its weight: the points it
 *    gives at full strength; negative for protective indicators such as credit repair). The score is the sum of
 *    all indicator points clamped to 0–1000; `bands` give the class; `hardRules` force D.
 *  - `rules`: ordered rules (first match wins, else `default`), e.g. the seed-003 county public-credit model.
 *
 * Expressions are checked against an allowlist (feature names, a few functions, numbers, operators) so a model
 * file cannot reach other tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FEATURE_NAMES } from './features';

export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type ClassLetter = (typeof CLASSES)[number];

const id = z.string().regex(/^[a-z][a-z0-9_]{1,60}$/);
const modelId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
const num = z.number().finite();

export const scoringSchema = z.discriminatedUnion('type', [
  /** value ≥ steps[k][0] → fraction steps[k][1] of the points (the highest threshold reached); below all → 0. */
  z.strictObject({ type: z.literal('step'), steps: z.array(z.tuple([num, z.number().min(0).max(1)])).min(1) }),
  /** fraction = clamp((value − from) / (to − from), 0, 1); from > to makes it decreasing. */
  z.strictObject({ type: z.literal('linear'), from: num, to: num }).refine((s) => s.from !== s.to, 'from ≠ to'),
  /** value > 0 → full points. */
  z.strictObject({ type: z.literal('flag') }),
]);
export type Scoring = z.infer<typeof scoringSchema>;

export const indicatorSchema = z.strictObject({
  id,
  name: z.string().min(2),
  dimension: z.string(),
  category: z.string().min(2),
  expr: z.string().min(1).max(600),
  scoring: scoringSchema,
  points: z.number().min(-300).max(1000),
  note: z.string().optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

const bandsSchema = z.strictObject({ B: num, C: num, D: num }).refine((b) => 0 < b.B && b.B < b.C && b.C < b.D && b.D <= 1000, '0 < B < C < D ≤ 1000');

const common = {
  id: modelId,
  version: z.number().int().min(1),
  name: z.string(),
  description: z.string(),
  /**
   * Enterprises in scope: any of the tags, or an industry code starting with one of `industryPrefixes` but none of
   * `excludeIndustryPrefixes` (a division that holds classes outside the key area: 农副食品加工 C13 holds 饲料加工
   * C132; 食品、饮料及烟草制品零售 F522 holds 烟草制品零售 F5227). The exclusions narrow the industry route only: an
   * enterprise with one of the tags is in scope whatever its industry. Absent = all.
   */
  scope: z.strictObject({
    tags: z.array(z.string()).default([]),
    industryPrefixes: z.array(z.string().regex(/^[A-T]\d{0,4}$/)).default([]),
    excludeIndustryPrefixes: z.array(z.string().regex(/^[A-T]\d{0,4}$/)).default([]),
  }).optional(),
  /**
   * How a key-area model combines with `general` into model 'effective': riskier (default), key-area wins, or
   * ignored. A model with a scope other than general is a key-area model; without `combine` it is 'riskier'
   * (set at load: withDefaults).
   */
  combine: z.enum(['riskier', 'key-area', 'general']).optional(),
};

export const scoreModelSchema = z.strictObject({
  ...common,
  kind: z.literal('score'),
  /** Lower bounds of B, C, D; A starts at 0. Henan: 200 / 500 / 750. */
  bands: bandsSchema,
  dimensions: z.array(z.strictObject({ id, name: z.string() })).min(1),
  hardRules: z.array(z.strictObject({ id, name: z.string(), when: z.string().min(1).max(300), value: z.string().min(1).max(300) })).default([]),
  indicators: z.array(indicatorSchema).min(1),
});

export const rulesModelSchema = z.strictObject({
  ...common,
  kind: z.literal('rules'),
  /** Nominal score per class (rules models have no points): stored as the score, shown as the reason's points. */
  classScores: z.strictObject({ A: num, B: num, C: num, D: num }),
  rules: z.array(z.strictObject({ id, name: z.string(), class: z.enum(CLASSES), when: z.string().min(1).max(400), value: z.string().min(1).max(300) })).min(1),
  default: z.enum(CLASSES),
  /** Values reported beside the deciding rule (points 0). */
  facts: z.array(z.strictObject({ id, name: z.string(), expr: z.string().min(1).max(300) })).default([]),
});

export const modelSchema = z.discriminatedUnion('kind', [scoreModelSchema, rulesModelSchema]).superRefine((m, ctx) => {
  const check = (text: string, where: string) => {
    const err = checkExpr(text);
    if (err) ctx.addIssue({ code: 'custom', message: `${where}: ${err}` });
  };
  // Ids name the reasons (hard:<id>, the deciding rule, the facts): two alike would both carry a hard rule's lift to
  // the D floor (the reasons would then add up to more than the score) or be told apart by nothing.
  const unique = (ids: string[], what: string) => {
    for (const x of ids.filter((v, k) => ids.indexOf(v) !== k)) ctx.addIssue({ code: 'custom', message: `${what} ${x} 重复` });
  };
  // Only a key-area model (scoped, not general) combines with general into 'effective': general, or a model over
  // every enterprise, with `combine` would be compared with general for everyone.
  if (m.combine !== undefined && (!m.scope || m.id === 'general')) ctx.addIssue({ code: 'custom', message: 'combine 只适用于有适用范围（scope）的重点领域模型' });
  // 'effective' is the derived 通用+专业 model: a file of that id would be classified into its partition and then
  // overwritten by the derivation (and `classify --model effective` would derive instead of running it).
  if (m.id === 'effective') ctx.addIssue({ code: 'custom', message: '模型 id effective 保留给通用+专业组合（派生模型），模型文件不能使用' });
  if (m.kind === 'score') {
    const dims = new Set(m.dimensions.map((d) => d.id));
    unique(m.indicators.map((i) => i.id), '指标');
    for (const i of m.indicators) {
      if (!dims.has(i.dimension)) ctx.addIssue({ code: 'custom', message: `指标 ${i.id}: 未知维度 ${i.dimension}` });
      check(i.expr, `指标 ${i.id}`);
      if (i.scoring.type === 'step') {
        const xs = i.scoring.steps.map((s) => s[0]);
        if (xs.some((x, k) => k > 0 && x <= xs[k - 1]!)) ctx.addIssue({ code: 'custom', message: `指标 ${i.id}: 阶梯阈值须递增` });
      }
    }
    unique(m.hardRules.map((h) => h.id), '硬性规则');
    for (const h of m.hardRules) { check(h.when, `硬性规则 ${h.id}`); check(h.value, `硬性规则 ${h.id}`); }
  } else {
    unique(m.rules.map((r) => r.id), '规则');
    unique(m.facts.map((f) => f.id), '事实');
    for (const r of m.rules) { check(r.when, `规则 ${r.id}`); check(r.value, `规则 ${r.id}`); }
    for (const f of m.facts) check(f.expr, `事实 ${f.id}`);
  }
});
export type Model = z.infer<typeof modelSchema>;
export type ScoreModel = Extract<Model, { kind: 'score' }>;
export type RulesModel = Extract<Model, { kind: 'rules' }>;

/** Functions a model expression may call. */
const FUNCTIONS = new Set([
  'least', 'greatest', 'if', 'multiIf', 'abs', 'log', 'log10', 'log1p', 'sqrt', 'toFloat64', 'has', 'hasAny',
  'startsWith', 'transform', 'and', 'or', 'not', 'isNull', 'ifNull', 'floor', 'ceil', 'round', 'length', 'pow',
]);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN']);

/** Returns an error message, or null when the expression only uses features, allowed functions, literals and operators. */
export function checkExpr(text: string): string | null {
  if (/;|--|\/\*|\*\/|\\|`|"/.test(text)) return '表达式含禁止的字符';
  // String literals: plain characters only (no quotes inside).
  const noStrings = text.replace(/'[^'\n]*'/g, "''");
  if ((noStrings.match(/'/g) ?? []).length % 2) return '字符串未闭合';
  const stripped = noStrings.replace(/''/g, ' ');
  const tokens = stripped.match(/[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|[()[\],+\-*/<>=!]|\S/g) ?? [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (/^[A-Za-z_]/.test(t)) {
      const call = tokens[k + 1] === '(';
      if (KEYWORDS.has(t.toUpperCase()) || (call ? FUNCTIONS.has(t) : FEATURE_NAMES.has(t))) continue;
      return call ? `不允许的函数 ${t}` : `未知特征 ${t}`;
    }
    if (/^\d/.test(t) || /^[()[\],+\-*/<>=!]$/.test(t)) continue;
    return `不允许的符号 ${t}`;
  }
  return null;
}

/** A number as SQL literal text (finite numbers only — validated by zod). */
export function lit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return Number.isInteger(n) ? `${n}` : `${n}`.includes('e') ? n.toFixed(12) : `${n}`;
}

/** SQL for the fraction 0..1 of the points given by `scoring` for the value column `v`. */
export function scoringSql(s: Scoring, v: string): string {
  switch (s.type) {
    case 'flag': return `if(${v} > 0, 1., 0.)`;
    case 'linear': return `least(greatest((${v} - ${lit(s.from)}) / ${lit(s.to - s.from)}, 0.), 1.)`;
    case 'step': {
      const arms = [...s.steps].reverse().map(([x, f]) => `${v} >= ${lit(x)}, ${lit(f)}`);
      return `multiIf(${arms.join(', ')}, 0.)`;
    }
  }
}

/** The same scoring in TypeScript (used by evaluation and as an independent check in tests). */
export function scoreFraction(s: Scoring, v: number): number {
  switch (s.type) {
    case 'flag': return v > 0 ? 1 : 0;
    case 'linear': return Math.min(Math.max((v - s.from) / (s.to - s.from), 0), 1);
    case 'step': {
      let f = 0;
      for (const [x, fr] of s.steps) if (v >= x) f = fr;
      return f;
    }
  }
}

export function classOf(score: number, bands: { B: number; C: number; D: number }): ClassLetter {
  return score >= bands.D ? 'D' : score >= bands.C ? 'C' : score >= bands.B ? 'B' : 'A';
}

export function modelsDir(): string {
  return path.join(process.cwd(), 'models');
}

export interface ModelFile { model: Model; file: string }

/**
 * A scoped model other than general is a key-area model and takes part in 'effective': a file without `combine`
 * gets the documented default 'riskier' here, once, so that every reader (the run's choice of key-area models,
 * the effective derivation, the models page) sees the same value — left undefined, the run skipped the model.
 */
function withDefaults(m: Model): Model {
  return m.scope && m.id !== 'general' && m.combine === undefined ? { ...m, combine: 'riskier' } : m;
}

/**
 * A model file that cannot be used ('file': not JSON, invalid, misplaced) or a model or version that does not exist
 * ('unknown'). The message is for the people who maintain the files: the workbench shows it (server/trpc/routers/
 * classify.ts), where any other server error is masked.
 */
export class ModelError extends Error {
  constructor(readonly kind: 'file' | 'unknown', message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** A model file's path as shown: relative to the project (models/…) when under it. */
function shown(file: string): string {
  return file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
}

/** A model file's JSON; a syntax error names the file, line and column (JSON.parse alone gives a character offset). */
function parseJsonFile(file: string): unknown {
  const text = fs.readFileSync(/*turbopackIgnore: true*/ file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    let where = '';
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = `（第 ${line} 行第 ${before.length - before.lastIndexOf('\n')} 列）`;
    }
    throw new ModelError('file', `模型文件 ${shown(file)} 不是有效的 JSON${where}: ${msg}`);
  }
}

/** One validation problem of a model file: where (the JSON path) and what; an unknown (e.g. misspelt) field by name. */
function issueText(i: z.core.$ZodIssue): string {
  const where = i.path.map(String).join('.') || '(顶层)';
  if (i.code === 'unrecognized_keys') return `${where} 含未知字段 ${i.keys.join('、')}（拼写有误？模型文件不接受未知字段）`;
  return `${where} ${i.message}`;
}

/**
 * Every model version on disk, validated. Throws with the file name on an invalid file: not JSON (with the line
 * and column), a value out of range, or a field the schema does not know (every object is strict: a misspelt
 * optional field such as `hardrules` would otherwise be dropped silently and the model run without it).
 */
export function loadAllModels(dir = modelsDir()): ModelFile[] {
  const out: ModelFile[] = [];
  for (const d of fs.readdirSync(/*turbopackIgnore: true*/ dir).sort()) {
    const sub = path.join(/*turbopackIgnore: true*/ dir, d);
    if (!fs.statSync(/*turbopackIgnore: true*/ sub).isDirectory()) continue;
    for (const f of fs.readdirSync(/*turbopackIgnore: true*/ sub).filter((x) => /^v\d+\.json$/.test(x))) {
      const file = path.join(/*turbopackIgnore: true*/ sub, f);
      const parsed = modelSchema.safeParse(parseJsonFile(file));
      if (!parsed.success) throw new ModelError('file', `模型文件无效 ${shown(file)}: ${parsed.error.issues.map(issueText).join('; ')}`);
      if (parsed.data.id !== d || `v${parsed.data.version}.json` !== f) throw new ModelError('file', `模型文件 ${shown(file)} 的 id/version 与路径不符`);
      out.push({ model: withDefaults(parsed.data), file });
    }
  }
  return out;
}

/** The latest version of each model, in a fixed order: general first, key-area models, then the rest. */
export function loadModels(dir = modelsDir()): Model[] {
  const latest = new Map<string, Model>();
  for (const { model } of loadAllModels(dir)) {
    const cur = latest.get(model.id);
    if (!cur || cur.version < model.version) latest.set(model.id, model);
  }
  const rank = (m: Model) => (m.id === 'general' ? 0 : m.combine ? 1 : 2);
  return [...latest.values()].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

export function getModel(modelId: string, version?: number, dir = modelsDir()): Model {
  const all = loadAllModels(dir).map((f) => f.model).filter((m) => m.id === modelId);
  if (!all.length) throw new ModelError('unknown', `未知模型 ${modelId}`);
  if (version !== undefined) {
    const m = all.find((x) => x.version === version);
    if (!m) throw new ModelError('unknown', `模型 ${modelId} 没有版本 v${version}`);
    return m;
  }
  return all.sort((a, b) => b.version - a.version)[0]!;
}

/** The derived model id for the "通用+专业" combined class. */
export const EFFECTIVE = 'effective';
