/**
 * City fixed effects and two-way (city and year) fixed effects by the within transformation.
 *
 * The problem it solves. Pooled OLS (the paper's Tables 5–6) compares Hangzhou in 2014 with
 * Lishui in 2023 as if they were two draws from one population. Anything that makes a city
 * permanently richer *and* more productive (its coast, its history) then loads onto NQP. City
 * fixed effects give every city its own intercept α_i, so the slopes are identified only from
 * each city's movements around its own average; year effects λ_t also remove shocks common to
 * all cities in a year (the business cycle, province-wide policy):
 *
 *   y_it = α_i + λ_t + x_it'β + ε_it.
 *
 * The within transformation. Estimating the G + T dummies is unnecessary: by the Frisch–Waugh–
 * Lovell theorem, β̂ equals OLS of the demeaned y on the demeaned x. One-way:
 * ẍ_it = x_it − x̄_i. Two-way on a balanced panel: ẍ_it = x_it − x̄_i − x̄_t + x̄. On an unbalanced
 * panel (after dropping rows) there is no closed form; alternating projections (subtract city
 * means, then year means, and repeat) converge to the same projection (Guimarães & Portugal
 * 2010; what fixest and reghdfe do). On a balanced panel the first sweep is already exact.
 *
 * Degrees of freedom. The demeaned regression has no constant, but the absorbed effects used up
 * degrees of freedom: one-way dfResid = N − K − (G − 1) with K counting the constant (i.e.
 * N − k − G with k slopes); two-way N − K − (G − 1) − (T − 1). In general the number of
 * absorbed parameters is G + T − c with c the number of connected components of the city–year
 * graph (c = 1 in any panel where cities share years). These are passed to `ols` as
 * `absorbedDf` with `intercept: false`, so s², classical standard errors and t values are the
 * dummy-variable regression's.
 *
 * Within R² = 1 − SSR / Σ ÿ²: the share of the *within-city* (and within-year) variation
 * explained by the regressors — the R² of the demeaned regression, not of the dummy regression.
 *
 * Cluster-robust errors by city: CR1, c = G/(G−1)·(N−1)/(N−K). Conventions differ on whether K
 * counts the absorbed effects. The default "nested" (fixest's default, Stata's xtreg, plm's
 * "sss") does not count effects nested in the clusters (city effects when clustering by city),
 * because they do not reduce the information about the cluster scores; "all" counts every
 * absorbed effect (Stata's areg, what `ols` does with `absorbedDf`). The t reference is t(G−1).
 */
import { DataError } from "../data/errors";
import { olsMatrix, type OlsResult } from "./ols-matrix";
import { fCdf, tQuantile, twoSidedPValueT } from "./distributions";

/** Which effects to absorb: city (entity) only, or city and year. */
export type FixedEffectsKind = "city" | "twoway";

/** Options of `fixedEffects`. */
export interface FixedEffectsOptions {
  /** "city" (one-way, default when no `time` is given) or "twoway". */
  effects?: FixedEffectsKind;
  /** Names of the columns of X. Default x1, x2, … */
  names?: string[];
  yName?: string;
  /**
   * Covariance: "classical" (default), "HC1", "cluster" (by the entity, i.e. city), or
   * { type: "cluster", groups } for other cluster labels.
   */
  cov?: "classical" | "HC1" | "cluster" | { type: "cluster"; groups: (string | number)[] };
  /** CR1 small-sample convention (see file comment): "nested" (default) or "all". */
  clusterDf?: "nested" | "all";
  /** Convergence tolerance of the alternating projections, relative to each column's scale. */
  tol?: number;
  maxIter?: number;
}

/** Result of `fixedEffects`. */
export interface FixedEffectsResult {
  effects: FixedEffectsKind;
  /** OLS on the demeaned data with the right dfResid (and the chosen covariance). */
  result: OlsResult;
  /** 1 − SSR/Σÿ². */
  withinR2: number;
  /** Number of cities G and (two-way) years T. */
  nGroups: number;
  nPeriods: number;
  /** Connected components of the city–year graph (two-way; 1 for one-way). */
  components: number;
  /** Degrees of freedom absorbed by the effects, as passed to `ols`. */
  absorbedDf: number;
  /** Every city observed in every year exactly once. */
  balanced: boolean;
  /** Sweeps of the alternating projections (1 on a balanced panel or one-way). */
  iterations: number;
  /** The demeaned response and regressors (rows of X). */
  yDemeaned: number[];
  XDemeaned: number[][];
  /** One-way only: the city intercepts α̂_i = ȳ_i − x̄_i'β̂, keyed by city. */
  cityEffects?: Map<string | number, number>;
}

/** Output of `demeanWithin`. */
export interface DemeanResult {
  /** Demeaned columns, in the order given. */
  columns: number[][];
  /** Number of full sweeps over the factors. */
  iterations: number;
  /** Largest change in the last sweep relative to the column's scale. */
  lastChange: number;
}

/** Maps labels to 0…L−1 in first-appearance order. */
function indexLabels(labels: (string | number)[]): {
  index: Int32Array;
  levels: (string | number)[];
} {
  const map = new Map<string | number, number>();
  const index = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let id = map.get(labels[i]);
    if (id === undefined) {
      id = map.size;
      map.set(labels[i], id);
    }
    index[i] = id;
  }
  return { index, levels: [...map.keys()] };
}

/**
 * Demeans columns by one or more factors (the within transformation), by alternating projections.
 *
 * Formula: repeat x ← x − (group mean of x) for each factor in turn until the largest change in a
 * sweep is below tol·max(1, max|x|); one factor, or two on a balanced panel, converge in one
 * sweep (the second confirms it). Result: x minus its projection on all the factors' dummies.
 * Throws: DataError if a factor's length differs from a column's, a value is not finite, or the
 * projections do not converge in maxIter sweeps.
 * @example
 * demeanWithin([[1, 2, 3, 5]], [["a", "a", "b", "b"]]).columns; // [[-0.5, 0.5, -1, 1]]
 * demeanWithin([y], [city, year]).iterations; // 1 on a balanced panel
 */
export function demeanWithin(
  columns: number[][],
  factors: (string | number)[][],
  opts: { tol?: number; maxIter?: number; names?: string[] } = {},
): DemeanResult {
  const tol = opts.tol ?? 1e-13;
  const maxIter = opts.maxIter ?? 10000;
  const n = columns.length > 0 ? columns[0].length : 0;
  const idx = factors.map((f, q) => {
    if (f.length !== n) {
      throw new DataError(`factor ${q + 1} has ${f.length} labels for ${n} observations`, {
        hint: "pass one city (and year) label per row",
      });
    }
    return indexLabels(f);
  });
  let iterations = 0;
  let lastChange = 0;
  const out = columns.map((col, c) => {
    const name = opts.names?.[c] ?? `column ${c + 1}`;
    if (col.length !== n) {
      throw new DataError(`has ${col.length} values, expected ${n}`, { variable: name });
    }
    const x = Float64Array.from(col);
    let scale = 1;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i])) {
        throw new DataError(`row ${i + 1} has ${String(col[i])}`, {
          variable: name,
          hint: "remove or impute missing values before estimating",
        });
      }
      scale = Math.max(scale, Math.abs(x[i]));
    }
    let it = 0;
    for (;;) {
      let change = 0;
      for (const { index, levels } of idx) {
        const sum = new Float64Array(levels.length);
        const count = new Float64Array(levels.length);
        for (let i = 0; i < n; i++) {
          sum[index[i]] += x[i];
          count[index[i]] += 1;
        }
        for (let g = 0; g < levels.length; g++) {
          const m = sum[g] / count[g];
          sum[g] = m;
          change = Math.max(change, Math.abs(m));
        }
        for (let i = 0; i < n; i++) x[i] -= sum[index[i]];
      }
      it += 1;
      const rel = change / scale;
      // One factor is exact after one sweep; otherwise stop when a sweep changes nothing.
      if (idx.length <= 1 || (it > 1 && rel <= tol)) {
        lastChange = Math.max(lastChange, idx.length <= 1 ? 0 : rel);
        break;
      }
      if (it >= maxIter) {
        throw new DataError(
          `alternating projections did not converge in ${maxIter} sweeps (last change ${rel.toExponential(2)})`,
          { variable: name, hint: "raise maxIter, or check for cities observed in very few years" },
        );
      }
    }
    // The confirming sweep of a multi-factor demeaning does not count as work done.
    iterations = Math.max(iterations, idx.length <= 1 ? 1 : it - 1);
    return Array.from(x);
  });
  return { columns: out, iterations, lastChange };
}

/**
 * Number of connected components of the bipartite graph whose nodes are the levels of two
 * factors and whose edges are the observations (union–find). With c components, G + T − c
 * dummy coefficients are identified in a two-way model.
 *
 * Formula: components of {city levels} ∪ {year levels} joined by each observed (city, year).
 * Throws: DataError if the two factors differ in length.
 * @example
 * connectedComponents(["a", "a", "b"], [1, 2, 2]); // 1
 * connectedComponents(["a", "b"], [1, 2]);         // 2
 */
export function connectedComponents(a: (string | number)[], b: (string | number)[]): number {
  if (a.length !== b.length) {
    throw new DataError(`factors have ${a.length} and ${b.length} labels`, {
      hint: "pass one city and one year label per row",
    });
  }
  const A = indexLabels(a);
  const B = indexLabels(b);
  const nA = A.levels.length;
  const parent = Int32Array.from({ length: nA + B.levels.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < a.length; i++) {
    const ra = find(A.index[i]);
    const rb = find(nA + B.index[i]);
    if (ra !== rb) parent[ra] = rb;
  }
  let c = 0;
  for (let x = 0; x < parent.length; x++) if (find(x) === x) c += 1;
  return c;
}

/** Whether every level of `inner` falls in a single level of `outer` (e.g. city within cluster). */
function isNested(inner: (string | number)[], outer: (string | number)[]): boolean {
  const seen = new Map<string | number, string | number>();
  for (let i = 0; i < inner.length; i++) {
    const o = seen.get(inner[i]);
    if (o === undefined) seen.set(inner[i], outer[i]);
    else if (o !== outer[i]) return false;
  }
  return true;
}

/**
 * Rescales a cluster-robust OlsResult's covariance by `factor` and recomputes standard errors,
 * t, p (t with result.dfInference) and 95% intervals. Used to move between CR1 conventions.
 */
function rescaleCovariance(res: OlsResult, factor: number): OlsResult {
  const covParams = res.covParams.map((row) => row.map((v) => v * factor));
  const bse = res.bse.map((s) => s * Math.sqrt(factor));
  const tvalues = res.params.map((b, j) => b / bse[j]);
  const pvalues = tvalues.map((t) => twoSidedPValueT(t, res.dfInference));
  const q = tQuantile(0.975, res.dfInference);
  const confInt = res.params.map((b, j): [number, number] => [b - q * bse[j], b + q * bse[j]]);
  // The Wald F scales by 1/factor when the covariance scales by factor.
  const fvalue = res.fvalue / factor;
  const fPvalue = Number.isFinite(fvalue)
    ? 1 - fCdf(Math.max(fvalue, 0), res.dfModel, res.dfInference)
    : res.fPvalue;
  return { ...res, covParams, bse, tvalues, pvalues, confInt, fvalue, fPvalue };
}

/**
 * Fixed-effects regression by the within transformation: city effects, or city and year effects.
 *
 * Formula: β̂ = OLS of ÿ on Ẍ (no constant), ẍ = x − projection on the city (and year) dummies;
 * dfResid = N − k − absorbed, absorbed = G (one-way) or G + T − c (two-way, c components);
 * within R² = 1 − SSR/Σÿ²; CR1 by city with K = k (+ non-nested effects) by default.
 * Throws: DataError on length mismatches, missing values, a regressor constant within cities
 * (collinear with the effects, named by `ols`), too few observations, or non-convergence.
 * @example
 * const fe = fixedEffects(co, X, city, year, { effects: "twoway", names: m6, cov: "cluster" });
 * fe.result.params; fe.withinR2; fe.result.dfResid; // 110 − 5 − 11 − 9 = 85
 */
export function fixedEffects(
  y: number[],
  X: number[][],
  city: (string | number)[],
  year: (string | number)[] | null = null,
  opts: FixedEffectsOptions = {},
): FixedEffectsResult {
  const n = y.length;
  const effects: FixedEffectsKind = opts.effects ?? (year ? "twoway" : "city");
  if (effects === "twoway" && !year) {
    throw new DataError("two-way fixed effects need a year label per row", {
      variable: "year",
      hint: "pass the year column as the fourth argument",
    });
  }
  if (X.length !== n) {
    throw new DataError(`y has ${n} values but X has ${X.length} rows`, {
      variable: opts.yName ?? "y",
    });
  }
  if (city.length !== n) {
    throw new DataError(`${city.length} city labels for ${n} observations`, { variable: "city" });
  }
  const k = n > 0 ? X[0].length : 0;
  const names = opts.names ?? Array.from({ length: k }, (_, j) => `x${j + 1}`);
  const yName = opts.yName ?? "y";
  const factors = effects === "twoway" ? [city, year as (string | number)[]] : [city];

  // Demean y and every column of X.
  const cols: number[][] = [y, ...names.map((_, j) => X.map((row) => row[j]))];
  const dm = demeanWithin(cols, factors, {
    tol: opts.tol,
    maxIter: opts.maxIter,
    names: [yName, ...names],
  });
  const yd = dm.columns[0];
  const Xd: number[][] = Array.from({ length: n }, (_, i) =>
    names.map((_, j) => dm.columns[j + 1][i]),
  );

  const G = new Set(city).size;
  const T = year ? new Set(year).size : 0;
  const components =
    effects === "twoway" ? connectedComponents(city, year as (string | number)[]) : 1;
  const absorbedDf = effects === "twoway" ? G + T - components : G;
  let balanced = false;
  if (year) {
    const cells = new Set(city.map((c, i) => `${String(c)}\u0000${String(year[i])}`));
    balanced = cells.size === n && n === G * T;
  }

  // Covariance.
  const covOpt = opts.cov ?? "classical";
  const groups = covOpt === "cluster" ? city : typeof covOpt === "object" ? covOpt.groups : null;
  const cov = groups ? { type: "cluster" as const, groups } : (covOpt as "classical" | "HC1");
  let result = olsMatrix(yd, Xd, { intercept: false, names, yName, absorbedDf, cov });
  if (groups && (opts.clusterDf ?? "nested") === "nested" && isNested(city, groups)) {
    // ols used K = k + absorbedDf (all effects); city effects nested in clusters are not counted.
    const Kall = k + absorbedDf;
    const Knested = Kall - G;
    result = rescaleCovariance(result, (n - Kall) / (n - Knested));
  }

  let yy = 0;
  for (const v of yd) yy += v * v;
  const withinR2 = 1 - result.ssr / yy;

  let cityEffects: Map<string | number, number> | undefined;
  if (effects === "city") {
    const sum = new Map<string | number, number>();
    const count = new Map<string | number, number>();
    for (let i = 0; i < n; i++) {
      let e = y[i];
      for (let j = 0; j < k; j++) e -= X[i][j] * result.params[j];
      sum.set(city[i], (sum.get(city[i]) ?? 0) + e);
      count.set(city[i], (count.get(city[i]) ?? 0) + 1);
    }
    cityEffects = new Map([...sum].map(([c, s]) => [c, s / (count.get(c) as number)]));
  }

  return {
    effects,
    result,
    withinR2,
    nGroups: G,
    nPeriods: T,
    components,
    absorbedDf,
    balanced,
    iterations: dm.iterations,
    yDemeaned: yd,
    XDemeaned: Xd,
    ...(cityEffects ? { cityEffects } : {}),
  };
}
