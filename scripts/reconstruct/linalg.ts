/**
 * Small dense linear algebra for the reconstruction's inner loops (matrices of size ≤ ~60).
 * Plain `number[][]`, double precision. Not part of cplib: the estimates that the paper's
 * tables report are always computed by cplib; these helpers only steer the search.
 */

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

/** Inverse of a symmetric positive-definite (or any non-singular) matrix by Gauss–Jordan with partial pivoting. */
export function inverse(a: Mat): Mat {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...eye(n)[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (m[piv][c] === 0 || !Number.isFinite(m[piv][c])) throw new Error("singular matrix");
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/** Solves A x = b (A square, non-singular). */
export function solve(a: Mat, b: number[]): number[] {
  return matvec(inverse(a), b);
}

/**
 * Symmetric eigen-decomposition by cyclic Jacobi rotations: A = V diag(values) Vᵀ.
 * Deterministic and accurate to machine precision for the small matrices used here.
 */
export function symEigen(a: Mat): { values: number[]; vectors: Mat } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v = eye(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i][j] * m[i][j];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p][q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((r, i) => r[i]), vectors: v };
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
