import { requireViewer } from '@/server/auth/request';
import { WarningDesk } from './WarningDesk';

export const dynamic = 'force-dynamic';

export default async function WarningsPage() {
  await requireViewer(['admin', 'analyst']);
  return <WarningDesk />;
}
