/** One A/B/C/D palette everywhere (ColorBrewer RdYlBu, colour-blind safe and readable in greyscale print). */
export const CLASS_COLORS: Record<'A' | 'B' | 'C' | 'D', string> = { A: '#4575b4', B: '#91bfdb', C: '#fc8d59', D: '#d73027' };
export const CLASS_LABELS: Record<'A' | 'B' | 'C' | 'D', string> = { A: 'A 信用风险低', B: 'B 信用风险一般', C: 'C 信用风险较高', D: 'D 信用风险高' };
export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof CLASSES)[number];
/** Categorical colours for non-class series (Tableau 10). */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
/** Sequential risk ramp for maps and heat matrices (low → high). */
export const RISK_RAMP = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];

export const fmtInt = (n: number) => n.toLocaleString('zh-CN');
/**
 * How a count withheld from a partner shows. Not "<10": besides the counts of 1–9, suppression withholds the counts
 * from which they could be worked out (a breakdown's next smallest, 384 enterprises of 采矿业 beside 公共管理's small
 * remainder), and "<10" told the partner those were under ten.
 */
export const WITHHELD = '不公开';
export const fmtPct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

/** States of a run (classification, re-classification), everywhere one is shown. */
export const RUN_STATUS_LABELS: Record<string, string> = { running: '运行中', done: '完成', failed: '失败' };

/** Model ids → Chinese names, everywhere a model is shown. */
export const MODEL_LABELS: Record<string, string> = {
  general: '通用型', effective: '通用+专业（综合）', 'county-public-credit': '县域公共信用评价', food: '食品专业型', 'special-equipment': '特种设备专业型',
};
export const modelLabel = (id: string) => MODEL_LABELS[id] ?? id;
