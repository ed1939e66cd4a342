/**
 * The fit: parameters θ of the reconstructed cells (model.ts) such that the pipeline reproduces
 * as many published numbers as the real data allow, by lib's Levenberg–Marquardt and its
 * minimax polish.
 *
 * Residuals: every published number's distance from its print in half rounding units, times its
 * weight, followed by the penalty θ_j/scale_j (a parameter of one plausible size costs as much
 * as half a rounding unit). Three steps:
 *  1. robust — the published residuals pass through the Cauchy map
 *     u ↦ sign(u)·c·√(ln(1 + (u/c)²)) (c = ROBUST_SCALE), whose square grows only like ln u²: a
 *     number the real data put far out of reach is left where it is instead of dragging every
 *     other number away from its print; the numbers within half a rounding unit afterwards are
 *     "reachable";
 *  2. least squares with weight 1 on the reachable numbers and `OUT_OF_REACH_WEIGHT` on the
 *     others (they still pull gently towards their prints);
 *  3. minimax polish of the reachable numbers (the largest |residual| as small as possible), so
 *     that storing the values at yearbook precision cannot push one over the edge.
 * The Jacobian exploits the structure: a parameter moves one city's cells of one composite, so
 * only that composite is recomputed for its finite difference.
 */
import { levenbergMarquardt, minimaxLevenbergMarquardt } from "cplib";
import type { Evaluator } from "./evaluate";

/** Weight of a published number that the robust step leaves out of reach. */
export const OUT_OF_REACH_WEIGHT = 0;

/** Weight of the parameter penalty: a coefficient at its bound costs this many half-units. */
export const PENALTY = 0.3;

/** Scale of the robust map, in half rounding units. */
export const ROBUST_SCALE = 2;

/**
 * The Cauchy map u ↦ sign(u)·c·√(ln(1 + (u/c)²)): its square grows only like ln u², so a
 * number far out of reach has almost no pull and the fit spends its freedom on the numbers
 * it can reach.
 */
const robustMap = (u: number) =>
  Math.sign(u) * ROBUST_SCALE * Math.sqrt(Math.log1p((u / ROBUST_SCALE) ** 2));

/** Weighted published residuals (optionally robust) at the evaluator's current state. */
function published(ev: Evaluator, robust: boolean): Float64Array {
  const r = ev.halfUnits();
  return Float64Array.from(r, (x, i) => {
    const u = x * ev.aims[i].weight;
    return robust ? robustMap(u) : u;
  });
}

/**
 * The published residuals at θ and their Jacobian, followed by the penalty rows when `penalty`
 * is given (m × p row-major).
 */
function residualsAndJacobian(
  ev: Evaluator,
  theta: Float64Array,
  robust: boolean,
  penalty: number | null,
): { r: Float64Array; J: Float64Array } {
  const { model } = ev;
  const p = model.size;
  ev.set(theta);
  const r0 = published(ev, robust);
  const mPub = r0.length;
  const m = mPub + (penalty === null ? 0 : p);
  const J = new Float64Array(m * p);
  const x = Float64Array.from(theta);
  model.blocks.forEach((b, k) => {
    for (let q = 0; q < b.size; q++) {
      const j = model.offsets[k] + q;
      const h = 1e-6 * Math.max(1, Math.abs(x[j]));
      x[j] = theta[j] + h;
      ev.setBlock(x, b.target, b.city);
      const r1 = published(ev, robust);
      for (let i = 0; i < mPub; i++) J[i * p + j] = (r1[i] - r0[i]) / h;
      x[j] = theta[j];
    }
    ev.setBlock(x, b.target, b.city);
  });
  const r = new Float64Array(m);
  r.set(r0);
  if (penalty !== null) {
    for (let j = 0; j < p; j++) {
      r[mPub + j] = (penalty * theta[j]) / model.scales[j];
      J[(mPub + j) * p + j] = penalty / model.scales[j];
    }
  }
  return { r, J };
}

/** Least squares (robust or not) of the weighted published residuals plus the penalty. */
export function fitLeastSquares(
  ev: Evaluator,
  theta0: Float64Array,
  opts: { robust: boolean; penalty: number; maxIterations: number },
): Float64Array {
  const { model } = ev;
  const fOnly = (theta: Float64Array): Float64Array => {
    ev.set(theta);
    const pub = published(ev, opts.robust);
    const out = new Float64Array(pub.length + model.size);
    out.set(pub);
    for (let j = 0; j < model.size; j++)
      out[pub.length + j] = (opts.penalty * theta[j]) / model.scales[j];
    return out;
  };
  const res = levenbergMarquardt(fOnly, theta0, {
    jacobian: (theta) => residualsAndJacobian(ev, theta, opts.robust, opts.penalty).J,
    maxIterations: opts.maxIterations,
    tolerance: 1e-10,
  });
  ev.set(res.x);
  return res.x;
}

/** Minimax polish of the weighted published residuals, the penalty kept as a regularisation. */
export function polishMinimax(
  ev: Evaluator,
  theta0: Float64Array,
  opts: { penalty: number; maxIterations: number; powers: number[] },
): Float64Array {
  const { model } = ev;
  const res = minimaxLevenbergMarquardt(
    (theta) => {
      ev.set(theta);
      return published(ev, false);
    },
    theta0,
    {
      powers: opts.powers,
      maxIterations: opts.maxIterations,
      extra: (theta) => Float64Array.from(theta, (t, j) => (opts.penalty * t) / model.scales[j]),
      jacobian: (theta) => residualsAndJacobian(ev, theta, false, opts.penalty),
    },
  );
  ev.set(res.x);
  return res.x;
}

/** Ids of the published numbers within half a rounding unit of their prints now. */
export function reachable(ev: Evaluator): Set<string> {
  const r = ev.halfUnits();
  return new Set(ev.aims.filter((_, i) => Math.abs(r[i]) < 1).map((a) => a.row.id));
}

/** The three steps of the file comment; returns θ and the reachable numbers. */
export function fitReconstruction(
  ev: Evaluator,
  log: (s: string) => void,
  opts: { robustIterations?: number; lsIterations?: number; polishIterations?: number } = {},
): { theta: Float64Array; reach: Set<string> } {
  let theta: Float64Array = new Float64Array(ev.model.size);
  ev.set(theta);
  log(`  base: ${reachable(ev).size}/${ev.aims.length} published numbers within reach`);
  theta = fitLeastSquares(ev, theta, {
    robust: true,
    penalty: PENALTY,
    maxIterations: opts.robustIterations ?? 80,
  });
  const reach = reachable(ev);
  log(`  robust fit: ${reach.size}/${ev.aims.length} within reach`);
  for (const a of ev.aims) a.weight = reach.has(a.row.id) ? 1 : OUT_OF_REACH_WEIGHT;
  theta = fitLeastSquares(ev, theta, {
    robust: false,
    penalty: PENALTY,
    maxIterations: opts.lsIterations ?? 30,
  });
  log(`  weighted least squares: ${reachable(ev).size} within reach`);
  for (const a of ev.aims) a.weight = reach.has(a.row.id) ? 1 : 0;
  theta = polishMinimax(ev, theta, {
    penalty: PENALTY / 10,
    maxIterations: opts.polishIterations ?? 20,
    powers: [4, 8, 16, 32],
  });
  const r = ev.halfUnits();
  const worst = Math.max(...ev.aims.map((a, i) => (reach.has(a.row.id) ? Math.abs(r[i]) : 0)));
  const now = reachable(ev);
  log(
    `  minimax polish: ${now.size} within reach; largest residual among them ${worst.toFixed(3)}`,
  );
  for (const a of ev.aims) a.weight = 1;
  return { theta, reach: now };
}
