/**
 * Stage 3 of the reconstruction: city-year columns with exactly the chosen region moments.
 *
 * Within a region, with F the columns already fixed as data (centred: F_c) and G the columns to
 * build, every G column is  Y = 1 m_Gᵀ + F_c βᵀ + W,  β = S_GF S_FF⁻¹, where W is the current
 * columns made orthogonal to [1, F] (P) and whitened to the conditional covariance:
 *   W = P (PᵀP)^-½ R ((n−1) Σ_c)^½,  Σ_c = S_GG − β S_FF βᵀ   (symmetric square roots,
 * R the orthogonal Procrustes rotation that brings W closest to P).
 * That "exact step" alternates with a "box step" that clips each column to Table 3's
 * [min, max] and pins its current argmin/argmax to them in the region that holds the extreme.
 * Started from the realistic base the alternation converges; the result keeps the base's city
 * levels and trends as far as the moments allow.
 */
import {
  crossprod,
  inverse,
  matmul,
  symEigen,
  symInvSqrt,
  symSqrt,
  transpose,
  type Mat,
} from "./linalg";
import type { Moments } from "./moments";

export interface BoxSpec {
  lo: number;
  hi: number;
  /** this region holds the variable's overall minimum (resp. maximum) */
  pinMin: boolean;
  pinMax: boolean;
}

export interface RegionBuild {
  /** columns already fixed, region rows × f, and their variable indices */
  fixed: Mat;
  fixedIdx: number[];
  /** columns to build: starting values (region rows × q) and their variable indices */
  start: Mat;
  freeIdx: number[];
  target: Moments;
  boxes: BoxSpec[];
  /** per free column: must each city's series end higher than it starts (see boxStep) */
  rising?: boolean[];
  /** rows per city (the region's rows come in whole cities, years in order) */
  years?: number;
  /**
   * Year-by-year orderings of cities (indices of city blocks within the region): in every year
   * and every flagged column, city `hi` is at least city `lo`.
   */
  order?: { hi: number; lo: number }[];
  ordered?: boolean[];
}

/** The exact-moment step (see the file comment). Returns new free columns. */
export function exactStep(Y: Mat, b: RegionBuild, Fc: Mat, FtFinv: Mat): Mat {
  const n = Y.length;
  const q = b.freeIdx.length;
  const t = b.target;
  const SFF = b.fixedIdx.map((a) => b.fixedIdx.map((c) => t.cov[a][c]));
  const SGF = b.freeIdx.map((a) => b.fixedIdx.map((c) => t.cov[a][c]));
  const SGG = b.freeIdx.map((a) => b.freeIdx.map((c) => t.cov[a][c]));
  const beta = matmul(SGF, inverse(SFF));
  const bSb = matmul(matmul(beta, SFF), transpose(beta));
  const Sc = SGG.map((r, i) => r.map((v, j) => (n - 1) * (v - bSb[i][j])));
  // centre, then project out the fixed columns
  const means = new Array<number>(q).fill(0);
  for (const r of Y) for (let j = 0; j < q; j++) means[j] += r[j] / n;
  const R = Y.map((r) => r.map((v, j) => v - means[j]));
  const coefs = matmul(FtFinv, crossprod(Fc, R)); // f × q
  const P = R.map((r, i) => r.map((v, j) => v - Fc[i].reduce((s, f, k) => s + f * coefs[k][j], 0)));
  // W = P (PᵀP)^-½ R Sc^½ with the rotation R that brings W closest to P (orthogonal
  // Procrustes): R = U Vᵀ from the SVD (PᵀP)^½ Sc^½ = U S Vᵀ
  const PtP = crossprod(P, P);
  const ScHalf = symSqrt(Sc);
  const X = matmul(symSqrt(PtP), ScHalf);
  const { values, vectors: V } = symEigen(matmul(transpose(X), X));
  const U = matmul(X, V).map((r) => r.map((v, k) => v / Math.sqrt(Math.max(values[k], 1e-300))));
  const rot = matmul(U, transpose(V));
  const A = matmul(matmul(symInvSqrt(PtP), rot), ScHalf);
  const W = matmul(P, A);
  const mG = b.freeIdx.map((a) => t.means[a]);
  return W.map((w, i) =>
    w.map((v, j) => mG[j] + v + Fc[i].reduce((s, f, k) => s + f * beta[j][k], 0)),
  );
}

/** Largest box violation of the columns (outside [lo, hi], or a pinned extreme not attained). */
export function boxViolation(Y: Mat, boxes: BoxSpec[]): number {
  let worst = 0;
  boxes.forEach((bx, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of Y) {
      lo = Math.min(lo, r[j]);
      hi = Math.max(hi, r[j]);
    }
    worst = Math.max(worst, bx.lo - lo, hi - bx.hi);
    if (bx.pinMin) worst = Math.max(worst, lo - bx.lo);
    if (bx.pinMax) worst = Math.max(worst, bx.hi - hi);
  });
  return worst;
}

/**
 * Realism step for rising columns: where a city's last year is not above its first (by a small
 * margin), the gap is closed by raising the last year and lowering the first.
 */
function risingStep(Y: Mat, b: RegionBuild): Mat {
  if (!b.rising || !b.years) return Y;
  const years = b.years;
  const out = Y.map((r) => [...r]);
  b.rising.forEach((on, j) => {
    if (!on) return;
    const margin = 0.02 * (b.boxes[j].hi - b.boxes[j].lo);
    for (let c = 0; c * years < Y.length; c++) {
      const k = c * years;
      const d = out[k][j] + margin - out[k + years - 1][j];
      if (d <= 0) continue;
      out[k][j] = Math.max(b.boxes[j].lo, out[k][j] - d / 2);
      out[k + years - 1][j] = Math.min(b.boxes[j].hi, out[k + years - 1][j] + d / 2);
    }
  });
  return out;
}

/** Realism step for the year-by-year orderings: a violated pair meets in the middle. */
function orderStep(Y: Mat, b: RegionBuild): Mat {
  if (!b.order || !b.ordered || !b.years) return Y;
  const years = b.years;
  const out = Y.map((r) => [...r]);
  b.ordered.forEach((on, j) => {
    if (!on) return;
    const margin = 0.01 * (b.boxes[j].hi - b.boxes[j].lo);
    for (const { hi, lo } of b.order ?? [])
      for (let t = 0; t < years; t++) {
        const h = hi * years + t;
        const l = lo * years + t;
        const d = out[l][j] - out[h][j] + margin;
        if (d <= 0) continue;
        out[h][j] = Math.min(b.boxes[j].hi, out[h][j] + d / 2);
        out[l][j] = Math.max(b.boxes[j].lo, out[l][j] - d / 2);
      }
  });
  return out;
}

/** Largest violation of the year-by-year orderings (0 when all hold). */
export function orderViolation(Y: Mat, b: RegionBuild): number {
  if (!b.order || !b.ordered || !b.years) return 0;
  const years = b.years;
  let worst = 0;
  b.ordered.forEach((on, j) => {
    if (!on) return;
    for (const { hi, lo } of b.order ?? [])
      for (let t = 0; t < years; t++)
        worst = Math.max(worst, Y[lo * years + t][j] - Y[hi * years + t][j]);
  });
  return worst;
}

/** Largest shortfall of the rising rule (0 when every city rises). */
export function risingViolation(Y: Mat, b: RegionBuild): number {
  if (!b.rising || !b.years) return 0;
  let worst = 0;
  b.rising.forEach((on, j) => {
    if (!on) return;
    for (let k = 0; k < Y.length; k += b.years as number) {
      const y = b.years as number;
      worst = Math.max(worst, Y[k][j] - Y[k + y - 1][j]);
    }
  });
  return worst;
}

function boxStep(Y: Mat, boxes: BoxSpec[], margin: number): Mat {
  // clip into a slightly tightened box (the exact step then overshoots it less)
  const out = Y.map((r) =>
    r.map((v, j) => {
      const m = margin * (boxes[j].hi - boxes[j].lo);
      return Math.min(boxes[j].hi - m, Math.max(boxes[j].lo + m, v));
    }),
  );
  boxes.forEach((bx, j) => {
    let amin = 0;
    let amax = 0;
    Y.forEach((r, i) => {
      if (r[j] < Y[amin][j]) amin = i;
      if (r[j] > Y[amax][j]) amax = i;
    });
    if (bx.pinMin) out[amin][j] = bx.lo;
    if (bx.pinMax) out[amax][j] = bx.hi;
  });
  return out;
}

/**
 * Alternates the exact and box steps until the exact step's output violates the box by less
 * than `tol`. Returns the free columns (region rows × q) with exactly the target moments.
 */
export function buildRegion(
  b: RegionBuild,
  opts: { tol?: number; maxIter?: number } = {},
): { Y: Mat; violation: number; iterations: number } {
  const tol = opts.tol ?? 2e-5;
  const maxIter = opts.maxIter ?? 20000;
  const n = b.fixed.length;
  const fm = b.fixedIdx.map((_, k) => b.fixed.reduce((s, r) => s + r[k], 0) / n);
  const Fc = b.fixed.map((r) => r.map((v, k) => v - fm[k]));
  const FtFinv = inverse(crossprod(Fc, Fc));
  let Y = exactStep(b.start, b, Fc, FtFinv);
  const violation = (Z: Mat) =>
    Math.max(boxViolation(Z, b.boxes), risingViolation(Z, b), orderViolation(Z, b));
  let viol = violation(Y);
  let it = 0;
  const margin = 0;
  for (; it < maxIter && viol > tol; it++) {
    Y = exactStep(boxStep(orderStep(risingStep(Y, b), b), b.boxes, margin), b, Fc, FtFinv);
    viol = violation(Y);
  }
  return { Y, violation: viol, iterations: it };
}
