/**
 * A warning case's evidence as people read it: each figure with its unit (户, 次, 件, 个月), shares as percentages,
 * lists joined with 、, and the case key under a name saying what it is (not the raw `county|address` key).
 */
import { EVIDENCE } from './labels';

const COUNT_UNIT: Record<string, string> = {
  enterprises: '户', new_members: '户', abnormal: '户', legal_reps: '人', address_spellings: '种', counties: '个',
  complaints_12m: '件', complaints: '件', baseline_total: '件', min_complaints: '件',
  changes: '次', inspections: '次',
  window_months: '个月', months_after_registration: '个月', within_months: '个月', baseline_months: '个月',
};

/** The threshold's unit depends on what the rule counts. */
const THRESHOLD_UNIT: Record<string, string> = {
  'multi-license-address': '户', 'multi-enterprise-person': '户', 'frequent-changes': '次',
};

/** The label of an evidence field; window/threshold labels carry no unit in parentheses (the value has it). */
export function evidenceLabel(key: string): string {
  return (EVIDENCE[key] ?? key).replace(/\(月\)$/, '');
}

function num(v: number, digits = 6): string {
  return v.toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

/** One evidence value with its unit, e.g. abnormal_share 0.255 → '25.5%', enterprises 51 → '51 户'. */
export function evidenceValue(rule: string, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) {
    return v.map((x) => (typeof x === 'object' && x ? Object.values(x as object).join(' ') : String(x))).join('、');
  }
  if (typeof v !== 'number') return String(v);
  if (key === 'abnormal_share') return `${(v * 100).toFixed(1)}%`;
  if (key === 'baseline_mean') return `${num(v, 2)} 件/月`;
  if (key === 'p_value' || key === 'alpha') return v < 0.0001 && v > 0 ? v.toExponential(1) : num(v);
  const unit = key === 'threshold' ? THRESHOLD_UNIT[rule] : COUNT_UNIT[key];
  return unit ? `${num(v)} ${unit}` : num(v);
}

/** What the case key is, by rule: the normalised address (after the county code), the person id, or the USCC. */
export function caseKeyRow(rule: string, key: string): [label: string, value: string] {
  if (rule === 'multi-license-address') return ['归一化地址', key.includes('|') ? key.slice(key.indexOf('|') + 1) : key];
  if (rule === 'multi-enterprise-person') return ['人员编号', key];
  return ['统一社会信用代码', key];
}
