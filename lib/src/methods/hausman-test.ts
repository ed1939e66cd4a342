/**
 * The Hausman (1978) specification test: do two estimators of the same coefficients differ by
 * more than chance allows? In panels (plm::phtest, Stata's `hausman fe re`): fixed effects
 * against random effects.
 *
 * What it assumes. Under H₀ the group effects are uncorrelated with the regressors; then both
 * estimators are consistent and random effects is efficient (it has the smaller variance). Under
 * H₁ only fixed effects is consistent. Because the efficient estimator is uncorrelated with its
 * difference from any other consistent one, Var(β̂_FE − β̂_RE) = V_FE − V_RE, and
 *
 *   H = (β̂_FE − β̂_RE)' (V_FE − V_RE)⁻¹ (β̂_FE − β̂_RE)  ~  χ²(q)  under H₀,
 *
 * q = the number of coefficients both estimate (the slopes of regressors that vary within
 * groups; the constant is excluded). A small p rejects random effects.
 *
 * Caveats, each a reason the test can mislead: (1) the efficiency argument needs classical
 * (homoskedastic, serially uncorrelated) errors and classical covariances — with heteroskedastic
 * or clustered errors use a regression-based (Mundlak / auxiliary-regression) test with robust
 * errors instead; this function therefore refuses robust covariances; (2) in a finite sample
 * V_FE − V_RE need not be positive definite, and H can come out negative — plm reports |H|, so
 * does this function, and `positiveDefinite` says when it happened; (3) failing to reject is not
 * evidence for random effects when the test has little power (few groups).
 */
import { DataError } from "../data/errors";
import { choleskyLower } from "./cholesky";
import { chiSquarePValue } from "./distributions";
import type { OlsResult } from "./ols-matrix";

/** What the test needs from each estimator: names, estimates and covariance. */
export type HausmanFit = Pick<OlsResult, "names" | "params" | "covParams"> &
  Partial<Pick<OlsResult, "covType">>;

/** Result of `hausmanTest`. */
export interface HausmanTestResult {
  /** |d'(V_c − V_e)⁻¹d|, d = β̂_c − β̂_e over the common coefficients. */
  statistic: number;
  /** Number of common coefficients q. */
  df: number;
  /** P(χ²(q) > statistic). */
  pValue: number;
  /** The common coefficients (without "const"). */
  names: string[];
  /** β̂_c − β̂_e for each common coefficient. */
  difference: number[];
  /** V_c − V_e over the common coefficients. */
  covDifference: number[][];
  /** Whether V_c − V_e is positive definite (if not, the raw quadratic form may be negative). */
  positiveDefinite: boolean;
}

/**
 * Hausman test of a consistent estimator (e.g. fixed effects) against an efficient one (e.g.
 * random effects) on the coefficients both report, the constant ("const"/"Intercept") excluded.
 * Each argument is an array result (names, params, covParams) or a fit holding one in `.result`.
 *
 * Formula: d = β̂_c − β̂_e, H = |d'(V_c − V_e)⁻¹d| (solved by Gaussian elimination with partial
 * pivoting), p = P(χ²(q) > H).
 * Throws: DataError if the two fits share no coefficient, a covariance is not classical
 * (`covType` other than "classical"), a value is not finite, or V_c − V_e is singular.
 * @example
 * const fe = fixedEffects(y, X, group, null, { names });
 * const re = randomEffects(y, X, group, { names });
 * hausmanTest(fe, re).pValue; // small: prefer fixed effects (fe.result, re.result work too)
 */
export function hausmanTest(
  consistentFit: HausmanFit | { result: HausmanFit },
  efficientFit: HausmanFit | { result: HausmanFit },
): HausmanTestResult {
  const unwrap = (f: HausmanFit | { result: HausmanFit }): HausmanFit =>
    "result" in f && f.result !== undefined && Array.isArray(f.result.params)
      ? f.result
      : (f as HausmanFit);
  const consistent = unwrap(consistentFit);
  const efficient = unwrap(efficientFit);
  for (const [fit, role] of [
    [consistent, "consistent (fixed-effects)"],
    [efficient, "efficient (random-effects)"],
  ] as const) {
    if (fit.covType !== undefined && fit.covType !== "classical") {
      throw new DataError(
        `the ${role} fit uses a ${fit.covType} covariance; the Hausman statistic needs classical ones`,
        {
          hint: 'refit with cov: "classical", or use a regression-based (Mundlak) test with robust errors',
        },
      );
    }
    if (fit.params.length !== fit.names.length || fit.covParams.length !== fit.names.length) {
      throw new DataError(`the ${role} fit has mismatched names, estimates and covariance`);
    }
  }
  const isConstant = (n: string) => n === "const" || n === "Intercept";
  const common = consistent.names.filter((n) => !isConstant(n) && efficient.names.includes(n));
  if (common.length === 0) {
    throw new DataError("the two fits share no coefficient (other than the constant)", {
      hint: "fit both models with the same regressor names",
    });
  }
  const ic = common.map((n) => consistent.names.indexOf(n));
  const ie = common.map((n) => efficient.names.indexOf(n));
  const q = common.length;
  const difference = common.map((name, a) => {
    const d = consistent.params[ic[a]] - efficient.params[ie[a]];
    if (!Number.isFinite(d)) throw new DataError(`the estimate is not finite`, { variable: name });
    return d;
  });
  const covDifference = ic.map((ca, a) =>
    ic.map((cb, b) => consistent.covParams[ca][cb] - efficient.covParams[ie[a]][ie[b]]),
  );
  const x = solve(covDifference, difference);
  if (x === null) {
    throw new DataError(
      `V_consistent − V_efficient is singular on ${common.join(", ")}, so the Hausman statistic is undefined`,
      { hint: "check that the coefficients are estimated by both fits and vary within groups" },
    );
  }
  const raw = difference.reduce((s, d, a) => s + d * x[a], 0);
  const statistic = Math.abs(raw);
  return {
    statistic,
    df: q,
    pValue: chiSquarePValue(statistic, q),
    names: common,
    difference,
    covDifference,
    positiveDefinite: choleskyLower(covDifference) !== null, // Cholesky succeeds ⇔ PD
  };
}

/** Solves Ax = b by Gaussian elimination with partial pivoting; null if A is singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const q = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let c = 0; c < q; c++) {
    let p = c;
    for (let r = c + 1; r < q; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-13 * scale)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < q; r++) {
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= q; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(q);
  for (let r = q - 1; r >= 0; r--) {
    let s = M[r][q];
    for (let j = r + 1; j < q; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x;
}
