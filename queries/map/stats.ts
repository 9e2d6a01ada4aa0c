/**
 * Statistics for hotspots that hold up (pure, browser- and server-safe):
 *  - empirical-Bayes shrinkage of area rates (beta-binomial prior fitted by the method of moments across areas),
 *    so a county with 30 enterprises cannot top the list by chance;
 *  - funnel-plot control limits around the province rate (95% and 99.8%), exact binomial for small n
 *    (Spiegelhalter 2005 interpolation), normal approximation when n·p·(1−p) is large.
 */

export interface AreaCount { n: number; y: number }

export interface BetaPrior {
  /** Pooled rate Σy / Σn. */
  mean: number;
  /** Between-area variance of the true rates (method of moments, ≥ 0). */
  tau2: number;
  /** Beta(α, β) with that mean and variance; α + β = Infinity when tau2 = 0 (complete pooling). */
  alpha: number;
  beta: number;
}

/**
 * Method-of-moments beta prior. With N = Σn, S = Σ n_i (p_i − μ)², k areas:
 *   E[S] = τ²(N − Σn_i²/N) + (k − 1)(μ(1−μ) − τ²)
 *   ⇒ τ² = (S − (k−1)μ(1−μ)) / (N − Σn_i²/N − (k−1)), clamped to [0, μ(1−μ)).
 */
export function fitBetaPrior(areas: readonly AreaCount[]): BetaPrior {
  const used = areas.filter((a) => a.n > 0);
  const N = used.reduce((s, a) => s + a.n, 0);
  const Y = used.reduce((s, a) => s + a.y, 0);
  const mean = N > 0 ? Y / N : 0;
  const k = used.length;
  const pq = mean * (1 - mean);
  if (k < 2 || pq === 0) return { mean, tau2: 0, alpha: Infinity, beta: Infinity };
  const S = used.reduce((s, a) => s + a.n * (a.y / a.n - mean) ** 2, 0);
  const sumN2 = used.reduce((s, a) => s + a.n * a.n, 0);
  const denom = N - sumN2 / N - (k - 1);
  let tau2 = denom > 0 ? (S - (k - 1) * pq) / denom : 0;
  tau2 = Math.min(Math.max(tau2, 0), pq * 0.999);
  if (tau2 === 0) return { mean, tau2, alpha: Infinity, beta: Infinity };
  const m = pq / tau2 - 1;
  return { mean, tau2, alpha: mean * m, beta: (1 - mean) * m };
}

/** Posterior mean (y + α) / (n + α + β); the pooled mean when the prior is degenerate. */
export function shrunkRate(a: AreaCount, prior: BetaPrior): number {
  if (!Number.isFinite(prior.alpha + prior.beta)) return prior.mean;
  return (a.y + prior.alpha) / (a.n + prior.alpha + prior.beta);
}

/** Weight the area's own rate gets: n / (n + α + β). */
export function shrinkWeight(n: number, prior: BetaPrior): number {
  if (!Number.isFinite(prior.alpha + prior.beta)) return 0;
  return n / (n + prior.alpha + prior.beta);
}

// ---- binomial quantiles for funnel limits ----

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-13 for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9 after one Newton step not needed here). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Funnel limit for proportion p0 at size n and cumulative probability q (0.975, 0.999, 0.025, 0.001):
 * exact binomial quantile with Spiegelhalter's interpolation for moderate n, normal approximation for large n.
 */
export function funnelLimit(p0: number, n: number, q: number): number {
  if (n <= 0) return q > 0.5 ? 1 : 0;
  if (p0 <= 0) return 0;
  if (p0 >= 1) return 1;
  if (n * p0 * (1 - p0) > 200) {
    const z = normalQuantile(q);
    return Math.min(1, Math.max(0, p0 + z * Math.sqrt((p0 * (1 - p0)) / n)));
  }
  const lp = Math.log(p0);
  const lq = Math.log(1 - p0);
  const lgn = logGamma(n + 1);
  let cdf = 0;
  let prev = 0;
  for (let r = 0; r <= n; r++) {
    prev = cdf;
    cdf += Math.exp(lgn - logGamma(r + 1) - logGamma(n - r + 1) + r * lp + (n - r) * lq);
    if (cdf >= q) {
      const alpha = (cdf - q) / (cdf - prev);
      return Math.min(1, Math.max(0, (r - alpha) / n));
    }
  }
  return 1;
}

export interface FunnelLimits { lo998: number; lo95: number; hi95: number; hi998: number }

export function funnelLimits(p0: number, n: number): FunnelLimits {
  return { lo998: funnelLimit(p0, n, 0.001), lo95: funnelLimit(p0, n, 0.025), hi95: funnelLimit(p0, n, 0.975), hi998: funnelLimit(p0, n, 0.999) };
}

/** Where the raw rate falls on the funnel: 'high3' above 99.8%, 'high2' above 95%, 'low…' below, else 'in'. */
export type FunnelFlag = 'high3' | 'high2' | 'in' | 'low2' | 'low3';
export function funnelFlag(rate: number, lim: FunnelLimits): FunnelFlag {
  if (rate > lim.hi998) return 'high3';
  if (rate > lim.hi95) return 'high2';
  if (rate < lim.lo998) return 'low3';
  if (rate < lim.lo95) return 'low2';
  return 'in';
}
export const FUNNEL_LABEL: Record<FunnelFlag, string> = {
  high3: '显著偏高（>99.8%）', high2: '偏高（>95%）', in: '正常波动', low2: '偏低（<95%）', low3: '显著偏低（<99.8%）',
};

export interface AreaAssessment {
  n: number; y: number; rate: number; shrunk: number; weight: number; limits: FunnelLimits; flag: FunnelFlag;
}

/** Raw rate, shrunk rate and funnel position of every area, against the pooled (province) rate. */
export function assessAreas(areas: readonly AreaCount[], pooled?: number): { prior: BetaPrior; areas: AreaAssessment[] } {
  const prior = fitBetaPrior(areas);
  const p0 = pooled ?? prior.mean;
  return {
    prior,
    areas: areas.map((a) => {
      const rate = a.n > 0 ? a.y / a.n : 0;
      const limits = funnelLimits(p0, a.n);
      return { n: a.n, y: a.y, rate, shrunk: shrunkRate(a, prior), weight: shrinkWeight(a.n, prior), limits, flag: a.n > 0 ? funnelFlag(rate, limits) : 'in' };
    }),
  };
}
