/**
 * `pivot`: a long table reshaped wide, as pandas' `df.pivot(index=, columns=, values=)` — e.g.
 * one row per city and one column per year. danfo.js 1.2 has no pivot, so the library provides
 * it; it returns a danfo DataFrame whose values are the input's doubles, unchanged.
 */
import { toDataFrame, type DataFrame } from "./danfo";
import { DataError } from "./errors";
import { frameColumn, toColumns, type DataLike } from "./frame";

/** Which columns become the rows, the columns and the cells of the wide table. */
export interface PivotSpec {
  /** Column whose values label the rows (e.g. "city"), in order of first appearance. */
  index: string;
  /** Column whose values become the new columns (e.g. "year"), sorted. */
  columns: string;
  /** Column holding the cells (e.g. "CO"). */
  values: string;
}

/**
 * Reshapes long data to wide: one row per `index` value, one column per `columns` value.
 *
 * Formula: wide[i][c] = value of the row with index = i and columns = c.
 * Throws: DataError for a missing column, or two rows with the same (index, columns) pair
 * (naming it), as pandas does; a missing pair is an error too (no NaN is made up).
 * @example
 * pivot(df, { index: "city", columns: "year", values: "CO" }).shape; // [11, 11]: city + 10 years
 */
export function pivot(data: DataLike, spec: PivotSpec): DataFrame {
  const cols = toColumns(data);
  const idx = frameColumn(cols, spec.index).map(String);
  const col = frameColumn(cols, spec.columns);
  const val = frameColumn(cols, spec.values);
  const rows = [...new Set(idx)];
  const keys = [...new Set(col)];
  const sorted = keys.every((k) => typeof k === "number")
    ? (keys as number[]).sort((a, b) => a - b)
    : keys.map(String).sort();
  const cell = new Map<string, number | string>();
  idx.forEach((r, i) => {
    const key = `${r}\u0000${String(col[i])}`;
    if (cell.has(key)) {
      throw new DataError(`two rows have ${spec.index} = ${r} and ${spec.columns} = ${String(col[i])}`, {
        variable: spec.values,
        hint: "pivot needs one row per pair; aggregate first (e.g. df.groupby(...).mean())",
      });
    }
    cell.set(key, val[i]);
  });
  const out: [string, (number | string)[]][] = [[spec.index, rows]];
  for (const k of sorted) {
    const column = rows.map((r) => {
      const v = cell.get(`${r}\u0000${String(k)}`);
      if (v === undefined) {
        throw new DataError(`no row has ${spec.index} = ${r} and ${spec.columns} = ${String(k)}`, {
          variable: spec.values,
          hint: "pivot makes no missing values up; select complete groups first",
        });
      }
      return v;
    });
    out.push([String(k), column]);
  }
  return toDataFrame(out);
}
