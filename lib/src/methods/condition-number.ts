/**
 * Singular values and the 2-norm condition number of a matrix — the number that says how many
 * digits a linear least-squares problem can lose.
 *
 *   κ₂(A) = σ_max(A) / σ_min(A)     (σ the singular values; ∞ for a rank-deficient A)
 *
 * Solving a least-squares problem can lose about log₁₀ κ digits of the 16 that double precision
 * carries. The normal equations (X'X)β = X'y work with X'X, whose singular values are the
 * squares of X's, so κ(X'X) = κ(X)²: they lose twice as many digits. For NIST's Longley data
 * κ(X) ≈ 5·10⁹, so κ(X'X) ≈ 2·10¹⁹ > 1/ε ≈ 4.5·10¹⁵ — X'X is singular to working precision and
 * (X'X)⁻¹X'y can have no correct digit, while QR (which never forms X'X) keeps about seven.
 *
 * The singular values are computed by the one-sided Jacobi method (Hestenes 1958): plane
 * rotations applied to pairs of columns until all columns are mutually orthogonal; the
 * singular values are then the column lengths. It works on A itself — not on A'A, which would
 * square κ and defeat the purpose — and it is accurate in the relative sense even for tiny
 * singular values of a matrix with badly scaled columns (Demmel & Veselić 1992).
 */
import { DataError } from "../data/errors";

/** Options of `singularValues` and `conditionNumber`. */
export interface SingularValueOptions {
  /** Name of the matrix, used in messages (default "A"). */
  name?: string;
  /** Maximum number of Jacobi sweeps (default 80; a handful suffice in practice). */
  maxSweeps?: number;
}

/**
 * Singular values of a (row-major) m×n matrix, in descending order (min(m, n) of them).
 *
 * Formula: one-sided Jacobi: for each pair of columns (p, q) with γ = u_p·u_q ≠ 0, rotate by
 * ζ = (‖u_q‖² − ‖u_p‖²)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²)), c = 1/√(1 + t²), s = ct; sweep until
 * |γ| ≤ m·ε·‖u_p‖‖u_q‖ for every pair; σⱼ = ‖uⱼ‖. A wide matrix is handled through its transpose.
 * Throws: DataError for an empty or ragged matrix, a non-finite entry (with its row and column),
 * or no convergence in maxSweeps sweeps.
 * @example
 * singularValues([[3, 0], [0, 4]]); // [4, 3]
 * singularValues([[1, 1], [1, 1]]); // [2, 0]
 */
export function singularValues(A: number[][], opts: SingularValueOptions = {}): number[] {
  const name = opts.name ?? "A";
  const rows = A.length;
  const cols = rows > 0 && Array.isArray(A[0]) ? A[0].length : 0;
  if (rows === 0 || cols === 0) throw new DataError(`the matrix ${name} is empty`);
  A.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new DataError(
        `row ${i + 1} of ${name} has ${Array.isArray(row) ? row.length : 0} entries, expected ${cols}`,
      );
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`${name}[${i + 1}, ${j + 1}] is ${String(v)}`, {
          hint: "a condition number needs finite entries",
        });
      }
    });
  });
  // Work on the columns of the tall orientation: m ≥ n, column-major U (column j at j·m).
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  const U = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (tall) U[j * m + i] = A[i][j];
      else U[i * m + j] = A[i][j];
    }
  }
  const tol = m * Number.EPSILON;
  const maxSweeps = opts.maxSweeps ?? 80;
  let sweep = 0;
  for (let rotated = true; rotated; sweep++) {
    if (sweep >= maxSweeps) {
      throw new DataError(`the Jacobi SVD of ${name} did not converge in ${maxSweeps} sweeps`, {
        hint: "raise maxSweeps",
      });
    }
    rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const P = p * m;
        const Q = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const up = U[P + i];
          const uq = U[Q + i];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const up = U[P + i];
          const uq = U[Q + i];
          U[P + i] = c * up - s * uq;
          U[Q + i] = s * up + c * uq;
        }
      }
    }
  }
  const sigma: number[] = [];
  for (let j = 0; j < n; j++) {
    // column length, scaled to avoid overflow/underflow of the squares
    let scale = 0;
    for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(U[j * m + i]));
    let ss = 0;
    if (scale > 0) for (let i = 0; i < m; i++) ss += (U[j * m + i] / scale) ** 2;
    sigma.push(scale * Math.sqrt(ss));
  }
  return sigma.sort((a, b) => b - a);
}

/**
 * The 2-norm condition number κ₂(A) = σ_max/σ_min of a (row-major) matrix.
 *
 * Formula: ratio of the largest to the smallest of the min(m, n) singular values (one-sided
 * Jacobi, see `singularValues`); Infinity when σ_min = 0 (A is rank-deficient), and κ(A'A) = κ(A)².
 * Throws: DataError for an empty or ragged matrix, a non-finite entry, or an all-zero matrix.
 * @example
 * conditionNumber([[1, 0], [0, 1e-3]]); // 1000
 * conditionNumber(X) ** 2;              // ≈ conditionNumber(XᵀX) while that is below 1/ε
 */
export function conditionNumber(A: number[][], opts: SingularValueOptions = {}): number {
  const s = singularValues(A, opts);
  const max = s[0];
  const min = s[s.length - 1];
  if (!(max > 0)) {
    throw new DataError(
      `the matrix ${opts.name ?? "A"} is zero: its condition number is undefined`,
    );
  }
  return min > 0 ? max / min : Infinity;
}
