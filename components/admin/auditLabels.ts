/** Labels of the audit log page: roles and the workbench section an audited target belongs to. */
import { ROLE_LABEL } from '@/server/domain/roles';
import { NAV } from '../nav';

/** Roles as the top bar names them. */
export const AUDIT_ROLES: Record<string, string> = ROLE_LABEL;

const navLabel = (href: string): string => NAV.find((n) => n.href === href)?.label ?? '';
/**
 * The workbench section of an audited target: a procedure `research.trend` or a route `/api/points`. The pages'
 * routers and routes are named by the page's label in the navigation; the rest by what they serve.
 */
const SECTIONS: Record<string, string> = {
  ...Object.fromEntries(NAV.filter((n) => n.href !== '/').map((n) => [n.href.slice(1), n.label])),
  overview: navLabel('/'), classify: navLabel('/models'), points: navLabel('/map'),
  system: '系统', admin: '系统管理', reference: '基础数据', enterprise: '企业画像', login: '登录',
};
export function auditSection(target: string): string {
  const head = target.replace(/^\/(api\/)?/, '').split(/[./]/)[0] ?? '';
  return SECTIONS[head] ?? '';
}
