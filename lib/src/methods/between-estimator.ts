/**
 * The between estimator of a panel: OLS on the group means (plm's model = "between").
 *
 * A panel's variation splits into a between part (how the groups' averages differ) and a within
 * part (how each group moves around its own average). Fixed effects use only the within part;
 * the between estimator uses only the between part:
 *
 *   ȳᵢ = α + x̄ᵢ'β + ūᵢ,   i = 1…G,   one row per group (ȳᵢ, x̄ᵢ the means over its Tᵢ rows),
 *
 * fitted by OLS with G observations and dfResid = G − k. It is consistent only if the group
 * effects are uncorrelated with the regressors — exactly what fixed effects do not assume — so a
 * between slope far from the within slope is the picture of an omitted group characteristic.
 * Every group counts once whatever its Tᵢ (plm's "between"; random effects use a Tᵢ-weighted
 * version internally).
 */
import { olsMatrix, type CovType, type OlsResult } from "./ols-matrix";
import { panelDesign, panelGroups } from "./panel-groups";
import type { DataLike } from "../data/frame";

/** Options of `betweenEstimator`. */
export interface BetweenEstimatorOptions {
  /** Names of the columns of X (default x1, x2, …). */
  names?: string[];
  yName?: string;
  /** Covariance of the group-means regression (default "classical"). */
  cov?: "classical" | "HC1";
}

/** Result of `betweenEstimator`. */
export interface BetweenEstimatorResult {
  /** OLS of the group means (names "const", then the regressors; nobs = G). */
  result: OlsResult;
  /** Group labels in first-appearance order, their row counts Tᵢ, and the means. */
  groups: (string | number)[];
  counts: number[];
  yMeans: number[];
  XMeans: number[][];
  /** Number of rows of the panel (Σ Tᵢ). */
  nobs: number;
}

/**
 * Between estimator: OLS with a constant on the G group means of y and X.
 *
 * Formula: ȳᵢ = α + x̄ᵢ'β + ūᵢ by OLS (QR), dfResid = G − k; classical or HC1 covariance.
 * Throws: DataError for length mismatches, a missing group label, a non-finite value (with its
 * row), or (from `ols`) not more groups than parameters or a regressor whose group means are
 * collinear (e.g. one constant within every group and equal across groups).
 * @example
 * const b = betweenEstimator("inv ~ value + capital", grunfeld, { group: "firm" });
 * betweenEstimator(y, X, firm, { names: ["value", "capital"] }); // the matrix form
 * b.result.params; // [α, β_value, β_capital] from 10 firm means (plm: model = "between")
 */
export function betweenEstimator(
  formula: string,
  data: DataLike,
  opts: BetweenEstimatorOptions & { group: string },
): BetweenEstimatorResult;
export function betweenEstimator(
  y: number[],
  X: number[][],
  group: (string | number)[],
  opts?: BetweenEstimatorOptions,
): BetweenEstimatorResult;
export function betweenEstimator(
  a: string | number[],
  b: DataLike | number[][],
  c: (string | number)[] | (BetweenEstimatorOptions & { group: string }),
  d: BetweenEstimatorOptions = {},
): BetweenEstimatorResult {
  if (typeof a === "string") {
    const o = c as BetweenEstimatorOptions & { group: string };
    const pd = panelDesign(a, b as DataLike, o.group);
    return betweenEstimator(pd.y, pd.X, pd.labels, { ...o, names: pd.names, yName: pd.yName });
  }
  const y = a;
  const X = b as number[][];
  const group = c as (string | number)[];
  const opts = d;
  const { index, levels, counts } = panelGroups(y, X, group, opts);
  const k = X[0].length;
  const G = levels.length;
  const ySum = new Array<number>(G).fill(0);
  const XSum = Array.from({ length: G }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < y.length; i++) {
    const g = index[i];
    ySum[g] += y[i];
    for (let j = 0; j < k; j++) XSum[g][j] += X[i][j];
  }
  const yMeans = ySum.map((s, g) => s / counts[g]);
  const XMeans = XSum.map((row, g) => row.map((s) => s / counts[g]));
  const cov: CovType = opts.cov ?? "classical";
  const result = olsMatrix(yMeans, XMeans, { names: opts.names, yName: opts.yName, cov });
  return { result, groups: levels, counts, yMeans, XMeans, nobs: y.length };
}
