/**
 * First-principal-component weights for a composite index — an alternative to entropy weights.
 *
 * The problem it solves. The paper's CO, NQP and TRADE are weighted sums of min–max normalised
 * indicators, with weights from the entropy method (an indicator that varies more gets more
 * weight). That is one choice among several; a reader should see how much the regression
 * results depend on it. Principal component analysis (PCA) gives a common alternative: weight
 * the indicators by how strongly they load on the direction that captures most of their joint
 * variation.
 *
 * The choice made here, stated plainly:
 *  1. PCA on the *correlation* matrix of the normalised indicators z_ij (pooled city-years), so
 *     an indicator's scale does not decide its weight (min–max normalised columns can still
 *     differ a lot in spread);
 *  2. take the eigenvector a of the largest eigenvalue λ₁ (mathjs `eigs`);
 *  3. weights w_j = |a_j| / Σ_k |a_k| — absolute loadings normalised to sum to one, so the
 *     composite Σ_j w_j z_ij stays in [0, 1] like the entropy composite. The sign of an
 *     eigenvector is arbitrary, and the normalised indicators are already oriented so that
 *     higher is better (the direction is applied during normalisation), hence absolute values.
 *     (Squared loadings a_j², which sum to one by themselves, are the other common convention;
 *     they favour the dominant indicators more.)
 * With two indicators (TRADE) the correlation matrix [[1, ρ], [ρ, 1]] always has first
 * eigenvector (1, ±1)/√2, so PCA weights are equal weights, whatever the data.
 */

/** mathjs's `eigs` of a symmetric matrix, loaded on first use (mathjs takes a second to load). */
function eigs(A: number[][]): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("mathjs") as { eigs: (A: number[][]) => unknown }).eigs(A);
}
import { DataError } from "../data/errors";

/** Result of `pcaWeights`. */
export interface PcaWeightsResult {
  names: string[];
  /** Correlation matrix of the indicators (m×m). */
  correlation: number[][];
  /** Eigenvalues in decreasing order. */
  eigenvalues: number[];
  /** Loadings of the first principal component (unit length, sign chosen so Σ a_j ≥ 0). */
  loadings: number[];
  /** Share of the total variance (= m for a correlation matrix) on the first component, λ₁/m. */
  varianceShare: number;
  /** |a_j| / Σ|a_k|. */
  weights: number[];
  /** Composite Σ_j w_j z_ij per row. */
  scores: number[];
}

/**
 * First-principal-component weights of the columns of a normalised indicator matrix.
 *
 * Formula: R = corr(Z); R a = λ₁ a (largest λ); w_j = |a_j| / Σ_k |a_k|; score_i = Σ_j w_j z_ij.
 * Throws: DataError if Z has fewer than 2 rows or columns, ragged rows, a non-finite value, or
 * a constant column (its correlation is undefined), naming the indicator.
 * @example
 * const pca = pcaWeights(built.indices.NQP.normalized, built.indices.NQP.names);
 * pca.weights; // nine weights summing to 1
 */
export function pcaWeights(Z: number[][], names?: string[]): PcaWeightsResult {
  const n = Z.length;
  const m = n > 0 ? Z[0].length : 0;
  const labels = names ?? Array.from({ length: m }, (_, j) => `z${j + 1}`);
  if (labels.length !== m) {
    throw new DataError(`${labels.length} names given for ${m} indicators`);
  }
  if (n < 2 || m < 1) {
    throw new DataError(`PCA needs at least 2 rows and 1 indicator (got ${n}×${m})`);
  }
  const mean = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) {
    if (Z[i].length !== m) {
      throw new DataError(`row ${i + 1} has ${Z[i].length} values, expected ${m}`);
    }
    for (let j = 0; j < m; j++) {
      const v = Z[i][j];
      if (!Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} has ${String(v)}`, {
          variable: labels[j],
          hint: "normalise complete indicators before computing weights",
        });
      }
      mean[j] += v / n;
    }
  }
  const cov: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      const da = Z[i][a] - mean[a];
      for (let b = a; b < m; b++) cov[a][b] += da * (Z[i][b] - mean[b]);
    }
  }
  const sd = cov.map((row, j) => Math.sqrt(row[j]));
  sd.forEach((s, j) => {
    if (!(s > 1e-12 * Math.max(1, Math.abs(mean[j])))) {
      throw new DataError("indicator is constant, so its correlation is undefined", {
        variable: labels[j],
        hint: "drop the indicator from the index",
      });
    }
  });
  const correlation: number[][] = cov.map((row, a) =>
    row.map((_, b) => (a === b ? 1 : (b > a ? cov[a][b] : cov[b][a]) / (sd[a] * sd[b]))),
  );

  let eigenvalues: number[];
  let loadings: number[];
  if (m === 1) {
    eigenvalues = [1];
    loadings = [1];
  } else {
    const res = eigs(correlation) as unknown as {
      values: number[];
      eigenvectors: { value: number; vector: number[] }[];
    };
    const pairs = res.eigenvectors
      .map((e) => ({ value: Number(e.value), vector: e.vector.map(Number) }))
      .sort((p, q) => q.value - p.value);
    eigenvalues = pairs.map((p) => p.value);
    const a = pairs[0].vector;
    const norm = Math.sqrt(a.reduce((s, v) => s + v * v, 0));
    const sign = a.reduce((s, v) => s + v, 0) < 0 ? -1 : 1;
    loadings = a.map((v) => (sign * v) / norm);
  }
  const total = loadings.reduce((s, v) => s + Math.abs(v), 0);
  const weights = loadings.map((v) => Math.abs(v) / total);
  const scores = Z.map((row) => row.reduce((s, v, j) => s + weights[j] * v, 0));
  return {
    names: labels,
    correlation,
    eigenvalues,
    loadings,
    varianceShare: eigenvalues[0] / m,
    weights,
    scores,
  };
}

/**
 * PCA weights for several indices at once, from their normalised matrices (as `buildVariables`
 * reports them in `indices`), shaped for `buildVariables(panel, { weighting })`.
 *
 * Formula: `pcaWeights` per index. Throws: as `pcaWeights`, naming the indicator.
 * @example
 * const w = pcaIndexWeights(built.indices); // { CO: [...], NQP: [...], TRADE: [0.5, 0.5] }
 * const pcaBuilt = buildVariables(panel, { weighting: w });
 */
export function pcaIndexWeights(
  indices: Record<string, { normalized: number[][]; names: string[] }>,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, idx] of Object.entries(indices)) {
    out[key] = pcaWeights(idx.normalized, idx.names).weights;
  }
  return out;
}
