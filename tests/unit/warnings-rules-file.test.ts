import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRules, rulesProblems } from '../../server/warnings/rules';

const v1 = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'rules', 'v1.json'), 'utf8')) as { rules: Record<string, Record<string, unknown>> };
function write(version: number, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-rules-'));
  fs.writeFileSync(path.join(dir, `v${version}.json`), content);
  return dir;
}
const withRule = (rule: string, patch: Record<string, unknown>) => JSON.stringify({ ...v1, version: 2, rules: { ...v1.rules, [rule]: { ...v1.rules[rule], ...patch } } });

test('the shipped rules file is consistent', () => {
  assert.deepEqual(rulesProblems(loadRules()), []);
});

test('contradictory thresholds are refused, in Chinese, naming the rule and the fields', () => {
  assert.throws(() => loadRules(2, write(2, withRule('multi-license-address', { highAt: 5 }))), /一址多照 highAt（5）不应小于 minEnterprises（10）/);
  assert.throws(() => loadRules(2, write(2, withRule('complaint-surge', { highAlpha: 0.05 }))), /投诉激增 highAlpha（0\.05）不应大于 alpha（0\.01）/);
  assert.throws(() => loadRules(2, write(2, withRule('abnormal-after-registration', { highWithinMonths: 18 }))), /成立即异常/);
});

test('a malformed file names the file and the field', () => {
  assert.throws(() => loadRules(2, write(2, withRule('multi-enterprise-person', { minEnterprises: 'five' }))), /^Error: 预警规则文件 .*v2\.json 有误：rules\.multi-enterprise-person\.minEnterprises：/);
  assert.throws(() => loadRules(2, write(2, '{ "version": 2, ')), /预警规则文件 .*v2\.json 不是有效的 JSON/);
});
