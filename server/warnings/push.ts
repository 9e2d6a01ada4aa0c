/** Monthly push lists (预警推送清单) per county / street: rows, CSV (UTF-8 with BOM, for Excel) and an .xlsx workbook. */
import type { Db } from '../db/client';
import type { Viewer } from '../auth/viewer';
import { regionScope } from '../auth/viewer';
import { sql, p } from '../db/sql';
import { runQuery } from '../../queries/define';
import { pushList } from '../../queries/warnings/push';
import { warningMemberUsccs } from '../../queries/warnings/members';
import { RULE_LABEL, type RuleId } from './rules';

export const SEVERITY_LABEL: Record<string, string> = { high: '高', medium: '中', low: '低' };
export const STATE_LABEL: Record<string, string> = { open: '待处置', assigned: '已分派', acting: '处置中', resulted: '已反馈结果', closed: '已办结' };

export interface PushRow {
  序号: number; 县区: string; 街道乡镇: string; 预警类型: string; 等级: string; 对象: string; 涉及企业数: number; 新增企业数: number;
  涉及企业: string; 首次预警月份: string; 处置状态: string; 预警编号: string;
}

export async function buildPushList(db: Db, viewer: Viewer, f: { month: string; region?: string; rule?: RuleId }): Promise<PushRow[]> {
  const rows = await runQuery(db, pushList, f, viewer);
  // The members in the viewer's scope: a region-scoped viewer is never shown a member outside it (a case is scoped by
  // its main place, but 一人多企 and 一址多照 cases may reach across counties). All members are checked — checking
  // only each case's first 2,000 counted the rest of a bigger case as “不在本辖区”; names only for the listed ones.
  const visible = new Set<string>();
  if (viewer.regionCode) {
    const all = [...new Set(rows.flatMap((r) => r.members))];
    for (let i = 0; i < all.length; i += 20_000) {
      for (const g of await runQuery(db, warningMemberUsccs, { usccs: all.slice(i, i + 20_000) }, viewer)) visible.add(g.uscc);
    }
  }
  const scoped = rows.map((r) => (viewer.regionCode ? r.members.filter((u) => visible.has(u)) : r.members));
  const usccs = [...new Set(scoped.flatMap((m) => m.slice(0, LISTED)))];
  const names = new Map<string, string>();
  for (let i = 0; i < usccs.length; i += 20_000) {
    const part = usccs.slice(i, i + 20_000);
    const got = await db.rows<{ uscc: string; name: string }>(sql`SELECT uscc, name FROM enterprises WHERE uscc IN ${p.strs(part)} AND ${regionScope(viewer)}`, 'warnings.pushNames');
    for (const g of got) names.set(g.uscc, g.name);
  }
  return rows.map((r, i) => {
    const inScope = scoped[i]!;
    const hidden = r.members.length - inScope.length;
    const listed = inScope.slice(0, LISTED).map((u) => `${names.get(u) ?? ''}(${u})`);
    const more = inScope.length - listed.length;
    return {
      序号: i + 1, 县区: r.county_name || r.county_code, 街道乡镇: r.street_name || '', 预警类型: RULE_LABEL[r.rule as RuleId] ?? r.rule,
      等级: SEVERITY_LABEL[r.severity] ?? r.severity, 对象: r.label || r.key, 涉及企业数: r.members.length, 新增企业数: r.new_members,
      涉及企业: [...listed, ...(more > 0 ? [`等 ${inScope.length} 户`] : []), ...(hidden > 0 ? [`另有 ${hidden} 户不在本辖区`] : [])].join('；'),
      首次预警月份: r.first_month, 处置状态: STATE_LABEL[r.state] ?? r.state, 预警编号: r.id,
    };
  });
}

/** Members a push list names per case. */
const LISTED = 50;

const COLUMNS: Array<keyof PushRow> = ['序号', '县区', '街道乡镇', '预警类型', '等级', '对象', '涉及企业数', '新增企业数', '涉及企业', '首次预警月份', '处置状态', '预警编号'];

function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formula injection in Excel
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function pushCsv(rows: PushRow[]): string {
  return '\uFEFF' + [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export async function pushXlsx(rows: PushRow[], title: string): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '信研';
  const ws = wb.addWorksheet('预警推送清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.addRow(COLUMNS);
  ws.getRow(2).font = { bold: true };
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c]));
  const widths: Record<string, number> = { 序号: 6, 县区: 12, 街道乡镇: 14, 预警类型: 14, 等级: 6, 对象: 30, 涉及企业数: 10, 新增企业数: 10, 涉及企业: 60, 首次预警月份: 12, 处置状态: 12, 预警编号: 18 };
  COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = widths[c] ?? 12; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The unit a push list is for, as its title names it: the region asked for (county, or county and street), else
 * 全部辖区. Read from the regions, not from the list's first row: a region with no warning (for the rule asked) was
 * titled 全部辖区.
 */
export async function pushUnitName(db: Db, region: string | undefined): Promise<string> {
  if (!region) return '全部辖区';
  const codes = region.length === 9 ? [region.slice(0, 6), region] : [region];
  const got = await db.rows<{ code: string; name: string }>(sql`SELECT code, any(name) AS name FROM regions WHERE code IN ${p.strs(codes)} GROUP BY code`, 'warnings.pushUnit');
  const name = new Map(got.map((g) => [g.code, g.name]));
  return codes.map((c) => name.get(c) ?? c).join(' ');
}
