/**
 * Pearson correlation matrix of several variables (the heatmap of notebook 03).
 *
 * r_ab = Σ(a − ā)(b − b̄) / √(Σ(a − ā)² · Σ(b − b̄)²), computed from centred values (two passes)
 * for accuracy. The matrix is symmetric with ones on the diagonal.
 */
import { DataError } from "../data/errors";

/**
 * Pearson correlations between every pair of columns.
 *
 * Formula: r_ab = Σ(a − ā)(b − b̄) / √(Σ(a − ā)² Σ(b − b̄)²).
 * Throws: DataError naming the column (and row) for a non-finite value, for columns of different
 * lengths, fewer than 2 rows, or a constant column (its correlations are undefined).
 * @example
 * correlationMatrix([[1, 2, 3], [2, 4, 7]]); // [[1, 0.9934], [0.9934, 1]]
 * correlationMatrix([frame.CO, frame.NQP], ["CO", "NQP"]);
 */
export function correlationMatrix(
  columns: readonly (readonly number[])[],
  names?: string[],
): number[][] {
  const name = (j: number) => names?.[j] ?? `column ${j + 1}`;
  if (columns.length === 0) throw new DataError("correlationMatrix needs at least one column");
  const n = columns[0].length;
  if (n < 2) throw new DataError(`needs at least 2 rows (got ${n})`, { variable: name(0) });
  const centred = columns.map((col, j) => {
    if (col.length !== n) {
      throw new DataError(`has ${col.length} values but ${name(0)} has ${n}`, {
        variable: name(j),
      });
    }
    col.forEach((v, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DataError(`row ${i + 1} is ${String(v)}`, {
          variable: name(j),
          hint: "interpolate or remove missing values first",
        });
      }
    });
    const mean = col.reduce((s, v) => s + v, 0) / n;
    return col.map((v) => v - mean);
  });
  const norms = centred.map((c, j) => {
    const ss = Math.sqrt(c.reduce((s, v) => s + v * v, 0));
    if (!(ss > 0)) {
      throw new DataError("is constant, so its correlations are undefined", { variable: name(j) });
    }
    return ss;
  });
  return centred.map((a, p) =>
    centred.map((b, q) => {
      if (p === q) return 1;
      const r = a.reduce((s, v, i) => s + v * b[i], 0) / (norms[p] * norms[q]);
      return Math.max(-1, Math.min(1, r));
    }),
  );
}
