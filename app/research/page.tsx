import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { Workbench } from './Workbench';

export const dynamic = 'force-dynamic';

/** 分布研判: the research workbench (aggregates for analysts, administrators, partners and leaders). */
export default async function ResearchPage() {
  const viewer = await requireViewer(['admin', 'analyst', 'partner', 'leader']);
  return (
    <Suspense fallback={<div className="state">加载中…</div>}>
      <Workbench viewer={viewer} />
    </Suspense>
  );
}
