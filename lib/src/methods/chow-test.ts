/**
 * The Chow test: are all the coefficients of a regression (constant included) equal across
 * groups? It compares the pooled fit with separate fits per group (equivalently, with the model
 * fully interacted with the group dummies):
 *
 *   F = [(SSR_pooled − Σ_g SSR_g)/((L − 1)K)] / [Σ_g SSR_g/(N − L·K)]  ~  F((L − 1)K, N − L·K)
 *
 * under homoskedastic errors with the same variance in every group (classical OLS assumptions).
 * It tests every coefficient at once; a test of one slope is the t test of that slope's
 * interaction with the group dummy (`ols("y ~ x * C(g)", data)`), or its cluster-robust and
 * wild-bootstrap versions.
 */
import { DataError } from "../data/errors";
import { frameColumn, toColumns, type DataLike } from "../data/frame";
import { fPValue } from "./distributions";
import { designMatrices } from "./formula";
import { olsMatrix, type OlsResult } from "./ols-matrix";

/** Result of `chowTest`. */
export interface ChowTestResult {
  F: number;
  df1: number;
  df2: number;
  pValue: number;
  ssrPooled: number;
  ssrSplit: number;
  groups: { label: string | number; n: number; ssr: number; result: OlsResult }[];
}

/**
 * Chow test that all coefficients (constant included) are equal across groups.
 *
 * Formula: F = [(SSR_pooled − Σ_g SSR_g)/((L−1)K)] / [Σ_g SSR_g/(N − L·K)] ~ F((L−1)K, N − LK),
 * L groups, K = k + 1 parameters. Throws: DataError on length mismatches, fewer than 2 groups,
 * or a group too small to fit the model (named).
 * @example
 * const chow = chowTest("y ~ x1 + x2", data, "group");
 * chow.F; chow.pValue; // or chowTest(y, X, groups, { names: ["x1", "x2"] })
 */
export function chowTest(formula: string, data: DataLike, by: string): ChowTestResult;
export function chowTest(
  y: number[],
  X: number[][],
  groups: (string | number)[],
  opts?: { names?: string[]; yName?: string },
): ChowTestResult;
export function chowTest(
  a: string | number[],
  b: DataLike | number[][],
  c: string | (string | number)[],
  d: { names?: string[]; yName?: string } = {},
): ChowTestResult {
  if (typeof a === "string") {
    const cols = toColumns(b as DataLike);
    const dm = designMatrices(a, cols);
    if (dm.absorb.length > 0 || !dm.intercept) {
      throw new DataError("the Chow test compares models with a constant and no absorbed effects", {
        hint: 'use a formula like "y ~ x1 + x2"',
      });
    }
    return chowTest(dm.y, dm.X, frameColumn(cols, c as string), {
      names: dm.xNames,
      yName: dm.yName,
    });
  }
  const y = a;
  const X = b as number[][];
  const groups = c as (string | number)[];
  const opts = d;
  const n = y.length;
  if (groups.length !== n) {
    throw new DataError(`${groups.length} group labels for ${n} observations`, {
      variable: "groups",
    });
  }
  const pooled = olsMatrix(y, X, { names: opts.names, yName: opts.yName });
  const K = pooled.names.length;
  const levels = [...new Set(groups)];
  if (levels.length < 2) {
    throw new DataError(`the Chow test needs at least 2 groups (got ${levels.length})`, {
      variable: "groups",
    });
  }
  const parts = levels.map((label) => {
    const rows = groups.map((g, i) => (g === label ? i : -1)).filter((i) => i >= 0);
    if (rows.length <= K) {
      throw new DataError(`group has ${rows.length} observations for ${K} parameters`, {
        variable: String(label),
        hint: "a Chow test needs more observations than parameters in every group",
      });
    }
    const result = olsMatrix(
      rows.map((i) => y[i]),
      rows.map((i) => X[i]),
      { names: opts.names, yName: opts.yName },
    );
    return { label, n: rows.length, ssr: result.ssr, result };
  });
  const ssrSplit = parts.reduce((s, p) => s + p.ssr, 0);
  const df1 = (levels.length - 1) * K;
  const df2 = n - levels.length * K;
  const F = (pooled.ssr - ssrSplit) / df1 / (ssrSplit / df2);
  return {
    F,
    df1,
    df2,
    // Upper tail without cancellation: P(F(d1, d2) > x) = P(F(d2, d1) < 1/x).
    pValue: fPValue(F, df1, df2),
    ssrPooled: pooled.ssr,
    ssrSplit,
    groups: parts,
  };
}
