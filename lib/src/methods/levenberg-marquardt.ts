/**
 * Nonlinear least squares by Levenberg–Marquardt, and a minimax polish built on it.
 *
 * Given a residual function r: ℝⁿ → ℝᵐ, Levenberg–Marquardt minimises ‖r(x)‖² by repeated
 * damped Gauss–Newton steps. At x, with J the Jacobian of r, the step δ solves
 *
 *     min ‖J δ + r‖² + μ ‖D δ‖²,   D = diag(‖J_·j‖)   (Moré's column scaling),
 *
 * i.e. the least-squares problem [J; √μ D] δ = [−r; 0], solved by Householder QR (lib's
 * `householderQR`), never by forming JᵀJ. A step that lowers ‖r‖² is accepted and μ shrinks
 * (÷3, at least 10⁻¹²); otherwise μ grows (×4) and the step is recomputed, up to 30 times. The
 * iteration stops when an accepted step lowers ‖r‖² by a relative amount below `tolerance`,
 * when no step is accepted, or after `maxIterations`. A residual function may throw or return a
 * non-finite value for an infeasible x: that step is simply rejected.
 *
 * The Jacobian is by forward differences, h_j = 10⁻⁷·max(1, |x_j|), unless the caller passes
 * its own (`opts.jacobian`), e.g. one that exploits a block structure.
 *
 * Minimax. `minimaxLevenbergMarquardt` approximately minimises max_i |r_i(x)|: it minimises
 * Σ |r_i/s|^p for a rising sequence of even powers p (an L_p approximation of the maximum; s is
 * the best maximum so far, so the powered residuals stay of order one), each stage a
 * Levenberg–Marquardt run on sign(r_i)|r_i/s|^(p/2), keeping the iterate with the smallest
 * maximum. Optional `extra` residuals (a regularisation) enter unpowered.
 *
 * Both are general methods; the project uses them for the joint-moments audit (rule 8) and for
 * the data reconstruction (scripts/reconstruct/).
 */
import { DataError } from "../data/errors";
import { applyQt, backSubstitute, householderQR } from "./qr";

/** A residual function: parameters → residuals (any array-like of numbers). */
export type ResidualFunction = (x: Float64Array) => ArrayLike<number>;

/** Options of `levenbergMarquardt`. */
export interface LevenbergMarquardtOptions {
  /** Most iterations (Jacobian evaluations); default 200. */
  maxIterations?: number;
  /** Stop when an accepted step lowers ‖r‖² by less than this fraction; default 1e-12. */
  tolerance?: number;
  /** Initial damping μ; default 1e-3. */
  damping?: number;
  /**
   * Jacobian of r at x (m×n, row-major: element (i, j) at i·n + j), given r(x). Default:
   * forward differences (`finiteDifferenceJacobian`).
   */
  jacobian?: (x: Float64Array, r: Float64Array) => Float64Array;
  /** Called with every accepted iterate and its ‖r‖². */
  onIterate?: (x: Float64Array, cost: number) => void;
}

/** What `levenbergMarquardt` returns. */
export interface LevenbergMarquardtResult {
  /** The final parameters. */
  x: Float64Array;
  /** r(x) at the final parameters. */
  residuals: Float64Array;
  /** ‖r(x)‖². */
  cost: number;
  /** Jacobian evaluations done. */
  iterations: number;
  /** Why it stopped. */
  stop: "tolerance" | "no-decrease" | "max-iterations";
}

/**
 * Forward-difference Jacobian of a residual function at x.
 *
 * Formula: J_ij = (r_i(x + h_j e_j) − r_i(x))/h_j with h_j = 10⁻⁷·max(1, |x_j|).
 * Throws: whatever `f` throws.
 * @example
 * const J = finiteDifferenceJacobian((x) => [x[0] * x[1]], Float64Array.from([2, 3]), Float64Array.from([6]));
 * // J ≈ [3, 2]
 */
export function finiteDifferenceJacobian(
  f: ResidualFunction,
  x: Float64Array,
  fx: Float64Array,
): Float64Array {
  const m = fx.length;
  const n = x.length;
  const J = new Float64Array(m * n);
  const xh = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    const h = 1e-7 * Math.max(1, Math.abs(x[j]));
    xh[j] = x[j] + h;
    const f1 = f(xh);
    xh[j] = x[j];
    for (let i = 0; i < m; i++) J[i * n + j] = (f1[i] - fx[i]) / h;
  }
  return J;
}

function sumSq(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s;
}

/** r(x) as a Float64Array, or null when f throws (an infeasible x). */
function evaluate(f: ResidualFunction, x: Float64Array): Float64Array | null {
  try {
    return Float64Array.from(f(x));
  } catch {
    return null;
  }
}

/**
 * One damped Gauss–Newton step: the least-squares solution of [J; √μ·D] δ = [−r; 0] by
 * Householder QR. J is m×n row-major, D the column scaling.
 */
function dampedStep(
  J: Float64Array,
  r: Float64Array,
  m: number,
  n: number,
  mu: number,
  D: Float64Array,
): Float64Array {
  const rows = m + n;
  const A = new Float64Array(rows * n);
  A.set(J);
  const s = Math.sqrt(mu);
  for (let j = 0; j < n; j++) A[(m + j) * n + j] = s * D[j];
  const rhs = new Float64Array(rows);
  for (let i = 0; i < m; i++) rhs[i] = -r[i];
  const f = householderQR(A, rows, n);
  applyQt(f.qr, f.tau, rows, f.rank, rhs);
  const sol = new Float64Array(n);
  backSubstitute(f.qr, rows, f.rank, rhs, sol);
  const delta = new Float64Array(n);
  for (let p = 0; p < f.rank; p++) delta[f.pivot[p]] = sol[p];
  return delta;
}

/**
 * Minimises ‖r(x)‖² by Levenberg–Marquardt (see the file comment).
 *
 * Formula: x ← x + δ, δ = argmin ‖J δ + r‖² + μ‖D δ‖², D_jj = ‖J_·j‖ (1 where J_·j = 0).
 * Throws: DataError when r(x0) cannot be evaluated or is not finite (nothing to improve on).
 * @example
 * // y = a·exp(b·t) through (0, 2), (1, 2e), (2, 2e²): a = 2, b = 1
 * const t = [0, 1, 2], y = t.map((s) => 2 * Math.exp(s));
 * levenbergMarquardt((p) => t.map((s, i) => p[0] * Math.exp(p[1] * s) - y[i]), [1, 0]).x; // ≈ [2, 1]
 */
export function levenbergMarquardt(
  f: ResidualFunction,
  x0: ArrayLike<number>,
  opts: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const maxIterations = opts.maxIterations ?? 200;
  const tolerance = opts.tolerance ?? 1e-12;
  let mu = opts.damping ?? 1e-3;
  let x = Float64Array.from(x0);
  const start = evaluate(f, x);
  let cost = start ? sumSq(start) : NaN;
  if (!start || !Number.isFinite(cost)) {
    throw new DataError("the residuals cannot be evaluated at the starting point", {
      hint: "start from parameters where every residual is a finite number",
    });
  }
  let r: Float64Array = start;
  const n = x.length;
  const jac =
    opts.jacobian ?? ((p: Float64Array, rp: Float64Array) => finiteDifferenceJacobian(f, p, rp));
  let it = 0;
  for (; it < maxIterations; it++) {
    const J = jac(x, r);
    const m = r.length;
    const D = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += J[i * n + j] * J[i * n + j];
      D[j] = Math.sqrt(s) || 1;
    }
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const delta = dampedStep(J, r, m, n, mu, D);
      const xn = new Float64Array(n);
      for (let j = 0; j < n; j++) xn[j] = x[j] + delta[j];
      const rn = evaluate(f, xn);
      const cn = rn ? sumSq(rn) : NaN;
      if (rn && Number.isFinite(cn) && cn < cost) {
        const gain = (cost - cn) / cost;
        x = xn;
        r = rn;
        cost = cn;
        mu = Math.max(mu / 3, 1e-12);
        accepted = true;
        opts.onIterate?.(x, cost);
        if (gain < tolerance) {
          return { x, residuals: r, cost, iterations: it + 1, stop: "tolerance" };
        }
        break;
      }
      mu *= 4;
    }
    if (!accepted) return { x, residuals: r, cost, iterations: it + 1, stop: "no-decrease" };
  }
  return { x, residuals: r, cost, iterations: it, stop: "max-iterations" };
}

/** Options of `minimaxLevenbergMarquardt`. */
export interface MinimaxOptions {
  /** The rising powers p of the L_p stages; default 4, 8, …, 256. */
  powers?: number[];
  /** Most iterations per stage; default 60. */
  maxIterations?: number;
  /** Regularisation residuals appended unpowered to every stage (not part of the maximum). */
  extra?: (x: Float64Array) => ArrayLike<number>;
  /**
   * r(x) and the Jacobian (row-major) of r followed by the extra residuals' rows, when the caller
   * can compute it more cheaply than forward differences (the default).
   */
  jacobian?: (x: Float64Array) => { r: ArrayLike<number>; J: Float64Array };
}

/** What `minimaxLevenbergMarquardt` returns. */
export interface MinimaxResult {
  /** The iterate with the smallest max |r_i| seen. */
  x: Float64Array;
  /** max_i |r_i(x)| there. */
  maxAbs: number;
  /** Index of the residual attaining it. */
  at: number;
  /** Jacobian evaluations over all stages. */
  iterations: number;
}

function maxAbsOf(r: ArrayLike<number>): { value: number; at: number } {
  let value = 0;
  let at = 0;
  for (let i = 0; i < r.length; i++) {
    if (Math.abs(r[i]) > value) {
      value = Math.abs(r[i]);
      at = i;
    }
  }
  return { value, at };
}

/**
 * Approximately minimises max_i |r_i(x)| by L_p continuation with Levenberg–Marquardt stages
 * (see the file comment), starting from x0.
 *
 * Formula: for p in `powers`, minimise Σ_i |r_i(x)/s|^p (+ Σ extra²) with s the best maximum so
 * far; keep the accepted iterate with the smallest max |r_i|.
 * Throws: DataError when r(x0) cannot be evaluated or is not finite.
 * @example
 * // the point closest, in the maximum norm, to 0, 1 and 3 is 1.5
 * minimaxLevenbergMarquardt((x) => [x[0], x[0] - 1, x[0] - 3], [0]).x[0]; // ≈ 1.5
 */
export function minimaxLevenbergMarquardt(
  f: ResidualFunction,
  x0: ArrayLike<number>,
  opts: MinimaxOptions = {},
): MinimaxResult {
  let best = Float64Array.from(x0);
  const r0 = evaluate(f, best);
  if (!r0 || !r0.every((v) => Number.isFinite(v))) {
    throw new DataError("the residuals cannot be evaluated at the starting point", {
      hint: "start from parameters where every residual is a finite number",
    });
  }
  let { value: bestMax, at: bestAt } = maxAbsOf(r0);
  let iterations = 0;
  const keepBest = (x: Float64Array) => {
    const r = evaluate(f, x);
    if (!r) return;
    const { value, at } = maxAbsOf(r);
    if (value < bestMax) {
      bestMax = value;
      bestAt = at;
      best = Float64Array.from(x);
    }
  };
  for (const power of opts.powers ?? [4, 8, 16, 32, 64, 128, 256]) {
    if (bestMax === 0) break;
    const scale = bestMax;
    const half = power / 2;
    const g = (x: Float64Array): Float64Array => {
      const r = f(x);
      const ex = opts.extra ? opts.extra(x) : [];
      const out = new Float64Array(r.length + ex.length);
      for (let i = 0; i < r.length; i++) {
        const u = r[i] / scale;
        out[i] = Math.sign(u) * Math.pow(Math.abs(u), half);
      }
      for (let i = 0; i < ex.length; i++) out[r.length + i] = ex[i];
      return out;
    };
    // chain rule: d/dx sign(u)|u|^h = h|u|^(h−1)·du/dx with u = r/s; extra rows unchanged
    const jac = opts.jacobian;
    const stageJacobian = jac
      ? (x: Float64Array) => {
          const { r, J } = jac(x);
          const n = x.length;
          for (let i = 0; i < r.length; i++) {
            const d = (half * Math.pow(Math.abs(r[i] / scale), half - 1)) / scale;
            for (let j = 0; j < n; j++) J[i * n + j] *= d;
          }
          return J;
        }
      : undefined;
    try {
      const run = levenbergMarquardt(g, best, {
        maxIterations: opts.maxIterations ?? 60,
        onIterate: keepBest,
        jacobian: stageJacobian,
      });
      iterations += run.iterations;
    } catch {
      continue; // a power whose residuals overflow at the current best: try the next one
    }
  }
  return { x: best, maxAbs: bestMax, at: bestAt, iterations };
}
