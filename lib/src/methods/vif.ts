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
import { olsMatrix } from "./ols-matrix";
import { RegressionResults } from "./regression-results";

/** One row of Table 4: the regressor, its VIF and its tolerance 1/VIF. */
export interface VifRow {
  name: string;
  vif: number;
  /** 1/VIF = 1 − R²_j. */
  tolerance: number;
}

/**
 * VIF of every regressor (rows in the given order) and their mean, from a regressor matrix and
 * its names, or from a fitted model (its regressors without the constant, as `car::vif(fit)`).
 *
 * Formula: VIF_j = 1/(1 − R²_j), R²_j from OLS of x_j on the other columns and a constant.
 * Throws: DataError naming the variable for NaN/Infinity (with its row), a names/columns
 * mismatch, too few rows, or naming the collinear columns when X (with a constant) is
 * rank-deficient (VIF would be infinite). With a single regressor VIF = 1.
 * @example
 * const v = vif(X, ["NQP", "TRADE", "UIS", "GOV", "RCY"]);
 * v.rows[0]; // { name: "NQP", vif: 2.81, tolerance: 0.356 }; v.mean → 2.10
 * vif(ols("CO ~ NQP + TRADE + UIS + GOV + RCY", df)).mean; // the same from a fit
 */
export function vif(fit: RegressionResults): { rows: VifRow[]; mean: number };
export function vif(X: number[][], names: string[]): { rows: VifRow[]; mean: number };
export function vif(
  a: number[][] | RegressionResults,
  b?: string[],
): { rows: VifRow[]; mean: number } {
  if (a instanceof RegressionResults) {
    const keep = a.model.exogNames.flatMap((n, j) => (n === "Intercept" ? [] : [j]));
    if (a.model.fixedEffects.length > 0) {
      throw new DataError(
        "VIF is defined for a model with a constant, not with absorbed fixed effects",
        {
          hint: "compute it on the pooled model",
        },
      );
    }
    return vifOf(
      a.model.exog.map((row) => keep.map((j) => row[j])),
      keep.map((j) => a.model.exogNames[j]),
    );
  }
  return vifOf(a, b ?? []);
}

function vifOf(X: number[][], names: string[]): { rows: VifRow[]; mean: number } {
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
  olsMatrix(
    X.map((row) => row[0]),
    X,
    { names, yName: names[0] },
  );

  const rows: VifRow[] = names.map((name, j) => {
    if (m === 1) return { name, vif: 1, tolerance: 1 };
    const xj = X.map((row) => row[j]);
    const others = X.map((row) => row.filter((_, c) => c !== j));
    const r2 = olsMatrix(xj, others, {
      names: names.filter((_, c) => c !== j),
      yName: name,
    }).rsquared;
    return { name, vif: 1 / (1 - r2), tolerance: 1 - r2 };
  });
  const mean = rows.reduce((s, r) => s + r.vif, 0) / m;
  return { rows, mean };
}
