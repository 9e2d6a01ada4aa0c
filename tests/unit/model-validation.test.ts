/**
 * Model files the schema refuses beyond the basics (classify-model.test.ts): two hard rules, rules or facts with one
 * id (a hard rule's lift to the D floor went to both: reasons adding up to more than the score), and `combine` on a
 * model that is not a key-area model (general, or a model over every enterprise, would be compared with general), and
 * a file named 'effective' (the derived model's id: its results would be overwritten by the derivation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelSchema, loadAllModels } from '../../server/classify/model';

const score = {
  id: 'x-model', version: 1, kind: 'score', name: 'x', description: '', bands: { B: 200, C: 500, D: 750 },
  dimensions: [{ id: 'basic', name: '基础' }],
  indicators: [{ id: 'a_b', name: '测试指标', dimension: 'basic', category: '测试类', expr: 'pen_12m', scoring: { type: 'flag' }, points: 10 }],
  hardRules: [{ id: 'serious_list', name: '严重失信名单', when: 'serious_list_now > 0', value: 'serious_list_now' }],
};
const rules = {
  id: 'y-model', version: 1, kind: 'rules', name: 'y', description: '', classScores: { A: 0, B: 300, C: 600, D: 900 }, default: 'A',
  rules: [{ id: 'revoked', name: '吊销', class: 'D', when: 'revoked > 0', value: 'revoked' }],
  facts: [{ id: 'pen_n', name: '处罚数', expr: 'pen_12m' }],
};
const messages = (x: unknown) => {
  const r = modelSchema.safeParse(x);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

test('hard rules, rules and facts with one id are refused', () => {
  assert.deepEqual(messages(score), []);
  assert.deepEqual(messages(rules), []);
  assert.ok(messages({ ...score, hardRules: [score.hardRules[0], { ...score.hardRules[0], when: 'revoked > 0', value: 'revoked' }] })
    .some((m) => /硬性规则 serious_list 重复/.test(m)));
  assert.ok(messages({ ...rules, rules: [rules.rules[0], { ...rules.rules[0], class: 'C' }] }).some((m) => /规则 revoked 重复/.test(m)));
  assert.ok(messages({ ...rules, facts: [rules.facts[0], rules.facts[0]] }).some((m) => /事实 pen_n 重复/.test(m)));
  assert.deepEqual(messages({ ...score, indicators: [score.indicators[0], score.indicators[0]] }).filter((m) => /重复/.test(m)), ['指标 a_b 重复']);
});

test('combine only on a scoped model other than general', () => {
  const scope = { tags: ['食品经营'], industryPrefixes: [] };
  assert.deepEqual(messages({ ...score, scope, combine: 'riskier' }), []);
  assert.ok(messages({ ...score, combine: 'riskier' }).some((m) => /combine/.test(m)));
  assert.ok(messages({ ...score, id: 'general', scope, combine: 'key-area' }).some((m) => /combine/.test(m)));
  assert.ok(messages({ ...rules, combine: 'riskier' }).some((m) => /combine/.test(m)));
  // The files on disk pass.
  assert.ok(loadAllModels().length > 0);
});

test('a model file may not take the derived model\'s id', () => {
  assert.ok(messages({ ...score, id: 'effective' }).some((m) => /effective/.test(m)));
});
