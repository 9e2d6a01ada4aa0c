import { TRPCError } from '@trpc/server';
import { requireViewer, clientIp } from '@/server/auth/request';
import { getDb } from '@/server/db/client';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/root';
import { BriefingDocument } from '@/components/briefing/BriefingDocument';
import { briefingParams } from '@/components/briefing/params';

export const dynamic = 'force-dynamic';

/**
 * The briefing as an A4 document without the workbench chrome: what the PDF export prints (server-side Chromium
 * opens this page with the requester's session) and what "打印版预览" shows. Data comes through the same
 * procedure as the page (role check, scope, audit).
 */
export default async function BriefingPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer(['admin', 'analyst', 'leader']);
  const p = briefingParams(await searchParams);
  const db = await getDb();
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer, ip: await clientIp() });
  let data;
  try {
    data = await caller.briefing.get({ month: p.month, model: p.model, region: p.region, industry: p.industry });
  } catch (e) {
    const msg = e instanceof TRPCError && e.code !== 'INTERNAL_SERVER_ERROR' ? e.message : '简报生成失败';
    return <div className="state error" role="alert" data-testid="briefing" data-ready="1">{msg}</div>;
  }
  return (
    <>
      <style>{`
        @page { size: A4; margin: 12mm 12mm 15mm 12mm; }
        .topbar { display: none !important; }
        body, :root { background: #fff !important; }
        .content { max-width: none !important; padding: 0 !important; }
        .briefing-sheet { width: 186mm; margin: 0 auto; padding: 8mm 0; }
        @media print { .briefing-sheet { padding: 0; } }
      `}</style>
      <div className="briefing-sheet">
        <BriefingDocument data={data} print />
      </div>
    </>
  );
}
