/**
 * Iterative refinement of a least-squares solution, for ill-conditioned designs.
 *
 * Householder QR is backward stable, but for a least-squares problem with a large residual the
 * error of β̂ still grows like κ(X)²·ε·‖e‖/(‖X‖‖β‖) (κ the condition number, ε = 2⁻⁵³). On a
 * degree-5 polynomial such as NIST's Wampler5 that leaves only ~6 correct digits. Refinement
 * (Björck 1967; Higham, *Accuracy and Stability of Numerical Algorithms*, §20.5) fixes this:
 * it computes how far the current (β, e) is from satisfying the two least-squares conditions
 *
 *     e + Xβ = y      and      X'e = 0,
 *
 * solves for a correction with the QR factors already at hand, and repeats. The residuals of
 * these conditions must be computed more accurately than working precision, otherwise the
 * correction is as wrong as the solution; we use compensated dot products ("Dot2", Ogita, Rump
 * & Oishi 2005), which return the result as if computed in twice the working precision, using
 * only ordinary double arithmetic through error-free transformations (TwoSum, TwoProduct).
 *
 * `ols()` calls this only when the (column-scaled) condition number is large, so well-
 * conditioned fits such as the paper's pay nothing for it.
 */
import { applyQ, applyQt, backSubstitute } from "./qr";

/** Veltkamp's splitting constant 2²⁷ + 1: splits a double into two 26-bit halves. */
const SPLITTER = 134217729;

/**
 * Compensated dot product Σᵢ a[ia + i·sa]·b[ib + i·sb], i = 0…len−1, plus an initial value:
 * the result is accurate as if computed in twice the working precision (Dot2).
 *
 * Formula: s ← s ⊕ a_i b_i keeping the exact rounding errors of every product (TwoProduct) and
 * sum (TwoSum) in a running correction c; return s + c.
 * Throws: nothing.
 * @example
 * dot2(Float64Array.from([1e16, 1, -1e16]), 0, 1, Float64Array.from([1, 1, 1]), 0, 1, 3, 0);
 * // 1 (a naive loop returns 0)
 */
export function dot2(
  a: Float64Array,
  ia: number,
  sa: number,
  b: Float64Array,
  ib: number,
  sb: number,
  len: number,
  init: number,
): number {
  let s = init;
  let c = 0;
  for (let i = 0; i < len; i++) {
    const x = a[ia + i * sa];
    const y = b[ib + i * sb];
    // TwoProduct: p + q = x·y exactly (Dekker, via Veltkamp splitting)
    const p = x * y;
    let t = SPLITTER * x;
    const xh = t - (t - x);
    const xl = x - xh;
    t = SPLITTER * y;
    const yh = t - (t - y);
    const yl = y - yh;
    const q = xl * yl - (p - xh * yh - xl * yh - xh * yl);
    // TwoSum: s' + r = s + p exactly (Knuth)
    const s2 = s + p;
    const z = s2 - s;
    const r = s - (s2 - z) + (p - z);
    s = s2;
    c += r + q;
  }
  return s + c;
}

/** Scratch vectors for `refineLeastSquares` (n and k sized). */
export interface RefinementWork {
  f: Float64Array; // n
  g: Float64Array; // k
  d: Float64Array; // k
}

/**
 * One step of iterative refinement of (β, e) for min ‖y − Xβ‖, X column-major n×k of full rank
 * with Householder factors (qr, tau). Updates `beta` and `resid` in place and returns the size
 * of the correction relative to β, max_j |Δβ_j| / max_j |β_j|.
 *
 * Formula: f = y − e − Xβ, g = −X'e (both by Dot2); h = Q'f; z = R⁻ᵀg; Δβ = R⁻¹(h₁ − z);
 * Δe = Q[z; h₂]; β ← β + Δβ, e ← e + Δe.
 * Throws: nothing.
 * @example
 * const work = { f: new Float64Array(n), g: new Float64Array(k), d: new Float64Array(k) };
 * while (refineLeastSquares(X, y, n, k, qr, tau, beta, e, work) > 1e-15) {} // 2–3 steps
 */
export function refineLeastSquares(
  X: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  qr: Float64Array,
  tau: Float64Array,
  beta: Float64Array,
  resid: Float64Array,
  work: RefinementWork,
): number {
  const { f, g, d } = work;
  // f = y − e − Xβ, row by row (row i of X is X[i], X[n + i], … : stride n)
  for (let i = 0; i < n; i++) f[i] = -dot2(X, i, n, beta, 0, 1, k, resid[i] - y[i]);
  // g = −X'e, column by column (contiguous)
  for (let j = 0; j < k; j++) g[j] = -dot2(X, j * n, 1, resid, 0, 1, n, 0);

  applyQt(qr, tau, n, k, f); // f = h = Q'f
  // z = R⁻ᵀ g: forward substitution with the lower-triangular R' (column j of R is contiguous)
  for (let j = 0; j < k; j++) {
    let s = g[j];
    for (let l = 0; l < j; l++) s -= qr[j * n + l] * g[l];
    g[j] = s / qr[j * n + j];
  }
  // Δβ = R⁻¹(h₁ − z)
  for (let j = 0; j < k; j++) d[j] = f[j] - g[j];
  backSubstitute(qr, n, k, d, d);
  // Δe = Q[z; h₂]
  for (let j = 0; j < k; j++) f[j] = g[j];
  applyQ(qr, tau, n, k, f);

  let maxBeta = 0;
  let maxDelta = 0;
  for (let j = 0; j < k; j++) {
    beta[j] += d[j];
    maxBeta = Math.max(maxBeta, Math.abs(beta[j]));
    maxDelta = Math.max(maxDelta, Math.abs(d[j]));
  }
  for (let i = 0; i < n; i++) resid[i] += f[i];
  return maxBeta > 0 ? maxDelta / maxBeta : maxDelta;
}
