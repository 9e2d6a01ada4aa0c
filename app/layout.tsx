import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';
import { Shell } from '@/components/Shell';
import { currentViewer } from '@/server/auth/request';

// No title here: components/PageTitle titles each page ('分布研判 · 信研'); a metadata title would compete with it.
export const metadata: Metadata = { description: '信研 · 企业信用风险分类管理研判工作台' };
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="zh-CN">
      <body>
        <Providers>
          <Shell viewer={viewer}>{children}</Shell>
        </Providers>
      </body>
    </html>
  );
}
