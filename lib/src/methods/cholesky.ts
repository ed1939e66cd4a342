/**
 * The Cholesky factorisation of a small symmetric matrix, A = LL' with L lower triangular, and the
 * inverse of a positive definite A from its factor — for the covariance matrices of Wald and
 * Hausman tests and of moment-based regressions (row arrays, a handful of rows).
 */

/** When a pivot counts as positive: above `absolute` and above `relative`·|Aᵢᵢ| (both 0 by default). */
export interface CholeskyTolerance {
  absolute?: number;
  relative?: number;
}

/**
 * Lower-triangular L with LL' = A, or null when A is not (numerically) positive definite.
 *
 * Formula: Lⱼⱼ = √(Aⱼⱼ − Σₗ<ⱼ Lⱼₗ²), Lᵢⱼ = (Aᵢⱼ − Σₗ<ⱼ LᵢₗLⱼₗ)/Lⱼⱼ for i > j; A is positive
 * definite (to the tolerance) iff every pivot Aⱼⱼ − Σₗ<ⱼ Lⱼₗ² is finite and exceeds
 * max(absolute, relative·|Aⱼⱼ|). Only the lower triangle of A is read. Throws: nothing (a NaN
 * pivot gives null).
 * @example
 * choleskyLower([[4, 2], [2, 3]]); // [[2, 0], [1, 1.414…]]
 * choleskyLower([[1, 1], [1, 1]], { relative: 1e-10 }); // null (singular)
 */
export function choleskyLower(A: number[][], tol: CholeskyTolerance = {}): number[][] | null {
  const k = A.length;
  const absolute = tol.absolute ?? 0;
  const relative = tol.relative ?? 0;
  const L: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let l = 0; l < j; l++) s -= L[i][l] * L[j][l];
      if (i === j) {
        const floor = Math.max(absolute, relative * Math.abs(A[i][i]));
        if (!(s > floor) || !Number.isFinite(s)) return null;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  }
  return L;
}

/**
 * A⁻¹ from the Cholesky factor L of a positive definite A (as `choleskyLower` returns it).
 *
 * Formula: A⁻¹ = L⁻ᵀL⁻¹, with L⁻¹ by forward substitution; the result is exactly symmetric.
 * Throws: nothing (L must have a positive diagonal).
 * @example
 * choleskyInverse(choleskyLower([[4, 2], [2, 3]])!); // ≈ [[0.375, -0.25], [-0.25, 0.5]]
 */
export function choleskyInverse(L: number[][]): number[][] {
  const k = L.length;
  const Li: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    Li[j][j] = 1 / L[j][j];
    for (let i = j + 1; i < k; i++) {
      let s = 0;
      for (let l = j; l < i; l++) s += L[i][l] * Li[l][j];
      Li[i][j] = -s / L[i][i];
    }
  }
  const inv: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = i; l < k; l++) s += Li[l][i] * Li[l][j];
      inv[i][j] = s;
      inv[j][i] = s;
    }
  }
  return inv;
}
