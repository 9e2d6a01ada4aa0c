'use client';
/**
 * The browser tab's title after the page ('分布研判 · 信研'), so several open tabs, the history and a printed page's
 * header say which page they are. A <title> element (React hoists it into <head>), rendered with the page on the
 * server and on every client-side move; the root layout's metadata sets no title of its own to compete with it.
 */
import { usePathname } from 'next/navigation';
import { pageTitle } from './pageTitle';

export function PageTitle() {
  return <title>{pageTitle(usePathname() ?? '/')}</title>;
}
