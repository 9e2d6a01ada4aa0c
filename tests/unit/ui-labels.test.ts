/**
 * What the pages print for people: a warning case's evidence with its units and a named key (预警依据), the audit log's
 * roles in Chinese and the section of each audited target, chart axes in one unit each (0, 0.5万, 1万), error messages
 * in Chinese.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evidenceLabel, evidenceValue, caseKeyRow } from '../../app/warnings/evidence';
import { AUDIT_ROLES, auditSection } from '../../components/admin/auditLabels';
import { fmtAxis } from '../../components/charts/format';
import { readableError } from '../../components/errorText';
import { actorLabel } from '../../components/actor';
import { activeSection, pageTitle } from '../../components/pageTitle';

test('预警依据: shares as percentages, counts with their unit, the threshold in what the rule counts', () => {
  assert.equal(evidenceValue('multi-license-address', 'abnormal_share', 0.255), '25.5%');
  assert.equal(evidenceValue('multi-license-address', 'abnormal_share', 0), '0.0%');
  assert.equal(evidenceValue('multi-license-address', 'enterprises', 51), '51 户');
  assert.equal(evidenceValue('multi-license-address', 'complaints_12m', 1280), '1,280 件');
  assert.equal(evidenceValue('multi-license-address', 'threshold', 10), '10 户');
  assert.equal(evidenceValue('frequent-changes', 'threshold', 3), '3 次');
  assert.equal(evidenceValue('frequent-changes', 'window_months', 12), '12 个月');
  assert.equal(evidenceValue('complaint-surge', 'baseline_mean', 0.1), '0.1 件/月');
  assert.equal(evidenceValue('complaint-surge', 'p_value', 0.00000123), '1.2e-6');
  assert.equal(evidenceValue('complaint-surge', 'alpha', 0.01), '0.01');
  // lists read as a Chinese enumeration, not joined by full-width semicolons
  assert.equal(evidenceValue('frequent-changes', 'kinds', ['法定代表人', '住所']), '法定代表人、住所');
  assert.equal(evidenceValue('serious-list-new', 'reason', ''), '—');
  assert.equal(evidenceValue('serious-list-new', 'listed', '2026-10-12'), '2026-10-12');
});

test('预警依据: a label whose value now carries the unit drops its "(月)"', () => {
  assert.equal(evidenceLabel('window_months'), '统计窗口');
  assert.equal(evidenceLabel('within_months'), '时限');
  assert.equal(evidenceLabel('enterprises'), '在营企业数');
  assert.equal(evidenceLabel('unknown_field'), 'unknown_field');
});

test('the case key is named by what it is, without the county code of an address key', () => {
  assert.deepEqual(caseKeyRow('multi-license-address', '220113|九郊街道亚泰二大街431号'), ['归一化地址', '九郊街道亚泰二大街431号']);
  assert.deepEqual(caseKeyRow('multi-enterprise-person', 'P000123'), ['人员编号', 'P000123']);
  assert.deepEqual(caseKeyRow('complaint-surge', '91220113MAFF5NYY25'), ['统一社会信用代码', '91220113MAFF5NYY25']);
});

test('审计日志: roles in Chinese; procedures and routes named by their section', () => {
  assert.deepEqual(Object.keys(AUDIT_ROLES).sort(), ['admin', 'analyst', 'leader', 'partner']);
  assert.equal(AUDIT_ROLES.admin, '管理员');
  assert.equal(auditSection('research.trend'), '分布研判');
  assert.equal(auditSection('data.imports'), '数据管理');
  assert.equal(auditSection('/api/points'), '风险地图');
  assert.equal(auditSection('/login'), '登录');
  assert.equal(auditSection('/warnings/export'), '预警处置');
  assert.equal(auditSection('briefing.pdf'), '研判简报');
  assert.equal(auditSection('something.else'), '');
  // the sections read as the navigation names them, the roles as the top bar does
  assert.equal(auditSection('classify.run'), '模型与验证');
  assert.equal(auditSection('audit.list'), '审计日志');
  assert.equal(auditSection('overview.headline'), '总览');
  assert.equal(AUDIT_ROLES.partner, '合作研究（只读汇总）');
});

test('axis ticks: one unit per axis, set by its largest tick', () => {
  // the 总览 industry axis read 0, 5000, 1万, 1.5万 …
  assert.deepEqual([0, 5000, 10000, 15000, 25000].map((t) => fmtAxis(t, 25000)), ['0', '0.5万', '1万', '1.5万', '2.5万']);
  assert.deepEqual([0, 2500, 7500].map((t) => fmtAxis(t, 12500)), ['0', '0.25万', '0.75万']);
  assert.deepEqual([0, 500, 1000].map((t) => fmtAxis(t, 1000)), ['0', '500', '1000']);
  assert.equal(fmtAxis(50_000_000, 150_000_000), '0.5亿');
  // without the axis, a tick is formatted on its own as before
  assert.equal(fmtAxis(12000), '1.2万');
  assert.equal(fmtAxis(2.5), '2.5');
  assert.equal(fmtAxis(0.3000000004), '0.3');
});

test('error messages: a validation report, a network failure or a bare code read in Chinese; Chinese ones pass', () => {
  // what /enterprise/12345 printed: zod's report of the tRPC input
  const zod = JSON.stringify([{ origin: 'string', code: 'invalid_format', format: 'regex', pattern: '/^[0-9A-Z]{15,18}$/', path: ['uscc'],
    message: 'Invalid string: must match pattern /^[0-9A-Z]{15,18}$/' }], null, 2);
  assert.equal(readableError(zod, 'BAD_REQUEST'), '请求参数不正确，请检查输入或链接是否完整');
  // a schema's own Chinese message is kept
  assert.equal(readableError(JSON.stringify([{ code: 'custom', path: ['month'], message: '月份须为 YYYY-MM' }]), 'BAD_REQUEST'), '月份须为 YYYY-MM');
  assert.equal(readableError('Failed to fetch'), '无法连接服务器，请检查网络后重试');
  assert.equal(readableError('UNAUTHORIZED', 'UNAUTHORIZED'), '登录已失效，请重新登录');
  assert.equal(readableError('Unexpected token < in JSON'), '请求失败：Unexpected token < in JSON');
  assert.equal(readableError('该企业不在您的数据范围内', 'FORBIDDEN'), '该企业不在您的数据范围内');
  assert.equal(readableError('[1, 2]'), '请求失败：[1, 2]');
});

test('runs and imports started on the command line say 命令行; a person is their account', () => {
  assert.equal(actorLabel('cli'), '命令行');
  assert.equal(actorLabel('admin'), 'admin');
});

test('the top bar marks the section of the page, and the tab is titled after it', () => {
  assert.equal(activeSection('/'), '/');
  assert.equal(activeSection('/research'), '/research');
  assert.equal(activeSection('/warnings/a52faed9529afc79'), '/warnings');
  assert.equal(activeSection('/inspections/ccf43941'), '/inspections');
  // An enterprise's page lies under 企业查询, where enterprises are found.
  assert.equal(activeSection('/enterprise/91220113MA52FF6D50'), '/enterprise');
  assert.equal(pageTitle('/enterprise'), '企业查询 · 信研');
  assert.equal(activeSection('/warningsx'), null);
  assert.equal(pageTitle('/research'), '分布研判 · 信研');
  assert.equal(pageTitle('/warnings/a52faed9529afc79'), '预警处置 · 信研');
  assert.equal(pageTitle('/warnings/print'), '预警推送清单 · 信研');
  assert.equal(pageTitle('/enterprise/91220113MA52FF6D50'), '企业画像 · 信研');
  assert.equal(pageTitle('/'), '总览 · 信研');
  assert.equal(pageTitle('/nowhere'), '信研 · 企业信用风险研判工作台');
});
