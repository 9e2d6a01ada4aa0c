/**
 * Poisson upper tail P(X ≥ x | λ), numerically stable on both sides of the mean.
 *
 * Terms are computed in log space (no overflow of λ^k or k!). Each side is summed where its terms fall away
 * geometrically, so the loop stops on its own:
 *  - x > λ: the tail itself, summed upwards from x (terms shrink by λ/(k+1) < 1); tiny tails keep full relative
 *    precision, which the surge rule needs (it compares them with α = 0.01 and 0.0001);
 *  - x ≤ λ: 1 − P(X ≤ x−1), the lower terms summed downwards from x−1 (they shrink by k/λ < 1). The tail is then
 *    at least about ½, so the subtraction loses nothing that matters. Summing upwards here, as before, needed
 *    about λ − x terms before they even began to shrink: a fixed cap of 1,000 terms left the tail ≈ 0 when
 *    λ > x + 1000 (P(X ≥ 10 | λ = 1200) came out 8e-9 instead of ≈ 1, a false surge on a drop in complaints).
 */
function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

export function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  if (lambda <= 0) return 0;
  const logLambda = Math.log(lambda);
  if (x > lambda) {
    let logP = -lambda + x * logLambda - logFactorial(x);
    let sum = 0;
    for (let k = x; ; k++) {
      const term = Math.exp(logP);
      sum += term;
      if (term <= sum * 1e-17 || term === 0) break;
      logP += logLambda - Math.log(k + 1);
    }
    return Math.min(1, sum);
  }
  // P(X ≤ x−1): from k = x−1 down to 0.
  let logP = -lambda + (x - 1) * logLambda - logFactorial(x - 1);
  let lower = 0;
  for (let k = x - 1; k >= 0; k--) {
    const term = Math.exp(logP);
    lower += term;
    if (term <= lower * 1e-17) break;
    logP += Math.log(k) - logLambda;
  }
  return Math.max(0, Math.min(1, 1 - lower));
}
