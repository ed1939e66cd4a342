/**
 * Standardised ("beta") coefficients: the change in y, in standard deviations of y, for a
 * one-standard-deviation change in x_j — what Stata's `regress …, beta` reports. They make
 * regressors measured in different units comparable (the paper compares the "driving
 * strength" of NQP and TRADE).
 */
import { DataError } from "../data/errors";
import { fittedDesign, isFormulaFit, type FormulaFitLike } from "./fitted-design";
import type { OlsResult } from "./ols-matrix";

/** A formula fit as `betaCoefficients` reads it: its design, response and estimates. */
export interface BetaFit extends FormulaFitLike {
  model: FormulaFitLike["model"] & { endog: number[] };
  result: OlsResult;
}

/** Sample standard deviation (n − 1). */
function sampleSd(x: number[]): number {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v / n;
  let ss = 0;
  for (const v of x) ss += (v - mean) * (v - mean);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Beta coefficients of a fitted model, keyed by regressor name (the constant has none).
 *
 * Formula: b*_j = β̂_j · sd(x_j) / sd(y), sample standard deviations.
 * A formula fit can be passed alone: its response and regressors (without "Intercept") are used.
 * Throws: DataError when y or X do not match the fitted model (length, number of columns), when
 * sd(y) = 0, or for a formula fit with absorbed fixed effects.
 * @example
 * betaCoefficients(ols("CO ~ NQP + TRADE", df)); // { NQP: 0.85, TRADE: 0.13 }
 * const r = olsMatrix(y, X, { names: ["NQP", "TRADE"] });
 * betaCoefficients(r, y, X); // the same from arrays
 */
export function betaCoefficients(fit: BetaFit): Record<string, number>;
export function betaCoefficients(
  result: OlsResult,
  y: number[],
  X: number[][],
): Record<string, number>;
export function betaCoefficients(
  a: OlsResult | BetaFit,
  y?: number[],
  X?: number[][],
): Record<string, number> {
  if (isFormulaFit(a) && y === undefined) {
    const fit = a as BetaFit;
    return betaFromArrays(fit.result, fit.model.endog, fittedDesign(fit, "betaCoefficients").X);
  }
  if (y === undefined || X === undefined) {
    throw new DataError("betaCoefficients needs a formula fit, or a result with y and X", {
      hint: "write betaCoefficients(ols(formula, df)) or betaCoefficients(olsMatrix(y, X), y, X)",
    });
  }
  return betaFromArrays(a as OlsResult, y, X);
}

function betaFromArrays(result: OlsResult, y: number[], X: number[][]): Record<string, number> {
  const slopes = result.names
    .map((name, j) => ({ name, j }))
    .filter((s) => s.name !== "const" && s.name !== "Intercept");
  if (y.length !== result.nobs || X.length !== result.nobs) {
    throw new DataError(
      `the model was fitted on ${result.nobs} rows but y has ${y.length} and X ${X.length}`,
      {
        variable: result.yName,
        hint: "pass the same y and X (without the constant) as to olsMatrix()",
      },
    );
  }
  if (X.some((row) => row.length !== slopes.length)) {
    throw new DataError(
      `X must have ${slopes.length} columns (${slopes.map((s) => s.name).join(", ")})`,
      {
        variable: result.yName,
      },
    );
  }
  const sdY = sampleSd(y);
  if (!(sdY > 0))
    throw new DataError("y is constant, so beta coefficients are undefined", {
      variable: result.yName,
    });
  const out: Record<string, number> = {};
  slopes.forEach((s, c) => {
    out[s.name] = (result.params[s.j] * sampleSd(X.map((row) => row[c]))) / sdY;
  });
  return out;
}
