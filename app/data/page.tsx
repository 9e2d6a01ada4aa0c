import { requireViewer } from '@/server/auth/request';
import { DataView } from '@/components/imports/DataView';

export const dynamic = 'force-dynamic';

/** 数据管理 (administrators only; the procedures and the upload route check the role again). */
export default async function DataPage() {
  await requireViewer(['admin']);
  return <DataView />;
}
