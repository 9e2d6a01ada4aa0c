/** Labels of the audit log page: roles and the workbench section an audited target belongs to. */

/** Roles as the top bar names them (server/auth/viewer.ts ROLE_LABEL; that module is server code). */
export const AUDIT_ROLES: Record<string, string> = { admin: '管理员', analyst: '分析研判人员', leader: '领导', partner: '合作研究' };
/** The workbench section of an audited target: a procedure `research.trend` or a route `/api/points`. */
const SECTIONS: Record<string, string> = {
  system: '系统', admin: '系统管理', overview: '总览', data: '数据管理', research: '分布研判', reference: '基础数据', map: '风险地图',
  warnings: '预警处置', classify: '模型与验证', briefing: '研判简报', inspections: '抽查计划', objections: '异议与修复',
  enterprise: '企业画像', login: '登录', points: '风险地图',
};
export function auditSection(target: string): string {
  const head = target.replace(/^\/(api\/)?/, '').split(/[./]/)[0] ?? '';
  return SECTIONS[head] ?? '';
}
