/**
 * Probability distributions used by the tests in the paper, as thin wrappers over the
 * maintained @stdlib implementations (no hand-written special functions in this project).
 * Each wrapper checks its arguments and throws a DataError instead of returning NaN.
 */
import type StdlibTCdf from "@stdlib/stats-base-dists-t-cdf";
import type StdlibTQuantile from "@stdlib/stats-base-dists-t-quantile";
import type StdlibFCdf from "@stdlib/stats-base-dists-f-cdf";
import type StdlibFQuantile from "@stdlib/stats-base-dists-f-quantile";
import type StdlibNormalCdf from "@stdlib/stats-base-dists-normal-cdf";
import type StdlibNormalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type StdlibChisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import type StdlibChisqQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import type StdlibGammainc from "@stdlib/math-base-special-gammainc";
import { DataError } from "../data/errors";

/**
 * A @stdlib function loaded on its first call: @stdlib is hundreds of small modules, and loading
 * them all when the library is imported would cost a notebook a third of a second before its
 * first cell runs.
 */
function lazy<F extends (...args: never[]) => number>(id: string): F {
  let fn: F | undefined;
  return ((...args: Parameters<F>) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fn ??= require(id) as F;
    return fn(...args);
  }) as F;
}

const stdlibTCdf = lazy<typeof StdlibTCdf>("@stdlib/stats-base-dists-t-cdf");

/**
 * Student's t CDF without argument checks, for hot loops whose arguments are already valid
 * (the OLS kernel's p-values). Use `tCdf` anywhere else.
 *
 * Formula: P(T ≤ x), T ~ t(df). Throws: never (NaN in, NaN out).
 * @example
 * tCdfUnchecked(-2.228, 10); // ≈ 0.025
 */
export function tCdfUnchecked(x: number, df: number): number {
  return stdlibTCdf(x, df);
}
const stdlibTQuantile = lazy<typeof StdlibTQuantile>("@stdlib/stats-base-dists-t-quantile");
const stdlibFCdf = lazy<typeof StdlibFCdf>("@stdlib/stats-base-dists-f-cdf");
const stdlibFQuantile = lazy<typeof StdlibFQuantile>("@stdlib/stats-base-dists-f-quantile");
const stdlibNormalCdf = lazy<typeof StdlibNormalCdf>("@stdlib/stats-base-dists-normal-cdf");
const stdlibNormalQuantile = lazy<typeof StdlibNormalQuantile>(
  "@stdlib/stats-base-dists-normal-quantile",
);
const stdlibChisqCdf = lazy<typeof StdlibChisqCdf>("@stdlib/stats-base-dists-chisquare-cdf");
const stdlibGammainc = lazy<typeof StdlibGammainc>("@stdlib/math-base-special-gammainc");
const stdlibChisqQuantile = lazy<typeof StdlibChisqQuantile>(
  "@stdlib/stats-base-dists-chisquare-quantile",
);

function checkDf(df: number, name: string): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new DataError(`degrees of freedom ${name} must be positive and finite (got ${df})`, {
      hint: "a model needs more observations (or clusters) than parameters",
    });
  }
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new DataError(`probability must lie in [0, 1] (got ${p})`);
  }
}

function checkX(x: number): void {
  if (Number.isNaN(x)) throw new DataError("cannot evaluate a distribution at NaN");
}

/**
 * Cumulative distribution function of Student's t with `df` degrees of freedom.
 *
 * Formula: P(T ≤ x), T ~ t(df). Throws: DataError if x is NaN or df ≤ 0.
 * @example
 * tCdf(0, 10);    // 0.5
 * tCdf(2.228, 10); // ≈ 0.975
 */
export function tCdf(x: number, df: number): number {
  checkX(x);
  checkDf(df, "df");
  return stdlibTCdf(x, df);
}

/**
 * Quantile function (inverse CDF) of Student's t.
 *
 * Formula: q such that P(T ≤ q) = p, T ~ t(df). Throws: DataError if p ∉ [0,1] or df ≤ 0.
 * @example
 * tQuantile(0.975, 10); // ≈ 2.228
 * tQuantile(0.5, 3);    // 0
 */
export function tQuantile(p: number, df: number): number {
  checkProbability(p);
  checkDf(df, "df");
  return stdlibTQuantile(p, df);
}

/**
 * Cumulative distribution function of Fisher's F(d1, d2).
 *
 * Formula: P(F ≤ x). Throws: DataError if x is NaN or a df ≤ 0.
 * @example
 * fCdf(3.0, 2, 20); // ≈ 0.927
 * fCdf(0, 5, 5);    // 0
 */
export function fCdf(x: number, d1: number, d2: number): number {
  checkX(x);
  checkDf(d1, "d1");
  checkDf(d2, "d2");
  return stdlibFCdf(x, d1, d2);
}

/**
 * Upper-tail probability (the p-value of an F statistic) P(X > F), X ~ F(d1, d2), computed as
 * P(F(d2, d1) < 1/F) so that it does not cancel for tiny p-values as 1 − CDF would.
 *
 * Formula: P(F(d1, d2) > F) = P(F(d2, d1) < 1/F); 1 when F is not positive (as a statistic of 0,
 * or a test that could not be computed, reports). Throws: DataError if a df ≤ 0.
 * @example
 * fPValue(3.49, 2, 20); // ≈ 0.05
 * fPValue(0, 2, 20);    // 1
 */
export function fPValue(F: number, d1: number, d2: number): number {
  return F > 0 ? fCdf(1 / F, d2, d1) : 1;
}

/**
 * Quantile function of Fisher's F(d1, d2).
 *
 * Formula: q such that P(F ≤ q) = p. Throws: DataError if p ∉ [0,1] or a df ≤ 0.
 * @example
 * fQuantile(0.95, 2, 20); // ≈ 3.49
 * fQuantile(0, 2, 20);    // 0
 */
export function fQuantile(p: number, d1: number, d2: number): number {
  checkProbability(p);
  checkDf(d1, "d1");
  checkDf(d2, "d2");
  return stdlibFQuantile(p, d1, d2);
}

/**
 * Cumulative distribution function of the χ² distribution with `df` degrees of freedom.
 *
 * Formula: P(X ≤ x), X ~ χ²(df). Throws: DataError if x is NaN or df ≤ 0.
 * @example
 * chiSquareCdf(5.991, 2); // ≈ 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  checkX(x);
  checkDf(df, "df");
  return stdlibChisqCdf(x, df);
}

/**
 * Upper-tail probability (the p-value of a χ² statistic) P(X > x), X ~ χ²(df), computed in the
 * upper tail so that it does not cancel: LM, Wald and Hausman statistics of 50 or 300 have
 * p-values (1e-11, 1e-64) that 1 − F(x) would lose.
 *
 * Formula: Q(df/2, x/2), the regularized upper incomplete gamma function of @stdlib (not 1 − CDF);
 * 1 for x ≤ 0. Throws: DataError if x is NaN or df is not positive and finite.
 * @example
 * chiSquarePValue(5.991464547107979, 2); // ≈ 0.05
 * chiSquarePValue(300, 3);               // ≈ 1.2e-64, not 0
 */
export function chiSquarePValue(x: number, df: number): number {
  checkX(x);
  checkDf(df, "df");
  if (x <= 0) return 1;
  return stdlibGammainc(x / 2, df / 2, true, true);
}

/**
 * Quantile function of χ²(df).
 *
 * Formula: q such that P(X ≤ q) = p. Throws: DataError if p ∉ [0,1] or df ≤ 0.
 * @example
 * chiSquareQuantile(0.95, 1); // ≈ 3.841
 */
export function chiSquareQuantile(p: number, df: number): number {
  checkProbability(p);
  checkDf(df, "df");
  return stdlibChisqQuantile(p, df);
}

/**
 * Standard normal cumulative distribution function Φ(x).
 *
 * Formula: Φ(x) = P(Z ≤ x), Z ~ N(0, 1). Throws: DataError if x is NaN.
 * @example
 * normalCdf(0);    // 0.5
 * normalCdf(1.96); // ≈ 0.975
 */
export function normalCdf(x: number): number {
  checkX(x);
  return stdlibNormalCdf(x, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p) (used to turn uniform draws into normal ones).
 *
 * Formula: z such that Φ(z) = p. Throws: DataError if p ∉ [0, 1].
 * @example
 * normalQuantile(0.975); // ≈ 1.95996
 * normalQuantile(0.5);   // 0
 */
export function normalQuantile(p: number): number {
  checkProbability(p);
  return stdlibNormalQuantile(p, 0, 1);
}

/**
 * Two-sided p-value of a t statistic.
 *
 * Formula: p = 2 · P(T ≥ |t|) = 2 · F_t(−|t|; df) (computed in the lower tail, so tiny p-values
 * do not cancel to 0). Throws: DataError if t is NaN or df ≤ 0.
 * @example
 * twoSidedPValueT(2.228, 10); // ≈ 0.05
 * twoSidedPValueT(0, 10);     // 1
 */
export function twoSidedPValueT(t: number, df: number): number {
  checkX(t);
  checkDf(df, "df");
  return 2 * stdlibTCdf(-Math.abs(t), df);
}
