import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessAreas, fitBetaPrior, funnelLimit, funnelLimits, shrunkRate, normalQuantile } from '../../queries/map/stats';

test('method-of-moments beta prior matches a hand computation', () => {
  // N = 400, Y = 80, μ = 0.2, μ(1−μ) = 0.16; S = 100·0.1² + 100·0.1² + 0 = 2; Σn²/N = 60000/400 = 150
  // τ² = (2 − 2·0.16) / (400 − 150 − 2) = 1.68 / 248; α+β = 0.16/τ² − 1 = 22.6190476
  const areas = [{ n: 100, y: 10 }, { n: 100, y: 30 }, { n: 200, y: 40 }];
  const prior = fitBetaPrior(areas);
  assert.ok(Math.abs(prior.mean - 0.2) < 1e-12);
  assert.ok(Math.abs(prior.tau2 - 1.68 / 248) < 1e-12);
  assert.ok(Math.abs(prior.alpha + prior.beta - 22.6190476) < 1e-6);
  // (10 + 4.5238095) / (100 + 22.6190476) = 0.1184466
  assert.ok(Math.abs(shrunkRate(areas[0]!, prior) - 0.1184466) < 1e-6);
});

test('no between-area variation pools completely', () => {
  const prior = fitBetaPrior([{ n: 100, y: 10 }, { n: 200, y: 20 }, { n: 50, y: 5 }]);
  assert.equal(prior.tau2, 0);
  assert.equal(shrunkRate({ n: 100, y: 10 }, prior), 0.1);
});

test('a small area with a high raw rate is shrunk below a large area with a slightly lower rate', () => {
  const areas = [
    { n: 30, y: 12 },     // 40% raw, 30 enterprises
    { n: 2000, y: 700 },  // 35% raw, 2000 enterprises
    { n: 1500, y: 120 }, { n: 3000, y: 270 }, { n: 800, y: 72 }, { n: 2500, y: 200 }, { n: 1200, y: 130 }, { n: 400, y: 30 },
  ];
  const { areas: out } = assessAreas(areas);
  const small = out[0]!;
  const large = out[1]!;
  assert.ok(small.rate > large.rate);
  assert.ok(small.shrunk < large.shrunk, `small ${small.shrunk} should be below large ${large.shrunk}`);
  assert.ok(large.shrunk > 0.3, 'the large area keeps most of its own rate');
  assert.ok(small.weight < large.weight);
  // ranking by the shrunk rate puts the large area first
  const ranked = out.map((a, i) => ({ i, s: a.shrunk })).sort((a, b) => b.s - a.s);
  assert.equal(ranked[0]!.i, 1);
  // the large area is significantly above the pooled rate on the funnel
  assert.equal(large.flag, 'high3');
});

test('funnel limits: exact binomial with interpolation, checked by hand', () => {
  // Binomial(10, 0.2): P(X≤4) = 0.967207, P(X≤5) = 0.993631 → r = 5, α = (0.993631−0.975)/0.026424 = 0.70508
  // limit = (5 − 0.70508) / 10 = 0.42949
  assert.ok(Math.abs(funnelLimit(0.2, 10, 0.975) - 0.42949) < 1e-4);
  // normal approximation for large n: 0.1 + 1.959964·√(0.09/100000) = 0.1018594
  assert.ok(Math.abs(funnelLimit(0.1, 100_000, 0.975) - 0.1018594) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.999) - 3.090232) < 1e-5);
});

test('funnel limits widen as n falls', () => {
  let prev = funnelLimits(0.09, 100_000);
  for (const n of [20_000, 5_000, 1_000, 300, 100, 30]) {
    const cur = funnelLimits(0.09, n);
    assert.ok(cur.hi95 > prev.hi95, `hi95 at n=${n}`);
    assert.ok(cur.hi998 > prev.hi998, `hi998 at n=${n}`);
    assert.ok(cur.lo95 <= prev.lo95, `lo95 at n=${n}`);
    assert.ok(cur.hi998 > cur.hi95 && cur.hi95 > 0.09 && cur.lo95 < 0.09);
    prev = cur;
  }
});

test('hotspots: with no between-area variance every shrunk share ties, and the order is by excess over the pooled share, not by code', async () => {
  const { rankHotspots } = await import('../../components/map/hotspots');
  const areas = [
    { code: '220102', n: 500, y: 40 }, { code: '220103', n: 400, y: 33 }, { code: '220104', n: 600, y: 54 }, { code: '220105', n: 300, y: 21 },
  ];
  const { prior } = assessAreas(areas);
  assert.equal(prior.tau2, 0, 'the fixture: shares within chance of each other');
  const shown = areas.map((a) => ({ code: a.code, n: a.n, cdRate: a.y / a.n, shrunk: shrunkRate(a, prior) }));
  const ranked = rankHotspots(shown, prior.mean).map((a) => a.code);
  assert.deepEqual(ranked, ['220104', '220103', '220102', '220105']);
  // With variance, the shrunk share decides.
  const spread = [{ code: 'a', n: 1000, y: 300 }, { code: 'b', n: 1000, y: 100 }, { code: 'c', n: 20, y: 10 }];
  const fit = assessAreas(spread).prior;
  assert.ok(fit.tau2 > 0);
  const r2 = rankHotspots(spread.map((a) => ({ code: a.code, n: a.n, cdRate: a.y / a.n, shrunk: shrunkRate(a, fit) })), fit.mean).map((a) => a.code);
  assert.deepEqual(r2, [...spread].sort((x, y) => shrunkRate(y, fit) - shrunkRate(x, fit)).map((a) => a.code));
  assert.deepEqual(r2, ['c', 'a', 'b']);
});
