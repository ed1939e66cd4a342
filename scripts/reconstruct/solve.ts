/**
 * Levenberg–Marquardt least squares and a minimax polish (p-norm continuation), with
 * forward-difference Jacobians. Small problems only (≤ ~60 parameters, ≤ ~200 residuals).
 */
import { lstsq, type Mat } from "./linalg";

export interface LmOptions {
  maxIter?: number;
  /** stop when the relative decrease of the cost is below this */
  tol?: number;
  /** initial damping */
  mu?: number;
}

const cost = (r: number[]) => r.reduce((s, x) => s + x * x, 0);

function jacobian(f: (x: number[]) => number[], x: number[], r0: number[]): Mat {
  const m = r0.length;
  const n = x.length;
  const J: Mat = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const h = 1e-7 * Math.max(1, Math.abs(x[j]));
    const xp = [...x];
    xp[j] += h;
    const rp = f(xp);
    for (let i = 0; i < m; i++) J[i][j] = (rp[i] - r0[i]) / h;
  }
  return J;
}

/**
 * Minimises ‖f(x)‖² by Levenberg–Marquardt: each step solves [J; √μ D] δ = [−r; 0] by
 * Householder QR. Residuals may be non-finite for infeasible x; such steps are rejected.
 */
export function levenbergMarquardt(
  f: (x: number[]) => number[],
  x0: number[],
  opts: LmOptions = {},
): { x: number[]; cost: number; iterations: number } {
  const maxIter = opts.maxIter ?? 200;
  const tol = opts.tol ?? 1e-12;
  let mu = opts.mu ?? 1e-3;
  let x = [...x0];
  let r = f(x);
  let c = cost(r);
  if (!Number.isFinite(c)) throw new Error("levenbergMarquardt: infeasible start");
  let it = 0;
  for (; it < maxIter; it++) {
    const J = jacobian(f, x, r);
    const n = x.length;
    const colNorm = J[0].map(
      (_, j) => Math.sqrt(J.reduce((s, row) => s + row[j] * row[j], 0)) || 1,
    );
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const A: Mat = [...J.map((row) => [...row])];
      for (let j = 0; j < n; j++) {
        const row = new Array<number>(n).fill(0);
        row[j] = Math.sqrt(mu) * colNorm[j];
        A.push(row);
      }
      const b = [...r.map((v) => -v), ...new Array<number>(n).fill(0)];
      const d = lstsq(A, b);
      const xn = x.map((v, j) => v + d[j]);
      const rn = f(xn);
      const cn = cost(rn);
      if (Number.isFinite(cn) && cn < c) {
        const rel = (c - cn) / Math.max(c, 1e-300);
        x = xn;
        r = rn;
        c = cn;
        mu = Math.max(mu / 3, 1e-12);
        accepted = true;
        if (rel < tol) return { x, cost: c, iterations: it + 1 };
        break;
      }
      mu *= 4;
    }
    if (!accepted) break;
  }
  return { x, cost: c, iterations: it };
}

/**
 * Minimax polish: minimises max_i |r_i(x)| approximately by minimising Σ |r_i|^(2p) for a
 * rising sequence of p (each stage a Levenberg–Marquardt run on sign(r)|r|^p), keeping the
 * iterate with the smallest maximum. `extra` residuals (regularisation) enter unpowered.
 */
export function minimaxPolish(
  f: (x: number[]) => number[],
  x0: number[],
  opts: { powers?: number[]; maxIter?: number; extra?: (x: number[]) => number[] } = {},
): { x: number[]; worst: number } {
  const powers = opts.powers ?? [2, 4, 8, 16, 32];
  const worstOf = (x: number[]) => Math.max(...f(x).map((v) => Math.abs(v)));
  let best = [...x0];
  let bestWorst = worstOf(best);
  let x = [...x0];
  for (const p of powers) {
    const g = (y: number[]) => {
      const r = f(y);
      // scale by the current worst so that the powered residuals stay O(1)
      const out = r.map((v) => Math.sign(v) * Math.abs(v / bestWorst) ** p);
      return opts.extra ? [...out, ...opts.extra(y)] : out;
    };
    try {
      x = levenbergMarquardt(g, x, { maxIter: opts.maxIter ?? 100, tol: 1e-10 }).x;
    } catch {
      continue;
    }
    const w = worstOf(x);
    if (w < bestWorst) {
      bestWorst = w;
      best = [...x];
    } else x = [...best];
  }
  return { x: best, worst: bestWorst };
}
