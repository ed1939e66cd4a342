/**
 * The p-value of a χ² statistic, computed in the upper tail so that it does not cancel: the
 * large-sample (LM, Wald, Hausman) tests report P(χ²(q) > x) for statistics of 50 or 300, whose
 * p-values (1e-11, 1e-64) are lost in 1 − F(x). It is the regularized upper incomplete gamma
 * function of @stdlib (loaded on first use, as distributions.ts loads its @stdlib functions).
 * (distributions.ts' `chiSquareSf` is 1 − `chiSquareCdf`, exact to about 1e-16 absolute only.)
 */
import type StdlibGammainc from "@stdlib/math-base-special-gammainc";
import { DataError } from "../data/errors";

let gammainc: typeof StdlibGammainc | undefined;

/**
 * Upper-tail probability (the p-value of a χ² statistic) P(X > x), X ~ χ²(df).
 *
 * Formula: Q(df/2, x/2), the regularized upper incomplete gamma function (not 1 − CDF); 1 for
 * x ≤ 0. Throws: DataError if x is NaN or df is not positive and finite.
 * @example
 * chiSquarePValue(5.991464547107979, 2); // ≈ 0.05
 * chiSquarePValue(300, 3);               // ≈ 1.2e-64, not 0
 */
export function chiSquarePValue(x: number, df: number): number {
  if (Number.isNaN(x)) throw new DataError("cannot evaluate the χ² distribution at NaN");
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new DataError(`χ² degrees of freedom must be positive and finite (got ${df})`, {
      hint: "a test needs at least one restriction",
    });
  }
  if (x <= 0) return 1;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  gammainc ??= require("@stdlib/math-base-special-gammainc") as typeof StdlibGammainc;
  return gammainc(x / 2, df / 2, true, true);
}
