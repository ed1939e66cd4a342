/**
 * The entropy weight method, used by the paper to build its three composite indices
 * (common prosperity CO, new quality productivity NQP, international trade TRADE).
 *
 * For n observations (city-years) of m indicators x_ij:
 *   1. min–max normalisation with direction:  z_ij = (x_ij − min_j)/(max_j − min_j)  for "+",
 *                                             z_ij = (max_j − x_ij)/(max_j − min_j)  for "−";
 *   2. shares           p_ij = z_ij / Σ_i z_ij;
 *   3. entropy          e_j  = −k Σ_i p_ij ln p_ij,  k = 1/ln n   (so 0 ≤ e_j ≤ 1);
 *   4. divergence       d_j  = 1 − e_j;
 *   5. weights          w_j  = d_j / Σ_j d_j;
 *   6. composite score  s_i  = Σ_j w_j z_ij   (in [0, 1] because the z are and Σw = 1).
 *
 * Zero convention: min–max normalisation puts a 0 in every indicator (its worst observation),
 * where ln p is undefined. We use the limit 0·ln 0 = 0 (the standard convention of information
 * theory): an observation with p_ij = 0 contributes nothing to e_j. Some applied papers instead
 * shift all z by a small constant (e.g. 0.0001) before step 2; `opts.shift` does that for the
 * shares and entropies (the composite score always uses the unshifted z).
 *
 * An indicator that is constant across observations carries no information and cannot be
 * min–max normalised (division by zero): it is an error that names the indicator.
 */
import { DataError } from "../data/errors";

/** Direction of an indicator: "+" more is better, "-" less is better. */
export type Direction = "+" | "-";

/** Every step of the entropy method, so a notebook can show each one (see the file header). */
export interface EntropyResult {
  names: string[];
  directions: Direction[];
  /** n×m min–max normalised values z_ij (direction applied). */
  normalized: number[][];
  /** n×m shares p_ij = z_ij / Σ_i z_ij (after `shift`, if any). */
  p: number[][];
  /** e_j = −(1/ln n) Σ_i p_ij ln p_ij. */
  entropy: number[];
  /** d_j = 1 − e_j. */
  divergence: number[];
  /** w_j = d_j / Σ d (or the override given in `opts.weights`). */
  weights: number[];
  /** s_i = Σ_j w_j z_ij, one composite per observation. */
  scores: number[];
}

/**
 * Min–max normalisation of one indicator to [0, 1], respecting its direction.
 *
 * Formula: "+" z = (x − min)/(max − min); "−" z = (max − x)/(max − min).
 * Throws: DataError naming the indicator (and row) for NaN/Infinity, an empty series, or a
 * constant series (max = min).
 * @example
 * minMaxNormalize([2, 4, 6], "+"); // [0, 0.5, 1]
 * minMaxNormalize([2, 4, 6], "-"); // [1, 0.5, 0]
 */
export function minMaxNormalize(
  values: number[],
  direction: Direction,
  name = "indicator",
): number[] {
  if (direction !== "+" && direction !== "-") {
    throw new DataError(`direction must be "+" or "-" (got ${String(direction)})`, {
      variable: name,
    });
  }
  if (values.length === 0) throw new DataError("no observations", { variable: name });
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`row ${i + 1} has ${String(v)}`, {
        variable: name,
        hint: "interpolate or remove missing values before building the index",
      });
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  if (!(range > 0)) {
    throw new DataError(
      `indicator is constant (every value is ${min}), so it cannot be normalised`,
      {
        variable: name,
        hint: "drop the indicator: a constant carries no information for the entropy weights",
      },
    );
  }
  return values.map((v) => (direction === "+" ? (v - min) / range : (max - v) / range));
}

/**
 * Entropy weights and composite scores for an n×m table of indicators (rows = observations).
 *
 * Formula: z = min–max(x, direction); p_ij = z_ij/Σ_i z_ij; e_j = −(1/ln n)Σ_i p_ij ln p_ij with
 * 0·ln 0 = 0; d_j = 1 − e_j; w_j = d_j/Σd; s_i = Σ_j w_j z_ij.
 * Throws: DataError naming the indicator for a constant column or a NaN/Infinity (with its row),
 * for fewer than 2 observations, ragged rows, names/directions of the wrong length, or override
 * weights that are negative or do not sum to 1.
 * @example
 * const r = entropyWeights([[1, 9], [2, 5], [3, 1]], ["+", "-"], ["gdp", "gap"]);
 * r.weights; // [0.5, 0.5] (both columns are equally spread); r.scores → [0, 0.5, 1]
 */
export function entropyWeights(
  X: number[][],
  directions: Direction[],
  names: string[],
  opts: { weights?: number[]; shift?: number } = {},
): EntropyResult {
  const n = X.length;
  const m = names.length;
  if (directions.length !== m) {
    throw new DataError(`${directions.length} directions for ${m} indicators`, {
      variable: names.join(", "),
      hint: 'give one direction ("+" or "-") per indicator',
    });
  }
  if (m === 0) throw new DataError("no indicators given");
  if (n < 2) {
    throw new DataError(`the entropy method needs at least 2 observations (got ${n})`, {
      variable: names.join(", "),
    });
  }
  const columns: number[][] = names.map(() => new Array<number>(n));
  for (let i = 0; i < n; i++) {
    const row = X[i];
    if (!row || row.length !== m) {
      throw new DataError(`row ${i + 1} has ${row ? row.length : 0} values, expected ${m}`, {
        variable: names.join(", "),
      });
    }
    for (let j = 0; j < m; j++) columns[j][i] = row[j];
  }
  const shift = opts.shift ?? 0;
  if (!(shift >= 0) || !Number.isFinite(shift)) {
    throw new DataError(`shift must be a non-negative number (got ${shift})`);
  }

  // 1. normalise each indicator (columns of z)
  const z = columns.map((col, j) => minMaxNormalize(col, directions[j], names[j]));

  // 2–4. shares, entropy, divergence per indicator
  const k = 1 / Math.log(n);
  const pCols: number[][] = [];
  const entropy: number[] = [];
  for (let j = 0; j < m; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += z[j][i] + shift;
    const pj = z[j].map((v) => (v + shift) / total);
    let sum = 0;
    for (const pij of pj) if (pij > 0) sum += pij * Math.log(pij); // 0·ln 0 = 0
    pCols.push(pj);
    entropy.push(-k * sum);
  }
  const divergence = entropy.map((e) => 1 - e);

  // 5. weights (entropy-based, or an override such as equal weights)
  let weights: number[];
  if (opts.weights !== undefined) {
    weights = checkOverrideWeights(opts.weights, names);
  } else {
    const dSum = divergence.reduce((a, b) => a + b, 0);
    weights = divergence.map((d) => d / dSum);
  }

  // 6. composite scores
  const scores = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += weights[j] * z[j][i];
    scores[i] = s;
  }

  const rowsOf = (cols: number[][]): number[][] =>
    Array.from({ length: n }, (_, i) => cols.map((col) => col[i]));
  return {
    names: [...names],
    directions: [...directions],
    normalized: rowsOf(z),
    p: rowsOf(pCols),
    entropy,
    divergence,
    weights,
    scores,
  };
}

function checkOverrideWeights(w: number[], names: string[]): number[] {
  if (w.length !== names.length) {
    throw new DataError(`${w.length} weights for ${names.length} indicators`, {
      variable: names.join(", "),
    });
  }
  w.forEach((v, j) => {
    if (!Number.isFinite(v) || v < 0) {
      throw new DataError(`weight ${String(v)} is not a non-negative number`, {
        variable: names[j],
      });
    }
  });
  const sum = w.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    throw new DataError(`override weights sum to ${sum}, not 1`, {
      variable: names.join(", "),
      hint: "divide the weights by their sum (equal weights are 1/m each)",
    });
  }
  return [...w];
}
