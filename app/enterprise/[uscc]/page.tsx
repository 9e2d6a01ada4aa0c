import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { EnterpriseView } from '@/components/classify/EnterpriseView';
import { usccFromParam } from './param';

export const dynamic = 'force-dynamic';

/** 企业画像 (analysts and administrators; the region scope is applied by the procedure). */
export default async function EnterprisePage({ params }: { params: Promise<{ uscc: string }> }) {
  const viewer = await requireViewer(['analyst', 'admin']);
  const { uscc } = await params;
  // Related-enterprise counts are counted within the viewer's region: say so when there is one.
  // (The view reads ?month= with useSearchParams.)
  return <Suspense fallback={<div className="state">加载中…</div>}><EnterpriseView uscc={usccFromParam(uscc)} scoped={!!viewer.regionCode} /></Suspense>;
}
