'use client';
/** The top bar's section links, the current section marked (aria-current). */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { activeSection } from './pageTitle';

export function NavLinks({ items }: { items: Array<{ href: string; label: string }> }) {
  const path = usePathname() ?? '/';
  const current = activeSection(path);
  return <>{items.map((n) => <Link key={n.href} href={n.href} aria-current={n.href === current ? 'page' : undefined}>{n.label}</Link>)}</>;
}
