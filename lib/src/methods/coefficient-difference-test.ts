/**
 * The z test of the difference between the same coefficient estimated on two independent samples
 * (Clogg, Petkova & Haritou 1995; Paternoster et al. 1998) — e.g. NQP's slope in two regions:
 *
 *   z = (β̂_A − β̂_B) / √(se_A² + se_B²),    p = 2·(1 − Φ(|z|)).
 *
 * What it assumes: (1) the two samples are independent, so Cov(β̂_A, β̂_B) = 0 and the variance of
 * the difference is the sum of the variances (two disjoint sets of units with errors independent
 * across units; a shock common to both samples breaks this); (2) the standard errors are treated
 * as known, so z is referred to the standard normal (a large-sample approximation: with few
 * residual degrees of freedom the true reference is wider); (3) each se is right for its sample:
 * the test inherits the covariance the fits were made with (classical by default, as in the
 * paper; HC1 or cluster-robust if the fits used them). Unlike a pooled model with an interaction
 * (one slope allowed to differ, the error variance and the other slopes common) or a Chow test
 * (all coefficients at once, one error variance), each sample keeps its own error variance and
 * all of its own slopes.
 */
import { DataError } from "../data/errors";
import { normalCdf } from "./distributions";
import type { RegressionResults } from "./regression-results";

/** Result of `coefficientDifferenceTest`. */
export interface CoefficientDifferenceTest {
  /** The term compared, e.g. "NQP". */
  term: string;
  /** β̂_A − β̂_B. */
  difference: number;
  /** √(se_A² + se_B²). */
  se: number;
  /** difference / se. */
  z: number;
  /** Two-sided p-value from the standard normal, 2·(1 − Φ(|z|)). */
  pValue: number;
}

/**
 * Tests whether a coefficient differs between two fits on independent samples (see the file
 * header for the assumptions).
 *
 * Formula: z = (β̂_A − β̂_B)/√(se_A² + se_B²), p = 2·Φ(−|z|), with each fit's own `bse`.
 * Throws: DataError when `term` is not a parameter of both fits (listing their names) or when
 * both standard errors are zero (z undefined).
 * @example
 * const t6 = olsBy("CO ~ NQP + TRADE + UIS + GOV + RCY", df, "region");
 * coefficientDifferenceTest(t6.Northeast, t6.Southwest, "NQP"); // { difference: 0.191, z: 1.42, … }
 * coefficientDifferenceTest(ols("y ~ x", a), ols("y ~ x", b), "x").pValue;
 */
export function coefficientDifferenceTest(
  a: RegressionResults,
  b: RegressionResults,
  term: string,
): CoefficientDifferenceTest {
  for (const [label, fit] of [
    ["first", a],
    ["second", b],
  ] as const) {
    if (!(term in fit.params)) {
      throw new DataError(`the ${label} fit has no parameter "${term}"`, {
        variable: term,
        hint: `its parameters: ${Object.keys(fit.params).join(", ")}`,
      });
    }
  }
  const difference = a.params[term] - b.params[term];
  const se = Math.hypot(a.bse[term], b.bse[term]);
  if (!(se > 0)) {
    throw new DataError(`both standard errors of "${term}" are zero: z is undefined`, {
      variable: term,
      hint: "check that each sample has residual variation (more rows than parameters)",
    });
  }
  const z = difference / se;
  return { term, difference, se, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
