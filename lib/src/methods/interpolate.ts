/**
 * Linear interpolation of missing values within each city's yearly series — the paper
 * "imputed partially missing data using linear interpolation".
 *
 * A missing value between two observed years is filled on the straight line through them:
 *   x(t) = x(a) + (x(b) − x(a)) · (t − a)/(b − a),   a < t < b the nearest observed years.
 * A missing first or last year has only one neighbour, so it cannot be interpolated: by default
 * that is an error naming the variable, city and year; `edges: "nearest"` carries the nearest
 * observed value instead (an explicit, visible choice).
 */
import { DataError } from "../data/errors";

/** Options of `interpolateLinear`: edge handling, names for messages, and the time axis. */
export interface InterpolateOptions {
  /** What to do with a missing first/last value: "error" (default) or "nearest" (carry it). */
  edges?: "error" | "nearest";
  /** Names used in error messages. */
  variable?: string;
  city?: string;
  /** Time of each value (e.g. years); default 0, 1, 2, … Unequal spacing is respected. */
  years?: number[];
}

/** A value counts as missing when it is null, undefined or NaN. */
function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/**
 * Fills the missing values (null/undefined/NaN) of one series by linear interpolation.
 *
 * Formula: x(t) = x(a) + (x(b) − x(a))·(t − a)/(b − a), with a, b the nearest observed times.
 * Throws: DataError naming variable/city/year for a missing first or last value (unless
 * `edges: "nearest"`), a series with no observed value, ±Infinity, `years` of the wrong length
 * or not strictly increasing.
 * @example
 * interpolateLinear([1, null, 3]);                        // [1, 2, 3]
 * interpolateLinear([null, 2, 4], { edges: "nearest" });  // [2, 2, 4]
 */
export function interpolateLinear(
  values: (number | null)[],
  opts: InterpolateOptions = {},
): number[] {
  const n = values.length;
  const t = opts.years ?? values.map((_, i) => i);
  const where = (i: number) => ({
    variable: opts.variable,
    city: opts.city,
    year: opts.years ? opts.years[i] : undefined,
  });
  if (t.length !== n) {
    throw new DataError(`${t.length} years for ${n} values`, where(0));
  }
  for (let i = 1; i < n; i++) {
    if (!(t[i] > t[i - 1])) {
      throw new DataError("years must be strictly increasing", {
        ...where(i),
        hint: "sort the series by year and remove duplicate years",
      });
    }
  }
  const observed: number[] = []; // indices with a value
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`value ${String(v)} is not a finite number`, where(i));
    }
    observed.push(i);
  }
  if (observed.length === 0) {
    throw new DataError("every value of the series is missing; nothing to interpolate from", {
      ...where(0),
      year: undefined,
      hint: "collect at least one observation for this city or drop the variable",
    });
  }

  const out = new Array<number>(n);
  const first = observed[0];
  const last = observed[observed.length - 1];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!isMissing(v)) {
      out[i] = v as number;
      continue;
    }
    if (i < first || i > last) {
      if (opts.edges !== "nearest") {
        throw new DataError(
          `the ${i < first ? "first" : "last"} value of the series is missing and cannot be interpolated`,
          {
            ...where(i),
            hint: 'supply the value, or pass edges: "nearest" to carry the nearest observed value',
          },
        );
      }
      out[i] = values[i < first ? first : last] as number;
    }
  }
  // Interior gaps: walk through consecutive observed points a < b and fill between them.
  for (let s = 0; s + 1 < observed.length; s++) {
    const a = observed[s];
    const b = observed[s + 1];
    const xa = values[a] as number;
    const xb = values[b] as number;
    for (let i = a + 1; i < b; i++) out[i] = xa + ((xb - xa) * (t[i] - t[a])) / (t[b] - t[a]);
  }
  return out;
}

/** One value filled in by `interpolatePanel`. */
export interface FilledValue {
  city: string;
  year: number;
  column: string;
  value: number;
}

/**
 * Interpolates the given columns of a long city–year panel, city by city along the years.
 * Returns new row objects (the input is not modified), in the input order, and the list of
 * values that were filled in (so a notebook can show them).
 *
 * Formula: `interpolateLinear` on each (city, column) series ordered by year.
 * Throws: DataError naming column/city/year for a missing edge value (unless
 * `edges: "nearest"`), a duplicated city–year, a missing city or year key, or a value that is
 * neither a number, a numeric string nor empty.
 * @example
 * const { rows, filled } = interpolatePanel(panel, ["gdp", "pop"]);
 * filled; // [{ city: "Quzhou", year: 2016, column: "gdp", value: 1.23 }, ...]
 */
export function interpolatePanel(
  rows: Record<string, unknown>[],
  columns: string[],
  opts: { cityKey?: string; yearKey?: string; edges?: "error" | "nearest" } = {},
): { rows: Record<string, unknown>[]; filled: FilledValue[] } {
  const cityKey = opts.cityKey ?? "city";
  const yearKey = opts.yearKey ?? "year";
  const out = rows.map((r) => ({ ...r }));

  // Group row indices by city (first-appearance order) and sort each group by year.
  const byCity = new Map<string, number[]>();
  out.forEach((r, i) => {
    const city = r[cityKey];
    const year = Number(r[yearKey]);
    if (typeof city !== "string" && typeof city !== "number") {
      throw new DataError(`row ${i + 1} has no ${cityKey}`, { column: cityKey });
    }
    if (!Number.isInteger(year)) {
      throw new DataError(`row ${i + 1} has no valid ${yearKey} (got ${String(r[yearKey])})`, {
        column: yearKey,
        city: String(city),
      });
    }
    const list = byCity.get(String(city)) ?? [];
    list.push(i);
    byCity.set(String(city), list);
  });

  const filled: FilledValue[] = [];
  for (const [city, idx] of byCity) {
    idx.sort((a, b) => Number(out[a][yearKey]) - Number(out[b][yearKey]));
    const years = idx.map((i) => Number(out[i][yearKey]));
    for (let s = 1; s < years.length; s++) {
      if (years[s] === years[s - 1]) {
        throw new DataError("duplicated city–year row", {
          city,
          year: years[s],
          hint: "keep one row per city and year",
        });
      }
    }
    for (const column of columns) {
      const series = idx.map((i, s) => toNumberOrNull(out[i][column], column, city, years[s]));
      const full = interpolateLinear(series, { edges: opts.edges, variable: column, city, years });
      idx.forEach((i, s) => {
        if (series[s] === null) {
          out[i][column] = full[s];
          filled.push({ city, year: years[s], column, value: full[s] });
        } else {
          out[i][column] = series[s];
        }
      });
    }
  }
  return { rows: out, filled };
}

function toNumberOrNull(v: unknown, column: string, city: string, year: number): number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new DataError(`value "${String(v)}" is not a number`, {
    column,
    city,
    year,
    hint: "write numbers with a dot as decimal separator and leave missing values empty",
  });
}
