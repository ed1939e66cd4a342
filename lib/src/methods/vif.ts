/**
 * Variance inflation factors, the multicollinearity check of the paper's Table 4 — computed as
 * Stata's `estat vif` and R's `car::vif` do for a model with a constant.
 *
 * For regressor j, regress x_j on all the other regressors and a constant, with R²_j:
 *   VIF_j = 1 / (1 − R²_j),    tolerance_j = 1/VIF_j = 1 − R²_j,    mean VIF = Σ_j VIF_j / m.
 * VIF_j is the factor by which collinearity inflates the variance of β̂_j relative to
 * uncorrelated regressors; the usual rule of thumb flags VIF > 10.
 */
import { DataError } from "../data/errors";
import { ols } from "./ols";

/** One row of Table 4: the regressor, its VIF and its tolerance 1/VIF. */
export interface VifRow {
  name: string;
  vif: number;
  /** 1/VIF = 1 − R²_j. */
  tolerance: number;
}

/**
 * VIF of every regressor (rows in the given order) and their mean.
 *
 * Formula: VIF_j = 1/(1 − R²_j), R²_j from OLS of x_j on the other columns and a constant.
 * Throws: DataError naming the variable for NaN/Infinity (with its row), a names/columns
 * mismatch, too few rows, or naming the collinear columns when X (with a constant) is
 * rank-deficient (VIF would be infinite). With a single regressor VIF = 1.
 * @example
 * const v = vif(X, ["NQP", "TRADE", "UIS", "GOV", "RCY"]);
 * v.rows[0]; // { name: "NQP", vif: 2.81, tolerance: 0.356 }; v.mean → 2.10
 */
export function vif(X: number[][], names: string[]): { rows: VifRow[]; mean: number } {
  const m = names.length;
  if (m === 0) throw new DataError("VIF needs at least one regressor");
  X.forEach((row, i) => {
    if (!row || row.length !== m) {
      throw new DataError(`row ${i + 1} has ${row ? row.length : 0} values for ${m} names`, {
        variable: names.join(", "),
      });
    }
  });
  // The full design [1, X] must have full rank; this also checks every value (ols throws).
  // (The response is irrelevant here; the first regressor is as good as any.)
  ols(
    X.map((row) => row[0]),
    X,
    { names, yName: names[0] },
  );

  const rows: VifRow[] = names.map((name, j) => {
    if (m === 1) return { name, vif: 1, tolerance: 1 };
    const xj = X.map((row) => row[j]);
    const others = X.map((row) => row.filter((_, c) => c !== j));
    const r2 = ols(xj, others, { names: names.filter((_, c) => c !== j), yName: name }).rsquared;
    return { name, vif: 1 / (1 - r2), tolerance: 1 - r2 };
  });
  const mean = rows.reduce((s, r) => s + r.vif, 0) / m;
  return { rows, mean };
}
