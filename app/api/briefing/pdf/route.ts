/**
 * PDF export of the briefing (研判简报): session and role checked (leaders, analysts, administrators), the
 * briefing's data checked through the procedure (so a bad month or a region outside the user's scope fails here
 * with a clear status, not inside the browser), rendered by server-side Chromium from /briefing/print with the
 * requester's own session, audit-logged as an export, returned as application/pdf with a Chinese file name.
 */
import { getDb } from '@/server/db/client';
import { SESSION_COOKIE, viewerFromSession } from '@/server/auth/users';
import { audit } from '@/server/auth/audit';
import { appRouter } from '@/server/trpc/root';
import { createCallerFactory } from '@/server/trpc/init';
import { TRPCError } from '@trpc/server';
import { canReadBriefing } from '@/server/briefing/data';
import { renderBriefingPdf } from '@/server/briefing/pdf';
import { briefingParams, briefingSearch } from '@/components/briefing/params';
import { cookieValue } from '@/server/auth/fromRequest';
import { clientAddress } from '@/server/auth/clientAddress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';


const json = (status: number, message: string) => Response.json({ error: message }, { status });
const STATUS: Partial<Record<TRPCError['code'], number>> = { BAD_REQUEST: 400, FORBIDDEN: 403, NOT_FOUND: 404, UNAUTHORIZED: 401 };

/** This server as reached from itself: loopback on the port the request came in on. */
function selfOrigin(req: Request): string {
  const u = new URL(req.url);
  const port = u.port || process.env.PORT || (u.protocol === 'https:' ? '443' : '80');
  return process.env.XINYAN_SELF_ORIGIN ?? `http://127.0.0.1:${port}`;
}

export async function GET(req: Request): Promise<Response> {
  const db = await getDb();
  const session = cookieValue(req, SESSION_COOKIE);
  const viewer = await viewerFromSession(db, session);
  if (!viewer || !session) return json(401, '请先登录');
  if (!canReadBriefing(viewer)) {
    audit(db, viewer, 'denied', 'briefing.pdf', Object.fromEntries(new URL(req.url).searchParams), clientAddress(req.headers));
    return json(403, '当前角色无权导出研判简报');
  }

  const p = briefingParams(new URL(req.url).searchParams);
  const ip = clientAddress(req.headers);
  let month: string;
  try {
    const caller = createCallerFactory(appRouter)({ db: async () => db, viewer, ip });
    const b = await caller.briefing.get({ month: p.month, model: p.model, region: p.region, industry: p.industry });
    month = b.month;
  } catch (e) {
    if (e instanceof TRPCError && STATUS[e.code]) return json(STATUS[e.code]!, e.code === 'BAD_REQUEST' ? '参数不正确' : e.message);
    throw e;
  }
  const search = briefingSearch({ ...p, month });
  const started = Date.now();
  let pdf: Buffer;
  try {
    pdf = await renderBriefingPdf({ origin: selfOrigin(req), path: `/briefing/print${search}`, cookie: { name: SESSION_COOKIE, value: session } });
  } catch (e) {
    console.error('briefing pdf:', e);
    return json(500, 'PDF 生成失败，请稍后重试');
  }
  audit(db, viewer, 'export', 'briefing.pdf', { ...p, month, bytes: pdf.length, ms: Date.now() - started }, ip);
  const name = `研判简报_${month}${p.region ? `_${p.region}` : ''}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': `attachment; filename="briefing-${month}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}
