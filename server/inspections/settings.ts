/**
 * 双随机 plan settings: scope, per-class sampling ratios (抽查比例), exemption rules, seed — validated with zod and
 * stored with the plan as JSON. Pure (no engine): shared by the server, the CLI, the page and the unit tests.
 *
 * Rounding of a stratum's sample size (documented, exact): ratios are percentages with at most two decimals,
 * i.e. an integer number of basis points `bp`; the sample of a class with `N` eligible enterprises is
 * `n = floor((N × bp + 5000) / 10000)` — N × ratio rounded half up, computed in integers (no float drift), so
 * |n − N × ratio| ≤ 0.5. A non-empty stratum may round to 0 (e.g. 40 A enterprises × 1% = 0.4 → 0).
 */
import { z } from 'zod';

export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof CLASSES)[number];

/** How many plans the planner lists (the newest; the CLI lists every one). */
export const PLANS_LISTED = 100;

/** Statuses never drawn (吊销 / 注销 / 迁出). */
export const NEVER_DRAWN_STATUSES = ['吊销', '注销', '迁出'] as const;

/** Key areas (重点领域) as scope: enterprises carrying any of the tags. */
export const KEY_AREAS = {
  food: { label: '食品', tags: ['食品生产', '食品经营'] },
  drugs: { label: '药品', tags: ['药品生产', '药品经营', '药品零售'] },
  special: { label: '特种设备', tags: ['特种设备', '特种设备使用', '特种设备生产'] },
} as const;
export type KeyArea = keyof typeof KEY_AREAS;

const pct = z.number().min(0).max(100).refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, '比例最多两位小数');

export const ratiosSchema = z.object({ A: pct, B: pct, C: pct, D: pct });
export type Ratios = z.infer<typeof ratiosSchema>;

export interface RatioPreset {
  id: string;
  label: string;
  ratios: Ratios;
  /** Published ranges (Lindian-style): the ratios should fall inside. */
  ranges?: Record<RiskClass, [number, number]>;
  source: string;
}

/** Published ratios (DOMAIN.md). */
export const RATIO_PRESETS: readonly RatioPreset[] = [
  { id: 'henan', label: '河南（A 1% / B 2% / C 10% / D 30%）', ratios: { A: 1, B: 2, C: 10, D: 30 }, source: '河南 2021' },
  { id: 'yuexiu', label: '越秀（5% / 15% / 30% / 50%）', ratios: { A: 5, B: 15, C: 30, D: 50 }, source: '广州越秀 2021' },
  {
    id: 'lindian', label: '林甸区间（A ≤5%、B 5–20%、C 21–60%、D 61–100%）', ratios: { A: 3, B: 10, C: 30, D: 70 },
    ranges: { A: [0, 5], B: [5, 20], C: [21, 60], D: [61, 100] }, source: '林甸县',
  },
];
export const DEFAULT_RATIOS: Ratios = { A: 1, B: 2, C: 10, D: 30 };

export const exemptionsSchema = z.object({
  /** Tags of enterprises in an inclusion period under 触发式监管 (e.g. 高新技术企业): not drawn unless C/D. */
  inclusionTags: z.array(z.string().min(1).max(20)).max(20).default(['高新技术企业']),
  /** Tags marking new-economy (三新/四新) enterprises in their observation period: not drawn unless C/D. */
  newEconomyTags: z.array(z.string().min(1).max(20)).max(20).default(['新经济', '三新企业', '四新企业']),
  /** GB/T 4754 codes (any level) of 三新/四新 industries: enterprises registered within `observationYears` are observed. */
  newEconomyIndustries: z.array(z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/)).max(50).default(['I63', 'I64', 'I65', 'M73', 'M75']),
  /** 观察期 length in years (1–2). */
  observationYears: z.number().int().min(1).max(2).default(2),
  /** An enterprise drawn in any earlier plan of the same year is not drawn again (越秀). */
  excludeDrawnThisYear: z.boolean().default(true),
});
export type Exemptions = z.infer<typeof exemptionsSchema>;

const regionCode = z.string().regex(/^\d{6}(\d{3})?$/);
const industryCode = z.string().regex(/^[A-T](\d{2}(\d{1,2})?)?$/);

export const scopeSchema = z.object({
  region: regionCode.optional(),
  industry: industryCode.optional(),
  entityType: z.string().max(40).optional(),
  tags: z.array(z.string().max(20)).max(10).default([]),
  keyArea: z.enum(Object.keys(KEY_AREAS) as [KeyArea, ...KeyArea[]]).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

export const planSettingsSchema = z.object({
  name: z.string().trim().min(1).max(80),
  /** 抽查年度 */
  year: z.number().int().min(2000).max(2100),
  /** The classified month (YYYY-MM). */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Class results model; 'effective' (通用+专业) by default. */
  model: z.string().regex(/^[a-z0-9-]{1,40}$/).default('effective'),
  scope: scopeSchema.default({ tags: [] }),
  ratios: ratiosSchema.default(DEFAULT_RATIOS),
  exemptions: exemptionsSchema.default(exemptionsSchema.parse({})),
});
export type PlanSettings = z.infer<typeof planSettingsSchema>;
export type PlanSettingsInput = z.input<typeof planSettingsSchema>;

export const seedSchema = z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, '随机种子只能包含字母、数字、- 和 _（最多 40 个字符）');

/** Basis points of a percentage ratio (exact for at most two decimals). */
export function basisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** Sample size of a stratum: N × ratio rounded half up, in integers (see the file comment). */
export function sampleSize(eligible: number, percent: number): number {
  return Math.floor((eligible * basisPoints(percent) + 5000) / 10000);
}

/** Ratios outside a preset's published ranges (for a warning on the page). */
export function outOfRange(ratios: Ratios, preset: RatioPreset | undefined): RiskClass[] {
  if (!preset?.ranges) return [];
  return CLASSES.filter((c) => ratios[c] < preset.ranges![c][0] || ratios[c] > preset.ranges![c][1]);
}

/** A fresh random seed for a plan (recorded with it; the draw is a pure function of plan + seed + data). */
export function newSeed(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const EXEMPTION_LABEL = {
  status: '吊销/注销/迁出（永不抽取）',
  drawn: '本年度已被抽取',
  inclusion: '包容期（触发式监管，A/B 类免抽）',
  observation: '新经济观察期（A/B 类免抽）',
} as const;
export type ExemptionKind = keyof typeof EXEMPTION_LABEL;

export interface ClassCount {
  class: RiskClass;
  /** In scope in the classified month. */
  population: number;
  status: number;
  drawn: number;
  inclusion: number;
  observation: number;
  eligible: number;
  ratio: number;
  /** Sample size: sampleSize(eligible, ratio). */
  expected: number;
}
