/**
 * Descriptive statistics in the layout of the paper's Table 3 (N, mean, sample standard
 * deviation, minimum, maximum), plus the coefficient of variation the text quotes
 * ("a coefficient of variation of 76.3%" for TRADE).
 */
import { DataError } from "../data/errors";

/** One row of Table 3: N, mean, sample SD, min, max, and the coefficient of variation. */
export interface Description {
  name: string;
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1), as Stata's `summarize`. */
  sd: number;
  min: number;
  max: number;
  /** Coefficient of variation sd/mean, as a fraction (0.763 = 76.3%). */
  cv: number;
}

/**
 * Describes each column: N, mean, sample SD, min, max and coefficient of variation.
 *
 * Formula: x̄ = Σx/n; sd = √(Σ(x − x̄)²/(n − 1)) (two passes, for accuracy); cv = sd/x̄.
 * Throws: DataError naming the variable (and row) for NaN/Infinity or fewer than 2 values, and
 * naming a column of `order` that does not exist.
 * @example
 * describe({ x: [1, 2, 3, 4] });
 * // [{ name: "x", n: 4, mean: 2.5, sd: 1.2910, min: 1, max: 4, cv: 0.5164 }]
 */
export function describe(columns: Record<string, number[]>, order?: string[]): Description[] {
  const names = order ?? Object.keys(columns);
  return names.map((name) => {
    const x = columns[name];
    if (!Array.isArray(x)) {
      throw new DataError(`no column "${name}"`, {
        variable: name,
        hint: `available columns: ${Object.keys(columns).join(", ")}`,
      });
    }
    const n = x.length;
    if (n < 2)
      throw new DataError(`needs at least 2 values for a standard deviation (got ${n})`, {
        variable: name,
      });
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} has ${String(v)}`, {
          variable: name,
          hint: "interpolate or remove missing values first",
        });
      }
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    const sd = Math.sqrt(ss / (n - 1));
    return { name, n, mean, sd, min, max, cv: sd / mean };
  });
}
