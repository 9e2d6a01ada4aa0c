/** Drawn list download: /inspections/export?plan=<id>&format=csv|xlsx (analysts/admin, audited). */
import { getDb } from '@/server/db/client';
import { currentViewer, clientIp } from '@/server/auth/request';
import { canSeeEnterprises } from '@/server/auth/viewer';
import { audit } from '@/server/auth/audit';
import { getPlan, getTargets, PlanError } from '@/server/inspections/plans';
import { exportRows, planCsv, planXlsx } from '@/server/inspections/export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const viewer = await currentViewer();
  if (!viewer) return new Response('请先登录', { status: 401 });
  if (!canSeeEnterprises(viewer)) return new Response('当前角色无权导出抽查名单', { status: 403 });
  const sp = new URL(req.url).searchParams;
  const planId = sp.get('plan') ?? '';
  const format = sp.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  if (!/^[0-9a-f]{8}$/.test(planId)) return new Response('参数错误', { status: 400 });
  const db = await getDb();
  try {
    const plan = await getPlan(db, viewer, planId);
    if (plan.status !== 'drawn') return new Response('该计划尚未抽取，没有抽查名单可导出', { status: 400 });
    const rows = exportRows(plan, await getTargets(db, viewer, planId));
    audit(db, viewer, 'export', 'inspections.list', { planId, format, rows: rows.length }, await clientIp());
    const base = `双随机抽查名单-${plan.name}-${plan.plan_id}`;
    const disposition = (ext: string) => `attachment; filename="inspections-${plan.plan_id}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${base}.${ext}`)}`;
    if (format === 'csv') return new Response(planCsv(rows), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition('csv') } });
    const buf = await planXlsx(plan, rows);
    return new Response(new Uint8Array(buf), { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': disposition('xlsx') } });
  } catch (e) {
    if (e instanceof PlanError) return new Response(e.message, { status: e.code === 'NOT_FOUND' ? 404 : e.code === 'FORBIDDEN' ? 403 : 400 });
    throw e;
  }
}
