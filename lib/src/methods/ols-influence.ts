/**
 * Influence diagnostics of a least-squares fit: leverage, studentized residuals, Cook's distance
 * and DFFITS (R's hatvalues, rstandard, rstudent, cooks.distance, dffits; statsmodels'
 * OLSInfluence).
 *
 * Leverage. The fitted values are ŷ = Hy with the hat matrix H = X(X'X)⁻¹X'; its diagonal
 * hᵢᵢ ∈ [1/n, 1] (with a constant) measures how far row i's regressors lie from the others, and
 * Σhᵢᵢ = k. From the QR factorisation X = Q₁R, H = Q₁Q₁', so hᵢᵢ = Σⱼ Q₁[i, j]²: the squared
 * length of row i of Q₁ — no X'X is formed or inverted.
 *
 * Residuals on a common scale. Var(eᵢ) = σ²(1 − hᵢᵢ), so high-leverage rows have small residuals.
 *   internally studentized  rᵢ = eᵢ / (s √(1 − hᵢᵢ)),            s² = SSR/(n − k)
 *   externally studentized  tᵢ = eᵢ / (s₍ᵢ₎ √(1 − hᵢᵢ)) = rᵢ √((n − k − 1)/(n − k − rᵢ²)),
 *                           s₍ᵢ₎ = s without row i; tᵢ ~ t(n − k − 1) for a single outlier.
 * Influence = leverage × surprise:
 *   Cook's distance  Dᵢ = rᵢ² hᵢᵢ / (k (1 − hᵢᵢ))  (how far β̂ moves when row i is dropped, in
 *                    units of its confidence ellipsoid; Dᵢ > 4/n or > 1 are common flags)
 *   DFFITS           tᵢ √(hᵢᵢ/(1 − hᵢᵢ)).
 */
import { DataError } from "../data/errors";
import { fittedDesign, isFormulaFit, type FormulaFitLike } from "./fitted-design";
import { applyQ, applyQt, householderQR } from "./qr";

/** Options of `olsInfluence`. */
export interface OlsInfluenceOptions {
  /** Add a constant column to X, as `ols` does by default (default true). */
  intercept?: boolean;
  /** Names of the columns of X (default x1, x2, …), used in messages. */
  names?: string[];
}

/** Influence measures, one value per observation (statsmodels' names in camelCase). */
export interface OlsInfluenceResult {
  /** Leverage hᵢᵢ, the diagonal of the hat matrix. */
  hatMatrixDiag: number[];
  /** eᵢ / (s√(1 − hᵢᵢ)) — R's rstandard. */
  residStudentizedInternal: number[];
  /** eᵢ / (s₍ᵢ₎√(1 − hᵢᵢ)) — R's rstudent. */
  residStudentizedExternal: number[];
  /** rᵢ²hᵢᵢ / (k(1 − hᵢᵢ)). */
  cooksDistance: number[];
  /** tᵢ√(hᵢᵢ/(1 − hᵢᵢ)). */
  dffits: number[];
  /** s² = SSR/(n − k). */
  sigma2: number;
  nobs: number;
  /** Number of parameters k (with the constant). */
  kParams: number;
  dfResid: number;
}

/**
 * Leverage, studentized residuals, Cook's distance and DFFITS of an OLS fit, from X and its
 * residuals.
 *
 * Formula: X = Q₁R (Householder), hᵢᵢ = Σⱼ Q₁[i, j]²; rᵢ = eᵢ/(s√(1−hᵢᵢ)), s² = Σe²/(n−k);
 * tᵢ = rᵢ√((n−k−1)/(n−k−rᵢ²)); Dᵢ = rᵢ²hᵢᵢ/(k(1−hᵢᵢ)); DFFITSᵢ = tᵢ√(hᵢᵢ/(1−hᵢᵢ)).
 * Throws: DataError if X and resid differ in length or hold non-finite values, n ≤ k + 1, X is
 * rank-deficient, the residuals are not those of a least-squares fit on this X (X'e ≠ 0: e.g.
 * the constant was forgotten or added twice), all residuals are 0, or a row has leverage 1 (the
 * model fits it exactly, as with a dummy for that row alone: its studentized residual is
 * undefined), or the formula fit absorbed fixed effects.
 * A formula fit can be passed alone (its design and residuals are used).
 * @example
 * const inf = olsInfluence(ols("y ~ x1 + x2", df));
 * inf.cooksDistance.indexOf(Math.max(...inf.cooksDistance)); // the most influential row
 * olsInfluence(X, ols(y, X).resid).hatMatrixDiag;          // the same from arrays
 */
export function olsInfluence(fit: FormulaFitLike): OlsInfluenceResult;
export function olsInfluence(
  X: number[][],
  resid: number[],
  opts?: OlsInfluenceOptions,
): OlsInfluenceResult;
export function olsInfluence(
  a: number[][] | FormulaFitLike,
  b?: number[],
  opts: OlsInfluenceOptions = {},
): OlsInfluenceResult {
  if (isFormulaFit(a)) {
    const d = fittedDesign(a, "olsInfluence");
    return olsInfluence(d.X, d.resid, { intercept: d.intercept, names: d.names });
  }
  const X = a;
  const resid = b as number[];
  if (!Array.isArray(resid)) {
    throw new DataError("olsInfluence(X, resid) needs the residuals of the fit", {
      hint: "pass the residuals, or pass a formula fit alone",
    });
  }
  const intercept = opts.intercept ?? true;
  const n = resid.length;
  if (X.length !== n) {
    throw new DataError(`${n} residuals but ${X.length} rows of X`, {
      hint: "pass the design and the residuals of the same fit",
    });
  }
  const p = n > 0 ? X[0].length : 0;
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const allNames = intercept ? ["const", ...names] : names;
  const k = allNames.length;
  if (k === 0) throw new DataError("the design has no column");
  if (n <= k + 1) {
    throw new DataError(`${n} observations are too few for ${k} parameters`, {
      hint: "externally studentized residuals need n > k + 1",
    });
  }
  const A = new Float64Array(n * k);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ei = resid[i];
    if (typeof ei !== "number" || !Number.isFinite(ei)) {
      throw new DataError(`residual ${i + 1} is ${String(ei)}`, { variable: "resid" });
    }
    e[i] = ei;
    const row = X[i];
    if (!row || row.length !== p) {
      throw new DataError(`row ${i + 1} of X has ${row ? row.length : 0} columns, expected ${p}`);
    }
    if (intercept) A[i * k] = 1;
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} has ${String(v)}`, { variable: names[j] });
      }
      A[i * k + j + (intercept ? 1 : 0)] = v;
    }
  }

  const f = householderQR(A, n, k);
  if (f.rank < k) {
    const dropped = Array.from(f.pivot.subarray(f.rank)).map((c) => allNames[c]);
    throw new DataError(
      `the design is rank-deficient: ${dropped.join(", ")} depend on the other columns`,
      {
        variable: dropped.join(", "),
        hint: "drop collinear columns (a constant column is collinear with const)",
      },
    );
  }

  // Residuals of a least-squares fit on X are orthogonal to its columns: Q₁'e = 0.
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += e[i] * e[i];
  if (!(ssr > 0)) throw new DataError("every residual is 0 (a perfect fit)", { variable: "resid" });
  const qte = Float64Array.from(e);
  applyQt(f.qr, f.tau, n, k, qte);
  let along = 0;
  for (let j = 0; j < k; j++) along += qte[j] * qte[j];
  if (Math.sqrt(along) > 1e-6 * Math.sqrt(ssr)) {
    throw new DataError("the residuals are not those of a least-squares fit on this X (X'e ≠ 0)", {
      variable: "resid",
      hint: intercept
        ? "pass the same regressors as the fit (with intercept: false if X already has a constant)"
        : "pass the same regressors as the fit (intercept: true if the fit added a constant)",
    });
  }

  // Leverage: squared row lengths of Q₁ (column j of Q₁ is Q·e_j).
  const h = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    col.fill(0);
    col[j] = 1;
    applyQ(f.qr, f.tau, n, k, col);
    for (let i = 0; i < n; i++) h[i] += col[i] * col[i];
  }

  const dfResid = n - k;
  const sigma2 = ssr / dfResid;
  const s = Math.sqrt(sigma2);
  const internal: number[] = [];
  const external: number[] = [];
  const cooks: number[] = [];
  const dffits: number[] = [];
  for (let i = 0; i < n; i++) {
    const hi = h[i];
    if (!(1 - hi > 1e-10)) {
      throw new DataError(
        `row ${i + 1} has leverage 1: the model fits it exactly, so its studentized residual and Cook's distance are undefined`,
        { hint: "look for a regressor (e.g. a dummy) that is non-zero in this row only" },
      );
    }
    const r = e[i] / (s * Math.sqrt(1 - hi));
    // s₍ᵢ₎² = (SSR − eᵢ²/(1 − hᵢᵢ)) / (n − k − 1), computed without cancellation via rᵢ
    const t = r * Math.sqrt((dfResid - 1) / Math.max(dfResid - r * r, Number.MIN_VALUE));
    internal.push(r);
    external.push(t);
    cooks.push((r * r * hi) / (k * (1 - hi)));
    dffits.push(t * Math.sqrt(hi / (1 - hi)));
  }
  return {
    hatMatrixDiag: Array.from(h),
    residStudentizedInternal: internal,
    residStudentizedExternal: external,
    cooksDistance: cooks,
    dffits,
    sigma2,
    nobs: n,
    kParams: k,
    dfResid,
  };
}
