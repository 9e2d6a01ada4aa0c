/** Push list download: /warnings/export?m=YYYY-MM&r=<county|street>&rule=<id>&format=csv|xlsx (analysts/admin, audited). */
import { getDb } from '@/server/db/client';
import { currentViewer, clientIp } from '@/server/auth/request';
import { canSeeEnterprises } from '@/server/auth/viewer';
import { audit } from '@/server/auth/audit';
import { buildPushList, pushCsv, pushXlsx } from '@/server/warnings/push';
import { monthSchema, regionSchema, ruleSchema } from '@/queries/warnings/common';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response('请先登录', { status: 401 });
  if (!canSeeEnterprises(viewer)) return new Response('当前角色无权导出预警清单', { status: 403 });
  const sp = new URL(req.url).searchParams;
  const month = monthSchema.safeParse(sp.get('m'));
  const region = sp.get('r') ? regionSchema.safeParse(sp.get('r')) : { success: true as const, data: undefined };
  const rule = sp.get('rule') ? ruleSchema.safeParse(sp.get('rule')) : { success: true as const, data: undefined };
  const format = sp.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  if (!month.success || !region.success || !rule.success) return new Response('参数错误', { status: 400 });
  const db = await getDb();
  const rows = await buildPushList(db, viewer, { month: month.data, region: region.data, rule: rule.data });
  audit(db, viewer, 'export', 'warnings.pushList', { month: month.data, region: region.data, rule: rule.data, format, rows: rows.length }, await clientIp());
  const base = `预警推送清单-${month.data}${region.data ? `-${region.data}` : ''}`;
  const disposition = (ext: string) => `attachment; filename="warnings-${month.data}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
  if (format === 'csv') {
    return new Response(pushCsv(rows), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition('csv') } });
  }
  const buf = await pushXlsx(rows, `${base}（共 ${rows.length} 条）`);
  return new Response(new Uint8Array(buf), { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': disposition('xlsx') } });
}
