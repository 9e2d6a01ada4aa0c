import { requireViewer } from '@/server/auth/request';
import { AuditView } from '@/components/admin/AuditView';

export const dynamic = 'force-dynamic';

export default async function AuditPage() {
  await requireViewer(['admin']);
  return <AuditView />;
}
