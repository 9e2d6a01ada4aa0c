import { requireViewer } from '@/server/auth/request';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const viewer = await requireViewer();
  return <div><h1>全省总览</h1><p className="muted">{viewer.name}</p></div>;
}
