/**
 * Testing a regional difference: an interaction term in the pooled model and a Chow test.
 *
 * The problem it solves. Table 6 of the paper reports NQP's coefficient separately for the
 * Northeast (0.629) and the Southwest (0.438) and concludes that the effect is "more
 * significant" in the Northeast. Two estimates being different numbers is not evidence that
 * the effects differ: that needs a test of β_NE = β_SW. Two standard ways:
 *
 * 1. Interaction in the pooled model. With D_i = 1 for Northeast cities,
 *      y = x'β + δ·D + γ·(NQP × D) + ε,
 *    γ is the Northeast–Southwest difference in the NQP slope (other slopes held common);
 *    H0: γ = 0 is tested with a t statistic — classical, CR1 by city, and the wild cluster
 *    restricted bootstrap (D is constant within a city, so only 11 clusters carry the
 *    information: 6 against 5).
 * 2. Fully interacted model / Chow (1960) test. Interact every regressor and the constant with
 *    D; the coefficients then equal the two separate regressions of Table 6, and the NQP × D
 *    coefficient is exactly β_NE − β_SW. Chow's F tests all K differences at once:
 *      F = [(SSR_pooled − SSR_NE − SSR_SW)/K] / [(SSR_NE + SSR_SW)/(N − 2K)] ~ F(K, N − 2K)
 *    under homoskedastic, independent errors (the classical assumptions the paper uses).
 */
import { DataError } from "../data/errors";
import { frameColumn, frameNumericColumn } from "../data/frame";
import { fCdf } from "./distributions";
import { ols, type OlsResult } from "./ols";
import {
  wildClusterBootstrap,
  type WildBootstrapResult,
  type WildWeights,
} from "./wild-cluster-bootstrap";

/** A column-oriented data frame (as `buildVariables(...).frame`). */
type ColumnFrame = Record<string, (number | string)[]>;

/** Result of `chowTest`. */
export interface ChowTestResult {
  F: number;
  df1: number;
  df2: number;
  pValue: number;
  ssrPooled: number;
  ssrSplit: number;
  groups: { label: string | number; n: number; ssr: number; result: OlsResult }[];
}

/**
 * Chow test that all coefficients (constant included) are equal across groups.
 *
 * Formula: F = [(SSR_pooled − Σ_g SSR_g)/((L−1)K)] / [Σ_g SSR_g/(N − L·K)] ~ F((L−1)K, N − LK),
 * L groups, K = k + 1 parameters. Throws: DataError on length mismatches, fewer than 2 groups,
 * or a group too small to fit the model (named).
 * @example
 * const chow = chowTest(co, X, region, { names: ["NQP", "TRADE", "UIS", "GOV", "RCY"] });
 * chow.F; chow.pValue;
 */
export function chowTest(
  y: number[],
  X: number[][],
  groups: (string | number)[],
  opts: { names?: string[]; yName?: string } = {},
): ChowTestResult {
  const n = y.length;
  if (groups.length !== n) {
    throw new DataError(`${groups.length} group labels for ${n} observations`, {
      variable: "groups",
    });
  }
  const pooled = ols(y, X, { names: opts.names, yName: opts.yName });
  const K = pooled.names.length;
  const levels = [...new Set(groups)];
  if (levels.length < 2) {
    throw new DataError(`the Chow test needs at least 2 groups (got ${levels.length})`, {
      variable: "groups",
    });
  }
  const parts = levels.map((label) => {
    const rows = groups.map((g, i) => (g === label ? i : -1)).filter((i) => i >= 0);
    if (rows.length <= K) {
      throw new DataError(`group has ${rows.length} observations for ${K} parameters`, {
        variable: String(label),
        hint: "a Chow test needs more observations than parameters in every group",
      });
    }
    const result = ols(
      rows.map((i) => y[i]),
      rows.map((i) => X[i]),
      { names: opts.names, yName: opts.yName },
    );
    return { label, n: rows.length, ssr: result.ssr, result };
  });
  const ssrSplit = parts.reduce((s, p) => s + p.ssr, 0);
  const df1 = (levels.length - 1) * K;
  const df2 = n - levels.length * K;
  const F = (pooled.ssr - ssrSplit) / df1 / (ssrSplit / df2);
  return {
    F,
    df1,
    df2,
    // Upper tail without cancellation: P(F(d1, d2) > x) = P(F(d2, d1) < 1/x).
    pValue: F > 0 ? fCdf(1 / F, df2, df1) : 1,
    ssrPooled: pooled.ssr,
    ssrSplit,
    groups: parts,
  };
}

/** Options of `regionInteractionTest`. */
export interface RegionInteractionOptions {
  /** Dependent variable. */
  y: string;
  /** Regressors (a constant is added). */
  x: string[];
  /** The regressor whose slope may differ. */
  focus: string;
  /** Region column (default "region"). */
  region?: string;
  /** The region whose dummy is 1. */
  target: string;
  /** Cluster column for CR1 and the bootstrap (default "city"). */
  cluster?: string;
  /** 1 − confidence level of the bootstrap intervals (default 0.05). */
  alpha?: number;
  /** Bootstrap draws, seed and weights (defaults 9999, 20260402, "webb"). */
  draws?: number;
  seed?: number;
  weights?: WildWeights;
}

/** One test of H0: coefficient = 0 with three p-values. */
export interface InteractionCoefficient {
  name: string;
  estimate: number;
  tClassical: number;
  pClassical: number;
  seCR1: number;
  pCR1: number;
  bootstrap: WildBootstrapResult;
}

/** Result of `regionInteractionTest`. */
export interface RegionInteractionResult {
  target: string;
  reference: string;
  /** Pooled model with D and focus × D (classical covariance). */
  interaction: OlsResult;
  /** The focus × D coefficient in the pooled model. */
  pooledDifference: InteractionCoefficient;
  /** Every regressor and the constant interacted with D (classical covariance). */
  fullyInteracted: OlsResult;
  /** The focus × D coefficient in the fully interacted model = β_target − β_reference. */
  splitDifference: InteractionCoefficient;
  /** Chow F test of all coefficients equal across the regions. */
  chow: ChowTestResult;
  /** The focus slope in each region's own regression (Table 6). */
  slopes: Record<string, number>;
}

/**
 * Tests whether the focus regressor's slope (NQP) differs between two regions, in the pooled
 * model with an interaction and in the fully interacted (Chow) model, with classical, CR1 and
 * wild cluster restricted bootstrap p-values.
 *
 * Formula: y = x'β + δD + γ(x_f·D) + ε, test γ = 0; fully interacted y = [x, D, x·D]'θ + ε,
 * test θ_{f×D} = 0 (= β_target − β_reference); Chow F (see `chowTest`).
 * Throws: DataError if a column is missing or not numeric, or the region column does not have
 * exactly two values one of which is `target`.
 * @example
 * const ri = regionInteractionTest(built.frame, { draws: 9999, seed: 1 });
 * ri.splitDifference.estimate; ri.splitDifference.bootstrap.pValue; ri.chow.pValue;
 */
export function regionInteractionTest(
  frame: ColumnFrame,
  opts: RegionInteractionOptions,
): RegionInteractionResult {
  const yName = opts.y;
  const xNames = opts.x;
  const focus = opts.focus;
  const target = opts.target;
  const f = xNames.indexOf(focus);
  if (f < 0) {
    throw new DataError("the focus regressor is not among the regressors", {
      variable: focus,
      hint: `choose one of ${xNames.join(", ")}`,
    });
  }
  const y = frameNumericColumn(frame, yName);
  const cols = xNames.map((nm) => frameNumericColumn(frame, nm));
  const region = frameColumn(frame, opts.region ?? "region");
  const clusters = frameColumn(frame, opts.cluster ?? "city");
  const levels = [...new Set(region)];
  if (levels.length !== 2 || !levels.includes(target)) {
    throw new DataError(
      `the region column must have exactly two values including "${target}" (found ${levels.join(", ")})`,
      { variable: opts.region ?? "region" },
    );
  }
  const reference = String(levels.find((l) => l !== target));
  const D = region.map((r) => (r === target ? 1 : 0));
  const dName = target;
  const n = y.length;
  const boot = {
    draws: opts.draws ?? 9999,
    seed: opts.seed ?? 20260402,
    weights: opts.weights,
    alpha: opts.alpha ?? 0.05,
  };

  const test = (
    X: number[][],
    names: string[],
    coef: string,
  ): [OlsResult, InteractionCoefficient] => {
    const classical = ols(y, X, { names, yName });
    const cr1 = ols(y, X, { names, yName, cov: { type: "cluster", groups: clusters } });
    const j = classical.names.indexOf(coef);
    const bootstrap = wildClusterBootstrap(y, X, clusters, { coef, names, ...boot });
    return [
      classical,
      {
        name: coef,
        estimate: classical.params[j],
        tClassical: classical.tvalues[j],
        pClassical: classical.pvalues[j],
        seCR1: cr1.bse[j],
        pCR1: cr1.pvalues[j],
        bootstrap,
      },
    ];
  };

  // 1. Pooled model with D and focus × D.
  const interName = `${focus}×${dName}`;
  const Xi = Array.from({ length: n }, (_, i) => [
    ...cols.map((c) => c[i]),
    D[i],
    cols[f][i] * D[i],
  ]);
  const [interaction, pooledDifference] = test(Xi, [...xNames, dName, interName], interName);

  // 2. Fully interacted model.
  const Xf = Array.from({ length: n }, (_, i) => [
    ...cols.map((c) => c[i]),
    D[i],
    ...cols.map((c) => c[i] * D[i]),
  ]);
  const fullNames = [...xNames, dName, ...xNames.map((nm) => `${nm}×${dName}`)];
  const [fullyInteracted, splitDifference] = test(Xf, fullNames, interName);

  // 3. Chow test and the per-region slopes.
  const Xm = Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
  const chow = chowTest(y, Xm, region, { names: xNames, yName });
  const slopes: Record<string, number> = {};
  for (const g of chow.groups) slopes[String(g.label)] = g.result.params[f + 1];

  return {
    target,
    reference,
    interaction,
    pooledDifference,
    fullyInteracted,
    splitDifference,
    chow,
    slopes,
  };
}
