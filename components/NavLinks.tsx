'use client';
/** The top bar's section links: the current section marked (aria-current), the tab titled after the page. */
import Link from 'next/link';
import { useEffect } from 'react';
import { usePathname } from 'next/navigation';
import { activeSection, pageTitle } from './pageTitle';

export function NavLinks({ items }: { items: Array<{ href: string; label: string }> }) {
  const path = usePathname() ?? '/';
  const current = activeSection(path);
  useEffect(() => { document.title = pageTitle(path); }, [path]);
  return <>{items.map((n) => <Link key={n.href} href={n.href} aria-current={n.href === current ? 'page' : undefined}>{n.label}</Link>)}</>;
}
