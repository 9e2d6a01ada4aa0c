/** Labels of the warning desk (UI text). */
export const RULES: Array<{ id: string; label: string }> = [
  { id: 'multi-license-address', label: '一址多照' }, { id: 'multi-enterprise-person', label: '一人多企' },
  { id: 'frequent-changes', label: '频繁变更' }, { id: 'abnormal-after-registration', label: '成立即异常' },
  { id: 'complaint-surge', label: '投诉激增' }, { id: 'unreachable-inspection', label: '检查查无下落' }, { id: 'serious-list-new', label: '新列严重失信' },
];
export const RULE_NAME: Record<string, string> = Object.fromEntries(RULES.map((r) => [r.id, r.label]));
export const SEVERITY: Record<string, string> = { high: '高', medium: '中', low: '低' };
export const SEVERITY_COLOR: Record<string, string> = { high: '#d73027', medium: '#fc8d59', low: '#91bfdb' };
export const STATE: Record<string, string> = { open: '待处置', assigned: '已分派', acting: '处置中', resulted: '已反馈结果', closed: '已办结' };
export const STEP: Record<string, string> = { assign: '分派', act: '处置措施', result: '处置结果', close: '办结' };
export const RESULT: Record<string, string> = { pass: '检查通过', problem: '发现问题', unreachable: '查无下落', rectified: '已整改', other: '其他' };
export const CATEGORY: Record<string, string> = {
  penalty: '行政处罚', abnormal_list: '列入经营异常', serious_dishonest_list: '列入严重失信', license_revoked: '吊销营业执照', dishonest: '失信记录',
  inspection: '抽查检查', complaint: '投诉举报', change: '变更登记', equity_pledge: '股权出质', ip_pledge: '知识产权质押', license: '行政许可', annual_report: '年报', credit_repair: '信用修复',
};
export const EVIDENCE: Record<string, string> = {
  enterprises: '在营企业数', threshold: '阈值', new_members: '本月新增', abnormal: '经营异常企业', abnormal_share: '异常占比', complaints_12m: '近12月投诉',
  legal_reps: '不同法定代表人', address_spellings: '地址写法', roles: '任职类型', counties: '涉及县区', changes: '变更次数', window_months: '统计窗口(月)',
  kinds: '变更事项', listed: '列入日期', months_after_registration: '成立后月数', within_months: '时限(月)', reason: '原因', complaints: '本月投诉',
  baseline_total: '基线期投诉', baseline_months: '基线月数', baseline_mean: '基线月均', p_value: 'P 值', alpha: '显著性水平', min_complaints: '最少投诉数',
  inspected: '检查日期', inspections: '检查次数', sources: '检查机关', note: '备注', reg_date: '成立日期', status: '登记状态',
};
