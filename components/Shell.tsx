import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Viewer } from '@/server/auth/viewer';
import { ROLE_LABEL } from '@/server/auth/viewer';
import { NAV } from './nav';
import { NavLinks } from './NavLinks';
import { PageTitle } from './PageTitle';

/** Page frame: title bar, navigation for the viewer's role, sign-out. */
export function Shell({ viewer, children }: { viewer: Viewer | null; children: ReactNode }) {
  return (
    <div className="shell">
      <PageTitle />
      <header className="topbar">
        <Link href="/" className="brand"><span className="brand-mark">信研</span> 企业信用风险分类管理 · 研判工作台</Link>
        {viewer && (
          <nav className="mainnav" aria-label="主导航">
            <NavLinks items={NAV.filter((n) => n.roles.includes(viewer.role)).map(({ href, label }) => ({ href, label }))} />
          </nav>
        )}
        {viewer && (
          <form action="/api/auth/logout" method="post" className="who">
            <span title={viewer.regionCode ? `数据范围 ${viewer.regionCode}` : '全部数据'}>{viewer.name} · {ROLE_LABEL[viewer.role]}</span>
            <button type="submit" className="link">退出</button>
          </form>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
