import { requireViewer } from '@/server/auth/request';
import { OverviewView } from '@/components/OverviewView';

export const dynamic = 'force-dynamic';

/** 全省总览 (all roles); figures are limited to the viewer's region by the procedures. */
export default async function HomePage() {
  const viewer = await requireViewer();
  return <OverviewView isAdmin={viewer.role === 'admin'} isPartner={viewer.role === 'partner'} />;
}
