/**
 * Small dense linear algebra for the reconstruction's inner loops (matrices of size ≤ ~60).
 * Plain `number[][]`, double precision. Not part of cplib: the estimates that the paper's
 * tables report are always computed by cplib; these helpers only steer the search.
 *
 * Inverses, linear solves and symmetric eigen-decompositions come from mathjs (a maintained
 * library); only elementwise bookkeeping (products, transposes, covariances) and the Householder
 * least-squares step are written out here, on plain arrays, because they run in tight loops.
 */
import { eigs, inv, isMatrix, lup, lusolve, matrix } from "mathjs";

export type Mat = number[][];

/** n×m matrix of zeros. */
export function zeros(n: number, m: number): Mat {
  return Array.from({ length: n }, () => new Array<number>(m).fill(0));
}

/** n×n identity. */
export function eye(n: number): Mat {
  const a = zeros(n, n);
  for (let i = 0; i < n; i++) a[i][i] = 1;
  return a;
}

export function transpose(a: Mat): Mat {
  const n = a.length;
  const m = n === 0 ? 0 : a[0].length;
  const t = zeros(m, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j][i] = a[i][j];
  return t;
}

export function matmul(a: Mat, b: Mat): Mat {
  const n = a.length;
  const k = b.length;
  const m = k === 0 ? 0 : b[0].length;
  const c = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const ci = c[i];
    const ai = a[i];
    for (let p = 0; p < k; p++) {
      const aip = ai[p];
      if (aip === 0) continue;
      const bp = b[p];
      for (let j = 0; j < m; j++) ci[j] += aip * bp[j];
    }
  }
  return c;
}

/** Aᵀ B without forming the transpose. */
export function crossprod(a: Mat, b: Mat): Mat {
  const n = a.length;
  const p = a[0].length;
  const m = b[0].length;
  const c = zeros(p, m);
  for (let r = 0; r < n; r++) {
    const ar = a[r];
    const br = b[r];
    for (let i = 0; i < p; i++) {
      const x = ar[i];
      if (x === 0) continue;
      const ci = c[i];
      for (let j = 0; j < m; j++) ci[j] += x * br[j];
    }
  }
  return c;
}

/** Matrix–vector product. */
export function matvec(a: Mat, x: number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
}

/**
 * Inverse of a non-singular square matrix, by mathjs (`inv`: closed forms up to 2×2, Gauss–Jordan
 * elimination with row pivoting above). Throws when the matrix is singular.
 */
export function inverse(a: Mat): Mat {
  return inv(a) as Mat;
}

/** Solves A x = b (A square, non-singular) by mathjs's LU solve (`lusolve`). */
export function solve(a: Mat, b: number[]): number[] {
  const r: unknown = lusolve(a, b);
  return ((isMatrix(r) ? r.toArray() : r) as Mat).map((row) => row[0]);
}

/**
 * Solves A X = B for several right-hand sides with ONE LU factorisation of A (mathjs `lup`,
 * then `lusolve` per column): returns X with X[i][c] the solution for column c of B.
 */
export function solveColumns(a: Mat, bCols: number[][]): Mat {
  const f = lup(matrix(a)); // L and U as DenseMatrix, so each solve reuses them unconverted
  const n = a.length;
  const out = zeros(n, bCols.length);
  bCols.forEach((b, c) => {
    const r: unknown = lusolve(f, b); // a DenseMatrix when given a factorisation
    const x = (isMatrix(r) ? r.toArray() : r) as Mat;
    for (let i = 0; i < n; i++) out[i][c] = x[i][0];
  });
  return out;
}

/**
 * Symmetric eigen-decomposition A = V diag(values) Vᵀ by mathjs (`eigs`, which uses Jacobi
 * rotations for real symmetric input). Conventions handled here:
 * - the input is symmetrised, (A + Aᵀ)/2, so products that are symmetric only up to round-off
 *   take mathjs's symmetric path;
 * - mathjs's stopping rule is absolute (largest off-diagonal < precision/n), so A is scaled to
 *   unit max-norm first and the eigenvalues scaled back: the accuracy is relative to ‖A‖;
 * - mathjs returns the pairs sorted by |λ| with arbitrary signs; values[k] is paired with
 *   column k of `vectors` (orthonormal). Every caller uses only order- and sign-invariant
 *   quantities (V f(Λ) Vᵀ, the minimum eigenvalue, the Procrustes rotation Σ u_k v_kᵀ).
 */
export function symEigen(a: Mat): { values: number[]; vectors: Mat } {
  const n = a.length;
  let scale = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i][j]));
  if (n === 0 || scale === 0 || !Number.isFinite(scale)) {
    if (!Number.isFinite(scale)) throw new Error("symEigen: matrix has non-finite entries");
    return { values: new Array<number>(n).fill(0), vectors: eye(n) };
  }
  const sym = a.map((row, i) => row.map((v, j) => (v + a[j][i]) / (2 * scale)));
  const { eigenvectors } = eigs(sym);
  const values = eigenvectors.map((e) => (e.value as number) * scale);
  const vectors = zeros(n, n);
  eigenvectors.forEach((e, k) => {
    const v = e.vector as number[];
    for (let i = 0; i < n; i++) vectors[i][k] = v[i];
  });
  return { values, vectors };
}

/** f(A) for symmetric A via its eigen-decomposition: V diag(f(λ)) Vᵀ. */
export function symFunction(a: Mat, f: (x: number) => number): Mat {
  const { values, vectors } = symEigen(a);
  const n = a.length;
  const out = zeros(n, n);
  for (let k = 0; k < n; k++) {
    const fk = f(values[k]);
    for (let i = 0; i < n; i++) {
      const vik = vectors[i][k] * fk;
      for (let j = 0; j < n; j++) out[i][j] += vik * vectors[j][k];
    }
  }
  return out;
}

/** Symmetric square root A^½. */
export function symSqrt(a: Mat): Mat {
  return symFunction(a, (x) => Math.sqrt(Math.max(x, 0)));
}

/** Symmetric inverse square root A^-½. */
export function symInvSqrt(a: Mat): Mat {
  return symFunction(a, (x) => 1 / Math.sqrt(x));
}

/** Smallest eigenvalue of a symmetric matrix. */
export function minEigen(a: Mat): number {
  return Math.min(...symEigen(a).values);
}

/**
 * Least squares min ‖A x − b‖ by Householder QR (A is m×n, m ≥ n, full column rank).
 * Used for the Gauss–Newton / Levenberg–Marquardt steps of the moment fits.
 */
export function lstsq(a: Mat, b: number[]): number[] {
  const m = a.length;
  const n = a[0].length;
  const r = a.map((row) => [...row]);
  const y = [...b];
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i][k] * r[i][k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = r[k][k] > 0 ? -norm : norm;
    const v = new Array<number>(m).fill(0);
    for (let i = k; i < m; i++) v[i] = r[i][k];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * r[i][j];
      s = (2 * s) / vv;
      for (let i = k; i < m; i++) r[i][j] -= s * v[i];
    }
    let s = 0;
    for (let i = k; i < m; i++) s += v[i] * y[i];
    s = (2 * s) / vv;
    for (let i = k; i < m; i++) y[i] -= s * v[i];
  }
  const x = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = y[k];
    for (let j = k + 1; j < n; j++) s -= r[k][j] * x[j];
    x[k] = r[k][k] === 0 ? 0 : s / r[k][k];
  }
  return x;
}

/** Sample mean of a column. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample covariance matrix (n − 1) of the columns of a row-major data matrix. */
export function sampleCov(rows: Mat): { means: number[]; cov: Mat } {
  const n = rows.length;
  const p = rows[0].length;
  const means = new Array<number>(p).fill(0);
  for (const r of rows) for (let j = 0; j < p; j++) means[j] += r[j] / n;
  const cov = zeros(p, p);
  for (const r of rows) {
    for (let i = 0; i < p; i++) {
      const di = r[i] - means[i];
      for (let j = i; j < p; j++) cov[i][j] += di * (r[j] - means[j]);
    }
  }
  for (let i = 0; i < p; i++)
    for (let j = i; j < p; j++) {
      cov[i][j] /= n - 1;
      cov[j][i] = cov[i][j];
    }
  return { means, cov };
}
