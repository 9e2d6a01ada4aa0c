/** The Poisson upper tail behind 投诉激增, on both sides of the mean and for large means. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poissonUpperTail } from '../../server/warnings/poisson';

/** Standard normal upper tail (Abramowitz–Stegun 26.2.17, |error| < 7.5e-8). */
function normalUpper(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
  const q = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? q : 1 - q;
}

test('known values, small means', () => {
  assert.ok(Math.abs(poissonUpperTail(5, 1) - 0.0036598) < 1e-6, String(poissonUpperTail(5, 1)));
  assert.ok(Math.abs(poissonUpperTail(5, 2) - 0.0526530) < 1e-6);
  assert.ok(Math.abs(poissonUpperTail(1, 2) - (1 - Math.exp(-2))) < 1e-12);
  assert.ok(Math.abs(poissonUpperTail(4, 4) - 0.5665299) < 1e-6);
  assert.equal(poissonUpperTail(0, 3), 1);
  assert.equal(poissonUpperTail(3, 0), 0);
});

test('a count far below a large mean: the tail is ≈ 1, not ≈ 0 (a drop is no surge)', () => {
  for (const [x, lambda] of [[10, 1200], [3, 1500], [50, 1100], [1000, 5000]] as const) {
    const p = poissonUpperTail(x, lambda);
    assert.ok(p > 0.999999 && p <= 1, `P(X ≥ ${x} | ${lambda}) = ${p}`);
  }
});

test('large means agree with the normal approximation (continuity-corrected)', () => {
  for (const [x, lambda] of [[10_100, 10_000], [9_900, 10_000], [1_250, 1_200], [1_150, 1_200], [100_000, 100_000]] as const) {
    const approx = normalUpper((x - 0.5 - lambda) / Math.sqrt(lambda));
    const p = poissonUpperTail(x, lambda);
    assert.ok(Math.abs(p - approx) < 0.01, `P(X ≥ ${x} | ${lambda}) = ${p}, normal ${approx}`);
  }
});

test('far tails keep relative precision', () => {
  // P(X ≥ 30 | 1) = e^-1 Σ_{k≥30} 1/k! ≈ e^-1/30! × (1 + 1/31 + …)
  const p = poissonUpperTail(30, 1);
  let exact = 0, f = 1;
  for (let k = 1; k < 30; k++) f *= k;
  let t = 1 / (f * 30);
  for (let k = 30; k < 60; k++) { exact += t; t /= k + 1; }
  exact *= Math.exp(-1);
  assert.ok(Math.abs(p / exact - 1) < 1e-10, `${p} vs ${exact}`);
  assert.ok(poissonUpperTail(2000, 1000) > 0 && poissonUpperTail(2000, 1000) < 1e-100);
});
