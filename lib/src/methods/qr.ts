/**
 * Householder QR decomposition, the numerical heart of least squares in this project.
 *
 * Why QR and not the normal equations? Solving (X'X)β = X'y squares the condition number of X:
 * a design with cond(X) = 10⁸ (the Longley data are close) leaves no correct digit in double
 * precision. QR factors X = QR with Q orthogonal and R upper triangular; since ‖y − Xβ‖ =
 * ‖Q'y − Rβ‖, the least-squares β solves the triangular system Rβ = (Q'y)₁…ₖ and the error
 * grows only with cond(X).
 *
 * Householder reflections. Step j builds H_j = I − τ v v' (v_j = 1, zeros above) that maps the
 * part of column j on and below the diagonal onto a multiple of e_j and leaves rows above it
 * alone. After k steps H_k⋯H_1 X = R, so Q = H_1⋯H_k. As in LAPACK (dgeqrf), the vectors v are
 * stored below the diagonal of the overwritten matrix and the scalars τ in `tau`; Q is never
 * formed explicitly.
 *
 * Rank detection (limited column pivoting, as R's lm / LINPACK dqrdc2). Before step j we
 * measure how much of column j is left after removing its projection on the columns already
 * accepted. If that remainder is below `tol` times the column's original length, column j is
 * (numerically) a linear combination of the earlier columns: it is moved to the end and
 * reported. Otherwise the original column order is kept, so the reported collinear columns are
 * the *later* ones of each dependent set, which reads naturally ("x3 = x1 + x2" names x3).
 *
 * Storage. The factorisation works on a COLUMN-major n×k Float64Array: element (i, j) sits at
 * j·n + i, so every column — and every Householder vector — is one contiguous slice, which is
 * both the natural layout for this algorithm (LAPACK's) and about twice as fast in JavaScript.
 * `householderQR` accepts the row-major matrix of the API and transposes it on the way in.
 */
import { DataError } from "../data/errors";

/** Default relative tolerance for rank detection (the value R's `lm` uses). */
export const QR_RANK_TOL = 1e-7;

/** A Householder QR factorisation X·P = Q·R stored compactly (see the module comment). */
export interface HouseholderQR {
  /**
   * n×k COLUMN-major (element (i, j) at j·n + i): R on and above the diagonal, the
   * Householder vectors (without their leading 1) below it.
   */
  qr: Float64Array;
  /** The k Householder scalars τ_j (0 for columns past the rank). */
  tau: Float64Array;
  /** Numerical rank: columns 0…rank−1 (in pivoted order) are independent. */
  rank: number;
  /** pivot[p] = original index of the column stored at position p (identity if full rank). */
  pivot: Int32Array;
  n: number;
  k: number;
}

const SCRATCH = 64;
const LEN = new Float64Array(SCRATCH);

/**
 * Householder QR in place on a column-major n×k matrix, moving (numerically) dependent columns
 * to the end. This is the allocation-free kernel; `householderQR` is the friendly wrapper.
 *
 * `extra` further columns stored after the k factored ones (A is then n×(k + extra)) are
 * transformed by the same reflectors without being factored: put y there and it comes out as
 * Q'y, exactly as `applyQt` would compute it, but in the same pass over memory as the QR.
 *
 * Formula: for j = 0…k−1, with x = A[j…n−1, j], β = −sign(x₀)‖x‖, v = (x − βe₁)/(x₀ − β),
 * τ = (β − x₀)/β; then A[j…, c] ← A[j…, c] − τ v (v'A[j…, c]) for c > j, and A[j, j] = β.
 * Throws: nothing (dependence is reported by the returned rank and by `pivot`).
 * @example
 * const A = Float64Array.from([1, 1, 1, 1, 2, 3]); // columns (1,1,1) and (1,2,3)
 * householderQRInPlace(A, 3, 2, new Float64Array(2), new Int32Array(2)); // → 2 (the rank)
 */
export function householderQRInPlace(
  A: Float64Array,
  n: number,
  k: number,
  tau: Float64Array,
  pivot: Int32Array,
  tol: number = QR_RANK_TOL,
  extra: number = 0,
): number {
  // len[c]: original length of column c, the yardstick for "numerically dependent".
  const len = k > SCRATCH ? new Float64Array(k) : LEN;
  for (let c = 0; c < k; c++) pivot[c] = c;
  columnSumsOfSquares(A, n, k, len);
  for (let c = 0; c < k; c++) len[c] = Math.sqrt(len[c]);

  let active = k; // columns 0…active−1 are still candidates; dependent ones go after them
  let j = 0;
  // Σ A[i, j]² over rows j…n−1 for the column now at position j, when the previous step
  // measured it while updating that column (−1: not measured, compute it).
  let measured = -1;
  while (j < active && j < n) {
    const col = j * n; // column j is A[col … col + n − 1]
    // What is left of column j in rows j…n−1, i.e. after removing its projection on the
    // columns already accepted (the earlier reflectors have rotated that part into rows < j).
    const norm = Math.sqrt(measured >= 0 ? measured : sumOfSquares(A, col + j, col + n));
    if (!(norm > tol * len[j])) {
      // Column j is (numerically) in the span of columns 0…j−1: rotate it to the end.
      moveColumnToEnd(A, n, k, j, pivot, len);
      active -= 1;
      measured = -1;
      continue; // a new column now sits at position j; do not advance
    }

    // Householder vector for x = A[j…n−1, j]: β = −sign(x₀)‖x‖ avoids cancellation in x₀ − β.
    const x0 = A[col + j];
    const beta = x0 >= 0 ? -norm : norm;
    const scale = 1 / (x0 - beta);
    for (let i = j + 1; i < n; i++) A[col + i] *= scale; // v below the diagonal; v_j = 1
    const t = (beta - x0) / beta;
    tau[j] = t;
    A[col + j] = beta; // R[j, j]

    // Apply H_j = I − τvv' to every column on the right (and to the extra columns); this also
    // measures what is left of column j + 1 below row j, the norm needed at the next step.
    measured = reflectColumns(A, n, j, t, j + 1, k + extra);
    j += 1;
  }
  for (let c = j; c < k; c++) tau[c] = 0;
  return j;
}

/** Σ A[i]², i = from…to−1 (summed in that order). */
function sumOfSquares(A: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += A[i] * A[i];
  return s;
}

/** out[c] = Σᵢ A[i, c]² for the k columns (two at a time: independent sums run in parallel). */
function columnSumsOfSquares(A: Float64Array, n: number, k: number, out: Float64Array): void {
  let c = 0;
  for (; c + 2 <= k; c += 2) {
    const c0 = c * n;
    const c1 = c0 + n;
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < n; i++) {
      s0 += A[c0 + i] * A[c0 + i];
      s1 += A[c1 + i] * A[c1 + i];
    }
    out[c] = s0;
    out[c + 1] = s1;
  }
  if (c < k) out[c] = sumOfSquares(A, c * n, c * n + n);
}

/**
 * Applies the j-th reflector H_j = I − τvv' (v stored in column j, v_j = 1) to the columns
 * from…to−1 of the column-major A: a ← a − τ(v'a)v for each column a. Returns Σ a_i², i > j,
 * of the updated column `from` (its remaining length², needed by the next QR step), or −1 if
 * there is no such column.
 *
 * Performance note: a single dot product v'a is a chain of dependent additions, so the CPU
 * waits for each one to finish. Columns are therefore processed four (then two) at a time:
 * their sums are independent and run side by side, and v is read once for all of them. Each
 * column still sees exactly the same operations in the same order, so the result is
 * bit-identical to treating the columns one at a time (as `reflect` does for a last one).
 */
function reflectColumns(
  A: Float64Array,
  n: number,
  j: number,
  t: number,
  from: number,
  to: number,
): number {
  const col = j * n;
  let first = -1; // remaining length² of column `from`
  let c = from;
  for (; c + 4 <= to; c += 4) {
    const c0 = c * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    // d_m = τ·v'a_m, with v_j = 1
    let d0 = A[c0 + j];
    let d1 = A[c1 + j];
    let d2 = A[c2 + j];
    let d3 = A[c3 + j];
    for (let i = j + 1; i < n; i++) {
      const v = A[col + i];
      d0 += v * A[c0 + i];
      d1 += v * A[c1 + i];
      d2 += v * A[c2 + i];
      d3 += v * A[c3 + i];
    }
    d0 *= t;
    d1 *= t;
    d2 *= t;
    d3 *= t;
    A[c0 + j] -= d0;
    A[c1 + j] -= d1;
    A[c2 + j] -= d2;
    A[c3 + j] -= d3;
    let left = 0;
    for (let i = j + 1; i < n; i++) {
      const v = A[col + i];
      const a = A[c0 + i] - d0 * v;
      A[c0 + i] = a;
      left += a * a;
      A[c1 + i] -= d1 * v;
      A[c2 + i] -= d2 * v;
      A[c3 + i] -= d3 * v;
    }
    if (c === from) first = left;
  }
  for (; c + 2 <= to; c += 2) {
    const c0 = c * n;
    const c1 = c0 + n;
    let d0 = A[c0 + j];
    let d1 = A[c1 + j];
    for (let i = j + 1; i < n; i++) {
      const v = A[col + i];
      d0 += v * A[c0 + i];
      d1 += v * A[c1 + i];
    }
    d0 *= t;
    d1 *= t;
    A[c0 + j] -= d0;
    A[c1 + j] -= d1;
    let left = 0;
    for (let i = j + 1; i < n; i++) {
      const v = A[col + i];
      const a = A[c0 + i] - d0 * v;
      A[c0 + i] = a;
      left += a * a;
      A[c1 + i] -= d1 * v;
    }
    if (c === from) first = left;
  }
  if (c < to) {
    reflect(A, t, n, j, A, c * n);
    if (c === from) first = sumOfSquares(A, c * n + j + 1, c * n + n);
  }
  return first;
}

/** Moves column j to position k−1 (shifting columns j+1…k−1 left), with its bookkeeping. */
function moveColumnToEnd(
  A: Float64Array,
  n: number,
  k: number,
  j: number,
  pivot: Int32Array,
  len: Float64Array,
): void {
  const saved = A.slice(j * n, j * n + n);
  A.copyWithin(j * n, (j + 1) * n, k * n);
  A.set(saved, (k - 1) * n);
  for (const arr of [pivot, len]) {
    const t = arr[j];
    arr.copyWithin(j, j + 1, k);
    arr[k - 1] = t;
  }
}

/**
 * Householder QR of a row-major n×k matrix (the input is copied, not modified).
 *
 * Formula: X·P = Q·R with Q = H_1⋯H_rank orthogonal, R upper triangular, P a permutation that
 * moves numerically dependent columns (remainder < tol·‖column‖) to the end.
 * Throws: DataError if the sizes do not match the array.
 * @example
 * const f = householderQR(Float64Array.from([1, 1, 1, 2, 1, 3]), 3, 2); // rows (1,1),(1,2),(1,3)
 * f.rank; // 2, and |f.qr[0]| = √3, the length of the first column
 */
export function householderQR(
  X: Float64Array,
  n: number,
  k: number,
  opts: { tol?: number } = {},
): HouseholderQR {
  if (X.length !== n * k) {
    throw new DataError(`matrix has ${X.length} entries, expected n·k = ${n}·${k} = ${n * k}`);
  }
  const qr = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) qr[j * n + i] = X[i * k + j];
  const tau = new Float64Array(k);
  const pivot = new Int32Array(k);
  const rank = householderQRInPlace(qr, n, k, tau, pivot, opts.tol ?? QR_RANK_TOL);
  return { qr, tau, rank, pivot, n, k };
}

/**
 * Overwrites the n-vector `y` with Q'y, applying the reflectors H_1, …, H_rank in turn.
 *
 * Formula: y ← H_j y = y − τ_j v_j (v_j'y), j = 0…rank−1.
 * Throws: nothing.
 * @example
 * const f = householderQR(X, n, k); const c = Float64Array.from(y);
 * applyQt(f.qr, f.tau, n, f.rank, c); // c[0…rank−1] is the right-hand side for R
 */
export function applyQt(
  qr: Float64Array,
  tau: Float64Array,
  n: number,
  rank: number,
  y: Float64Array,
): void {
  for (let j = 0; j < rank; j++) reflect(qr, tau[j], n, j, y, 0);
}

/**
 * Overwrites the n-vector `y` with Q·y, applying the reflectors in reverse order.
 *
 * Formula: y ← H_j y, j = rank−1…0 (each H_j is its own inverse).
 * Throws: nothing.
 * @example
 * c.fill(0, 0, f.rank);                 // keep only the residual part of Q'y …
 * applyQ(f.qr, f.tau, n, f.rank, c);    // … and map it back: c is now the residual vector
 */
export function applyQ(
  qr: Float64Array,
  tau: Float64Array,
  n: number,
  rank: number,
  y: Float64Array,
): void {
  for (let j = rank - 1; j >= 0; j--) reflect(qr, tau[j], n, j, y, 0);
}

/**
 * y ← (I − τvv')y with v the j-th Householder vector stored in column j of `qr` and y the
 * n-vector y[at…at + n − 1] (`y` may be `qr` itself, with `at` the offset of another column).
 */
function reflect(
  qr: Float64Array,
  t: number,
  n: number,
  j: number,
  y: Float64Array,
  at: number,
): void {
  const col = j * n;
  let dot = y[at + j];
  for (let i = j + 1; i < n; i++) dot += qr[col + i] * y[at + i];
  dot *= t;
  y[at + j] -= dot;
  for (let i = j + 1; i < n; i++) y[at + i] -= dot * qr[col + i];
}

/**
 * Solves R·b = c by back substitution, R = leading r×r block of the column-major n×k `qr`
 * (only its upper triangle is read). Writes b into `out` (which may be `c` itself).
 *
 * Formula: b_j = (c_j − Σ_{l>j} R_jl b_l) / R_jj, j = r−1…0, done column by column.
 * Throws: nothing (R_jj ≠ 0 for j < rank is guaranteed by the QR).
 * @example
 * applyQt(f.qr, f.tau, n, f.rank, c);
 * backSubstitute(f.qr, n, f.rank, c, beta); // beta in pivoted column order
 */
export function backSubstitute(
  qr: Float64Array,
  n: number,
  r: number,
  c: Float64Array,
  out: Float64Array,
): void {
  if (out !== c) for (let i = 0; i < r; i++) out[i] = c[i];
  for (let j = r - 1; j >= 0; j--) {
    const col = j * n;
    const bj = out[j] / qr[col + j];
    out[j] = bj;
    for (let i = 0; i < j; i++) out[i] -= qr[col + i] * bj; // remove b_j's share from rows above
  }
}

/**
 * Inverts the r×r upper-triangular R held in the column-major n×k `qr`, writing R⁻¹ (upper
 * triangular, r×r, column-major: element (i, j) at j·r + i) into `out`. This is how
 * (X'X)⁻¹ = R⁻¹R⁻ᵀ is obtained without ever forming X'X.
 *
 * Formula: column j of R⁻¹ solves R·s = e_j: s_j = 1/R_jj, s_i = −(Σ_{l=i+1…j} R_il s_l)/R_ii.
 * Throws: nothing.
 * @example
 * const Rinv = new Float64Array(k * k);
 * invertUpperTriangular(f.qr, n, f.rank, Rinv);
 */
export function invertUpperTriangular(
  qr: Float64Array,
  n: number,
  r: number,
  out: Float64Array,
): void {
  out.fill(0, 0, r * r);
  for (let j = 0; j < r; j++) {
    const s = j * r; // column j of the inverse
    out[s + j] = 1 / qr[j * n + j];
    for (let i = j - 1; i >= 0; i--) {
      let acc = 0;
      for (let l = i + 1; l <= j; l++) acc += qr[l * n + i] * out[s + l];
      out[s + i] = -acc / qr[i * n + i];
    }
  }
}
