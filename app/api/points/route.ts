/**
 * Enterprise points for the risk map as an Arrow IPC stream (analysts and administrators only).
 * GET /api/points?bbox=x0,y0,x1,y1&m=YYYY-MM&model=…&r=…&i=…&tag=…[&limit=N]
 * Columns: lng, lat (Float32), n (UInt32), cls (UInt8 0..3 = A..D), gid, gid2 (UInt32). See queries/map/points.ts.
 */
import { Readable } from 'node:stream';
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { canSeeEnterprises } from '@/server/auth/viewer';
import { audit } from '@/server/auth/audit';
import { sql } from '@/server/db/sql';
import { filtersFromSearch } from '@/queries/filters';
import { pointsInput, pointsSql, POINTS_QUERY_NAME } from '@/queries/map/points';
import { cookieValue } from '@/server/auth/fromRequest';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';


const json = (status: number, message: string) =>
  new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

export async function GET(req: Request): Promise<Response> {
  const db = await getDb();
  const viewer = await viewerFromSession(db, cookieValue(req, SESSION_COOKIE));
  if (!viewer) return json(401, '请先登录');
  if (!canSeeEnterprises(viewer)) return json(403, '当前角色无权查看企业点位');
  const url = new URL(req.url);
  const sp = url.searchParams;
  const filters = filtersFromSearch(sp);
  const parsed = pointsInput.safeParse({
    filters: { ...filters, month: sp.get('m') ?? undefined },
    bbox: (sp.get('bbox') ?? '').split(',').map(Number),
    limit: sp.get('limit') ? Number(sp.get('limit')) : undefined,
  });
  if (!parsed.success) return json(400, `参数无效：${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const q = pointsSql(parsed.data, viewer);
  const stream = await db.stream(sql`${q} SETTINGS output_format_arrow_compression_method = 'none', max_threads = 2 FORMAT ArrowStream`, POINTS_QUERY_NAME);
  audit(db, viewer, 'view', '/api/points', { bbox: parsed.data.bbox, month: parsed.data.filters.month, region: parsed.data.filters.region ?? '' }, clientAddress(req.headers));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: { 'content-type': 'application/vnd.apache.arrow.stream', 'cache-control': 'no-store' },
  });
}
