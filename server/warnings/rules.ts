/**
 * Warning rules as reviewable, versioned files: rules/v<N>.json at the repository root (like the models), validated
 * here. The highest version is used unless another is asked for; each warning row records the version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const RULE_IDS = [
  'multi-license-address', 'multi-enterprise-person', 'frequent-changes', 'abnormal-after-registration',
  'complaint-surge', 'unreachable-inspection', 'serious-list-new',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const base = { enabled: z.boolean().default(true), name: z.string().min(2) };
const int = (min: number) => z.number().int().min(min);

export const rulesFileSchema = z.object({
  version: int(1),
  name: z.string(),
  description: z.string().default(''),
  /** Statuses that count as active at the month's end (with reg_date ≤ the month's last day). */
  activeStatuses: z.array(z.enum(['存续', '在业', '吊销', '注销', '迁出'])).min(1).default(['存续', '在业']),
  rules: z.object({
    /** 一址多照: an address key with ≥ minEnterprises active enterprises. */
    'multi-license-address': z.object({ ...base, minEnterprises: int(2).default(10), highAt: int(2).default(20), highAbnormalShare: z.number().min(0).max(1).default(0.3) }),
    /** 一人多企: a person holding `roles` in ≥ minEnterprises active enterprises. */
    'multi-enterprise-person': z.object({ ...base, minEnterprises: int(2).default(5), highAt: int(2).default(10), roles: z.array(z.enum(['法定代表人', '股东', '董事', '监事', '高管', '联络员', '财务负责人'])).min(1).default(['法定代表人']) }),
    /** ≥ minChanges changes of `kinds` within windowMonths, at least one in the month. */
    'frequent-changes': z.object({ ...base, minChanges: int(2).default(3), windowMonths: int(1).default(12), kinds: z.array(z.string().min(2)).min(1).default(['法定代表人', '住所']), highAt: int(2).default(5) }),
    /** Listed abnormal in the month, within withinMonths of registration. */
    'abnormal-after-registration': z.object({ ...base, withinMonths: int(1).default(12), highWithinMonths: int(1).default(6) }),
    /** Complaints in the month against the enterprise's own monthly mean over baselineMonths: Poisson upper tail < alpha. */
    'complaint-surge': z.object({ ...base, minComplaints: int(1).default(3), alpha: z.number().gt(0).lt(1).default(0.01), baselineMonths: int(1).default(12), minBaseline: z.number().gt(0).default(0.1), highAlpha: z.number().gt(0).lt(1).default(0.0001) }),
    /** An inspection in the month found the enterprise unreachable (查无下落). */
    'unreachable-inspection': z.object({ ...base }),
    /** Put on the serious-violation list in the month. */
    'serious-list-new': z.object({ ...base }),
  }),
});
export type RulesFile = z.infer<typeof rulesFileSchema>;

export const RULES_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.XINYAN_RULES_DIR ?? path.join(process.cwd(), 'rules'));

export function listRuleVersions(dir = RULES_DIR): number[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return fs.readdirSync(/*turbopackIgnore: true*/ dir).map((f) => /^v(\d+)\.json$/.exec(f)?.[1]).filter((v): v is string => !!v).map(Number).sort((a, b) => a - b);
}

/** Loads rules/v<version>.json (default: the highest version). */
export function loadRules(version?: number, dir = RULES_DIR): RulesFile {
  const versions = listRuleVersions(dir);
  const v = version ?? versions[versions.length - 1];
  if (v === undefined) throw new Error(`没有预警规则文件（${dir}/v<N>.json）`);
  const file = path.join(dir, `v${v}.json`);
  if (!fs.existsSync(file)) throw new Error(`预警规则版本 v${v} 不存在`);
  let raw: unknown;
  try { raw = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { throw new Error(`预警规则文件 ${file} 不是有效的 JSON：${(e as Error).message}`); }
  const res = rulesFileSchema.safeParse(raw);
  if (!res.success) throw new Error(`预警规则文件 ${file} 有误：${res.error.issues.map((i) => `${i.path.join('.') || '（根）'}：${i.message}`).join('；')}`);
  const parsed = res.data;
  if (parsed.version !== v) throw new Error(`${file} 的 version 应为 ${v}`);
  const problems = rulesProblems(parsed);
  if (problems.length) throw new Error(`预警规则文件 ${file} 有误：${problems.join('；')}`);
  return parsed;
}

/**
 * Thresholds that contradict each other (each field is valid on its own): a "high" bar below the rule's own bar
 * makes every case high, a stricter high-severity bar that is laxer than the rule's makes none. In Chinese.
 */
export function rulesProblems(f: RulesFile): string[] {
  const r = f.rules;
  const out: string[] = [];
  const la = r['multi-license-address'];
  if (la.highAt < la.minEnterprises) out.push(`一址多照 highAt（${la.highAt}）不应小于 minEnterprises（${la.minEnterprises}）`);
  const mp = r['multi-enterprise-person'];
  if (mp.highAt < mp.minEnterprises) out.push(`一人多企 highAt（${mp.highAt}）不应小于 minEnterprises（${mp.minEnterprises}）`);
  const fc = r['frequent-changes'];
  if (fc.highAt < fc.minChanges) out.push(`频繁变更 highAt（${fc.highAt}）不应小于 minChanges（${fc.minChanges}）`);
  const ar = r['abnormal-after-registration'];
  if (ar.highWithinMonths > ar.withinMonths) out.push(`成立即异常 highWithinMonths（${ar.highWithinMonths}）不应大于 withinMonths（${ar.withinMonths}）`);
  const cs = r['complaint-surge'];
  if (cs.highAlpha > cs.alpha) out.push(`投诉激增 highAlpha（${cs.highAlpha}）不应大于 alpha（${cs.alpha}）`);
  return out;
}

/** Chinese names for the screens (also present in the file). */
export const RULE_LABEL: Record<RuleId, string> = {
  'multi-license-address': '一址多照', 'multi-enterprise-person': '一人多企', 'frequent-changes': '频繁变更',
  'abnormal-after-registration': '成立即异常', 'complaint-surge': '投诉激增', 'unreachable-inspection': '检查查无下落',
  'serious-list-new': '新列严重失信',
};
