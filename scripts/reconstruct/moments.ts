/**
 * Stage 1 of the reconstruction: the published statistics as functions of sample moments.
 *
 * Pooled OLS coefficients, their classical t values, R², adjusted R² and VIFs depend on the data
 * only through the sample means and the sample covariance matrix (n − 1 denominator). This file
 * evaluates every published cell of Tables 3–6 from moments (pooled moments for Tables 3–5,
 * group moments for Table 6) and measures the distance to the printed number in half rounding
 * units: |r| < 1 ⇔ the value rounds (half-up) to the printed string.
 */
import { intervalCentre, printedInterval } from "cplib";
import type { PublishedRow } from "cplib";
import { inverse, solveColumns, type Mat } from "./linalg";

/** The six regression variables, in Table 3's order. Indices into every moment vector. */
export const VARS = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"] as const;
export type VarName = (typeof VARS)[number];
export const IDX: Record<VarName, number> = { CO: 0, NQP: 1, TRADE: 2, UIS: 3, GOV: 4, RCY: 5 };

/** Model specifications of Table 5 (stepwise, as printed) and Table 6 (Model 6's regressors). */
export const MODEL_SPECS: Record<string, VarName[]> = {
  m1: ["NQP"],
  m2: ["TRADE"],
  m3: ["NQP", "TRADE"],
  m4: ["NQP", "TRADE", "UIS"],
  m5: ["NQP", "TRADE", "UIS", "GOV"],
  m6: ["NQP", "TRADE", "UIS", "GOV", "RCY"],
  northeast: ["NQP", "TRADE", "UIS", "GOV", "RCY"],
  southwest: ["NQP", "TRADE", "UIS", "GOV", "RCY"],
};
/** Table 4's regressors (the VIFs of Model 6). */
export const VIF_VARS: VarName[] = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
/** Table 6's samples, keyed by the model name used in tables.csv, valued by the panel's region. */
export const REGION_OF_MODEL: Record<string, string> = {
  northeast: "Northeast",
  southwest: "Southwest",
};

/** Sample moments of one sample: size, means and covariance (n − 1). */
export interface Moments {
  n: number;
  means: number[];
  cov: Mat;
}

/** Pooled moments of disjoint groups: (n−1)S = Σ(n_g−1)S_g + Σ n_g (m_g−m)(m_g−m)ᵀ. */
export function combineMoments(groups: Moments[]): Moments {
  const p = groups[0].means.length;
  const n = groups.reduce((s, g) => s + g.n, 0);
  const means = new Array<number>(p).fill(0);
  for (const g of groups) for (let j = 0; j < p; j++) means[j] += (g.n * g.means[j]) / n;
  const cov: Mat = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const g of groups) {
    for (let i = 0; i < p; i++) {
      const di = g.means[i] - means[i];
      for (let j = 0; j < p; j++) {
        const dj = g.means[j] - means[j];
        cov[i][j] += ((g.n - 1) * g.cov[i][j] + g.n * di * dj) / (n - 1);
      }
    }
  }
  return { n, means, cov };
}

/** What an OLS of CO on some regressors (plus a constant) reports, computed from moments. */
export interface MomentOls {
  /** coefficients keyed by variable name, plus `_cons`. */
  coef: Record<string, number>;
  t: Record<string, number>;
  r2: number;
  adjR2: number;
  n: number;
}

/**
 * OLS of `y` on `xs` with a constant, from sample moments (classical standard errors).
 *
 * Why the normal equations here, when the project otherwise forbids them: this function has no
 * data matrix to factorise. Its inputs ARE the moments, and β = S_xx⁻¹ s_xy, se(b_j)² =
 * σ²(S_xx⁻¹)_jj/(n−1) and se(a)² = σ²(1/n + x̄ᵀS_xx⁻¹x̄/(n−1)) are the definitions of what OLS
 * reports as functions of the means and covariances (the mapping Stage 1 inverts). S_xx is
 * small (≤ 5×5) and positive definite; it is factorised once by mathjs's LU decomposition
 * (`lup`) and every quantity is a solve against that factor (β, S_xx⁻¹x̄ and the diagonal of
 * S_xx⁻¹ from unit vectors), never an explicit inverse. The coefficients that are compared
 * with the paper are recomputed at the end by cplib's Householder-QR OLS on the stored panel.
 */
export function olsFromMoments(m: Moments, y: VarName, xs: VarName[]): MomentOls {
  const yi = IDX[y];
  const xi = xs.map((v) => IDX[v]);
  const k = xi.length;
  const sxx = xi.map((a) => xi.map((b) => m.cov[a][b]));
  const sxy = xi.map((a) => m.cov[a][yi]);
  const xbar = xi.map((a) => m.means[a]);
  const units = xi.map((_, j) => xi.map((__, i) => (i === j ? 1 : 0)));
  // columns of the solution: 0 → β, 1 → S_xx⁻¹ x̄, 2 + j → S_xx⁻¹ e_j
  const sol = solveColumns(sxx, [sxy, xbar, ...units]);
  const beta = sol.map((row) => row[0]);
  const invDiag = xi.map((_, j) => sol[j][2 + j]);
  const syy = m.cov[yi][yi];
  const explained = beta.reduce((s, b, j) => s + b * sxy[j], 0);
  const ssr = (m.n - 1) * (syy - explained);
  const df = m.n - k - 1;
  const sigma2 = ssr / df;
  const coef: Record<string, number> = {};
  const t: Record<string, number> = {};
  let cons = m.means[yi];
  xs.forEach((v, j) => {
    coef[v] = beta[j];
    cons -= beta[j] * m.means[xi[j]];
    t[v] = beta[j] / Math.sqrt((sigma2 * invDiag[j]) / (m.n - 1));
  });
  let quad = 0;
  for (let a = 0; a < k; a++) quad += xbar[a] * sol[a][1];
  coef._cons = cons;
  t._cons = cons / Math.sqrt(sigma2 * (1 / m.n + quad / (m.n - 1)));
  const r2 = 1 - ssr / ((m.n - 1) * syy);
  return { coef, t, r2, adjR2: 1 - ((1 - r2) * (m.n - 1)) / df, n: m.n };
}

/** VIF_j = j-th diagonal element of the inverse correlation matrix of the regressors. */
export function vifFromMoments(m: Moments, xs: VarName[]): Record<string, number> {
  const xi = xs.map((v) => IDX[v]);
  const corr = xi.map((a) => xi.map((b) => m.cov[a][b] / Math.sqrt(m.cov[a][a] * m.cov[b][b])));
  const inv = inverse(corr);
  const out: Record<string, number> = {};
  xs.forEach((v, j) => (out[v] = inv[j][j]));
  return out;
}

/**
 * Distance of `x` from the printed number in half rounding units (|r| < 1 ⇔ match): the
 * printed interval is cplib's `printedInterval` (lib/src/audit/interval.ts), r = (x − centre)/half.
 */
export function halfUnits(x: number, printed: string): number {
  const { centre, half } = printedCentre(printed);
  return (x - centre) / half;
}

const centres = new Map<string, { centre: number; half: number }>();
/** Centre and half-width of a printed number's interval, memoised (called in the fit loops). */
export function printedCentre(printed: string): { centre: number; half: number } {
  let c = centres.get(printed);
  if (!c) {
    c = intervalCentre(printedInterval(printed));
    centres.set(printed, c);
  }
  return c;
}

/** Which published cells a moment-level fit can see (min, max and N are handled elsewhere). */
export function isMomentCell(row: PublishedRow): boolean {
  return row.kind !== "min" && row.kind !== "max" && row.kind !== "n";
}

/**
 * Evaluates every moment-determined published cell.
 * @param pooled moments of all 110 city-years; @param groups moments per Table 6 model name.
 */
export function statsFromMoments(
  rows: PublishedRow[],
  pooled: Moments,
  groups: Record<string, Moments>,
): Map<string, number> {
  const out = new Map<string, number>();
  const fits = new Map<string, MomentOls>();
  const fit = (model: string): MomentOls => {
    let f = fits.get(model);
    if (!f) {
      const spec = MODEL_SPECS[model];
      if (!spec) throw new Error(`unknown model ${model}`);
      const m = model in REGION_OF_MODEL ? groups[model] : pooled;
      f = olsFromMoments(m, "CO", spec);
      fits.set(model, f);
    }
    return f;
  };
  let vifs: Record<string, number> | undefined;
  for (const row of rows) {
    if (!isMomentCell(row)) continue;
    const v = row.variable as VarName;
    let x: number;
    switch (row.kind) {
      case "mean":
        x = pooled.means[IDX[v]];
        break;
      case "sd":
        x = Math.sqrt(pooled.cov[IDX[v]][IDX[v]]);
        break;
      case "vif":
      case "inv_vif":
      case "vif_mean": {
        vifs ??= vifFromMoments(pooled, VIF_VARS);
        if (row.kind === "vif_mean")
          x = VIF_VARS.reduce((s, w) => s + vifs![w], 0) / VIF_VARS.length;
        else x = row.kind === "vif" ? vifs[v] : 1 / vifs[v];
        break;
      }
      case "coef":
        x = fit(row.model).coef[row.variable];
        break;
      case "t":
        x = fit(row.model).t[row.variable];
        break;
      case "r2":
        x = fit(row.model).r2;
        break;
      case "adj_r2":
        x = fit(row.model).adjR2;
        break;
      default:
        throw new Error(`unhandled kind ${row.kind}`);
    }
    out.set(row.id, x);
  }
  return out;
}
