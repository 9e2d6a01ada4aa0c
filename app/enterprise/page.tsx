import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { EnterpriseSearch } from '@/components/classify/EnterpriseSearch';

export const dynamic = 'force-dynamic';

/** 企业查询: find an enterprise by name or code (analysts and administrators; region scope in the procedure). */
export default async function EnterpriseSearchPage() {
  const viewer = await requireViewer(['analyst', 'admin']);
  return <Suspense fallback={<div className="state">加载中…</div>}><EnterpriseSearch scoped={!!viewer.regionCode} /></Suspense>;
}
