/**
 * White's (1980) general test for heteroskedasticity.
 *
 * White's test is the Breusch–Pagan (Koenker) test with a particular choice of auxiliary
 * variables: the regressors, their squares and all their cross-products. It needs no guess of
 * which variable drives the variance, and it detects exactly the heteroskedasticity that makes
 * the classical covariance s²(X'X)⁻¹ wrong (the kind HC standard errors repair):
 *
 *   regress e² on [1, xⱼ, xⱼ², xⱼxₗ (j < l)],   LM = n·R²  ~  χ²(m) under H₀,
 *
 * m = the number of linearly independent auxiliary columns (without the constant). Columns that
 * repeat others — the square of a dummy is the dummy, a constant regressor squares to a
 * constant — are dropped (and reported), as statsmodels' het_white and R's lm do by counting
 * the rank. With k regressors there are up to k(k + 3)/2 auxiliary columns, so the test needs
 * many observations. F variant: the overall F of the auxiliary regression.
 *
 * Equivalent to statsmodels' het_white(resid, [1, X]) and to lmtest::bptest(model,
 * ~ (x1 + … + xk)^2 + I(x1^2) + … + I(xk^2)).
 */
import { DataError } from "../data/errors";
import { fittedDesign, isFormulaFit, type FormulaFitLike } from "./fitted-design";
import { householderQR } from "./qr";
import { breuschPagan, type HeteroskedasticityTestResult } from "./breusch-pagan";

/** Options of `whiteTest`. */
export interface WhiteTestOptions {
  /** Names of the columns of X (default x1, x2, …): the auxiliary columns are named from them. */
  names?: string[];
}

/** Result of `whiteTest`: the Breusch–Pagan result plus the auxiliary columns dropped. */
export interface WhiteTestResult extends HeteroskedasticityTestResult {
  /** Auxiliary columns left out because they repeat others (e.g. "d^2" of a dummy d). */
  dropped: string[];
}

/**
 * White's test: Koenker's LM test with the regressors, their squares and cross-products.
 *
 * Formula: LM = n·R² of e² on [1, xⱼ, xⱼxₗ (j ≤ l)], after dropping dependent columns;
 * p = P(χ²(m) > LM), m = number of auxiliary columns kept; F = overall F of that regression.
 * Throws: DataError if resid and X differ in length or hold non-finite values, X has no column,
 * there are not more observations than auxiliary parameters (as `breuschPagan`), or the formula
 * fit absorbed fixed effects.
 * A formula fit can be passed alone (its regressors without the constant are used).
 * @example
 * whiteTest(ols("y ~ x1 + x2", df)).pValue;
 * const w = whiteTest(ols(y, X).resid, X, { names: ["x1", "x2"] });
 * w.auxNames; // ["x1", "x2", "x1^2", "x1*x2", "x2^2"]; w.df === 5
 */
export function whiteTest(fit: FormulaFitLike): WhiteTestResult;
export function whiteTest(resid: number[], X: number[][], opts?: WhiteTestOptions): WhiteTestResult;
export function whiteTest(
  a: number[] | FormulaFitLike,
  b?: number[][],
  opts: WhiteTestOptions = {},
): WhiteTestResult {
  if (isFormulaFit(a)) {
    const d = fittedDesign(a, "whiteTest");
    return whiteTest(d.resid, d.X, { names: d.names });
  }
  const resid = a;
  const X = b as number[][];
  if (!Array.isArray(X)) {
    throw new DataError("whiteTest(resid, X) needs the regressors X", {
      hint: "pass X (without the constant), or pass a formula fit alone",
    });
  }
  const n = resid.length;
  if (X.length !== n) {
    throw new DataError(`${n} residuals but ${X.length} rows of X`, {
      hint: "pass the design the residuals came from (without the constant)",
    });
  }
  const k = n > 0 ? X[0].length : 0;
  if (k === 0) throw new DataError("X has no column", { hint: "pass the model's regressors" });
  const names = opts.names ?? Array.from({ length: k }, (_, j) => `x${j + 1}`);
  if (names.length !== k) {
    throw new DataError(`${names.length} names given for ${k} columns of X`);
  }
  X.forEach((row, i) => {
    if (!row || row.length !== k) {
      throw new DataError(`row ${i + 1} of X has ${row ? row.length : 0} columns, expected ${k}`);
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} has ${String(v)}`, {
          variable: names[j],
          hint: "remove or impute missing values before testing",
        });
      }
    });
  });

  // Auxiliary columns: levels, then squares and cross-products in the order (j, l ≥ j).
  const cols: number[][] = [];
  const colNames: string[] = [];
  for (let j = 0; j < k; j++) {
    cols.push(X.map((row) => row[j]));
    colNames.push(names[j]);
  }
  for (let j = 0; j < k; j++) {
    for (let l = j; l < k; l++) {
      cols.push(X.map((row) => row[j] * row[l]));
      colNames.push(l === j ? `${names[j]}^2` : `${names[j]}*${names[l]}`);
    }
  }

  // Keep a linearly independent subset, the constant first (QR with rank detection, which sets
  // aside the later column of each dependent set).
  const m = cols.length + 1;
  const A = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    A[i * m] = 1;
    for (let c = 0; c < cols.length; c++) A[i * m + c + 1] = cols[c][i];
  }
  if (n < m) {
    throw new DataError(
      `${n} observations are not enough for White's auxiliary regression (${m} columns with the constant)`,
      { hint: "use a larger sample, or breuschPagan with fewer auxiliary variables" },
    );
  }
  const f = householderQR(A, n, m);
  const keep = Array.from(f.pivot.subarray(0, f.rank))
    .filter((c) => c > 0)
    .sort((a, b) => a - b)
    .map((c) => c - 1);
  const kept = new Set(keep);
  const dropped = colNames.filter((_, c) => !kept.has(c));
  const Z = Array.from({ length: n }, (_, i) => keep.map((c) => cols[c][i]));
  const bp = breuschPagan(resid, Z, { robust: true, names: keep.map((c) => colNames[c]) });
  return { ...bp, dropped };
}
