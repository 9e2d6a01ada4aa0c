/** Poisson upper tail P(X ≥ x | λ), summed in log space from x upwards (stable for tiny tails). */
function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

export function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  if (lambda <= 0) return 0;
  let logP = -lambda + x * Math.log(lambda) - logFactorial(x);
  let sum = 0;
  for (let i = x; i < x + 1000; i++) {
    const term = Math.exp(logP);
    sum += term;
    if (i > lambda && term < sum * 1e-15) break;
    logP += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}
