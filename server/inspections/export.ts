/** The drawn list (抽查名单) as CSV (UTF-8 with BOM, for Excel; machines read `inspections export --format jsonl`) and as an .xlsx workbook with the plan's audit header. */
import type { Plan } from './plans';
import { RESULT_LABEL } from './plans';
import { CLASSES } from './settings';

export interface ExportRow {
  序号: number; 统一社会信用代码: string; 企业名称: string; 风险分类: string; 分值: number; 层内序位: number; 县区: string; 街道乡镇: string;
  住所: string; 行业代码: string; 检查人员1: string; 执法单位1: string; 检查人员2: string; 执法单位2: string; 检查结果: string; 检查日期: string; 结果来源: string;
}

export const EXPORT_COLUMNS: Array<keyof ExportRow> = ['序号', '统一社会信用代码', '企业名称', '风险分类', '分值', '层内序位', '县区', '街道乡镇', '住所', '行业代码', '检查人员1', '执法单位1', '检查人员2', '执法单位2', '检查结果', '检查日期', '结果来源'];

export interface TargetLike {
  seq: number; uscc: string; name: string; class: string; score: number; rank: number; county_name: string; county_code: string; street_name: string;
  address: string; industry_code: string; inspector1: string; inspector1_unit: string; inspector2: string; inspector2_unit: string;
  result: string; result_date: string; result_source: string;
}

export function exportRows(_plan: Plan, targets: readonly TargetLike[]): ExportRow[] {
  return targets.map((t) => ({
    序号: t.seq, 统一社会信用代码: t.uscc, 企业名称: t.name, 风险分类: t.class, 分值: Math.round(t.score), 层内序位: t.rank,
    县区: t.county_name || t.county_code, 街道乡镇: t.street_name, 住所: t.address, 行业代码: t.industry_code,
    检查人员1: t.inspector1 || '（待指派）', 执法单位1: t.inspector1_unit, 检查人员2: t.inspector2 || '（待指派）', 执法单位2: t.inspector2_unit,
    检查结果: RESULT_LABEL[t.result] ?? t.result, 检查日期: t.result_date, 结果来源: t.result_source,
  }));
}

function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formula injection in Excel
  // A long code of digits only (an all-digit 统一社会信用代码) would open in Excel as a number — 9.12E+17, its
  // last digits lost (15 significant digits): written as the text formula ="…", which Excel shows as the code itself.
  else if (/^\d{12,}$/.test(s)) s = `="${s}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function planCsv(rows: readonly ExportRow[]): string {
  return '\uFEFF' + [EXPORT_COLUMNS.join(','), ...rows.map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** The audit line of a plan: seed, ratios, month, model, draw instant (China time, as the plan query gives it: server/db/time.ts). */
export function auditLine(plan: Plan): string {
  const r = plan.settings.ratios;
  return `计划编号 ${plan.plan_id} · 年度 ${plan.year} · 分类月份 ${plan.month}（模型 ${plan.model_id}） · 抽查比例 ${CLASSES.map((c) => `${c} ${r[c]}%`).join(' / ')} · 随机种子 ${plan.seed} · 抽取于 ${plan.drawn_at || '未抽取'}（${plan.drawn_by}）`;
}

export async function planXlsx(plan: Plan, rows: readonly ExportRow[]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '信研';
  const ws = wb.addWorksheet('抽查名单', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.mergeCells(1, 1, 1, EXPORT_COLUMNS.length);
  ws.getCell(1, 1).value = `双随机抽查名单：${plan.name}（共 ${rows.length} 户）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, EXPORT_COLUMNS.length);
  ws.getCell(2, 1).value = auditLine(plan);
  ws.addRow(EXPORT_COLUMNS);
  ws.getRow(3).font = { bold: true };
  for (const r of rows) ws.addRow(EXPORT_COLUMNS.map((c) => r[c]));
  const widths: Partial<Record<keyof ExportRow, number>> = { 序号: 6, 统一社会信用代码: 22, 企业名称: 28, 风险分类: 8, 分值: 7, 层内序位: 8, 县区: 12, 街道乡镇: 14, 住所: 30, 行业代码: 9, 检查结果: 10, 检查日期: 11, 结果来源: 12 };
  EXPORT_COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = widths[c] ?? 12; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
