/**
 * Leave-one-city-out: Model (6) re-estimated eleven times, each time without one city.
 *
 * The problem it solves. With 11 cities, one city can carry a result: Hangzhou and Ningbo are
 * far ahead of the others on almost every indicator, so a slope may be "driven" by where they
 * sit. Dropping each city in turn and re-estimating shows how far the coefficients of interest
 * move: if the range is narrow, no single city decides the result; if a sign flips or a
 * coefficient halves when one city goes, that city deserves a closer look.
 *
 *   β̂_(−c) = OLS on the observations of every city except c,   c = 1, …, 11.
 *
 * Two variants: drop the city's rows from the estimation frame (indices unchanged), or pass
 * `rebuild` to recompute the whole pipeline without the city — its min–max bounds and entropy
 * weights then change too, e.g. `rebuild: (c) => buildVariables(panel, { dropCities: [c] }).frame`.
 */
import { DataError } from "../data/errors";
import { frameColumn, frameNumericColumn } from "../data/frame";
import { ols, type CovType, type OlsResult } from "./ols";

/** A column-oriented data frame (as `buildVariables(...).frame`). */
type ColumnFrame = Record<string, (number | string)[]>;

/** Options of `leaveOneCityOut`. */
export interface LeaveOneOutOptions {
  /** Dependent variable. */
  y: string;
  /** Regressors (a constant is added). */
  x: string[];
  /** Coefficients whose ranges are reported. */
  focus: string[];
  /** City column (default "city"). */
  cityKey?: string;
  /** "classical" (default) or "HC1"; clustering is pointless with 10 clusters left. */
  cov?: Exclude<CovType, { type: "cluster" }>;
  /** Recompute the frame without the city (whole pipeline) instead of dropping its rows. */
  rebuild?: (droppedCity: string) => ColumnFrame;
}

/** One re-estimation. */
export interface LeaveOneOutRow {
  dropped: string;
  nobs: number;
  params: Record<string, number>;
  tvalues: Record<string, number>;
  rsquared: number;
}

/** Result of `leaveOneCityOut`. */
export interface LeaveOneOutResult {
  /** The model on all cities. */
  full: OlsResult;
  /** One row per dropped city, in the frame's city order. */
  rows: LeaveOneOutRow[];
  /** Per focus coefficient: the full-sample value and the range over the eleven fits. */
  ranges: Record<
    string,
    { full: number; min: number; max: number; minDropped: string; maxDropped: string }
  >;
  /** The fits as {label, result}, e.g. for `coefficientPlotFigure` (full sample first). */
  models: { label: string; result: OlsResult }[];
}

function fitFrame(
  frame: ColumnFrame,
  yName: string,
  xNames: string[],
  cov: LeaveOneOutOptions["cov"],
  cityKey: string,
) {
  const column = (name: string): number[] => frameNumericColumn(frame, name, { cityKey });
  const y = column(yName);
  const cols = xNames.map(column);
  const X = y.map((_, i) => cols.map((c) => c[i]));
  return ols(y, X, { names: xNames, yName, cov: cov ?? "classical" });
}

/**
 * Re-estimates a model once per city with that city left out and reports the range of the
 * focus coefficients.
 *
 * Formula: β̂_(−c) = OLS(y, X) on rows with city ≠ c (or on `rebuild(c)`), c over the cities.
 * Throws: DataError if a column is missing or not numeric, a focus coefficient is not a
 * regressor, or fewer than 3 cities are present.
 * @example
 * const loo = leaveOneCityOut(built.frame);
 * loo.ranges.NQP; // { full, min, max, minDropped, maxDropped }
 */
export function leaveOneCityOut(frame: ColumnFrame, opts: LeaveOneOutOptions): LeaveOneOutResult {
  const yName = opts.y;
  const xNames = opts.x;
  const focus = opts.focus;
  const cityKey = opts.cityKey ?? "city";
  for (const f of focus) {
    if (!xNames.includes(f)) {
      throw new DataError("focus coefficient is not a regressor of the model", {
        variable: f,
        hint: `choose among ${xNames.join(", ")}`,
      });
    }
  }
  const cityCol = frameColumn(frame, cityKey);
  const cities = [...new Set(cityCol.map(String))];
  if (cities.length < 3) {
    throw new DataError(`leave-one-out needs at least 3 cities (got ${cities.length})`, {
      variable: cityKey,
    });
  }

  const full = fitFrame(frame, yName, xNames, opts.cov, cityKey);
  const models: { label: string; result: OlsResult }[] = [{ label: "All cities", result: full }];
  const rows: LeaveOneOutRow[] = cities.map((c) => {
    let sub: ColumnFrame;
    if (opts.rebuild) {
      sub = opts.rebuild(c);
    } else {
      const keep = cityCol.map((v, i) => (String(v) === c ? -1 : i)).filter((i) => i >= 0);
      sub = Object.fromEntries(
        Object.entries(frame).map(([k, col]) => [k, keep.map((i) => col[i])]),
      );
    }
    const res = fitFrame(sub, yName, xNames, opts.cov, cityKey);
    models.push({ label: `without ${c}`, result: res });
    const params: Record<string, number> = {};
    const tvalues: Record<string, number> = {};
    res.names.forEach((nm, j) => {
      params[nm] = res.params[j];
      tvalues[nm] = res.tvalues[j];
    });
    return { dropped: c, nobs: res.nobs, params, tvalues, rsquared: res.rsquared };
  });

  const ranges: LeaveOneOutResult["ranges"] = {};
  for (const f of focus) {
    let min = Infinity;
    let max = -Infinity;
    let minDropped = "";
    let maxDropped = "";
    for (const r of rows) {
      const v = r.params[f];
      if (v < min) {
        min = v;
        minDropped = r.dropped;
      }
      if (v > max) {
        max = v;
        maxDropped = r.dropped;
      }
    }
    ranges[f] = { full: full.params[full.names.indexOf(f)], min, max, minDropped, maxDropped };
  }
  return { full, rows, ranges, models };
}
