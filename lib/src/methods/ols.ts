/**
 * Ordinary least squares from a model formula and a data frame, as statsmodels'
 * `smf.ols(formula, data).fit()` and fixest's `feols(formula, data)`:
 *
 *   ols("CO ~ NQP + TRADE + UIS + GOV + RCY", df)                      pooled OLS, classical SEs
 *   ols("CO ~ NQP + TRADE", df, { cov: "HC1" })                        heteroskedasticity-robust
 *   ols("CO ~ NQP + TRADE", df, { cov: "cluster", groups: "city" })    cluster-robust CR1
 *   ols("CO ~ NQP + TRADE | city + year", df)                          two-way fixed effects
 *
 * The formula grammar is in formula.ts; the estimator is `olsMatrix` (Householder QR, in
 * ols-matrix.ts) or, with fixed effects after "|", `fixedEffects` (the within transformation,
 * fixed-effects.ts). `ols(y, X, options)` with arrays is the matrix form and returns `olsMatrix`'s
 * result unchanged.
 */
import { DataError } from "../data/errors";
import { toColumns, type DataLike } from "../data/frame";
import { designMatrices } from "./formula";
import { fixedEffects } from "./fixed-effects";
import { olsMatrix, type OlsOptions, type OlsResult } from "./ols-matrix";
import { RegressionResults } from "./regression-results";

/** Options of a formula fit: the covariance, chosen at fit time. */
export interface FitOptions {
  /**
   * "classical" (default, as the paper; statsmodels' "nonrobust"), "HC1" (White with the
   * n/(n−k) factor, Stata's `robust`), or "cluster" (CR1 by `groups`).
   */
  cov?: "classical" | "nonrobust" | "HC1" | "cluster";
  /** Cluster labels for `cov: "cluster"`: a column name of the data, or one label per row. */
  groups?: string | (string | number)[];
}

function clusterLabels(
  options: FitOptions,
  cols: Record<string, (number | string)[]>,
  n: number,
): (string | number)[] | null {
  const cov = options.cov ?? "classical";
  if (cov !== "cluster") {
    if (options.groups !== undefined) {
      throw new DataError(`groups are only used with cov: "cluster" (got cov: "${cov}")`, {
        hint: 'write { cov: "cluster", groups: "city" }',
      });
    }
    if (!["classical", "nonrobust", "HC1"].includes(cov)) {
      throw new DataError(`unknown covariance "${String(cov)}"`, {
        hint: 'use "classical", "HC1" or "cluster" (with groups)',
      });
    }
    return null;
  }
  if (options.groups === undefined) {
    throw new DataError('cov: "cluster" needs the cluster column', {
      hint: 'write { cov: "cluster", groups: "city" }',
    });
  }
  if (typeof options.groups === "string") {
    const g = cols[options.groups];
    if (!Array.isArray(g)) {
      throw new DataError(`no column "${options.groups}" to cluster by`, {
        variable: options.groups,
        hint: `available columns: ${Object.keys(cols).join(", ")}`,
      });
    }
    return g;
  }
  if (options.groups.length !== n) {
    throw new DataError(`${options.groups.length} cluster labels for ${n} rows`, {
      hint: "give one label per row, or the name of a column",
    });
  }
  return options.groups;
}

/**
 * Fits a linear model by least squares, from a formula and a data frame (or from arrays).
 *
 * Formula: β̂ = argmin ‖y − Xβ‖² by Householder QR (X from the formula, with "Intercept" unless
 * "- 1"); with "| a (+ b)" the effects are absorbed by the within transformation first.
 * Covariance classical s²(X'X)⁻¹, HC1, or CR1 by `groups` (t(G − 1) reference).
 * Throws: DataError for a malformed formula (with the position), an unknown column (with close
 * matches), a text column without C(), a missing value (naming row, city and year), too few
 * rows (n ≤ k), collinear regressors (naming them), or a bad covariance option.
 * @example
 * const res = ols("CO ~ NQP + TRADE + UIS + GOV + RCY", df);
 * res.params.NQP; res.tvalues.TRADE; res.rsquared; res.nobs; // 0.875, 3.73, 0.864, 110
 * ols([1, 3, 2, 5], [[1], [2], [3], [4]]).params; // matrix form: [0, 1.1]
 */
export function ols(formula: string, data: DataLike, options?: FitOptions): RegressionResults;
export function ols(y: number[], X: number[][], options?: OlsOptions): OlsResult;
export function ols(
  a: string | number[],
  b: DataLike | number[][],
  options: FitOptions | OlsOptions = {},
): RegressionResults | OlsResult {
  if (typeof a !== "string") return olsMatrix(a, b as number[][], options as OlsOptions);
  return olsFormula(a, b as DataLike, options as FitOptions);
}

function olsFormula(formula: string, data: DataLike, options: FitOptions): RegressionResults {
  const cols = toColumns(data);
  const d = designMatrices(formula, cols);
  const groups = clusterLabels(options, cols, d.nobs);
  const cov: OlsOptions["cov"] = groups
    ? { type: "cluster", groups }
    : options.cov === "HC1"
      ? "HC1"
      : "classical";
  if (d.absorb.length === 0) {
    const result = olsMatrix(d.y, d.X, {
      names: d.xNames,
      yName: d.yName,
      intercept: d.intercept,
      cov,
    });
    const exog = d.intercept ? d.X.map((row) => [1, ...row]) : d.X;
    const names = d.intercept ? ["Intercept", ...d.xNames] : d.xNames;
    return new RegressionResults(result, {
      formula: d.formula.text,
      endogName: d.yName,
      endog: d.y,
      exogNames: names,
      exog,
      fixedEffects: [],
    });
  }
  if (d.xNames.length === 0) {
    throw new DataError(
      `the formula "${d.formula.text}" has no regressor besides the fixed effects`,
      {
        hint: 'add a regressor before "|"',
      },
    );
  }
  const [first, second] = d.absorb;
  const fe = fixedEffects(d.y, d.X, first, second ?? null, {
    effects: second ? "twoway" : "city",
    names: d.xNames,
    yName: d.yName,
    cov: groups ? { type: "cluster", groups } : (cov as "classical" | "HC1"),
  });
  // R² of the model with its effects (as the dummy regression and fixest's r2 report it); the
  // within R² is kept beside it.
  const yMean = d.y.reduce((acc, v) => acc + v, 0) / d.nobs;
  const tss = d.y.reduce((acc, v) => acc + (v - yMean) ** 2, 0);
  const rsquared = 1 - fe.result.ssr / tss;
  const rsquaredAdj = 1 - ((d.nobs - 1) / fe.result.dfResid) * (1 - rsquared);
  return new RegressionResults(
    { ...fe.result, rsquared, rsquaredAdj },
    {
      formula: d.formula.text,
      endogName: d.yName,
      endog: fe.yDemeaned,
      exogNames: d.xNames,
      exog: fe.XDemeaned,
      fixedEffects: d.formula.absorb,
    },
    {
      names: d.formula.absorb,
      levels: d.absorb.map((labels) => new Set(labels).size),
      withinRsquared: fe.withinR2,
    },
  );
}

/**
 * The same model fitted separately on each subsample of a column, as fixest's
 * `feols(formula, data, split = ~by)`: one fit per distinct value, keyed by it.
 *
 * Formula: ols(formula, rows with by = v) for each value v (order: `order`, else first appearance).
 * Throws: DataError if `by` is not a column (naming close matches via the formula check), if an
 * `order` value does not occur, or as `ols` on a subsample (e.g. too few rows).
 * @example
 * const t6 = olsBy("CO ~ NQP + TRADE + UIS + GOV + RCY", df, "region");
 * t6.Northeast.params.NQP; t6.Southwest.nobs; // 0.629, 50
 */
export function olsBy(
  formula: string,
  data: DataLike,
  by: string,
  options: FitOptions & { order?: string[] } = {},
): Record<string, RegressionResults> {
  const cols = toColumns(data);
  const labels = cols[by];
  if (!Array.isArray(labels)) {
    throw new DataError(`no column "${by}" to split the sample by`, {
      variable: by,
      hint: `available columns: ${Object.keys(cols).join(", ")}`,
    });
  }
  const values = [...new Set(labels.map(String))];
  const order = options.order ?? values;
  for (const v of order) {
    if (!values.includes(v)) {
      throw new DataError(`no row has ${by} = "${v}"`, {
        variable: by,
        hint: `values present: ${values.join(", ")}`,
      });
    }
  }
  const out: Record<string, RegressionResults> = {};
  for (const v of order) {
    const rows = labels.flatMap((l, i) => (String(l) === v ? [i] : []));
    const sub = Object.fromEntries(
      Object.entries(cols).map(([k, col]) => [k, rows.map((i) => col[i])]),
    );
    const groups = Array.isArray(options.groups)
      ? rows.map((i) => (options.groups as (string | number)[])[i])
      : options.groups;
    out[v] = ols(formula, sub, { cov: options.cov, groups });
  }
  return out;
}
