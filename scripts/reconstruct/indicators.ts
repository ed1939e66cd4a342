/**
 * Stage 4 of the reconstruction: raw indicators whose entropy-weighted composites equal the
 * Stage 3 columns.
 *
 * CO (7 indicators) and NQP (9): on the normalised matrix Z (rows = city-years) alternate
 *   (a) recompute the entropy weights w(Z);
 *   (b) move every row onto Z_i·w = t_i along w (restricted to the cells allowed to move);
 *   (c) clip to [0, 1] and keep each column's designated argmin/argmax at 0/1,
 * until |Z w − t| is at machine precision; then map Z back to raw units through each
 * indicator's [min, max] (taken from the base) and its formula (ratios are multiplied back by
 * their denominators). TRADE (2 indicators) uses the scalar bracketing method described in data/README.md (stage 4).
 */
import { entropyWeightsOf } from "./pipeline";

/** A normalised matrix as columns (one array of n values per indicator). */
export type Cols = number[][];

export interface FixedPointProblem {
  target: number[];
  z: Cols;
  /** per cell: how freely it may move (0 = fixed) */
  mobility: Cols;
  /** per column: the rows that hold its 0 and 1 */
  pinMin: number[];
  pinMax: number[];
  /** per column: keep each city's series non-decreasing in z (rows come in city blocks) */
  monotone?: boolean[];
  years?: number;
}

/** Least-squares non-decreasing fit of a short series (pool-adjacent-violators). */
export function isotonic(x: number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const v of x) {
    blocks.push({ sum: v, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.n <= b.sum / b.n) break;
      a.sum += b.sum;
      a.n += b.n;
      blocks.pop();
    }
  }
  return blocks.flatMap((b) => new Array<number>(b.n).fill(b.sum / b.n));
}

/** Solves the CO/NQP fixed point in place; returns the final weights and max |Z w − t|. */
export function solveFixedPoint(
  p: FixedPointProblem,
  opts: { maxIter?: number; tol?: number } = {},
): { w: number[]; error: number; iterations: number } {
  const maxIter = opts.maxIter ?? 20000;
  const tol = opts.tol ?? 1e-13;
  const m = p.z.length;
  const n = p.target.length;
  let w = entropyWeightsOf(p.z);
  let err = Infinity;
  let it = 0;
  for (; it < maxIter; it++) {
    w = entropyWeightsOf(p.z);
    err = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      let d = 0;
      for (let j = 0; j < m; j++) {
        s += w[j] * p.z[j][i];
        d += p.mobility[j][i] * w[j] * w[j];
      }
      const delta = p.target[i] - s;
      err = Math.max(err, Math.abs(delta));
      if (d === 0) continue;
      for (let j = 0; j < m; j++) {
        const mv = p.mobility[j][i];
        if (mv === 0) continue;
        // soft clip: a free cell stays a little inside (0, 1), so that no two cells collapse
        // onto the column's pinned minimum or maximum
        const e = 0.0003 + 0.0012 * ((i * 0.6180339887 + j * 0.3819660113) % 1);
        p.z[j][i] = Math.min(1 - e, Math.max(e, p.z[j][i] + (delta * mv * w[j]) / d));
      }
    }
    if (p.monotone && p.years) {
      const y = p.years;
      for (let j = 0; j < m; j++) {
        if (!p.monotone[j]) continue;
        for (let k = 0; k < n; k += y) {
          // frozen cells keep their values: only series without frozen cells are projected
          let frozen = false;
          for (let i = k; i < k + y; i++)
            if (p.mobility[j][i] === 0 && i !== p.pinMin[j] && i !== p.pinMax[j]) frozen = true;
          if (frozen) continue;
          const iso = isotonic(p.z[j].slice(k, k + y));
          for (let t = 0; t < y; t++) p.z[j][k + t] = iso[t];
        }
      }
    }
    for (let j = 0; j < m; j++) {
      p.z[j][p.pinMin[j]] = 0;
      p.z[j][p.pinMax[j]] = 1;
    }
    if (err < tol) break;
  }
  return { w, error: err, iterations: it };
}

/** The [min, max] of an indicator and the rows that hold them, from its values. */
export function rangeOf(x: number[]): { lo: number; hi: number; argLo: number; argHi: number } {
  let argLo = 0;
  let argHi = 0;
  x.forEach((v, i) => {
    if (v < x[argLo]) argLo = i;
    if (v > x[argHi]) argHi = i;
  });
  return { lo: x[argLo], hi: x[argHi], argLo, argHi };
}

/** Indicator value from its normalised value, given the range and direction. */
export function denormalize(z: number, lo: number, hi: number, dir: "+" | "-"): number {
  return dir === "+" ? lo + z * (hi - lo) : hi - z * (hi - lo);
}

/**
 * TRADE: two indicators, z₁ (trade scale, weight w₁) and z₂ (trade competitiveness, w₂ = 1 − w₁).
 * For a weight w₂ and a shape exponent γ, z₂ = (base z₂)^γ clipped into the band that keeps
 * z₁ = (t − w₂ z₂)/w₁ in [0, 1]; four rows are pinned so that both columns attain 0 and 1.
 * The entropy weight of the resulting pair must give back w₂: for w₂ as close as possible to
 * the base's own weight (among the weights the pinned rows allow), bisection on γ finds it.
 */
export function solveTrade(
  target: number[],
  baseZ2: number[],
  pins: { z1Min: number; z1Max: number; z2Min: number; z2Max: number },
  preferW2: number,
): { z1: number[]; z2: number[]; w: number[]; error: number } {
  const build = (w2: number, gamma: number) => {
    const w1 = 1 - w2;
    const z2 = target.map((t, i) => {
      const lo = Math.max(0, (t - w1) / w2);
      const hi = Math.min(1, t / w2);
      return Math.min(hi, Math.max(lo, baseZ2[i] ** gamma));
    });
    z2[pins.z1Min] = Math.min(1, target[pins.z1Min] / w2); // z1 = 0
    z2[pins.z1Max] = Math.max(0, (target[pins.z1Max] - w1) / w2); // z1 = 1
    z2[pins.z2Min] = 0;
    z2[pins.z2Max] = 1;
    const z1 = target.map((t, i) => (t - w2 * z2[i]) / w1);
    return { z1, z2 };
  };
  const gap = (w2: number, gamma: number) => {
    const { z1, z2 } = build(w2, gamma);
    return entropyWeightsOf([z1, z2])[1] - w2;
  };
  // weights the pinned rows allow (each must be able to reach its 0 or 1)
  const t = (i: number) => target[i];
  const lo = Math.max(1 - t(pins.z1Max), t(pins.z1Min));
  const hi = Math.min(1 - t(pins.z2Min), t(pins.z2Max));
  if (!(lo < hi)) throw new Error("solveTrade: the pinned rows admit no weights");
  const candidates = Array.from({ length: 19 }, (_, k) => lo + ((hi - lo) * (k + 1)) / 20).sort(
    (a, b) => Math.abs(a - preferW2) - Math.abs(b - preferW2),
  );
  const gammas = Array.from({ length: 61 }, (_, k) => 10 ** (-1 + k / 30)); // 0.1 … 10
  for (const w2 of candidates) {
    let prev = gap(w2, gammas[0]);
    for (let k = 1; k < gammas.length; k++) {
      const gk = gap(w2, gammas[k]);
      if (prev * gk <= 0) {
        let a = gammas[k - 1];
        let b = gammas[k];
        let ga = prev;
        for (let it = 0; it < 200; it++) {
          const c = (a + b) / 2;
          const gc = gap(w2, c);
          if (gc * ga <= 0) b = c;
          else {
            a = c;
            ga = gc;
          }
        }
        const { z1, z2 } = build(w2, (a + b) / 2);
        const w = entropyWeightsOf([z1, z2]);
        const error = Math.max(...target.map((x, i) => Math.abs(w[0] * z1[i] + w[1] * z2[i] - x)));
        const ok = Math.min(...z1) === 0 && Math.abs(Math.max(...z1) - 1) < 1e-12;
        if (ok) return { z1, z2, w, error };
      }
      prev = gk;
    }
  }
  throw new Error("solveTrade: no weight/shape pair reproduces its own entropy weight");
}
