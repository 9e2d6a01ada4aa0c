import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModels, loadAllModels, checkExpr, scoreFraction, classOf, modelSchema, type ScoreModel } from '../../server/classify/model';
import { aucFromGroups, aucOf, chooseL2, fitLogistic, L2_GRID } from '../../server/classify/evaluate';
import { addMonths } from '../../server/calendar/months';
import { monthEnd } from '../../server/classify/run';

test('the model files validate and the general model has the national structure', () => {
  const models = loadModels();
  const ids = models.map((m) => m.id);
  for (const id of ['general', 'food', 'special-equipment', 'county-public-credit']) assert.ok(ids.includes(id), id);
  const g = models.find((m) => m.id === 'general') as ScoreModel;
  assert.deepEqual(g.dimensions.map((d) => d.name), ['企业基础属性信息', '企业动态信息', '监管信息', '关联关系信息', '社会评价信息']);
  assert.ok(g.indicators.length >= 60, `${g.indicators.length} indicators`);
  assert.ok(new Set(g.indicators.map((i) => i.category)).size >= 20);
  for (const d of g.dimensions) assert.ok(g.indicators.some((i) => i.dimension === d.id), d.name);
  // v1 keeps the Henan bands; later versions are calibrated but keep the structure, and the default is the highest.
  const v1 = loadAllModels().map((f) => f.model).find((m) => m.id === 'general' && m.version === 1) as ScoreModel;
  assert.deepEqual(v1.bands, { B: 200, C: 500, D: 750 });
  assert.equal(g.version, Math.max(...loadAllModels().filter((f) => f.model.id === 'general').map((f) => f.model.version)));
  assert.deepEqual(g.indicators.map((i) => i.id), v1.indicators.map((i) => i.id));
  assert.deepEqual(g.hardRules, v1.hardRules);
  assert.deepEqual(g.hardRules.map((h) => h.id).sort(), ['license_revoked', 'serious_list']);
  assert.ok(loadAllModels().length > models.length, 'older versions stay on disk');
});

test('expressions may use features and allowed functions only', () => {
  assert.equal(checkExpr("if(has(tags, '直销') OR pen_12m > 2, 1, 0)"), null);
  assert.equal(checkExpr("transform(industry_section, ['J', 'K'], [0.9, 0.8], 0.2)"), null);
  assert.match(checkExpr('(SELECT count() FROM users)') ?? '', /不允许|未知/);
  assert.match(checkExpr('pen_12m; DROP TABLE events') ?? '', /禁止/);
  assert.match(checkExpr('no_such_feature + 1') ?? '', /未知特征/);
  assert.match(checkExpr('file(pen_12m)') ?? '', /不允许的函数/);
});

test('a model file with an unknown dimension or bad bands is refused', () => {
  const base = { id: 'x-model', version: 1, kind: 'score', name: 'x', description: '', bands: { B: 200, C: 500, D: 750 },
    dimensions: [{ id: 'basic', name: '基础' }], indicators: [{ id: 'a_b', name: '测试指标', dimension: 'basic', category: '测试类', expr: 'pen_12m', scoring: { type: 'flag' }, points: 10 }] };
  assert.ok(modelSchema.safeParse(base).success);
  assert.ok(!modelSchema.safeParse({ ...base, bands: { B: 600, C: 500, D: 750 } }).success);
  assert.ok(!modelSchema.safeParse({ ...base, indicators: [{ ...base.indicators[0], dimension: 'nope' }] }).success);
  assert.ok(!modelSchema.safeParse({ ...base, indicators: [{ ...base.indicators[0], scoring: { type: 'step', steps: [[3, 1], [1, 0.5]] } }] }).success);
});

test('a malformed model file is refused with its name and what is wrong: not JSON (line and column), a misspelt field', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-models-'));
  try {
    fs.mkdirSync(path.join(dir, 'general'));
    const file = path.join(dir, 'general', 'v1.json');
    const good = fs.readFileSync(path.join(process.cwd(), 'models', 'general', 'v1.json'), 'utf8');
    // A trailing comma after the third line: the parser stops at the closing brace.
    fs.writeFileSync(file, '{\n  "id": "general",\n  "version": 1,\n}\n');
    assert.throws(() => loadAllModels(dir), (e: Error) => e.message.includes(file) && /不是有效的 JSON（第 4 行第 1 列）/.test(e.message));
    // `hardrules` for `hardRules`: the model would load without its hard rules (serious list → D) and run so.
    const m = JSON.parse(good) as Record<string, unknown>;
    const { hardRules, ...rest } = m;
    fs.writeFileSync(file, JSON.stringify({ ...rest, hardrules: hardRules }));
    assert.throws(() => loadAllModels(dir), (e: Error) => e.message.includes(file) && /未知字段 hardrules/.test(e.message));
    // And one level down: an indicator's misspelt `note` is named by its path.
    const inds = (m.indicators as Array<Record<string, unknown>>).map((i, k) => (k === 2 ? { ...i, nots: 'x' } : i));
    fs.writeFileSync(file, JSON.stringify({ ...m, indicators: inds }));
    assert.throws(() => loadAllModels(dir), (e: Error) => /indicators\.2 含未知字段 nots/.test(e.message));
    fs.writeFileSync(file, good);
    assert.equal(loadAllModels(dir).length, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scoring functions', () => {
  const step = { type: 'step' as const, steps: [[1, 0.4], [2, 0.7], [3, 1]] as Array<[number, number]> };
  assert.deepEqual([0, 1, 2, 2.5, 3, 10].map((v) => scoreFraction(step, v)), [0, 0.4, 0.7, 0.7, 1, 1]);
  assert.equal(scoreFraction({ type: 'linear', from: 10, to: 3 }, 3), 1);
  assert.equal(scoreFraction({ type: 'linear', from: 10, to: 3 }, 6.5), 0.5);
  assert.equal(scoreFraction({ type: 'linear', from: 0, to: 100 }, 250), 1);
  assert.equal(scoreFraction({ type: 'flag' }, 0), 0);
  assert.deepEqual([0, 199.9, 200, 499, 500, 750, 1000].map((s) => classOf(s, { B: 200, C: 500, D: 750 })), ['A', 'A', 'B', 'B', 'C', 'D', 'D']);
});

test('AUC with ties, and a logistic fit that finds the signal', () => {
  assert.equal(aucFromGroups([{ score: 1, pos: 0, neg: 2 }, { score: 2, pos: 2, neg: 0 }]), 1);
  assert.equal(aucFromGroups([{ score: 1, pos: 1, neg: 1 }]), 0.5);
  assert.equal(aucFromGroups([{ score: 1, pos: 2, neg: 0 }, { score: 2, pos: 0, neg: 2 }]), 0);
  assert.equal(aucFromGroups([{ score: 1, pos: 0, neg: 3 }]), null);
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const X: number[][] = [];
  const y: number[] = [];
  for (let k = 0; k < 2000; k++) {
    const x = [rnd(), rnd(), rnd()];
    X.push(x);
    y.push(rnd() < 1 / (1 + Math.exp(-(4 * x[0]! - 2)) ) ? 1 : 0);
  }
  const fit = fitLogistic(X, y);
  assert.ok(fit.weights[0]! > 3 * Math.abs(fit.weights[1]!) && fit.weights[0]! > 3 * Math.abs(fit.weights[2]!), JSON.stringify(fit.weights));
  const auc = aucOf(X.map((x) => fit.predict(x)), y)!;
  assert.ok(auc > 0.65 && auc < 0.9, String(auc));
});

test('the fitted variant\'s L2 strength: stronger where sixty inputs over-fit a few hundred rows', () => {
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const draw = (n: number, d: number) => {
    const ids: string[] = []; const X: number[][] = []; const y: number[] = [];
    for (let k = 0; k < n; k++) {
      // one informative input among d − 1 of noise, each 0/1 like most indicators' fractions
      const x = Array.from({ length: d }, () => (rnd() < 0.2 ? 1 : 0));
      ids.push(`E${k}`); X.push(x); y.push(rnd() < (x[0] ? 0.5 : 0.2) ? 1 : 0);
    }
    return { ids, X, y };
  };
  const small = draw(300, 60);
  const l2Small = chooseL2(small);
  assert.ok(l2Small >= 0.3, `few rows, many inputs: ${l2Small}`);
  // and it pays off on new rows: the chosen strength ranks fresh enterprises better than the weakest
  const fresh = draw(3000, 60);
  const auc = (l2: number) => { const f = fitLogistic(small.X, small.y, { l2 }); return aucOf(fresh.X.map((x) => f.predict(x)), fresh.y)!; };
  assert.ok(auc(l2Small) > auc(L2_GRID[0]) + 0.01, `${auc(l2Small)} vs ${auc(L2_GRID[0])}`);
  // one enterprise's rows stay in one fold: the same rows three times over (three months) choose as they do once
  const tripled = { ids: [...small.ids, ...small.ids, ...small.ids], X: [...small.X, ...small.X, ...small.X], y: [...small.y, ...small.y, ...small.y] };
  assert.equal(chooseL2(tripled), l2Small);
  // too few outcomes to cut folds: the weakest
  assert.equal(chooseL2({ ids: ['a', 'b', 'c'], X: [[1], [0], [1]], y: [1, 0, 1] }), L2_GRID[0]);
});

test('month arithmetic', () => {
  assert.equal(monthEnd('2024-02'), '2024-02-29');
  assert.equal(monthEnd('2023-12'), '2023-12-31');
  assert.equal(addMonths('2024-01', -1), '2023-12');
  assert.equal(addMonths('2024-11', 3), '2025-02');
});
