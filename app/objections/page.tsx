import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { ObjectionsDesk } from './ObjectionsDesk';

export const dynamic = 'force-dynamic';

/** 异议与修复 (analysts, administrators). */
export default async function ObjectionsPage() {
  const viewer = await requireViewer(['admin', 'analyst']);
  return <Suspense fallback={<div className="state">载入中…</div>}><ObjectionsDesk isAdmin={viewer.role === 'admin'} /></Suspense>;
}
