/**
 * The regressors and residuals of a formula fit (`ols("y ~ x1 + x2", df)`), for the diagnostics
 * that work on arrays (Breusch–Pagan, White, influence): they accept a fit and read it here.
 * The constant column ("Intercept") is split off, because those methods add their own.
 */
import { DataError } from "../data/errors";

/** What a formula fit exposes (statsmodels' `res.model.exog` and `res.resid`). */
export interface FormulaFitLike {
  model: { exog: number[][]; exogNames: string[]; fixedEffects?: string[] };
  resid: number[];
}

/** The design of a fit without its constant column, and its residuals. */
export interface FittedDesign {
  /** Regressors, one row per observation, without the constant column. */
  X: number[][];
  names: string[];
  /** Whether the fit had a constant ("Intercept"). */
  intercept: boolean;
  resid: number[];
}

/** Whether `x` looks like a formula fit (has `model.exog` and `resid`). */
export function isFormulaFit(x: unknown): x is FormulaFitLike {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const m = (x as { model?: { exog?: unknown } }).model;
  return Array.isArray(m?.exog) && Array.isArray((x as { resid?: unknown }).resid);
}

/**
 * Splits a formula fit into its regressors (without "Intercept") and residuals.
 *
 * Formula: X = model.exog without the "Intercept" column; resid = the fit's residuals.
 * Throws: DataError if the fit absorbed fixed effects (its design is the demeaned one, so the
 * diagnostics of the dummy-variable regression are not what it holds: pass arrays instead).
 * @example
 * const { X, names, resid } = fittedDesign(ols("y ~ x1 + x2", df), "whiteTest");
 * names; // ["x1", "x2"]
 */
export function fittedDesign(fit: FormulaFitLike, method: string): FittedDesign {
  const fe = fit.model.fixedEffects ?? [];
  if (fe.length > 0) {
    throw new DataError(
      `${method} of a fit with absorbed fixed effects (${fe.join(", ")}) is not defined on its demeaned design`,
      { hint: "fit the effects as dummy variables (C(city)) or pass the arrays yourself" },
    );
  }
  const names = fit.model.exogNames;
  const c = names.indexOf("Intercept");
  const keep = names.map((_, j) => j).filter((j) => j !== c);
  return {
    X: fit.model.exog.map((row) => keep.map((j) => row[j])),
    names: keep.map((j) => names[j]),
    intercept: c >= 0,
    resid: fit.resid,
  };
}
