/**
 * The enterprises behind a number, in bulk: `format=arrow` (default; Arrow IPC stream, decoded in the browser with
 * apache-arrow), `csv` (UTF-8 with BOM, opens in Excel) or `xlsx` (exceljs). Query string = the workbench filters
 * (queries/filters.ts URL format) plus `cls` (repeatable), `sort`, `dir`, `offset`, `limit`.
 * Analysts and administrators only (leaders and partners get 403); the viewer's regionScope applies in the query.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { canSeeEnterprises } from '@/server/auth/viewer';
import { audit } from '@/server/auth/audit';
import { runQuery } from '@/queries/define';
import { filtersFromSearch } from '@/queries/filters';
import { latestMonth } from '@/queries/research/latestMonth';
import { enterpriseListInput, enterprisePageSql, enterprisePage, enterpriseCount, ENTERPRISE_COLUMNS, type EnterpriseRow } from '@/queries/research/enterprises';
import { cookieValue } from '@/server/auth/fromRequest';
import { EXPORT_MAX } from '@/queries/research/exportLimit';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';



const json = (status: number, message: string) => Response.json({ error: message }, { status });

function csvCell(v: unknown): string {
  const s = String(v ?? '');
  // Guard against formula injection when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function GET(req: Request): Promise<Response> {
  const db = await getDb();
  const viewer = await viewerFromSession(db, cookieValue(req, SESSION_COOKIE));
  if (!viewer) return json(401, '请先登录');
  if (!canSeeEnterprises(viewer)) return json(403, '当前角色不能查看企业明细');

  const url = new URL(req.url);
  const sp = url.searchParams;
  const format = z.enum(['arrow', 'csv', 'xlsx']).safeParse(sp.get('format') ?? 'arrow');
  if (!format.success) return json(400, '不支持的格式');
  const filters = filtersFromSearch(sp);
  const month = filters.month ?? (await runQuery(db, latestMonth, { model: filters.model }, viewer))[0]?.month;
  if (!month) return json(404, '该模型还没有分类结果');
  const parsed = enterpriseListInput.safeParse({
    filters: { ...filters, month },
    classes: sp.getAll('cls'),
    sort: sp.get('sort') ?? undefined,
    dir: sp.get('dir') ?? undefined,
    offset: sp.has('offset') ? Number(sp.get('offset')) : undefined,
    limit: format.data === 'arrow' ? Number(sp.get('limit') ?? 1000) : EXPORT_MAX,
  });
  if (!parsed.success) return json(400, `参数不合法：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`);
  const input = parsed.data;
  const total = (await runQuery(db, enterpriseCount, input, viewer))[0]?.n ?? 0;
  const ip = clientAddress(req.headers);
  const headers: Record<string, string> = { 'X-Total-Count': String(total), 'Cache-Control': 'no-store' };

  if (format.data === 'arrow') {
    audit(db, viewer, 'view', 'api/research/enterprises', { search: url.search }, ip);
    const stream = await db.stream(enterprisePageSql(input, viewer, 'arrow'), 'research.enterprisePage.arrow');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stream.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
        stream.on('end', () => controller.close());
        stream.on('error', (e) => controller.error(e));
      },
      cancel() { stream.destroy(); },
    });
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/vnd.apache.arrow.stream' } });
  }

  // A file is the whole slice or nothing: cut at EXPORT_MAX it would pass for the whole slice.
  if (total > EXPORT_MAX) return json(413, `当前筛选共 ${total.toLocaleString('zh-CN')} 户企业，超过单次导出上限 ${EXPORT_MAX.toLocaleString('zh-CN')} 户：请缩小筛选范围（地区、行业或分类）后再导出`);
  audit(db, viewer, 'export', 'api/research/enterprises', { search: url.search, format: format.data, rows: total }, ip);
  const rows: EnterpriseRow[] = await runQuery(db, enterprisePage, input, viewer);
  const stem = `企业明细-${month}${filters.region ? `-${filters.region}` : ''}${filters.industry ? `-${filters.industry}` : ''}`;
  const disposition = (ext: string) => `attachment; filename="enterprises.${ext}"; filename*=UTF-8''${encodeURIComponent(`${stem}.${ext}`)}`;
  if (format.data === 'csv') {
    const lines = [ENTERPRISE_COLUMNS.map(([, h]) => csvCell(h)).join(',')];
    for (const r of rows) lines.push(ENTERPRISE_COLUMNS.map(([k]) => csvCell(r[k])).join(','));
    return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition('csv') } });
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = '信研';
  const ws = wb.addWorksheet('企业明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ENTERPRISE_COLUMNS.map(([k, h]) => ({ header: h, key: k, width: k === 'name' || k === 'reasons' ? 36 : k === 'uscc' ? 22 : 12 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(buf as ArrayBuffer), { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': disposition('xlsx') } });
}
