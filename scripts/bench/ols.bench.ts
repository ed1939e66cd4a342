/**
 * Benchmarks of the core estimators (issue 3): one full OLS fit of a 110×6 design (target
 * ≤ 5 µs), a 10,000-replication Monte Carlo of Model (6), entropy weights on 110×9 indicators
 * and the VIF table. Two "OLS part" cases time the two largest pieces of a fit on their own
 * (the Householder QR of [X y], and the six @stdlib t p-values), so the total can be read. The design imitates the paper's Table 3 (means and SDs of NQP, TRADE,
 * UIS, GOV, RCY for 110 city-years); β is the paper's Model (6) and σ its residual SD, so the
 * Monte Carlo reproduces the sampling experiment a reader would run on Table 5.
 */
import mt19937 from "@stdlib/random-base-mt19937";
import { covarianceInto, createOlsWorkspace, inferenceInto, ols, olsFitInto } from "cplib";
import { normalQuantile, twoSidedPValueT } from "cplib";
import { QR_RANK_TOL, householderQRInPlace } from "cplib";
import { entropyWeights, type Direction } from "cplib";
import { vif } from "cplib";
import { loadPublished, MODEL6_REGRESSORS } from "cplib";
import { join } from "node:path";

const N = 110;
const NAMES = [...MODEL6_REGRESSORS];
const PUBLISHED = new Map(
  loadPublished(join(__dirname, "../../data/published/tables.csv")).map((r) => [r.id, r.printed]),
);
const printed = (id: string): number => Number(PUBLISHED.get(id));
/** Paper, Table 3: mean and SD of each regressor of Model (6). */
const MOMENTS: [number, number][] = NAMES.map((v) => [
  printed(`T3.${v}.mean`),
  printed(`T3.${v}.sd`),
]);
/** Paper, Table 5, Model (6): constant, then the regressors; residual SD ≈ sd(CO)·√(1 − R²). */
const BETA = ["_cons", ...NAMES].map((v) => printed(`T5.m6.${v}.coef`));
const SIGMA = printed("T3.CO.sd") * Math.sqrt(1 - printed("T5.m6.r2"));

/** Seeded standard normal draws: Mersenne Twister uniforms through Φ⁻¹ (both @stdlib). */
function normalSource(seed: number): () => number {
  const rand = mt19937.factory({ seed }) as unknown as { normalized: () => number };
  return () => {
    let u = rand.normalized();
    while (u === 0) u = rand.normalized(); // Φ⁻¹(0) = −∞
    return normalQuantile(u);
  };
}

interface Design {
  X: number[][];
  y: number[];
  city: string[];
}

function makeDesign(): Design {
  const z = normalSource(20260101);
  const X = Array.from({ length: N }, () => MOMENTS.map(([m, s]) => m + s * z()));
  const y = X.map((row) => BETA[0] + row.reduce((s, x, j) => s + BETA[j + 1] * x, 0) + SIGMA * z());
  const city = Array.from({ length: N }, (_, i) => `city${i % 11}`);
  return { X, y, city };
}

/** Monte Carlo of Model (6): draw y = Xβ + σe, refit, accumulate β̂_NQP and |t| > t_crit. */
function monteCarlo(design: Design, replications: number, useKernel: boolean) {
  const z = normalSource(7);
  const { X } = design;
  const k = 6;
  const mean = X.map((row) => BETA[0] + row.reduce((s, x, j) => s + BETA[j + 1] * x, 0));
  let sumNqp = 0;
  let rejections = 0;
  const ws = createOlsWorkspace(N, k);
  for (let i = 0; i < N; i++) {
    ws.X[i] = 1;
    for (let j = 0; j < 5; j++) ws.X[(j + 1) * N + i] = X[i][j];
  }
  const y = new Array<number>(N);
  for (let r = 0; r < replications; r++) {
    for (let i = 0; i < N; i++) y[i] = mean[i] + SIGMA * z();
    if (useKernel) {
      for (let i = 0; i < N; i++) ws.y[i] = y[i];
      olsFitInto(ws);
      covarianceInto(ws, "classical", ws.ssr / (N - k), N - k, 0);
      inferenceInto(ws, N - k);
      sumNqp += ws.params[1];
      if (ws.pvalues[1] < 0.05) rejections += 1;
    } else {
      const fit = ols(y, X, { names: NAMES });
      sumNqp += fit.params[1];
      if (fit.pvalues[1] < 0.05) rejections += 1;
    }
  }
  return { meanNqp: sumNqp / replications, power: rejections / replications };
}

/** An OLS workspace holding the design: column-major [1 X] (intercept first) and y. */
function designWorkspace(): ReturnType<typeof createOlsWorkspace> {
  const d = makeDesign();
  const ws = createOlsWorkspace(N, 6);
  for (let i = 0; i < N; i++) {
    ws.X[i] = 1;
    for (let j = 0; j < 5; j++) ws.X[(j + 1) * N + i] = d.X[i][j];
    ws.y[i] = d.y[i];
  }
  return ws;
}

export default [
  {
    name: "ols() 110×6 classical fit (number[][] in; params, SEs, t, p, CI, R², F out)",
    unit: "µs" as const,
    setup: makeDesign,
    run: (s: unknown) => {
      const d = s as Design;
      return ols(d.y, d.X, { names: NAMES }).pvalues[1];
    },
  },
  {
    name: "OLS kernel 110×6 on a reused workspace (QR, β, SEs, t, p, SSR; no allocation)",
    unit: "µs" as const,
    setup: designWorkspace,
    run: (s: unknown) => {
      const ws = s as ReturnType<typeof createOlsWorkspace>;
      olsFitInto(ws);
      covarianceInto(ws, "classical", ws.ssr / (N - 6), N - 6, 0);
      inferenceInto(ws, N - 6);
      return ws.pvalues[1];
    },
  },
  {
    name: "OLS part: Householder QR of [X y], 110×(6 + 1), alone (copy + factorise, y → Q'y)",
    unit: "µs" as const,
    setup: designWorkspace,
    run: (s: unknown) => {
      const ws = s as ReturnType<typeof createOlsWorkspace>;
      ws.qr.set(ws.X);
      ws.qty.set(ws.y);
      return householderQRInPlace(ws.qr, N, 6, ws.tau, ws.pivot, QR_RANK_TOL, 1);
    },
  },
  {
    name: "OLS part: the six two-sided t p-values alone (@stdlib t CDF, df = 104)",
    unit: "µs" as const,
    setup: () => {
      const d = makeDesign();
      const fit = ols(d.y, d.X, { names: NAMES });
      return fit.tvalues;
    },
    run: (s: unknown) => {
      const t = s as number[];
      let sum = 0;
      for (let j = 0; j < t.length; j++) sum += twoSidedPValueT(t[j], N - 6);
      return sum;
    },
  },
  {
    name: "ols() 110×6 cluster-robust CR1 fit (11 clusters)",
    unit: "µs" as const,
    setup: makeDesign,
    run: (s: unknown) => {
      const d = s as Design;
      return ols(d.y, d.X, { names: NAMES, cov: { type: "cluster", groups: d.city } }).pvalues[1];
    },
  },
  {
    name: "Monte Carlo, Model (6): 10,000 × (simulate y = Xβ + e, refit with ols())",
    unit: "ms" as const,
    minSamples: 5,
    setup: makeDesign,
    run: (s: unknown) => monteCarlo(s as Design, 10_000, false),
  },
  {
    name: "Monte Carlo, Model (6): 10,000 × (simulate y = Xβ + e, refit with the workspace kernel)",
    unit: "ms" as const,
    minSamples: 5,
    setup: makeDesign,
    run: (s: unknown) => monteCarlo(s as Design, 10_000, true),
  },
  {
    name: "Monte Carlo, Model (6): the 10,000 × 110 normal draws alone (mt19937 + Φ⁻¹)",
    unit: "ms" as const,
    minSamples: 5,
    run: () => {
      const z = normalSource(7);
      let s = 0;
      for (let i = 0; i < 10_000 * N; i++) s += z();
      return s;
    },
  },
  {
    name: "entropy weights, 110×9 indicators (all intermediates)",
    unit: "µs" as const,
    setup: () => {
      const z = normalSource(3);
      const X = Array.from({ length: N }, () => Array.from({ length: 9 }, () => Math.exp(z())));
      const directions: Direction[] = ["+", "+", "+", "+", "-", "-", "-", "+", "+"];
      return { X, directions, names: Array.from({ length: 9 }, (_, j) => `i${j + 1}`) };
    },
    run: (s: unknown) => {
      const d = s as { X: number[][]; directions: Direction[]; names: string[] };
      return entropyWeights(d.X, d.directions, d.names).weights[0];
    },
  },
  {
    name: "VIF table, 5 regressors × 110 rows (5 auxiliary regressions + rank check)",
    unit: "µs" as const,
    setup: makeDesign,
    run: (s: unknown) => vif((s as Design).X, NAMES).mean,
  },
];
