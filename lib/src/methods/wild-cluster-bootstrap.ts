/**
 * Wild cluster restricted bootstrap (WCR) for one regression coefficient.
 *
 * The problem it solves. With G = 11 clusters (cities), the cluster-robust (CR1) t statistic is
 * far from its t(G−1) reference distribution: tests over-reject, badly so when clusters differ
 * in size or leverage. The wild cluster bootstrap (Cameron, Gelbach & Miller 2008) builds the
 * reference distribution from the data: it multiplies each cluster's residuals by one random
 * weight v_g, refits, and recomputes the t statistic. "Restricted" (WCR) means the residuals come
 * from the model with the null hypothesis imposed, which MacKinnon & Webb (2017) show is the version
 * that controls size with few clusters. With fewer than about 12 clusters the two-point
 * Rademacher weights (±1) give only 2^G distinct draws, so Webb's (2023) six-point weights
 * (±√(1/2), ±1, ±√(3/2), each with probability 1/6) are the default here.
 *
 * The algorithm never refits. Following Roodman, MacKinnon, Nielsen & Webb (2019, "Fast and
 * wild", the algorithm of Stata's boottest and R's fwildclusterboot): for H0: β_j = r let
 * a' = e_j'(X'X)⁻¹X' (so β̂_j = a'y) and let ũ(r) = u₀ − r·u₁ be the restricted residuals,
 * u₀ = M_X̃ y and u₁ = M_X̃ x_j (X̃ = X without column j). The bootstrap sample
 * y* = X̃γ̃ + r x_j + ũ ∘ v gives
 *   β̂*_j − r = Σ_g v_g s_g,  s_g = Σ_{i∈g} a_i ũ_i,
 * and the cluster score of the bootstrap residuals M_X(ũ ∘ v) in cluster h is
 *   d_h = v_h s_h − Σ_g C_hg v_g,  C_hg = (Σ_{i∈h} a_i x_i')(X'X)⁻¹(Σ_{i∈g} x_i ũ_i),
 * so t* = Σ_g v_g s_g / √(c Σ_h d_h²) with c = G/(G−1)·(N−1)/(N−k) (CR1). Everything per draw is
 * G- or G×G-sized. Since s and C are linear in r, so are the numerator and d_h, and the squared
 * denominator is a quadratic in r: one pass over the draws stores five numbers per draw, after
 * which the bootstrap p-value at any r costs O(B) — this is how the confidence interval is found
 * by test inversion.
 *
 * p-value (symmetric, as boottest and fwildclusterboot's "two-tailed"):
 *   p* = (1/B) Σ_b 1{|t*_b| > |t̂|}
 * with ties (|t*_b| equal to |t̂| up to 1e-10 relative) not counted as more extreme.
 */
import type Mt19937 from "@stdlib/random-base-mt19937";
import { DataError } from "../data/errors";
import { frameColumn, toColumns, type DataLike } from "../data/frame";
import { designMatrices } from "./formula";
import { olsMatrix } from "./ols-matrix";
import { demeanWithin } from "./fixed-effects";
import { tQuantile, twoSidedPValueT } from "./distributions";

/** Bootstrap weight distribution: Webb's six-point (default) or Rademacher (±1). */
export type WildWeights = "webb" | "rademacher";

/** Options of `wildClusterBootstrap`. */
export interface WildBootstrapOptions {
  /** The coefficient to test: its name (in `names`, or "const") or its column index in the design. */
  coef: string | number;
  /** Names of the columns of X (without the constant). Default x1, x2, … */
  names?: string[];
  /** Prepend a constant column named "const" (default true). */
  intercept?: boolean;
  /** r in H0: β_coef = r (default 0). */
  null?: number;
  /** Number of bootstrap draws B (default 9999). Ignored when `enumerate` is true. */
  draws?: number;
  /** Weight distribution (default "webb"). */
  weights?: WildWeights;
  /** Seed of the Mersenne Twister (default 20260402). */
  seed?: number;
  /** Rademacher only: use all 2^G sign vectors instead of random draws (exact distribution). */
  enumerate?: boolean;
  /** 1 − confidence level of the interval (default 0.05). */
  alpha?: number;
  /** Compute the confidence interval by test inversion (default true). */
  confInt?: boolean;
}

/** Result of `wildClusterBootstrap`. */
export interface WildBootstrapResult {
  /** Name of the tested coefficient. */
  coef: string;
  /** Unrestricted OLS estimate β̂_j. */
  estimate: number;
  /** The null value r. */
  null: number;
  /** CR1 standard error of β̂_j. */
  seCR1: number;
  /** Original t statistic (β̂_j − r)/se_CR1. */
  tStat: number;
  /** Wild cluster restricted bootstrap p-value (symmetric). */
  pValue: number;
  /** Conventional CR1 p-value from t(G−1), for comparison. */
  pValueCR1: number;
  /** Bootstrap confidence interval at level 1 − alpha by test inversion (null if not asked). */
  confInt: [number, number] | null;
  /** CR1 interval β̂ ± t_{1−α/2}(G−1)·se, for comparison. */
  confIntCR1: [number, number];
  /** 1 − confidence level. */
  alpha: number;
  /** Bootstrap critical value: the (1 − alpha) quantile of |t*| (compare with `criticalValueCR1`). */
  criticalValue: number;
  /** The conventional critical value t_{1−α/2}(G − 1). */
  criticalValueCR1: number;
  weights: WildWeights;
  /** Number of bootstrap t statistics used (B, or 2^G when enumerated). */
  draws: number;
  enumerated: boolean;
  seed: number;
  nClusters: number;
  nobs: number;
  /** Draws whose bootstrap standard error was 0 (dropped, as fwildclusterboot does). */
  invalid: number;
  /** The bootstrap t statistics under H0 (length `draws`). */
  tBoot: Float64Array;
}

/**
 * The cluster-level pieces of the WCR bootstrap for H0: β_j = r, all linear in r.
 * Built once by `wcrPrecompute`; used by `wcrBootstrapT` and `wcrStatistics`.
 */
export interface WcrProblem {
  /** Number of clusters G, observations N, design columns k. */
  G: number;
  n: number;
  k: number;
  /** Index of the tested column in the design. */
  j: number;
  /** Names of the design columns (with "const" first when an intercept was added). */
  names: string[];
  /** Cluster labels in order of first appearance. */
  clusterLabels: (string | number)[];
  /** Unrestricted estimate β̂_j and its CR1 standard error. */
  estimate: number;
  seCR1: number;
  /** CR1 small-sample factor c = G/(G−1)·(N−1)/(N−k). */
  ssc: number;
  /** s_g = s0_g − r·s1_g (G each). */
  s0: Float64Array;
  s1: Float64Array;
  /** K(r) = K0 − r·K1, row-major G×G, K = diag(s) − C. */
  K0: Float64Array;
  K1: Float64Array;
  /** Fitted values of the restricted model and restricted residuals at r = 0 and the slope in r. */
  restricted: { fitted0: number[]; fitted1: number[]; u0: number[]; u1: number[] };
}

/**
 * Precomputes the G-sized pieces of the wild cluster restricted bootstrap (see module comment).
 *
 * Formula: s = (Σ_{i∈g} a_i ũ_i)_g, K = diag(s) − C, C_hg = (Σ_{i∈h} a_i x_i')(X'X)⁻¹ Σ_{i∈g} x_i ũ_i,
 * each split as (…)₀ − r(…)₁ since ũ(r) = M_X̃ y − r M_X̃ x_j. Least squares by QR (via `ols`).
 * Throws: DataError on fewer than 2 clusters, a label array of the wrong length, an unknown
 * coefficient, or anything `ols` rejects (NaN, collinear columns).
 * @example
 * const p = wcrPrecompute(y, X, city, { coef: "NQP", names: ["NQP", "TRADE"] });
 * p.G; // 11
 */
export function wcrPrecompute(
  y: number[],
  X: number[][],
  clusters: (string | number)[],
  opts: Pick<WildBootstrapOptions, "coef" | "names" | "intercept">,
): WcrProblem {
  const n = y.length;
  if (X.length !== n) {
    throw new DataError(`X has ${X.length} rows but y has ${n}`, {
      hint: "pass one row of regressors per observation",
    });
  }
  if (clusters.length !== n) {
    throw new DataError(`cluster labels have length ${clusters.length}, expected ${n}`, {
      variable: "clusters",
      hint: "pass one cluster label (e.g. the city) per observation",
    });
  }
  const intercept = opts.intercept ?? true;
  const kx = n > 0 ? X[0].length : 0;
  const xNames = opts.names ?? Array.from({ length: kx }, (_, i) => `x${i + 1}`);
  if (xNames.length !== kx) {
    throw new DataError(`${xNames.length} names given for ${kx} columns of X`, {
      variable: "names",
    });
  }
  const names = intercept ? ["const", ...xNames] : xNames.slice();
  const k = names.length;
  const design: number[][] = intercept ? X.map((row) => [1, ...row]) : X.map((row) => row.slice());
  const j = typeof opts.coef === "number" ? opts.coef : names.indexOf(opts.coef);
  if (!(j >= 0 && j < k) || !Number.isInteger(j)) {
    throw new DataError(`coefficient ${String(opts.coef)} is not in the model`, {
      variable: String(opts.coef),
      hint: `choose one of ${names.join(", ")}`,
    });
  }

  // Cluster index of every observation, labels in order of first appearance.
  const labelIndex = new Map<string | number, number>();
  const cl = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let g = labelIndex.get(clusters[i]);
    if (g === undefined) {
      g = labelIndex.size;
      labelIndex.set(clusters[i], g);
    }
    cl[i] = g;
  }
  const G = labelIndex.size;
  if (G < 2) {
    throw new DataError(`the wild cluster bootstrap needs at least 2 clusters (got ${G})`, {
      variable: "clusters",
    });
  }

  // Unrestricted fit: β̂, û, (X'X)⁻¹ (from the QR factor inside ols).
  const full = olsMatrix(y, design, { intercept: false, names });
  const xtxInv = full.xtxInv;
  // a_i = e_j'(X'X)⁻¹x_i.
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += xtxInv[j][l] * design[i][l];
    a[i] = s;
  }
  const ssc = ((G / (G - 1)) * (n - 1)) / (n - k);
  const score = new Float64Array(G);
  for (let i = 0; i < n; i++) score[cl[i]] += a[i] * full.resid[i];
  let meat = 0;
  for (let g = 0; g < G; g++) meat += score[g] * score[g];
  const seCR1 = Math.sqrt(ssc * meat);

  // Restricted fits: u0 = M_X̃ y, u1 = M_X̃ x_j (ũ(r) = u0 − r·u1).
  const xj = design.map((row) => row[j]);
  let u0: number[];
  let u1: number[];
  let fitted0: number[];
  let fitted1: number[];
  if (k === 1) {
    u0 = y.slice();
    u1 = xj.slice();
    fitted0 = new Array<number>(n).fill(0);
    fitted1 = new Array<number>(n).fill(0);
  } else {
    const Xr = design.map((row) => row.filter((_, l) => l !== j));
    const rNames = names.filter((_, l) => l !== j);
    const f0 = olsMatrix(y, Xr, { intercept: false, names: rNames });
    const f1 = olsMatrix(xj, Xr, { intercept: false, names: rNames, yName: names[j] });
    u0 = f0.resid;
    u1 = f1.resid;
    fitted0 = f0.fitted;
    fitted1 = f1.fitted;
  }

  // W_h = Σ_{i∈h} a_i x_i (G×k); Z_g = (X'X)⁻¹ Σ_{i∈g} x_i ũ_i (G×k), for u0 and u1.
  const W = new Float64Array(G * k);
  const S0 = new Float64Array(G * k);
  const S1 = new Float64Array(G * k);
  const s0 = new Float64Array(G);
  const s1 = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    const g = cl[i];
    const row = design[i];
    s0[g] += a[i] * u0[i];
    s1[g] += a[i] * u1[i];
    for (let l = 0; l < k; l++) {
      W[g * k + l] += a[i] * row[l];
      S0[g * k + l] += row[l] * u0[i];
      S1[g * k + l] += row[l] * u1[i];
    }
  }
  const Z0 = new Float64Array(G * k);
  const Z1 = new Float64Array(G * k);
  for (let g = 0; g < G; g++) {
    for (let l = 0; l < k; l++) {
      let z0 = 0;
      let z1 = 0;
      for (let m = 0; m < k; m++) {
        z0 += xtxInv[l][m] * S0[g * k + m];
        z1 += xtxInv[l][m] * S1[g * k + m];
      }
      Z0[g * k + l] = z0;
      Z1[g * k + l] = z1;
    }
  }
  const K0 = new Float64Array(G * G);
  const K1 = new Float64Array(G * G);
  for (let h = 0; h < G; h++) {
    for (let g = 0; g < G; g++) {
      let c0 = 0;
      let c1 = 0;
      for (let l = 0; l < k; l++) {
        c0 += W[h * k + l] * Z0[g * k + l];
        c1 += W[h * k + l] * Z1[g * k + l];
      }
      K0[h * G + g] = (h === g ? s0[h] : 0) - c0;
      K1[h * G + g] = (h === g ? s1[h] : 0) - c1;
    }
  }

  return {
    G,
    n,
    k,
    j,
    names,
    clusterLabels: [...labelIndex.keys()],
    estimate: full.params[j],
    seCR1,
    ssc,
    s0,
    s1,
    K0,
    K1,
    restricted: { fitted0, fitted1, u0, u1 },
  };
}

const WEBB_VALUES = Float64Array.from([
  -Math.sqrt(1.5),
  -1,
  -Math.sqrt(0.5),
  Math.sqrt(0.5),
  1,
  Math.sqrt(1.5),
]);

/** 6^11: one uint32 below 11·6^11 gives eleven independent base-6 digits. */
const SIX_POW_11 = 362797056;
/** 11·6^11 = 3,990,767,616 ≤ 2^32: uint32 draws at or above it are rejected (no modulo bias). */
const WEBB_LIMIT = 11 * SIX_POW_11;

/**
 * Bootstrap weights, one row of G cluster weights per draw (row-major B×G).
 *
 * Formula: Webb: v ∈ {±√(1/2), ±1, ±√(3/2)} each with probability 1/6 (indices = the eleven
 * base-6 digits of u mod 6^11 for a uint32 u from MT19937, u ≥ 11·6^11 rejected); Rademacher: v = ±1 from successive bits of
 * the uint32 stream (bit set → +1); enumerate: row b is the sign vector of b's binary digits
 * (bit g set → −1), so row 0 is all +1 and the 2^G rows are every sign vector once.
 * Throws: DataError for B < 1, G < 1, or enumeration of more than 2^24 vectors.
 * @example
 * bootstrapWeights(3, 2, { weights: "rademacher", seed: 1 }); // Float64Array of six ±1
 * bootstrapWeights(3, 0, { weights: "rademacher", enumerate: true }).length; // 24 = 2^3·3
 */
export function bootstrapWeights(
  G: number,
  B: number,
  opts: { weights?: WildWeights; seed?: number; enumerate?: boolean } = {},
): Float64Array {
  const kind = opts.weights ?? "webb";
  if (!(Number.isInteger(G) && G >= 1)) {
    throw new DataError(`number of clusters must be a positive integer (got ${G})`);
  }
  if (opts.enumerate) {
    if (kind !== "rademacher") {
      throw new DataError("full enumeration is defined for Rademacher weights only", {
        hint: 'pass weights: "rademacher" with enumerate: true',
      });
    }
    if (G > 24) {
      throw new DataError(`cannot enumerate 2^${G} sign vectors`, {
        hint: "use random draws (enumerate: false)",
      });
    }
    const total = 2 ** G;
    const v = new Float64Array(total * G);
    for (let b = 0; b < total; b++) {
      for (let g = 0; g < G; g++) v[b * G + g] = (b >>> g) & 1 ? -1 : 1;
    }
    return v;
  }
  if (!(Number.isInteger(B) && B >= 1)) {
    throw new DataError(`number of bootstrap draws must be a positive integer (got ${B})`);
  }
  // @stdlib's Mersenne Twister, loaded on first use (it is not needed to import the library).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mt19937 = require("@stdlib/random-base-mt19937") as typeof Mt19937;
  const rand = mt19937.factory({ seed: opts.seed ?? 20260402 });
  const v = new Float64Array(B * G);
  if (kind === "webb") {
    // Each accepted uint32 u < 11·6^11 gives u mod 6^11, uniform on 0…6^11 − 1, whose eleven
    // base-6 digits are independent and uniform on 0…5: eleven weights per call of the generator
    // (integer arithmetic below: the digits fit in 31 bits).
    const n = v.length;
    let t = 0;
    while (t < n) {
      let u = rand();
      while (u >= WEBB_LIMIT) u = rand();
      let digits = u % SIX_POW_11;
      const end = Math.min(n, t + 11);
      for (; t < end; t++) {
        const q = (digits / 6) | 0;
        v[t] = WEBB_VALUES[digits - q * 6];
        digits = q;
      }
    }
  } else if (kind === "rademacher") {
    let bits = 0;
    let left = 0;
    for (let t = 0; t < v.length; t++) {
      if (left === 0) {
        bits = rand();
        left = 32;
      }
      v[t] = bits & 1 ? 1 : -1;
      bits >>>= 1;
      left -= 1;
    }
  } else {
    throw new DataError(`unknown bootstrap weights "${String(kind)}"`, {
      hint: 'use "webb" or "rademacher"',
    });
  }
  return v;
}

/**
 * Per-draw statistics from which t*_b(r) follows for every r (the one pass over the draws).
 * t*_b(r) = (A_b − r·B_b) / √(c·(P_b − 2r·Q_b + r²·R_b)).
 */
export interface WcrDrawStatistics {
  A: Float64Array;
  B: Float64Array;
  P: Float64Array;
  Q: Float64Array;
  R: Float64Array;
  draws: number;
}

/**
 * One pass over the bootstrap weights: for each draw, the numerator pieces A = s0·v, B = s1·v and
 * the denominator pieces P = ‖K0 v‖², Q = (K0 v)·(K1 v), R = ‖K1 v‖². Cost O(B·G²), no refit.
 *
 * Formula: see `WcrDrawStatistics`. Throws: DataError if v.length is not a multiple of G.
 * @example
 * const st = wcrStatistics(problem, bootstrapWeights(problem.G, 999));
 * wcrTStat(problem, st, 0, 0); // t*_1 at r = 0
 */
export function wcrStatistics(problem: WcrProblem, v: Float64Array): WcrDrawStatistics {
  const { G, s0, s1, K0, K1 } = problem;
  if (v.length % G !== 0) {
    throw new DataError(`weights array of length ${v.length} is not a multiple of G = ${G}`);
  }
  const draws = v.length / G;
  const A = new Float64Array(draws);
  const Bn = new Float64Array(draws);
  const P = new Float64Array(draws);
  const Q = new Float64Array(draws);
  const R = new Float64Array(draws);
  const vb = new Float64Array(G); // this draw's weights, copied to a small local array
  for (let b = 0; b < draws; b++) {
    const off = b * G;
    let a = 0;
    let bb = 0;
    for (let g = 0; g < G; g++) {
      const vg = v[off + g];
      vb[g] = vg;
      a += s0[g] * vg;
      bb += s1[g] * vg;
    }
    let p = 0;
    let q = 0;
    let r = 0;
    for (let h = 0, row = 0; h < G; h++, row += G) {
      let d0 = 0;
      let d1 = 0;
      for (let g = 0; g < G; g++) {
        d0 += K0[row + g] * vb[g];
        d1 += K1[row + g] * vb[g];
      }
      p += d0 * d0;
      q += d0 * d1;
      r += d1 * d1;
    }
    A[b] = a;
    Bn[b] = bb;
    P[b] = p;
    Q[b] = q;
    R[b] = r;
  }
  return { A, B: Bn, P, Q, R, draws };
}

/**
 * Bootstrap t statistic of draw b for H0: β_j = r.
 *
 * Formula: t*_b(r) = (A_b − r·B_b)/√(c·(P_b − 2r·Q_b + r²·R_b)); NaN if the denominator is 0.
 * Throws: nothing.
 * @example
 * wcrTStat(problem, stats, 0, 0.5); // t* of the first draw under H0: β_j = 0.5
 * wcrTStat(problem, stats, 1, 0);
 */
export function wcrTStat(problem: WcrProblem, st: WcrDrawStatistics, b: number, r: number): number {
  const den2 = problem.ssc * (st.P[b] - 2 * r * st.Q[b] + r * r * st.R[b]);
  if (!(den2 > 0)) return Number.NaN;
  return (st.A[b] - r * st.B[b]) / Math.sqrt(den2);
}

/** Relative tolerance under which |t*| and |t̂| count as tied (tied draws are not "more extreme"). */
const TIE_TOL = 1e-10;

/**
 * Symmetric bootstrap p-value of H0: β_j = r from stored draw statistics.
 *
 * Formula: p*(r) = #{b: |t*_b(r)| > |t̂(r)|} / #{valid b}, t̂(r) = (β̂_j − r)/se_CR1.
 * Throws: DataError if no draw has a valid (non-zero) bootstrap standard error.
 * @example
 * wcrPValue(problem, stats, 0); // p-value of H0: β_j = 0
 * wcrPValue(problem, stats, problem.estimate); // 1
 */
export function wcrPValue(problem: WcrProblem, st: WcrDrawStatistics, r: number): number {
  const t = Math.abs((problem.estimate - r) / problem.seCR1);
  const bound = t + TIE_TOL * Math.max(1, t);
  // |t*| > bound  ⇔  num² > bound²·den² (den² > 0): no square root or division per draw.
  const c2 = bound * bound * problem.ssc;
  const r2 = r * r;
  let more = 0;
  let valid = 0;
  const { A, B, P, Q, R } = st;
  for (let b = 0; b < st.draws; b++) {
    const den2 = P[b] - 2 * r * Q[b] + r2 * R[b];
    if (!(den2 > 0)) continue;
    valid += 1;
    const num = A[b] - r * B[b];
    if (num * num > c2 * den2) more += 1;
  }
  if (valid === 0) {
    throw new DataError("every bootstrap draw had a zero standard error", {
      hint: "check that the tested regressor varies across more than one cluster",
    });
  }
  return more / valid;
}

/**
 * Confidence interval by test inversion: the set of r with p*(r) ≥ alpha, found by bracketing
 * outward from β̂ in steps of the CR1 standard error and bisecting each end (same draws for
 * every r, as boottest does). p*(r) is a step function; each end is located to 1e-7·se.
 *
 * Formula: CI = {r : p*(r) ≥ α}, ends where p*(r) crosses α. Throws: DataError if an end
 * cannot be bracketed within β̂ ± 2^20·se.
 * @example
 * wcrConfInt(problem, stats, 0.05); // [lower, upper]
 * wcrConfInt(problem, stats, 0.10); // narrower
 */
export function wcrConfInt(
  problem: WcrProblem,
  st: WcrDrawStatistics,
  alpha: number,
): [number, number] {
  const { estimate, seCR1 } = problem;
  const end = (direction: -1 | 1): number => {
    let inner = estimate;
    let step = seCR1;
    let outer = estimate + direction * step;
    while (wcrPValue(problem, st, outer) >= alpha) {
      inner = outer;
      step *= 2;
      if (step > 2 ** 20 * seCR1) {
        throw new DataError("could not bracket the bootstrap confidence interval", {
          variable: problem.names[problem.j],
          hint: "use more bootstrap draws or a larger alpha",
        });
      }
      outer = estimate + direction * step;
    }
    for (let it = 0; it < 200 && Math.abs(outer - inner) > 1e-7 * seCR1; it++) {
      const mid = 0.5 * (inner + outer);
      if (wcrPValue(problem, st, mid) >= alpha) inner = mid;
      else outer = mid;
    }
    return 0.5 * (inner + outer);
  };
  return [end(-1), end(1)];
}

/**
 * Wild cluster restricted (WCR) bootstrap test and confidence interval for one coefficient.
 *
 * Two forms: a formula and data (with the coefficient `param` and the `cluster` column; fixed
 * effects after "|" are handled as described at `wcrFromFormula`), or y, X and cluster labels.
 *
 * Formula: t̂ = (β̂_j − r)/se_CR1; t*_b from y* = X̃γ̃ + r·x_j + ũ∘v_b (v constant within cluster),
 * p* = #{|t*_b| > |t̂|}/B; CI = {r : p*(r) ≥ α}. Computed from G-sized pieces, never refitting.
 * Throws: DataError on bad inputs (see `wcrPrecompute`, `bootstrapWeights`), an unknown
 * parameter or cluster column, or fixed effects whose first factor is not the cluster column.
 * @example
 * const wb = wildClusterBootstrap("y ~ x1 + x2", data, { param: "x2", cluster: "g", seed: 1 });
 * wb.pValue; wb.confInt; // bootstrap p-value and 95% interval
 * wildClusterBootstrap(y, X, g, { coef: "x2", names: ["x1", "x2"] }); // the matrix form
 */
export function wildClusterBootstrap(
  formula: string,
  data: DataLike,
  opts: WildBootstrapFormulaOptions,
): WildBootstrapResult;
export function wildClusterBootstrap(
  y: number[],
  X: number[][],
  clusters: (string | number)[],
  opts: WildBootstrapOptions,
): WildBootstrapResult;
export function wildClusterBootstrap(
  a: string | number[],
  b: DataLike | number[][],
  c: (string | number)[] | WildBootstrapFormulaOptions,
  d?: WildBootstrapOptions,
): WildBootstrapResult {
  if (typeof a === "string")
    return wcrFromFormula(a, b as DataLike, c as WildBootstrapFormulaOptions);
  const y = a;
  const X = b as number[][];
  const clusters = c as (string | number)[];
  const opts = d as WildBootstrapOptions;
  const problem = wcrPrecompute(y, X, clusters, opts);
  const weights = opts.weights ?? "webb";
  const enumerated = opts.enumerate ?? false;
  const seed = opts.seed ?? 20260402;
  const r = opts.null ?? 0;
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new DataError(`alpha must lie in (0, 1) (got ${alpha})`);
  const v = bootstrapWeights(problem.G, opts.draws ?? 9999, {
    weights,
    seed,
    enumerate: enumerated,
  });
  const st = wcrStatistics(problem, v);
  const tBoot = new Float64Array(st.draws);
  let invalid = 0;
  for (let b = 0; b < st.draws; b++) {
    tBoot[b] = wcrTStat(problem, st, b, r);
    if (Number.isNaN(tBoot[b])) invalid += 1;
  }
  const tStat = (problem.estimate - r) / problem.seCR1;
  const q = tQuantile(1 - alpha / 2, problem.G - 1);
  return {
    coef: problem.names[problem.j],
    estimate: problem.estimate,
    null: r,
    seCR1: problem.seCR1,
    tStat,
    pValue: wcrPValue(problem, st, r),
    pValueCR1: twoSidedPValueT(tStat, problem.G - 1),
    confInt: opts.confInt === false ? null : wcrConfInt(problem, st, alpha),
    confIntCR1: [problem.estimate - q * problem.seCR1, problem.estimate + q * problem.seCR1],
    alpha,
    criticalValue: absQuantile(tBoot, 1 - alpha),
    criticalValueCR1: q,
    weights,
    draws: st.draws,
    enumerated,
    seed,
    nClusters: problem.G,
    nobs: problem.n,
    invalid,
    tBoot,
  };
}

/** The p-quantile of |t| over the finite entries (type 1: the smallest value with F ≥ p). */
function absQuantile(t: Float64Array, p: number): number {
  const a = Array.from(t)
    .filter((v) => Number.isFinite(v))
    .map(Math.abs)
    .sort((x, y) => x - y);
  if (a.length === 0) return Number.NaN;
  return a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))];
}

/** Options of the formula form of `wildClusterBootstrap`. */
export interface WildBootstrapFormulaOptions extends Omit<
  WildBootstrapOptions,
  "coef" | "names" | "intercept"
> {
  /** The coefficient to test, by its name in the fit ("NQP", "Intercept", "x:C(g)[T.b]"). */
  param: string;
  /** The cluster column. With fixed effects, the first absorbed factor must be this column. */
  cluster: string;
}

/**
 * WCR bootstrap from a formula: pooled OLS, or with fixed effects absorbed (fixest's "|"), as
 * fwildclusterboot's `boottest(feols(formula, data), param, clustid)`.
 *
 * With "| g" (g the cluster column) the data are demeaned by g first: exact (FWL), and because
 * the restricted residuals sum to zero in every cluster while v_g is constant within it, the
 * bootstrap residuals stay orthogonal to the cluster dummies. A second effect ("| g + t") cuts
 * across the clusters, so its dummies stay in the regression as (cluster-demeaned) regressors.
 * The CR1 factor then counts the slopes and the second effect's dummies but not the cluster
 * effects (the "nested" convention of `fixedEffects`); p-values and intervals do not depend on it.
 */
function wcrFromFormula(
  formula: string,
  data: DataLike,
  opts: WildBootstrapFormulaOptions,
): WildBootstrapResult {
  const cols = toColumns(data);
  const d = designMatrices(formula, cols);
  if (!(opts.cluster in cols)) {
    throw new DataError(`no column "${opts.cluster}" to cluster by`, {
      variable: opts.cluster,
      hint: `available columns: ${Object.keys(cols).join(", ")}`,
    });
  }
  const clusters = frameColumn(cols, opts.cluster);
  let y = d.y;
  let X = d.X;
  let names = d.xNames;
  if (d.absorb.length > 0) {
    if (d.formula.absorb[0] !== opts.cluster) {
      throw new DataError(
        `with fixed effects the first one must be the cluster column "${opts.cluster}" (got "${d.formula.absorb[0]}")`,
        {
          hint: `write the formula as "… | ${opts.cluster}${d.formula.absorb[1] ? ` + ${d.formula.absorb[1]}` : ""}"`,
        },
      );
    }
    const second = d.absorb[1];
    const extraNames: string[] = [];
    let extra: number[][] = y.map(() => []);
    if (second) {
      const levels = [...new Set(second)];
      extraNames.push(...levels.slice(1).map((t) => `${d.formula.absorb[1]}=${String(t)}`));
      extra = second.map((t) => levels.slice(1).map((l) => (t === l ? 1 : 0)));
    }
    names = [...d.xNames, ...extraNames];
    const all = names.map((_, j) =>
      X.map((row, i) => (j < d.xNames.length ? row[j] : extra[i][j - d.xNames.length])),
    );
    const dm = demeanWithin([y, ...all], [clusters], { names: [d.yName, ...names] });
    y = dm.columns[0];
    X = y.map((_, i) => names.map((_, j) => dm.columns[j + 1][i]));
  }
  const coef = opts.param === "Intercept" ? "const" : opts.param;
  if (coef !== "const" && !d.xNames.includes(coef)) {
    throw new DataError(`"${opts.param}" is not a parameter of "${d.formula.text}"`, {
      hint: `parameters: ${[...(d.intercept ? ["Intercept"] : []), ...d.xNames].join(", ")}`,
    });
  }
  const result = wildClusterBootstrap(y, X, clusters, {
    ...opts,
    coef,
    names,
    intercept: d.intercept,
  });
  return { ...result, coef: opts.param };
}
