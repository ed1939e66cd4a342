/**
 * Reading columns out of a column-oriented data frame ({ CO: [...], NQP: [...], city: [...] }),
 * the shape `buildVariables(...).frame` returns. Every estimator that takes a frame pulls its
 * variables through these helpers, so a missing column or a missing value is always reported
 * the same way: a DataError naming the variable, the row, and the city and year of that row
 * (when the frame has city and year columns). No NaN reaches an estimator silently.
 */
import { DataError, type DataErrorWhere } from "./errors";

/** Where to find the row labels used in error messages (defaults "city" and "year"). */
export interface FrameLabelKeys {
  /** Column holding each row's city (default "city"). */
  cityKey?: string;
  /** Column holding each row's year (default "year"). */
  yearKey?: string;
}

/** Options of `frameNumericColumn`. */
export interface FrameNumericColumnOptions extends FrameLabelKeys {
  /** Row indices to extract, in this order (default: every row). */
  rows?: number[];
  /** What the user should do about a bad value (default: interpolate or remove it). */
  hint?: string;
}

/**
 * Returns a column of the frame as it is (numbers or labels), checking only that it exists.
 *
 * Formula: none (lookup). Throws: DataError naming the variable and listing the available
 * columns when `frame[name]` is not an array.
 * @example
 * const city = frameColumn(built.frame, "city");
 * city[0]; // "Hangzhou"
 */
export function frameColumn(
  frame: Record<string, (number | string)[]>,
  name: string,
): (number | string)[] {
  const col = frame[name];
  if (!Array.isArray(col)) {
    throw new DataError(`no column "${name}" in the data`, {
      variable: name,
      hint: `available columns: ${Object.keys(frame).join(", ")}`,
    });
  }
  return col;
}

/**
 * The error location of row `i` of a frame: the variable, plus the row's city and year when
 * the frame has those columns.
 *
 * Formula: none (lookup). Throws: nothing; a missing city/year column just leaves it out.
 * @example
 * throw new DataError("value is negative", frameRowWhere(frame, "GOV", 13));
 * // → DataError: variable "GOV", city Ningbo, year 2017: value is negative.
 */
export function frameRowWhere(
  frame: Record<string, (number | string)[]>,
  variable: string,
  i: number,
  keys: FrameLabelKeys = {},
): DataErrorWhere {
  const w: DataErrorWhere = { variable };
  const city = frame[keys.cityKey ?? "city"];
  const year = frame[keys.yearKey ?? "year"];
  if (Array.isArray(city)) w.city = String(city[i]);
  if (Array.isArray(year) && Number.isFinite(Number(year[i]))) w.year = Number(year[i]);
  return w;
}

/**
 * Returns a column of the frame as finite numbers (optionally only the rows `opts.rows`).
 *
 * Formula: out[r] = frame[name][rows[r]], each required to be a finite number.
 * Throws: DataError naming the variable and listing the available columns if the column is
 * missing; DataError naming the variable, row (1-based), city and year if a value is not a
 * finite number (NaN, ±Infinity, text, missing).
 * @example
 * const co = frameNumericColumn(built.frame, "CO");
 * const ne = frameNumericColumn(built.frame, "NQP", { rows: [0, 1, 2] });
 */
export function frameNumericColumn(
  frame: Record<string, (number | string)[]>,
  name: string,
  opts: FrameNumericColumnOptions = {},
): number[] {
  const col = frameColumn(frame, name);
  const check = (i: number): number => {
    const v = col[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(
        `row ${i + 1} has ${typeof v === "string" ? `"${v}"` : String(v)}, not a number`,
        {
          ...frameRowWhere(frame, name, i, opts),
          hint: opts.hint ?? "interpolate or remove missing values before estimating",
        },
      );
    }
    return v;
  };
  return opts.rows ? opts.rows.map(check) : col.map((_, i) => check(i));
}

/**
 * The subset of a danfo `DataFrame` that the library reads: column names, a column's values,
 * and the row index. Anything with these members works (danfo is never imported here).
 */
export interface DanfoFrameLike {
  columns: string[];
  index: (string | number)[];
  column(name: string): { values: unknown[] };
}

/** Data the estimators accept: a danfo DataFrame, or column-oriented arrays. */
export type DataLike = DanfoFrameLike | Record<string, readonly (number | string)[]>;

/** Whether `data` looks like a danfo DataFrame (columns, index and `column(name)`). */
export function isDanfoFrame(data: unknown): data is DanfoFrameLike {
  const d = data as Partial<DanfoFrameLike> | null;
  return (
    d !== null &&
    typeof d === "object" &&
    Array.isArray(d.columns) &&
    Array.isArray(d.index) &&
    typeof d.column === "function"
  );
}

/**
 * The columns of a danfo DataFrame or a column-oriented record, as plain arrays: the form every
 * estimator reads. danfo keeps JavaScript doubles in its columns, so reading `column(name).values`
 * is exact (no float32 round trip).
 *
 * Formula: none (copy of references). Throws: DataError when `data` is neither a DataFrame nor a
 * record of equally long arrays (naming the first column whose length differs).
 * @example
 * toColumns(df).CO.length; // 110
 * toColumns({ x: [1, 2], g: ["a", "b"] }).g; // ["a", "b"]
 */
export function toColumns(data: DataLike): Record<string, (number | string)[]> {
  if (isDanfoFrame(data)) {
    const out: Record<string, (number | string)[]> = {};
    for (const name of data.columns) out[name] = data.column(name).values as (number | string)[];
    return out;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new DataError("the data must be a danfo DataFrame or an object of columns", {
      hint: "pass loadPaperData(), a DataFrame, or { column: [values…], … }",
    });
  }
  const out: Record<string, (number | string)[]> = {};
  let length = -1;
  for (const [name, col] of Object.entries(data)) {
    if (!Array.isArray(col)) {
      throw new DataError(`column "${name}" is not an array`, { variable: name });
    }
    if (length >= 0 && col.length !== length) {
      throw new DataError(`column "${name}" has ${col.length} values, the others ${length}`, {
        variable: name,
        hint: "every column needs one value per row",
      });
    }
    length = col.length;
    out[name] = col as (number | string)[];
  }
  return out;
}
