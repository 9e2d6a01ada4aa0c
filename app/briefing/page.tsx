import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { BriefingView } from '@/components/briefing/BriefingView';

export const dynamic = 'force-dynamic';

/** 研判简报: leaders, analysts and administrators (partners are sent back; the procedures refuse them too). */
export default async function BriefingPage() {
  await requireViewer(['admin', 'analyst', 'leader']);
  return (
    <Suspense fallback={<div className="state">加载中…</div>}>
      <BriefingView />
    </Suspense>
  );
}
