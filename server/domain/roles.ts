/** The workbench's roles and their names as people read them. Pure (no engine): the screens use it too. */
export type Role = 'admin' | 'analyst' | 'leader' | 'partner';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'leader', 'partner'];
export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', analyst: '分析研判人员', leader: '领导', partner: '合作研究（只读汇总）' };
