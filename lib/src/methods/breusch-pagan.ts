/**
 * The Breusch–Pagan test for heteroskedasticity (Breusch & Pagan 1979; Koenker 1981).
 *
 * H₀: the error variance is the same for every observation; H₁: Var(εᵢ) = h(α₀ + zᵢ'α) depends
 * on p auxiliary variables z (usually the regressors). The test regresses the squared OLS
 * residuals on a constant and z — the auxiliary regression — and asks whether z explains them:
 *
 *   Koenker (studentized, the default):  LM = n·R²_aux,        R²_aux of e² on [1, z]
 *   Breusch–Pagan (original):            LM = ESS_aux / 2,     ESS_aux of e²/σ̂² on [1, z],
 *                                                              σ̂² = Σeᵢ²/n
 *   both ~ χ²(p) under H₀. The original assumes normal errors (its variance of e² is 2σ⁴);
 *   Koenker's version replaces that by the sample variance of e² and stays valid without
 *   normality, which is why lmtest::bptest and statsmodels default to it.
 *   F variant: the overall F of the auxiliary regression, ~ F(p, n − p − 1) (statsmodels).
 *
 * Equivalent to lmtest::bptest(model, ~ z, studentize = TRUE/FALSE) and statsmodels'
 * het_breuschpagan(resid, [1, z], robust = True/False). Here, as in `ols`, the constant of the
 * auxiliary regression is added for you: pass z without a column of ones.
 */
import { DataError } from "../data/errors";
import { chiSquarePValue } from "./distributions";
import { fittedDesign, isFormulaFit, type FormulaFitLike } from "./fitted-design";
import { olsMatrix } from "./ols-matrix";

/** Options of `breuschPagan`. */
export interface BreuschPaganOptions {
  /** Koenker's studentized statistic n·R² (default true); false: the original ESS/2. */
  robust?: boolean;
  /** Names of the auxiliary regressors (default z1, z2, …), used in messages. */
  names?: string[];
}

/** Result of `breuschPagan` (and `whiteTest`). */
export interface HeteroskedasticityTestResult {
  /** The LM statistic (n·R² or ESS/2). */
  statistic: number;
  /** Degrees of freedom p = number of auxiliary regressors (without the constant). */
  df: number;
  /** P(χ²(p) > statistic). */
  pValue: number;
  /** Overall F of the auxiliary regression, with its degrees of freedom and p-value. */
  fvalue: number;
  dfNum: number;
  dfDenom: number;
  fPvalue: number;
  /** R² of the auxiliary regression. */
  auxRsquared: number;
  /** Whether the statistic is Koenker's studentized one. */
  robust: boolean;
  /** The auxiliary regressors used (without the constant). */
  auxNames: string[];
  nobs: number;
}

/**
 * Breusch–Pagan LM test of homoskedasticity: regress the squared residuals on a constant and z.
 *
 * Formula: Koenker LM = n·R² of e² on [1, z] (default); original LM = ESS/2 of e²/σ̂² on [1, z]
 * with σ̂² = Σe²/n; p = P(χ²(p) > LM); F = overall F of the auxiliary regression, F(p, n − p − 1).
 * Throws: DataError if resid and z differ in length, a value is not finite, there are no
 * auxiliary regressors or not more rows than p + 1, the residuals are all zero or their squares
 * are all equal, z is collinear (with its constant; the columns are named), or the formula fit
 * absorbed fixed effects.
 * A formula fit can be passed alone: z is then its regressors (without the constant).
 * @example
 * breuschPagan(ols("y ~ x1 + x2", df)).pValue;            // Koenker, z = the regressors
 * const fit = ols(y, X, { names: ["x1", "x2"] });
 * breuschPagan(fit.resid, X, { robust: false }).statistic; // the original 1979 statistic
 */
export function breuschPagan(
  fit: FormulaFitLike,
  opts?: BreuschPaganOptions,
): HeteroskedasticityTestResult;
export function breuschPagan(
  resid: number[],
  z: number[][],
  opts?: BreuschPaganOptions,
): HeteroskedasticityTestResult;
export function breuschPagan(
  a: number[] | FormulaFitLike,
  b?: number[][] | BreuschPaganOptions,
  c: BreuschPaganOptions = {},
): HeteroskedasticityTestResult {
  if (isFormulaFit(a)) {
    const d = fittedDesign(a, "breuschPagan");
    const o = (b ?? {}) as BreuschPaganOptions;
    return breuschPagan(d.resid, d.X, { ...o, names: o.names ?? d.names });
  }
  const resid = a;
  const z = b as number[][];
  const opts = c;
  if (!Array.isArray(z)) {
    throw new DataError("breuschPagan(resid, z) needs the auxiliary regressors z", {
      hint: "pass z (e.g. the model's regressors), or pass a formula fit alone",
    });
  }
  const robust = opts.robust ?? true;
  const n = resid.length;
  if (z.length !== n) {
    throw new DataError(`${n} residuals but ${z.length} rows of auxiliary regressors`, {
      hint: "pass one row of z per residual, in the same order",
    });
  }
  const p = n > 0 ? z[0].length : 0;
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `z${j + 1}`);
  if (p === 0) {
    throw new DataError("the auxiliary regression has no regressor", {
      hint: "pass the variables the variance may depend on (e.g. the model's regressors)",
    });
  }
  if (n <= p + 1) {
    throw new DataError(`${n} residuals are not enough for ${p} auxiliary regressors`, {
      hint: "the auxiliary regression needs more rows than parameters (p + 1)",
    });
  }
  let ssr = 0;
  resid.forEach((e, i) => {
    if (typeof e !== "number" || !Number.isFinite(e)) {
      throw new DataError(`residual ${i + 1} is ${String(e)}`, {
        variable: "resid",
        hint: "remove rows with missing values before fitting the model",
      });
    }
    ssr += e * e;
  });
  if (!(ssr > 0)) {
    throw new DataError("every residual is 0 (a perfect fit): there is no variance to test", {
      variable: "resid",
    });
  }
  const sigma2 = ssr / n;
  const u = resid.map((e) => (robust ? e * e : (e * e) / sigma2));
  if (u.every((v) => v === u[0])) {
    throw new DataError(
      "every squared residual is the same: the auxiliary regression is undefined",
      {
        variable: "resid",
      },
    );
  }
  const aux = olsMatrix(u, z, { names, yName: robust ? "squared residuals" : "e²/σ̂²" });
  const statistic = robust ? n * aux.rsquared : aux.ess / 2;
  return {
    statistic,
    df: aux.dfModel,
    pValue: chiSquarePValue(statistic, aux.dfModel),
    fvalue: aux.fvalue,
    dfNum: aux.dfModel,
    dfDenom: aux.dfResid,
    fPvalue: aux.fPvalue,
    auxRsquared: aux.rsquared,
    robust,
    auxNames: names,
    nobs: n,
  };
}
