import type { Role } from '@/server/auth/viewer';

/** The workbench's sections, and who sees each in the navigation (the server enforces access separately). */
export const NAV: Array<{ href: string; label: string; roles: Role[] }> = [
  { href: '/', label: '总览', roles: ['admin', 'analyst', 'leader', 'partner'] },
  { href: '/research', label: '分布研判', roles: ['admin', 'analyst', 'partner'] },
  { href: '/map', label: '风险地图', roles: ['admin', 'analyst', 'leader', 'partner'] },
  { href: '/enterprise', label: '企业查询', roles: ['admin', 'analyst'] },
  { href: '/warnings', label: '预警处置', roles: ['admin', 'analyst'] },
  { href: '/inspections', label: '抽查计划', roles: ['admin', 'analyst'] },
  { href: '/briefing', label: '研判简报', roles: ['admin', 'analyst', 'leader'] },
  { href: '/models', label: '模型与验证', roles: ['admin', 'analyst'] },
  { href: '/objections', label: '异议与修复', roles: ['admin', 'analyst'] },
  { href: '/data', label: '数据管理', roles: ['admin'] },
  { href: '/audit', label: '审计日志', roles: ['admin'] },
];
