import { requireViewer } from '@/server/auth/request';
import { ModelsView } from '@/components/classify/ModelsView';

export const dynamic = 'force-dynamic';

/** 模型与验证 (analysts and administrators; administrators may start runs). */
export default async function ModelsPage() {
  const viewer = await requireViewer(['analyst', 'admin']);
  return <ModelsView isAdmin={viewer.role === 'admin'} />;
}
