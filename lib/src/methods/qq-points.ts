/**
 * Points of a normal quantile–quantile (QQ) plot: the sorted sample against the quantiles a
 * standard normal sample of the same size would have (R's qqnorm/ppoints, statsmodels' ProbPlot).
 *
 * The i-th smallest of n values is plotted against Φ⁻¹(pᵢ) with plotting positions
 *
 *   pᵢ = (i − a) / (n + 1 − 2a),   i = 1…n,
 *
 * R's ppoints uses a = 3/8 for n ≤ 10 and a = 1/2 otherwise (Blom; Hazen); statsmodels' ProbPlot
 * defaults to a = 0 (i/(n + 1)). If the values are normal the points lie on a straight line
 * (slope σ, intercept μ); an S shape means heavy or light tails, a bow means skewness.
 */
import { DataError } from "../data/errors";
import { normalQuantile } from "./distributions";

/** Options of `normalQuantiles` and `qqPoints`. */
export interface PlottingPositionOptions {
  /** The offset a of pᵢ = (i − a)/(n + 1 − 2a), in [0, 1] (default: R's ppoints rule). */
  a?: number;
}

/** Points of a normal QQ plot. */
export interface QqPoints {
  /** Φ⁻¹(pᵢ), ascending. */
  theoretical: number[];
  /** The values sorted ascending. */
  sample: number[];
  /** index[i] = position in the input of sample[i] (ties keep their input order). */
  index: number[];
}

/**
 * The n theoretical standard-normal quantiles of a QQ plot, ascending.
 *
 * Formula: Φ⁻¹((i − a)/(n + 1 − 2a)), i = 1…n; a = 3/8 if n ≤ 10 else 1/2 unless given.
 * Throws: DataError if n is not a positive integer or a is outside [0, 1].
 * @example
 * normalQuantiles(5);           // [-1.18, -0.497, 0, 0.497, 1.18] (as R's qnorm(ppoints(5)))
 * normalQuantiles(3, { a: 0 }); // Φ⁻¹(1/4), Φ⁻¹(2/4), Φ⁻¹(3/4) (statsmodels' ProbPlot)
 */
export function normalQuantiles(n: number, opts: PlottingPositionOptions = {}): number[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new DataError(`the number of points must be a positive integer (got ${n})`);
  }
  const a = opts.a ?? (n <= 10 ? 3 / 8 : 1 / 2);
  if (!(a >= 0 && a <= 1)) {
    throw new DataError(`the plotting-position offset a must lie in [0, 1] (got ${a})`);
  }
  return Array.from({ length: n }, (_, i) => normalQuantile((i + 1 - a) / (n + 1 - 2 * a)));
}

/**
 * Points of a normal QQ plot of `values`: the sorted values against normal quantiles.
 *
 * Formula: sample = values sorted ascending; theoretical = normalQuantiles(n, opts).
 * Throws: DataError if values is empty or holds a non-finite value (named by its position).
 * @example
 * const qq = qqPoints(fit.resid);
 * // plot qq.theoretical (x) against qq.sample (y); qq.index[n − 1] is the row of the largest
 */
export function qqPoints(values: number[], opts: PlottingPositionOptions = {}): QqPoints {
  if (!Array.isArray(values) || values.length === 0) {
    throw new DataError("a QQ plot needs at least one value");
  }
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`value ${i + 1} is ${String(v)}`, {
        hint: "remove missing values before plotting",
      });
    }
  });
  const index = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  return {
    theoretical: normalQuantiles(values.length, opts),
    sample: index.map((i) => values[i]),
    index,
  };
}
