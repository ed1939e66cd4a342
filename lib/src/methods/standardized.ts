/**
 * Standardised ("beta") coefficients: the change in y, in standard deviations of y, for a
 * one-standard-deviation change in x_j — what Stata's `regress …, beta` reports. They make
 * regressors measured in different units comparable (the paper compares the "driving
 * strength" of NQP and TRADE).
 */
import { DataError } from "../data/errors";
import type { OlsResult } from "./ols-matrix";

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
 * Throws: DataError when y or X do not match the fitted model (length, number of columns), or
 * when sd(y) = 0.
 * @example
 * const r = olsMatrix(y, X, { names: ["NQP", "TRADE"] });
 * betaCoefficients(r, y, X); // { NQP: 0.85, TRADE: 0.13 }
 */
export function betaCoefficients(
  result: OlsResult,
  y: number[],
  X: number[][],
): Record<string, number> {
  const slopes = result.names.map((name, j) => ({ name, j })).filter((s) => s.name !== "const");
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
