import { requireViewer } from '@/server/auth/request';
import { CaseView } from './CaseView';

export const dynamic = 'force-dynamic';

export default async function WarningCasePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ m?: string }> }) {
  await requireViewer(['admin', 'analyst']);
  const { id } = await params;
  const { m } = await searchParams;
  return <CaseView id={id} month={m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : undefined} />;
}
