/**
 * Ordinary least squares, the estimator behind Tables 5 and 6 of the paper.
 *
 * Model: y = Xβ + ε, n observations, k parameters (a constant `const` first, then the
 * regressors). Estimate β̂ = argmin ‖y − Xβ‖², computed by Householder QR (see qr.ts):
 *
 *   X = QR  ⇒  β̂ = R⁻¹ (Q'y)₁…ₖ,   SSR = Σᵢ₌ₖ₊₁ⁿ (Q'y)ᵢ²,   residuals e = y − Xβ̂,
 *   (X'X)⁻¹ = R⁻¹R⁻ᵀ   (from the triangular R; X'X itself is never formed).
 *
 * Covariance of β̂, chosen at fit time (`cov` option), with B = (X'X)⁻¹ the "bread":
 *   classical  V = s² B,                         s² = SSR / (n − k)
 *   HC1        V = n/(n−k) · B (Σᵢ eᵢ² xᵢxᵢ') B  (White, with Stata's `robust` factor)
 *   cluster    V = c · B (Σ_g u_g u_g') B,  u_g = Σ_{i∈g} eᵢxᵢ,
 *              c = G/(G−1) · (n−1)/(n−k)         (Stata's CR1, `vce(cluster id)`)
 * Standard errors are √diag(V), t = β̂/se, two-sided p-values and 95% intervals use Student's t
 * with n − k degrees of freedom (G − 1 for clustered errors, as Stata and fixest do).
 *
 * Ill-conditioned designs (condition number of the column-scaled X above 100, e.g. polynomials
 * or a raw calendar year) get a few steps of iterative refinement with compensated residuals
 * (least-squares-refinement.ts), which keeps ≥ 10 correct digits on NIST's hardest problems.
 *
 * The result uses statsmodels' names in camelCase (`params`, `bse`, `tvalues`, `rsquaredAdj` …).
 * R² is centred when the model has a constant and uncentred otherwise (statsmodels' rule).
 *
 * The file reads top to bottom: types → the public `ols()` → the allocation-free kernel
 * (`olsFitInto`, `covarianceInto`, `inferenceInto`) it is built from → input checks.
 */
import { DataError } from "../data/errors";
import { fPValue, tCdfUnchecked, tQuantile } from "./distributions";
import {
  QR_RANK_TOL,
  applyQt,
  backSubstitute,
  householderQRInPlace,
  invertUpperTriangular,
} from "./qr";
import { refineLeastSquares, type RefinementWork } from "./least-squares-refinement";

// ─── Types ──────────────────────────────────────────────────────────────────────────────────

/** Covariance estimator: classical (homoskedastic), HC1 (robust), or cluster-robust CR1. */
export type CovType = "classical" | "HC1" | { type: "cluster"; groups: (string | number)[] };

/** Options of `ols()`: intercept, names, covariance type, df adjustment, rank tolerance. */
export interface OlsOptions {
  /** Add a constant named "const" as the first column (default true). */
  intercept?: boolean;
  /** Names of the columns of X (without the constant); default x1, x2, … */
  names?: string[];
  /** Covariance estimator (default "classical"). */
  cov?: CovType;
  /** Name of the dependent variable (default "y"), used in messages and tables. */
  yName?: string;
  /** Extra degrees of freedom used up by absorbed fixed effects: dfResid = n − k − absorbedDf. */
  absorbedDf?: number;
  /** Relative tolerance for rank detection (default 1e-7, as R's lm). */
  tol?: number;
}

/** The fitted model, with statsmodels' names in camelCase (`params`, `bse`, `rsquaredAdj` …). */
export interface OlsResult {
  /** Parameter names, "const" first when there is an intercept. */
  names: string[];
  params: number[];
  /** Standard errors √diag(covParams). */
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  /** 95% confidence intervals [low, high]. */
  confInt: [number, number][];
  rsquared: number;
  rsquaredAdj: number;
  /** Overall F (Wald for robust/cluster); NaN when the model has no slope to test. */
  fvalue: number;
  fPvalue: number;
  nobs: number;
  /** Number of slopes: k − 1 with a constant, k without. */
  dfModel: number;
  /** n − k − absorbedDf. */
  dfResid: number;
  /** Degrees of freedom of the t reference distribution (dfResid, or G − 1 when clustered). */
  dfInference: number;
  ssr: number;
  /** Explained sum of squares: centredTss − ssr with a constant, Σy² − ssr without. */
  ess: number;
  centeredTss: number;
  uncenteredTss: number;
  resid: number[];
  fitted: number[];
  covParams: number[][];
  /** "classical", "HC1" or "cluster". */
  covType: string;
  /** Number of clusters G (cluster covariance only). */
  nClusters?: number;
  yName: string;
  /** s² = ssr / dfResid. */
  sigma2: number;
  /** The bread (X'X)⁻¹ = R⁻¹R⁻ᵀ, handy for bootstrap code. */
  xtxInv: number[][];
  /** Whether the model contains a constant (added, or found among the columns). */
  hasConstant: boolean;
  /** Condition number κ_F of the design with unit-length columns (≥ 1; > 100 was refined). */
  conditionNumber: number;
}

// ─── The public entry point ─────────────────────────────────────────────────────────────────

/**
 * Fits y = Xβ + ε by least squares (Householder QR) and returns a statsmodels-like result.
 *
 * Formula: β̂ = R⁻¹Q'y; V(β̂) classical s²(X'X)⁻¹, HC1 or cluster CR1 (see the file header);
 * t = β̂/se, p = 2·F_t(−|t|; df), R² = 1 − SSR/TSS.
 * Throws: DataError naming the variable (and row) for NaN/Infinity, ragged rows, y/X length
 * mismatch, n ≤ k, a constant y, cluster labels that do not match the rows or fewer than 2 clusters, and
 * naming the collinear columns when the design is rank-deficient.
 * @example
 * const r = olsMatrix([1, 3, 2, 5], [[1], [2], [3], [4]], { names: ["x"] });
 * r.params; // [0, 1.1] (const, x); r.rsquared ≈ 0.691
 */
export function olsMatrix(y: number[], X: number[][], options: OlsOptions = {}): OlsResult {
  const intercept = options.intercept ?? true;
  const yName = options.yName ?? "y";
  const absorbedDf = options.absorbedDf ?? 0;
  const n = y.length;
  const p = X.length > 0 ? X[0].length : (options.names?.length ?? 0);
  const xNames = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const names = intercept ? ["const", ...xNames] : [...xNames];
  const k = names.length;

  // 1. Check and pack the data into Float64Arrays (the kernel's format).
  checkShapes(y, X, xNames, yName, n, p, k, absorbedDf);
  const ws = getWorkspace(n, k);
  let hasConstant = packDesign(y, X, intercept, xNames, yName, ws);
  const groups = options.cov !== undefined && typeof options.cov === "object" ? options.cov : null;
  const covType = groups ? "cluster" : (options.cov ?? "classical");
  if (covType !== "classical" && covType !== "HC1" && covType !== "cluster") {
    throw new DataError(`unknown covariance type "${String(covType)}"`, {
      hint: 'use "classical", "HC1" or { type: "cluster", groups }',
    });
  }
  const nClusters = groups ? indexClusters(groups.groups, n, ws) : 0;

  // 2. Least squares by QR; a dependent column stops here with its name.
  const rank = olsFitInto(ws, options.tol ?? QR_RANK_TOL);
  if (rank < k) throw collinearityError(ws, rank, names);
  // An implicit constant (e.g. a full set of group dummies without "const"): R² is then centred,
  // as statsmodels does (it checks whether the constant lies in the column space of X).
  if (!hasConstant) hasConstant = spansConstant(ws);

  // 3. Covariance, then t, p and confidence intervals.
  const dfResid = n - k - absorbedDf;
  const sigma2 = ws.ssr / dfResid;
  const dfInference = covType === "cluster" ? nClusters - 1 : dfResid;
  covarianceInto(ws, covType, sigma2, dfResid, nClusters, absorbedDf);
  inferenceInto(ws, dfInference);

  // 4. Goodness of fit.
  let ySum = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    ySum += ws.y[i];
    yy += ws.y[i] * ws.y[i];
  }
  const yMean = ySum / n;
  let centeredTss = 0;
  for (let i = 0; i < n; i++) centeredTss += (ws.y[i] - yMean) * (ws.y[i] - yMean);
  const tss = hasConstant ? centeredTss : yy;
  if (!(tss > 0)) {
    throw new DataError(
      `${yName} is ${hasConstant ? "constant" : "zero"} in every row, so R² is undefined`,
      {
        variable: yName,
        hint: "check the dependent variable (a constant cannot be explained)",
      },
    );
  }
  const ess = tss - ws.ssr;
  const rsquared = 1 - ws.ssr / tss;
  const c = hasConstant ? 1 : 0;
  const rsquaredAdj = 1 - ((n - c) / dfResid) * (1 - rsquared);
  const dfModel = k - c;
  const [fvalue, fPvalue] = overallF(ws, covType, c, dfModel, ess, sigma2, dfInference);

  // 5. Copy out of the reusable workspace into plain arrays.
  const t975 = criticalT(dfInference);
  const params = toArray(ws.params, 0, k);
  const bse = toArray(ws.bse, 0, k);
  return {
    names,
    params,
    bse,
    tvalues: toArray(ws.tvalues, 0, k),
    pvalues: toArray(ws.pvalues, 0, k),
    confInt: params.map((b, j): [number, number] => [b - t975 * bse[j], b + t975 * bse[j]]),
    rsquared,
    rsquaredAdj,
    fvalue,
    fPvalue,
    nobs: n,
    dfModel,
    dfResid,
    dfInference,
    ssr: ws.ssr,
    ess,
    centeredTss,
    uncenteredTss: yy,
    resid: toArray(ws.resid, 0, n),
    fitted: toArray(ws.fitted, 0, n),
    covParams: toRows(ws.cov, k),
    covType,
    ...(covType === "cluster" ? { nClusters } : {}),
    yName,
    sigma2,
    xtxInv: toRows(ws.xtxInv, k),
    hasConstant,
    conditionNumber: ws.condition,
  };
}

// ─── The kernel: allocation-free least squares on Float64Arrays ─────────────────────────────

/** Buffers for one n×k least-squares problem; reuse it to fit many times without allocating. */
export interface OlsWorkspace {
  n: number;
  k: number;
  /** Inputs of `olsFitInto`: design (COLUMN-major n×k, (i, j) at j·n + i) and response. */
  X: Float64Array;
  y: Float64Array;
  /**
   * QR factors of X (an overwritten copy, column-major n×k) followed by one more column, y,
   * which the same pass turns into Q'y (`qty` is a view of that column).
   */
  qr: Float64Array;
  tau: Float64Array;
  pivot: Int32Array;
  /** Q'y (a view of column k of `qr`): its first k entries give β̂; SSR = Σ of the others². */
  qty: Float64Array;
  params: Float64Array;
  resid: Float64Array;
  fitted: Float64Array;
  ssr: number;
  /** R⁻¹ and (X'X)⁻¹ = R⁻¹R⁻ᵀ, k×k row-major. */
  rinv: Float64Array;
  xtxInv: Float64Array;
  /** Covariance of β̂ (k×k), the "meat" scratch (k×k), standard errors, t and p. */
  cov: Float64Array;
  meat: Float64Array;
  bse: Float64Array;
  tvalues: Float64Array;
  pvalues: Float64Array;
  /** Cluster index of each row (0…G−1) and the G×k score sums u_g. */
  cluster: Int32Array;
  scores: Float64Array;
  /** Condition number estimate κ_F of the column-scaled design, and refinement steps taken. */
  condition: number;
  refinementSteps: number;
  refine: RefinementWork;
}

/**
 * Designs whose column-scaled condition number κ_F exceeds this get iterative refinement
 * (least-squares-refinement.ts). Below it plain QR keeps ≥ 11 correct digits even with a large
 * residual (error ≲ κ²·ε·‖e‖/(‖X‖‖β‖)); the paper's designs have κ_F of a few dozen, so they
 * take the fast path, while a polynomial or a raw calendar year as regressor is refined.
 */
export const REFINE_ABOVE_CONDITION = 100;

/**
 * Allocates the buffers for fitting an n×k least-squares problem.
 *
 * Formula: none (memory only). Throws: nothing.
 * @example
 * const ws = createOlsWorkspace(110, 6);
 * ws.X.set(designColumnMajor); ws.y.set(y); olsFitInto(ws); // → ws.params, ws.ssr, ws.xtxInv
 */
export function createOlsWorkspace(n: number, k: number): OlsWorkspace {
  const qr = new Float64Array(n * (k + 1));
  return {
    n,
    k,
    X: new Float64Array(n * k),
    y: new Float64Array(n),
    qr,
    tau: new Float64Array(k),
    pivot: new Int32Array(k),
    qty: qr.subarray(n * k, n * k + n),
    params: new Float64Array(k),
    resid: new Float64Array(n),
    fitted: new Float64Array(n),
    ssr: 0,
    rinv: new Float64Array(k * k),
    xtxInv: new Float64Array(k * k),
    cov: new Float64Array(k * k),
    meat: new Float64Array(k * k),
    bse: new Float64Array(k),
    tvalues: new Float64Array(k),
    pvalues: new Float64Array(k),
    cluster: new Int32Array(n),
    scores: new Float64Array(n * k),
    condition: 0,
    refinementSteps: 0,
    refine: { f: new Float64Array(n), g: new Float64Array(k), d: new Float64Array(k) },
  };
}

/**
 * Least squares kernel: regresses `ws.y` on `ws.X` (fill them first) and writes β̂, residuals,
 * fitted values, SSR and (X'X)⁻¹ into the workspace. Returns the numerical rank; when it is
 * below k nothing else is computed (`ols()` then names the collinear columns). No allocation.
 *
 * Formula: X = QR; β̂ = R⁻¹(Q'y)₁…ₖ; SSR = Σᵢ₌ₖ₊₁ⁿ(Q'y)ᵢ²; e = y − Xβ̂; (X'X)⁻¹ = R⁻¹R⁻ᵀ.
 * Throws: nothing (the inputs are not checked: `ols()` does that).
 * @example
 * ws.X.set(designColumnMajor); ws.y.set(y); // element (i, j) of the design at j·n + i
 * if (olsFitInto(ws) === ws.k) console.log(ws.params, ws.ssr / (ws.n - ws.k));
 */
export function olsFitInto(ws: OlsWorkspace, tol: number = QR_RANK_TOL): number {
  const { n, k, qr, tau, pivot, qty, y } = ws;
  // Factorise [X y]: the reflectors that make R out of X turn the extra column y into Q'y.
  qr.set(ws.X);
  qty.set(y);
  const rank = householderQRInPlace(qr, n, k, tau, pivot, tol, 1);
  if (rank < k) return rank; // full rank ⇒ no column was moved, pivot is the identity

  // Q'y: its first k entries give β̂ through R, the others are the residual coordinates.
  backSubstitute(qr, n, k, qty, ws.params);
  let ssr = 0;
  for (let i = k; i < n; i++) ssr += qty[i] * qty[i];

  // Residuals by their definition eᵢ = yᵢ − Σⱼ xᵢⱼβ̂ⱼ (terms subtracted in the order j = 0…k−1).
  // SSR is taken from Q'y above, which stays accurate even when the fit is almost perfect.
  const e = ws.resid;
  const b = ws.params;
  const Xc = ws.X;
  for (let i = 0; i < n; i++) {
    let ei = y[i];
    for (let j = 0, at = i; j < k; j++, at += n) ei -= Xc[at] * b[j];
    e[i] = ei;
  }

  // R⁻¹ (column-major), and from it the condition number of the column-scaled design:
  // κ_F = ‖RD⁻¹‖_F·‖DR⁻¹‖_F = √k·‖DR⁻¹‖_F, D = diag(column lengths of X) = column lengths of R.
  const Ri = ws.rinv;
  invertUpperTriangular(qr, n, k, Ri);
  let scaledInvNorm2 = 0;
  for (let a = 0; a < k; a++) {
    let len2 = 0; // squared length of column a of R (= of X)
    for (let i = 0; i <= a; i++) len2 += qr[a * n + i] * qr[a * n + i];
    for (let b = a; b < k; b++) scaledInvNorm2 += len2 * Ri[b * k + a] * Ri[b * k + a];
  }
  ws.condition = Math.sqrt(k * scaledInvNorm2);

  // Ill-conditioned design: refine β̂ and e until the correction is at rounding level.
  ws.refinementSteps = 0;
  if (ws.condition > REFINE_ABOVE_CONDITION) {
    while (ws.refinementSteps < 4) {
      ws.refinementSteps += 1;
      const change = refineLeastSquares(ws.X, y, n, k, qr, tau, ws.params, e, ws.refine);
      if (change <= 4 * Number.EPSILON) break;
    }
    ssr = 0;
    for (let i = 0; i < n; i++) ssr += e[i] * e[i];
  }
  ws.ssr = ssr;
  for (let i = 0; i < n; i++) ws.fitted[i] = y[i] - e[i];

  // (X'X)⁻¹ = R⁻¹R⁻ᵀ: entry (a, b) = Σ_{l ≥ max(a,b)} R⁻¹[a,l]·R⁻¹[b,l] (R⁻¹ column-major).
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let l = b; l < k; l++) s += Ri[l * k + a] * Ri[l * k + b];
      ws.xtxInv[a * k + b] = s;
      ws.xtxInv[b * k + a] = s;
    }
  }
  return rank;
}

/**
 * Covariance matrix of β̂ into `ws.cov`, after `olsFitInto`. For "cluster", `ws.cluster` must
 * hold each row's cluster index 0…G−1.
 *
 * Formula: classical s²B; HC1 n/(n−k)·B(Σeᵢ²xᵢxᵢ')B; cluster G/(G−1)·(n−1)/(n−k)·B(Σ_g u_g u_g')B
 * with u_g = Σ_{i∈g} eᵢxᵢ and B = (X'X)⁻¹ (k counts absorbed fixed effects, as Stata's areg).
 * Throws: nothing.
 * @example
 * covarianceInto(ws, "classical", ws.ssr / (ws.n - ws.k), ws.n - ws.k, 0);
 * Math.sqrt(ws.cov[0]); // standard error of the first parameter
 */
export function covarianceInto(
  ws: OlsWorkspace,
  covType: "classical" | "HC1" | "cluster",
  sigma2: number,
  dfResid: number,
  nClusters: number,
  absorbedDf = 0,
): void {
  const { n, k, X, resid: e, meat, cov, xtxInv: B } = ws;
  if (covType === "classical") {
    for (let i = 0; i < k * k; i++) cov[i] = sigma2 * B[i];
    return;
  }
  meat.fill(0);
  let factor: number;
  if (covType === "HC1") {
    // meat = Σᵢ eᵢ² xᵢxᵢ', entry (a, b) = Σᵢ eᵢ² X[i,a] X[i,b]
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += e[i] * e[i] * X[a * n + i] * X[b * n + i];
        meat[a * k + b] = s;
      }
    }
    factor = n / dfResid;
  } else {
    // u_g = Σ_{i∈g} eᵢxᵢ (a G×k table), then meat = Σ_g u_g u_g'
    const u = ws.scores;
    u.fill(0, 0, nClusters * k);
    for (let a = 0; a < k; a++) {
      for (let i = 0; i < n; i++) u[ws.cluster[i] * k + a] += e[i] * X[a * n + i];
    }
    for (let g = 0; g < nClusters; g++) {
      for (let a = 0; a < k; a++) {
        for (let b = a; b < k; b++) meat[a * k + b] += u[g * k + a] * u[g * k + b];
      }
    }
    const K = k + absorbedDf;
    factor = (nClusters / (nClusters - 1)) * ((n - 1) / (n - K));
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) meat[a * k + b] = meat[b * k + a];
  sandwichInto(B, meat, factor, k, cov, ws.rinv);
}

/** cov = factor · B·M·B for symmetric k×k B and M (`tmp` is k×k scratch). */
function sandwichInto(
  B: Float64Array,
  M: Float64Array,
  factor: number,
  k: number,
  cov: Float64Array,
  tmp: Float64Array,
): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += B[a * k + l] * M[l * k + b];
      tmp[a * k + b] = s; // (B·M)[a, b]
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += tmp[a * k + l] * B[l * k + b];
      cov[a * k + b] = factor * s;
      cov[b * k + a] = factor * s;
    }
  }
}

/**
 * Standard errors, t statistics and two-sided p-values from `ws.cov` and `ws.params`.
 *
 * Formula: seⱼ = √Vⱼⱼ, tⱼ = β̂ⱼ/seⱼ, pⱼ = 2·F_t(−|tⱼ|; df) (Student's t CDF from @stdlib).
 * Throws: nothing.
 * @example
 * inferenceInto(ws, ws.n - ws.k);
 * ws.pvalues[1]; // p-value of the first slope
 */
export function inferenceInto(ws: OlsWorkspace, df: number): void {
  for (let j = 0; j < ws.k; j++) {
    const se = Math.sqrt(ws.cov[j * ws.k + j]);
    const t = ws.params[j] / se;
    ws.bse[j] = se;
    ws.tvalues[j] = t;
    ws.pvalues[j] = 2 * tCdfUnchecked(-Math.abs(t), df);
  }
}

/**
 * Overall F test that all slopes are zero. Classical: (ESS/q)/s². Robust and cluster: the Wald
 * statistic b'V⁻¹b/q on the slopes (Stata's `test`), referred to F(q, dfInference).
 */
function overallF(
  ws: OlsWorkspace,
  covType: string,
  c: number,
  q: number,
  ess: number,
  sigma2: number,
  dfDenominator: number,
): [number, number] {
  if (q <= 0) return [NaN, NaN];
  let F: number;
  if (covType === "classical") {
    F = ess / q / sigma2;
  } else {
    F = waldQuadraticForm(ws, c) / q;
    if (!Number.isFinite(F) || q > dfDenominator) return [NaN, NaN];
  }
  return [F, fPValue(F, q, dfDenominator)];
}

/** b'V⁻¹b for the slopes j = c…k−1, by a Cholesky factorisation of that block of V. */
function waldQuadraticForm(ws: OlsWorkspace, c: number): number {
  const { k, cov } = ws;
  const q = k - c;
  const L = ws.meat; // scratch, q×q row-major
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[(i + c) * k + (j + c)];
      for (let l = 0; l < j; l++) s -= L[i * q + l] * L[j * q + l];
      if (i === j) {
        if (!(s > 0)) return NaN; // V singular on the slopes (e.g. more slopes than clusters)
        L[i * q + i] = Math.sqrt(s);
      } else {
        L[i * q + j] = s / L[j * q + j];
      }
    }
  }
  // Solve L z = b (forward substitution); b'V⁻¹b = z'z.
  let zz = 0;
  const z = ws.scores; // free scratch once the covariance is computed
  for (let i = 0; i < q; i++) {
    let s = ws.params[i + c];
    for (let l = 0; l < i; l++) s -= L[i * q + l] * z[l];
    z[i] = s / L[i * q + i];
    zz += z[i] * z[i];
  }
  return zz;
}

/** t quantile for 95% intervals, memoised by df (a handful of distinct df per session). */
const criticalCache = new Map<number, number>();
function criticalT(df: number): number {
  let t = criticalCache.get(df);
  if (t === undefined) {
    t = tQuantile(0.975, df);
    if (criticalCache.size > 1000) criticalCache.clear();
    criticalCache.set(df, t);
  }
  return t;
}

// ─── Input checks and packing ───────────────────────────────────────────────────────────────

function checkShapes(
  y: number[],
  X: number[][],
  xNames: string[],
  yName: string,
  n: number,
  p: number,
  k: number,
  absorbedDf: number,
): void {
  if (X.length !== n) {
    throw new DataError(`${yName} has ${n} values but the design has ${X.length} rows`, {
      variable: yName,
      hint: "give y and X the same observations, in the same order",
    });
  }
  if (xNames.length !== p) {
    throw new DataError(`${xNames.length} names given for ${p} columns of X`, {
      variable: xNames.join(", "),
      hint: "pass one name per column of X (the constant is added and named for you)",
    });
  }
  if (!Number.isInteger(absorbedDf) || absorbedDf < 0) {
    throw new DataError(`absorbedDf must be a non-negative integer (got ${absorbedDf})`);
  }
  if (k === 0) throw new DataError("the model has no parameters", { variable: yName });
  if (n <= k + absorbedDf) {
    throw new DataError(
      `${n} observations are not enough for ${k + absorbedDf} parameters (need more rows than parameters)`,
      { variable: yName, hint: "use a larger sample or fewer regressors" },
    );
  }
}

/** Workspace reused across calls of the same size (ols() copies everything out). */
let cachedWorkspace: OlsWorkspace | null = null;
function getWorkspace(n: number, k: number): OlsWorkspace {
  if (cachedWorkspace === null || cachedWorkspace.n !== n || cachedWorkspace.k !== k) {
    cachedWorkspace = createOlsWorkspace(n, k);
  }
  return cachedWorkspace;
}

/**
 * Copies y and X (plus a leading column of ones) into the workspace, checking every value.
 * Returns whether the model has a constant: added, or (statsmodels' rule) a non-zero constant
 * column of X when no intercept is added.
 */
/** Whether the column space of the fitted design contains the constant vector (residual ≈ 0). */
function spansConstant(ws: OlsWorkspace): boolean {
  const { n, k } = ws;
  const ones = new Float64Array(n).fill(1);
  applyQt(ws.qr, ws.tau, n, k, ones);
  let rest = 0;
  for (let i = k; i < n; i++) rest += ones[i] * ones[i];
  return rest <= 1e-10 * n;
}

function packDesign(
  y: number[],
  X: number[][],
  intercept: boolean,
  xNames: string[],
  yName: string,
  ws: OlsWorkspace,
): boolean {
  const { n, k } = ws;
  const p = xNames.length;
  const off = intercept ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    if (typeof yi !== "number" || !Number.isFinite(yi)) {
      throw new DataError(`row ${i + 1} has ${String(yi)}`, {
        variable: yName,
        hint: "remove or impute missing values before estimating",
      });
    }
    ws.y[i] = yi;
    const row = X[i];
    if (!row || row.length !== p) {
      throw new DataError(`row ${i + 1} of X has ${row ? row.length : 0} columns, expected ${p}`, {
        variable: xNames.join(", "),
      });
    }
    if (intercept) ws.X[i] = 1; // column 0
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} has ${String(v)}`, {
          variable: xNames[j],
          hint: "remove or impute missing values before estimating",
        });
      }
      ws.X[(off + j) * n + i] = v;
    }
  }
  if (intercept) return true;
  for (let j = 0; j < k; j++) {
    const first = ws.X[j * n];
    if (first === 0) continue;
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = ws.X[j * n + i] === first;
    if (constant) return true;
  }
  return false;
}

/** Maps cluster labels to 0…G−1 in `ws.cluster` (first-appearance order); returns G. */
function indexClusters(groups: (string | number)[], n: number, ws: OlsWorkspace): number {
  if (!Array.isArray(groups) || groups.length !== n) {
    throw new DataError(
      `${Array.isArray(groups) ? groups.length : 0} cluster labels for ${n} observations`,
      { variable: "cluster", hint: "give one cluster label (e.g. the city) per row" },
    );
  }
  const index = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    const bad =
      g === null ||
      g === undefined ||
      g === "" ||
      (typeof g === "number" && !Number.isFinite(g)) ||
      (typeof g !== "number" && typeof g !== "string");
    if (bad) {
      throw new DataError(`row ${i + 1} has no valid cluster label (got ${String(g)})`, {
        variable: "cluster",
      });
    }
    let id = index.get(g);
    if (id === undefined) {
      id = index.size;
      index.set(g, id);
    }
    ws.cluster[i] = id;
  }
  if (index.size < 2) {
    throw new DataError(`cluster-robust errors need at least 2 clusters (got ${index.size})`, {
      variable: "cluster",
    });
  }
  return index.size;
}

/**
 * The error for a rank-deficient design: for each column the QR set aside, express it through
 * the accepted columns (solve R₁₁z = r₁₂) and name those with a non-negligible weight.
 */
function collinearityError(ws: OlsWorkspace, rank: number, names: string[]): DataError {
  const { n, k, qr, pivot } = ws;
  const col = new Float64Array(rank);
  const z = new Float64Array(rank);
  const described: string[] = [];
  const dropped: string[] = [];
  for (let p = rank; p < k; p++) {
    const name = names[pivot[p]];
    dropped.push(name);
    for (let i = 0; i < rank; i++) col[i] = qr[p * n + i];
    backSubstitute(qr, n, rank, col, z);
    // weight of each accepted column, measured on the scale of the columns themselves
    const norm = (c: number): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += ws.X[c * n + i] * ws.X[c * n + i];
      return Math.sqrt(s);
    };
    const own = norm(pivot[p]);
    const partners: string[] = [];
    for (let i = 0; i < rank; i++) {
      if (Math.abs(z[i]) * norm(pivot[i]) > 1e-6 * own) partners.push(names[pivot[i]]);
    }
    described.push(
      partners.length === 0
        ? `"${name}" is (numerically) zero`
        : `"${name}" is a linear combination of ${partners.map((s) => `"${s}"`).join(", ")}`,
    );
  }
  return new DataError(
    `the design is rank-deficient (collinear columns): ${described.join("; ")}`,
    {
      variable: dropped.join(", "),
      hint: "drop one of the collinear variables (a constant regressor is collinear with const)",
    },
  );
}

/** Copies a[from…to) into a plain array (a loop: Array.from on typed arrays is slow in V8). */
function toArray(a: Float64Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let i = from; i < to; i++) out[i - from] = a[i];
  return out;
}

function toRows(a: Float64Array, k: number): number[][] {
  const rows = new Array<number[]>(k);
  for (let i = 0; i < k; i++) rows[i] = toArray(a, i * k, i * k + k);
  return rows;
}
