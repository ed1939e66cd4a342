/**
 * The published statistics of Tables 3–6 as functions of sample moments.
 *
 * Pooled OLS coefficients, classical standard errors, t values, R², adjusted R² and VIFs depend
 * on the data only through the sample means and the sample covariance matrix (n − 1
 * denominator). This file computes every such printed cell from moments — for the audit's joint
 * consistency check (rule 8) and for the data reconstruction, which searches for data whose
 * moments reproduce the tables. For a regression of y on the regressors J (k of them), with
 * A = S_JJ, c = S_Jy:
 *
 *   β = A⁻¹c,   a = ȳ − βᵀx̄,   R² = βᵀc / s_yy,   SSR = (n−1)(s_yy − βᵀc),   σ² = SSR/(n−k−1),
 *   se(β_j)² = σ²(A⁻¹)_jj/(n−1),   se(a)² = σ²(1/n + x̄ᵀA⁻¹x̄/(n−1)),   VIF_j = (R_XX⁻¹)_jj,
 *
 * R_XX the correlation matrix of the regressors. These are identities of least squares (there
 * is no data matrix here to factorise); A is small (≤ 5×5) and positive definite, and is
 * inverted through its Cholesky factor. On data, the project always estimates with `ols`
 * (Householder QR); the two agree to rounding error (test/moment-statistics.test.ts).
 */
import { DataError } from "../data/errors";
import type { PublishedRow } from "../data/published-data";
import { choleskyInverse, choleskyLower } from "../methods/cholesky";
import { parseFormula } from "../methods/formula";
import { TABLE4_REGRESSORS, TABLE5_MODELS, TABLE6 } from "./specs";

/** Sample size, means and covariance matrix (n − 1 denominator) of some variables. */
export interface SampleMoments {
  n: number;
  means: number[];
  cov: number[][];
}

/**
 * Sample moments of columns (one array per variable), over all rows or the rows listed.
 *
 * Formula: m_j = Σ_i x_ij / n, S_jl = Σ_i (x_ij − m_j)(x_il − m_l)/(n − 1).
 * Throws: DataError for fewer than 2 rows or columns of different lengths.
 * @example
 * sampleMoments([[1, 2, 3], [2, 4, 7]]); // { n: 3, means: [2, 4.333…], cov: [[1, 2.5], [2.5, 6.333…]] }
 */
export function sampleMoments(columns: ArrayLike<number>[], rows?: number[]): SampleMoments {
  const p = columns.length;
  const len = p === 0 ? 0 : columns[0].length;
  if (columns.some((c) => c.length !== len)) {
    throw new DataError("the columns have different lengths", { hint: "pass one value per row" });
  }
  const idx = rows ?? Array.from({ length: len }, (_, i) => i);
  const n = idx.length;
  if (n < 2) throw new DataError(`moments need at least 2 rows (got ${n})`);
  const means = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (const i of idx) s += columns[j][i];
    means[j] = s / n;
  }
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    for (let l = 0; l <= j; l++) {
      let s = 0;
      for (const i of idx) s += (columns[j][i] - means[j]) * (columns[l][i] - means[l]);
      cov[j][l] = cov[l][j] = s / (n - 1);
    }
  }
  return { n, means, cov };
}

/**
 * Moments of the union of disjoint samples from the moments of each.
 *
 * Formula: m = Σ n_g m_g / n, (n − 1)S = Σ (n_g − 1)S_g + Σ n_g (m_g − m)(m_g − m)ᵀ.
 * Throws: DataError when no group is given or the groups describe different numbers of variables.
 * @example
 * pooledMoments([sampleMoments([[1, 2]]), sampleMoments([[3, 4]])]); // = sampleMoments([[1, 2, 3, 4]])
 */
export function pooledMoments(groups: SampleMoments[]): SampleMoments {
  if (groups.length === 0) throw new DataError("no groups to pool");
  const p = groups[0].means.length;
  if (groups.some((g) => g.means.length !== p)) {
    throw new DataError("the groups describe different numbers of variables");
  }
  const n = groups.reduce((s, g) => s + g.n, 0);
  const means = new Array<number>(p).fill(0);
  for (const g of groups) for (let j = 0; j < p; j++) means[j] += (g.n * g.means[j]) / n;
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const g of groups) {
    for (let i = 0; i < p; i++) {
      const di = g.means[i] - means[i];
      for (let j = 0; j < p; j++) {
        cov[i][j] += ((g.n - 1) * g.cov[i][j] + g.n * di * (g.means[j] - means[j])) / (n - 1);
      }
    }
  }
  return { n, means, cov };
}

/** Inverse of a small symmetric positive definite matrix through its Cholesky factor. */
function spdInverse(A: number[][]): number[][] {
  const L = choleskyLower(A, { relative: 1e-12 });
  if (!L) {
    throw new DataError("the regressors' covariance matrix is not positive definite", {
      hint: "a regressor is constant or a linear combination of the others",
    });
  }
  return choleskyInverse(L);
}

/** What a pooled OLS with a constant reports, as computed from moments. */
export interface MomentRegression {
  /** Intercept first, then one coefficient per regressor (in the order given). */
  params: number[];
  tvalues: number[];
  rsquared: number;
  rsquaredAdj: number;
  nobs: number;
}

/**
 * OLS of variable `y` on the variables `xs` (indices into the moments) with a constant,
 * classical standard errors, from sample moments (formulas in the file comment).
 *
 * Throws: DataError when the regressors' covariance is not positive definite or n ≤ k + 1.
 * @example
 * const m = sampleMoments([[1, 2, 3, 5], [2, 4, 5, 9]]); // x, y
 * regressionFromMoments(m, 1, [0]).params; // [intercept, slope], as ols on the data gives
 */
export function regressionFromMoments(m: SampleMoments, y: number, xs: number[]): MomentRegression {
  const k = xs.length;
  const df = m.n - k - 1;
  if (df <= 0) throw new DataError(`${m.n} observations cannot fit ${k} regressors and a constant`);
  const A = xs.map((a) => xs.map((b) => m.cov[a][b]));
  const c = xs.map((a) => m.cov[a][y]);
  const Ainv = spdInverse(A);
  const beta = Ainv.map((row) => row.reduce((s, v, j) => s + v * c[j], 0));
  const explained = beta.reduce((s, b, j) => s + b * c[j], 0);
  const syy = m.cov[y][y];
  const sigma2 = ((m.n - 1) * (syy - explained)) / df;
  const xbar = xs.map((a) => m.means[a]);
  let a = m.means[y];
  beta.forEach((b, j) => (a -= b * xbar[j]));
  let quad = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) quad += xbar[i] * Ainv[i][j] * xbar[j];
  const seA = Math.sqrt(sigma2 * (1 / m.n + quad / (m.n - 1)));
  const t = beta.map((b, j) => b / Math.sqrt((sigma2 * Ainv[j][j]) / (m.n - 1)));
  const r2 = explained / syy;
  return {
    params: [a, ...beta],
    tvalues: [a / seA, ...t],
    rsquared: r2,
    rsquaredAdj: 1 - ((1 - r2) * (m.n - 1)) / df,
    nobs: m.n,
  };
}

/**
 * Variance inflation factors of the variables `xs` from moments.
 *
 * Formula: VIF_j = (R⁻¹)_jj, R the correlation matrix of the xs (= 1/(1 − R²_j)).
 * Throws: DataError when the correlation matrix is not positive definite.
 * @example
 * vifFromMoments(sampleMoments([[1, 2, 3, 4], [1, 3, 2, 4]]), [0, 1]); // [2.78, 2.78] (r = 0.8)
 */
export function vifFromMoments(m: SampleMoments, xs: number[]): number[] {
  const R = xs.map((a) => xs.map((b) => m.cov[a][b] / Math.sqrt(m.cov[a][a] * m.cov[b][b])));
  const inv = spdInverse(R);
  return xs.map((_, j) => inv[j][j]);
}

/** The published kinds a moment computation gives (min and max need the data themselves). */
export function isMomentKind(kind: string): boolean {
  return kind !== "min" && kind !== "max";
}

/**
 * Compiles the computation of every moment-determined published cell of Tables 3–6 (all kinds
 * but min and max): the returned function maps the pooled moments (Tables 3–5) and the moments
 * of each Table 6 region to the cells' values, in `cells` order (NaN for min and max cells).
 *
 * The models are the paper's (`TABLE5_SPECS`, `TABLE6_SPEC`, `TABLE4_REGRESSORS`); `variables`
 * names the variables of the moments, in their order. A Table 6 cell's model (e.g.
 * "northeast") is matched case-insensitively to the keys of `groups`.
 * Throws: DataError naming the cell for a variable the moments do not have or an unknown kind
 * (when compiling), for a region missing from `groups` (when evaluating).
 * @example
 * const stats = compilePublishedFromMoments(cells, ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"]);
 * stats(pooled, { Northeast: ne, Southwest: sw }); // one value per cell
 */
export function compilePublishedFromMoments(
  cells: Pick<PublishedRow, "id" | "table" | "kind" | "model" | "variable">[],
  variables: readonly string[],
): (pooled: SampleMoments, groups?: Record<string, SampleMoments>) => Float64Array {
  const index = (v: string, id: string): number => {
    const i = variables.indexOf(v);
    if (i < 0) {
      throw new DataError(`published cell ${id}: the moments have no variable "${v}"`, {
        variable: v,
      });
    }
    return i;
  };
  interface ModelPlan {
    table: number;
    model: string;
    y: number;
    x: number[];
  }
  const models: ModelPlan[] = [];
  const modelOf = (table: number, model: string, id: string): number => {
    let k = models.findIndex((m) => m.table === table && m.model === model);
    if (k >= 0) return k;
    const formula =
      table === 5 ? TABLE5_MODELS[model as keyof typeof TABLE5_MODELS] : TABLE6.formula;
    if (!formula) throw new DataError(`published cell ${id}: no Table 5 model "${model}"`);
    const spec = parseFormula(formula);
    models.push({
      table,
      model,
      y: index(spec.response.column, id),
      x: spec.terms.map((t) => index(t.label, id)),
    });
    k = models.length - 1;
    return k;
  };
  const vifX = (id: string) => TABLE4_REGRESSORS.map((v) => index(v, id));
  type Step = (ctx: {
    pooled: SampleMoments;
    fit: (k: number) => MomentRegression;
    vif: () => number[];
  }) => number;
  const steps: Step[] = cells.map((c): Step => {
    switch (c.kind) {
      case "min":
      case "max":
        return () => NaN;
      case "n": {
        if (c.table !== 6) return ({ pooled }) => pooled.n;
        const k = modelOf(6, c.model, c.id);
        return ({ fit }) => fit(k).nobs;
      }
      case "mean": {
        const i = index(c.variable, c.id);
        return ({ pooled }) => pooled.means[i];
      }
      case "sd": {
        const i = index(c.variable, c.id);
        return ({ pooled }) => Math.sqrt(pooled.cov[i][i]);
      }
      case "vif":
      case "inv_vif": {
        vifX(c.id);
        const j = TABLE4_REGRESSORS.indexOf(c.variable as (typeof TABLE4_REGRESSORS)[number]);
        if (j < 0) throw new DataError(`published cell ${c.id}: "${c.variable}" has no VIF`);
        return c.kind === "vif" ? ({ vif }) => vif()[j] : ({ vif }) => 1 / vif()[j];
      }
      case "vif_mean":
        vifX(c.id);
        return ({ vif }) => vif().reduce((a, b) => a + b, 0) / TABLE4_REGRESSORS.length;
      case "coef":
      case "t": {
        const k = modelOf(c.table, c.model, c.id);
        const spec = models[k];
        const j = c.variable === "_cons" ? 0 : spec.x.indexOf(variables.indexOf(c.variable)) + 1;
        if (j === 0 && c.variable !== "_cons") {
          throw new DataError(`published cell ${c.id}: model ${c.model} has no "${c.variable}"`);
        }
        return c.kind === "coef" ? ({ fit }) => fit(k).params[j] : ({ fit }) => fit(k).tvalues[j];
      }
      case "r2": {
        const k = modelOf(c.table, c.model, c.id);
        return ({ fit }) => fit(k).rsquared;
      }
      case "adj_r2": {
        const k = modelOf(c.table, c.model, c.id);
        return ({ fit }) => fit(k).rsquaredAdj;
      }
      default:
        throw new DataError(`published cell ${c.id}: unknown kind "${c.kind}"`);
    }
  });
  const vx = TABLE4_REGRESSORS.every((v) => variables.includes(v)) ? vifX("T4") : [];
  return (pooled, groups = {}) => {
    const fits: (MomentRegression | undefined)[] = new Array(models.length);
    const fit = (k: number): MomentRegression => {
      let r = fits[k];
      if (!r) {
        const m = models[k];
        let mom = pooled;
        if (m.table === 6) {
          const g = Object.keys(groups).find((key) => key.toLowerCase() === m.model.toLowerCase());
          if (!g) throw new DataError(`no moments for region "${m.model}" (Table 6)`);
          mom = groups[g];
        }
        r = fits[k] = regressionFromMoments(mom, m.y, m.x);
      }
      return r;
    };
    let v: number[] | undefined;
    const vif = () => (v ??= vifFromMoments(pooled, vx));
    const ctx = { pooled, fit, vif };
    return Float64Array.from(steps, (step) => step(ctx));
  };
}

/**
 * Every moment-determined published cell of Tables 3–6 (see `compilePublishedFromMoments`),
 * keyed by cell id.
 *
 * Throws: DataError naming the cell for a variable or region the moments do not have, or an
 * unknown kind.
 * @example
 * const pooled = sampleMoments(vars.map((v) => frame[v]));
 * publishedFromMoments(cells, vars, pooled, { Northeast: ne, Southwest: sw }).get("T5.m1.NQP.coef");
 */
export function publishedFromMoments(
  cells: Pick<PublishedRow, "id" | "table" | "kind" | "model" | "variable">[],
  variables: readonly string[],
  pooled: SampleMoments,
  groups: Record<string, SampleMoments> = {},
): Map<string, number> {
  const values = compilePublishedFromMoments(cells, variables)(pooled, groups);
  const out = new Map<string, number>();
  cells.forEach((c, i) => {
    if (isMomentKind(c.kind)) out.set(c.id, values[i]);
  });
  return out;
}
