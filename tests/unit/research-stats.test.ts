import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilson, cochranArmitage, normalCdf, benjaminiHochberg } from '../../queries/research/stats';

const near = (a: number, b: number, eps = 1e-4) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('normal CDF at known points', () => {
  near(normalCdf(0), 0.5, 1e-7);
  near(normalCdf(1.959964), 0.975, 1e-6);
  near(normalCdf(-1.644854), 0.05, 1e-6);
  near(normalCdf(3), 0.998650, 1e-6);
});

test('Wilson 95% interval, hand-computed: 5/20 and 0/10', () => {
  // 5/20: centre (0.25 + 1.9208/20)/(1 + 3.8415/20) = 0.29028, half = 1.64419 × √(0.009375 + 0.0024009) = 0.17842
  const a = wilson(5, 20);
  near(a.lo, 0.11186); near(a.hi, 0.46871);
  // 0/10: lower bound 0, upper 2 × 0.13876 = 0.27753
  const b = wilson(0, 10);
  near(b.lo, 0, 1e-9); near(b.hi, 0.27753);
  // 10/10 is the mirror of 0/10
  const c = wilson(10, 10);
  near(c.lo, 1 - 0.27753); near(c.hi, 1, 1e-9);
  assert.deepEqual(wilson(0, 0), { lo: 0, hi: 1 });
});

test('Cochran–Armitage trend, hand-computed', () => {
  // k = 1,2,3 of 10 each: p̄ = 0.2, T = 2, Sxx = 20, Var = 0.2·0.8·20 = 3.2, z = 2/√3.2 = 1.11803, slope 0.1
  const r = cochranArmitage([1, 2, 3], [10, 10, 10]);
  near(r.z, 1.118034); near(r.slope, 0.1); near(r.pooled, 0.2); near(r.pRising, 0.131776, 1e-5);
  // 5%, 10%, 20% of 100: T = 15, Sxx = 200, p̄ = 7/60, z = 15/√(7/60·53/60·200) = 3.30400, slope 0.075
  const s = cochranArmitage([5, 10, 20], [100, 100, 100]);
  near(s.z, 3.304); near(s.slope, 0.075); near(s.first, 0.05); near(s.last, 0.2);
  // falling share: negative z, p close to 1
  const f = cochranArmitage([20, 10, 5], [100, 100, 100]);
  near(f.z, -3.304); assert.ok(f.pRising > 0.999);
  // a single jump at the end of a flat series is weaker evidence than a steady rise of the same size
  const jump = cochranArmitage([10, 10, 10, 10, 10, 20], [100, 100, 100, 100, 100, 100]);
  const steady = cochranArmitage([10, 12, 14, 16, 18, 20], [100, 100, 100, 100, 100, 100]);
  assert.ok(steady.z > jump.z, `steady ${steady.z} vs jump ${jump.z}`);
  // no variation → z = 0
  assert.equal(cochranArmitage([0, 0, 0], [10, 10, 10]).z, 0);
});

test('Benjamini–Hochberg q-values, hand-computed', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2]);
  near(q[0]!, 0.04); near(q[1]!, 0.053333); near(q[2]!, 0.053333); near(q[3]!, 0.2);
});
