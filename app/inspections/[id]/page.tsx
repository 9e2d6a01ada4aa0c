import { requireViewer } from '@/server/auth/request';
import { PlanView } from '@/components/inspections/PlanView';

export const dynamic = 'force-dynamic';

export default async function InspectionPlanPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer(['admin', 'analyst']);
  const { id } = await params;
  return <PlanView planId={id} />;
}
