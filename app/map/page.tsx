import { Suspense } from 'react';
import { requireViewer } from '@/server/auth/request';
import { MapView } from './MapView';
import './map.css';

export const dynamic = 'force-dynamic';

export default async function MapPage() {
  const viewer = await requireViewer();
  return (
    <Suspense fallback={<div className="state">加载中…</div>}>
      <MapView role={viewer.role} scope={viewer.regionCode} />
    </Suspense>
  );
}
