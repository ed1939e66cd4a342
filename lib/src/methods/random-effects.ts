/**
 * The random-effects (GLS) estimator of a panel with the Swamy–Arora variance components —
 * plm's model = "random" with its default random.method = "swar", balanced or unbalanced.
 *
 * Model: yᵢₜ = α + xᵢₜ'β + uᵢ + εᵢₜ, with a group effect uᵢ ~ (0, σ²_u) and an idiosyncratic
 * error εᵢₜ ~ (0, σ²_e), both uncorrelated with the regressors (the assumption fixed effects do
 * not need, and the Hausman test checks). The errors of one group are then equicorrelated and
 * GLS is OLS after quasi-demeaning: subtract a fraction θᵢ of each group's mean,
 *
 *   yᵢₜ − θᵢȳᵢ = α(1 − θᵢ) + (xᵢₜ − θᵢx̄ᵢ)'β + error,   θᵢ = 1 − √(σ²_e / (Tᵢσ²_u + σ²_e)).
 *
 * θ = 0 is pooled OLS (no group effect), θ → 1 is fixed effects (the effect dominates, or Tᵢ is
 * large). The variance components are estimated first (Swamy & Arora 1972; for unbalanced
 * panels the quadratic-form version plm implements, Baltagi 2021 §9.2):
 *
 *   σ̂²_e = SSR_within / (N − G − K)                          (the fixed-effects fit, K slopes)
 *   σ̂²_u = (Σᵢ Tᵢ(ȳᵢ − z̄ᵢ'b̂)² − (G − K − 1)σ̂²_e) / (N − Σᵢ Tᵢhᵢ)
 *
 * where b̂ is the between regression weighted by Tᵢ (OLS of √Tᵢȳᵢ on √Tᵢz̄ᵢ, z̄ᵢ = (1, x̄ᵢ)) and
 * hᵢ its leverages; on a balanced panel the denominator is T(G − K − 1) and σ̂²_u =
 * SSR_between/(G − K − 1) − σ̂²_e/T, the textbook formula. A negative σ̂²_u is set to 0 (θ = 0:
 * the data show no group effect beyond noise), as plm does; `sigma2IdTruncated` says so.
 *
 * Standard errors: classical σ̂²(X*'X*)⁻¹ of the transformed regression with dfResid = N − K − 1
 * (plm's vcov), or HC1 / cluster-robust CR1 on the transformed regression (cluster by group:
 * plm's vcovHC(method = "arellano", type = "sss")). p-values and intervals use t(N − K − 1)
 * (t(G − 1) when clustered), as `ols` does; plm's summary prints normal (z) p-values instead.
 * R² is plm's: the squared correlation of the transformed y with its fitted values.
 */
import { DataError } from "../data/errors";
import { fixedEffects, type FixedEffectsResult } from "./fixed-effects";
import { olsMatrix, type OlsResult } from "./ols-matrix";
import { panelDesign, panelGroups } from "./panel-groups";
import type { DataLike } from "../data/frame";
import { waldTest } from "./wald-test";

/** Options of `randomEffects`. */
export interface RandomEffectsOptions {
  /** Names of the columns of X (default x1, x2, …). */
  names?: string[];
  yName?: string;
  /**
   * Covariance of the GLS regression: "classical" (default), "HC1", "cluster" (by group), or
   * { type: "cluster", groups } for other cluster labels.
   */
  cov?: "classical" | "HC1" | "cluster" | { type: "cluster"; groups: (string | number)[] };
}

/** Result of `randomEffects`. */
export interface RandomEffectsResult {
  /**
   * OLS of the quasi-demeaned data (names "const", then the regressors; N − K − 1 df), with
   * R² = corr(y*, ŷ*)² and the overall F a Wald F on the K slopes.
   */
  result: OlsResult;
  /** σ̂²_e, the idiosyncratic variance (from the within fit). */
  sigma2Idios: number;
  /** σ̂²_u, the variance of the group effect (0 if the estimate was negative). */
  sigma2Id: number;
  /** Whether σ̂²_u was negative and set to 0. */
  sigma2IdTruncated: boolean;
  /** θ when every group has the same number of rows; null otherwise (see thetaByGroup). */
  theta: number | null;
  /** θᵢ for each group, in the order of `groups`. */
  thetaByGroup: number[];
  groups: (string | number)[];
  counts: number[];
  /** Share of the error variance due to the group effect, σ²_u/(σ²_u + σ²_e). */
  shareId: number;
  /** Every group has the same number of rows. */
  balanced: boolean;
  nobs: number;
  nGroups: number;
  /** The within (fixed-effects) fit that gave σ̂²_e. */
  within: FixedEffectsResult;
  /** The Tᵢ-weighted between regression that gave σ̂²_u (on √Tᵢ-scaled group means). */
  betweenWeighted: OlsResult;
  /** The quasi-demeaned response and design (first column: 1 − θᵢ). */
  yTransformed: number[];
  XTransformed: number[][];
}

/**
 * Random-effects GLS with Swamy–Arora variance components (balanced or unbalanced panels).
 *
 * Formula: σ̂²_e = SSR_w/(N − G − K); σ̂²_u = (Σ Tᵢ(ȳᵢ − z̄ᵢ'b̂)² − (G − K − 1)σ̂²_e)/(N − Σ Tᵢhᵢ),
 * truncated at 0; θᵢ = 1 − √(σ̂²_e/(Tᵢσ̂²_u + σ̂²_e)); β̂ = OLS of yᵢₜ − θᵢȳᵢ on
 * (1 − θᵢ, xᵢₜ − θᵢx̄ᵢ).
 * Throws: DataError for length mismatches, missing values or group labels (named with the row),
 * fewer groups than K + 2 (the between regression needs G − K − 1 > 0), too few rows for the
 * within regression, or a regressor that does not vary within groups (named: its slope is not
 * identified by the within fit that estimates σ²_e) or between them.
 * @example
 * const re = randomEffects("inv ~ value + capital", grunfeld, { group: "firm" });
 * re.result.params; re.theta; // Grunfeld: [-57.83, 0.1098, 0.3081], θ = 0.861 (plm)
 */
export function randomEffects(
  formula: string,
  data: DataLike,
  opts: RandomEffectsOptions & { group: string },
): RandomEffectsResult;
export function randomEffects(
  y: number[],
  X: number[][],
  group: (string | number)[],
  opts?: RandomEffectsOptions,
): RandomEffectsResult;
export function randomEffects(
  a: string | number[],
  b: DataLike | number[][],
  c: (string | number)[] | (RandomEffectsOptions & { group: string }),
  d: RandomEffectsOptions = {},
): RandomEffectsResult {
  if (typeof a === "string") {
    const o = c as RandomEffectsOptions & { group: string };
    const pd = panelDesign(a, b as DataLike, o.group);
    return randomEffects(pd.y, pd.X, pd.labels, { ...o, names: pd.names, yName: pd.yName });
  }
  const y = a;
  const X = b as number[][];
  const group = c as (string | number)[];
  const opts = d;
  const yName = opts.yName ?? "y";
  const { index, levels, counts } = panelGroups(y, X, group, opts);
  const n = y.length;
  const K = X[0].length;
  const names = opts.names ?? Array.from({ length: K }, (_, j) => `x${j + 1}`);
  const G = levels.length;
  if (G - K - 1 <= 0) {
    throw new DataError(
      `${G} groups are not enough to estimate the group-effect variance with ${K} regressors`,
      {
        variable: "group",
        hint: `the between regression needs more groups than parameters (G ≥ ${K + 2})`,
      },
    );
  }

  // 1. σ²_e from the within (one-way fixed-effects) fit.
  const within = fixedEffects(y, X, group, null, { effects: "city", names, yName });
  const sigma2Idios = within.result.sigma2;

  // 2. σ²_u from the Tᵢ-weighted between regression: OLS of √Tᵢȳᵢ on √Tᵢ(1, x̄ᵢ).
  const yMean = new Array<number>(G).fill(0);
  const XMean = Array.from({ length: G }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < n; i++) {
    const g = index[i];
    yMean[g] += y[i] / counts[g];
    for (let j = 0; j < K; j++) XMean[g][j] += X[i][j] / counts[g];
  }
  const w = counts.map(Math.sqrt);
  const betweenWeighted = olsMatrix(
    yMean.map((v, g) => w[g] * v),
    XMean.map((row, g) => [w[g], ...row.map((v) => w[g] * v)]),
    { intercept: false, names: ["const", ...names], yName: `${yName} (group means, weighted)` },
  );
  // Σ Tᵢhᵢ with hᵢ = z̃ᵢ'(Z̃'Z̃)⁻¹z̃ᵢ, z̃ᵢ = √Tᵢ(1, x̄ᵢ) ((Z̃'Z̃)⁻¹ = R⁻¹R⁻ᵀ from the QR fit).
  const B = betweenWeighted.xtxInv;
  let traceTerm = 0;
  for (let g = 0; g < G; g++) {
    const z = [w[g], ...XMean[g].map((v) => w[g] * v)];
    let h = 0;
    for (let a = 0; a <= K; a++) for (let b = 0; b <= K; b++) h += z[a] * B[a][b] * z[b];
    traceTerm += counts[g] * h;
  }
  const quadBetween = betweenWeighted.ssr;
  const raw = (quadBetween - (G - K - 1) * sigma2Idios) / (n - traceTerm);
  const sigma2IdTruncated = !(raw >= 0);
  const sigma2Id = sigma2IdTruncated ? 0 : raw;

  // 3. Quasi-demean and fit.
  const thetaByGroup = counts.map((T) => 1 - Math.sqrt(sigma2Idios / (T * sigma2Id + sigma2Idios)));
  const yTransformed = y.map((v, i) => v - thetaByGroup[index[i]] * yMean[index[i]]);
  const XTransformed = X.map((row, i) => {
    const g = index[i];
    const t = thetaByGroup[g];
    return [1 - t, ...row.map((v, j) => v - t * XMean[g][j])];
  });
  const covOpt = opts.cov ?? "classical";
  const cov =
    covOpt === "cluster"
      ? { type: "cluster" as const, groups: group }
      : typeof covOpt === "object"
        ? covOpt
        : covOpt;
  const fit = olsMatrix(yTransformed, XTransformed, {
    intercept: false,
    names: ["const", ...names],
    yName,
    cov,
  });
  const result = { ...fit, ...goodnessOfFit(fit, yTransformed, K) };
  const balanced = counts.every((T) => T === counts[0]);
  return {
    result,
    sigma2Idios,
    sigma2Id,
    sigma2IdTruncated,
    theta: balanced ? thetaByGroup[0] : null,
    thetaByGroup,
    groups: levels,
    counts,
    shareId: sigma2Id / (sigma2Id + sigma2Idios),
    balanced,
    nobs: n,
    nGroups: G,
    within,
    betweenWeighted,
    yTransformed,
    XTransformed,
  };
}

/**
 * R² and the overall F of the GLS regression on the quasi-demeaned data, whose "constant"
 * column 1 − θᵢ varies when the panel is unbalanced (so `ols` would treat the model as having no
 * constant): R² = corr(y*, ŷ*)² (plm's default "cor" type; the centred R² when balanced) and F =
 * the Wald statistic on the K slopes / K (the classical F when balanced and classical).
 */
function goodnessOfFit(
  fit: OlsResult,
  yt: number[],
  K: number,
): Pick<OlsResult, "rsquared" | "rsquaredAdj" | "fvalue" | "fPvalue"> {
  const n = yt.length;
  const my = yt.reduce((s, v) => s + v, 0) / n;
  const mf = fit.fitted.reduce((s, v) => s + v, 0) / n;
  let syy = 0;
  let sff = 0;
  let syf = 0;
  for (let i = 0; i < n; i++) {
    const a = yt[i] - my;
    const b = fit.fitted[i] - mf;
    syy += a * a;
    sff += b * b;
    syf += a * b;
  }
  const rsquared = sff > 0 && syy > 0 ? (syf * syf) / (syy * sff) : 0;
  const rsquaredAdj = 1 - ((1 - rsquared) * (n - 1)) / fit.dfResid;
  let fvalue = NaN;
  let fPvalue = NaN;
  if (K > 0) {
    try {
      const w = waldTest(fit, {
        R: fit.names.slice(1).map((_, j) => fit.names.map((__, c) => (c === j + 1 ? 1 : 0))),
      });
      fvalue = w.fvalue;
      fPvalue = w.fPvalue;
    } catch (e) {
      if (!(e instanceof DataError)) throw e; // e.g. more slopes than clusters − 1: no F
    }
  }
  return { rsquared, rsquaredAdj, fvalue, fPvalue };
}
