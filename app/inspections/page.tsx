import { requireViewer } from '@/server/auth/request';
import { Planner } from '@/components/inspections/Planner';

export const dynamic = 'force-dynamic';

export default async function InspectionsPage() {
  await requireViewer(['admin', 'analyst']);
  return <Planner />;
}
