/**
 * Where the viewer is: the navigation section of a path (marked in the top bar) and the browser tab's title, so that
 * several open tabs, the history and a printed page's header say which page they are.
 */
import { NAV } from './nav';

const DEFAULT_TITLE = '信研 · 企业信用风险研判工作台';

/** Pages outside the navigation, by path prefix. */
const OTHER: Array<[prefix: string, label: string]> = [
  ['/enterprise/', '企业画像'], ['/warnings/print', '预警推送清单'], ['/briefing/print', '研判简报'], ['/login', '登录'],
];

/** The navigation entry a path belongs to ('/warnings/abc' → '/warnings'), or null. */
export function activeSection(path: string): string | null {
  if (path === '/') return '/';
  const hit = NAV.filter((n) => n.href !== '/' && (path === n.href || path.startsWith(`${n.href}/`)));
  return hit.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

/** The tab title of a path: '分布研判 · 信研', '企业画像 · 信研'; the workbench's name elsewhere. */
export function pageTitle(path: string): string {
  const other = OTHER.find(([p]) => path.startsWith(p));
  if (other) return `${other[1]} · 信研`;
  const section = activeSection(path);
  const label = NAV.find((n) => n.href === section)?.label;
  return label ? `${label} · 信研` : DEFAULT_TITLE;
}
