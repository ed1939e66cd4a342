/**
 * Leave one group out: a model re-estimated once per group (e.g. per city), each time without it.
 *
 * The problem it solves. With few groups, one group can carry a result: a slope may be "driven"
 * by where one or two outlying units sit. Dropping each group in turn and re-estimating shows how
 * far the coefficients move: if the range is narrow, no single group decides the result; if a
 * sign flips or a coefficient halves when one group goes, that group deserves a closer look.
 *
 *   β̂_(−g) = OLS on the observations of every group except g,   g = 1, …, G.
 *
 * Two variants: drop the group's rows from the data (everything else unchanged), or pass
 * `rebuild` to recompute the data without the group — when the variables are built from the
 * sample itself (normalised, weighted), they then change too.
 */
import { DataError } from "../data/errors";
import { frameColumn, toColumns, type DataLike } from "../data/frame";
import { ols, type FitOptions } from "./ols";
import type { RegressionResults } from "./regression-results";

/** Options of `leaveOneOut`. */
export interface LeaveOneOutOptions extends FitOptions {
  /** The column whose groups are left out one at a time. */
  group: string;
  /** Recompute the data without a group (instead of dropping its rows). */
  rebuild?: (dropped: string) => DataLike;
}

/** One re-estimation without one group. */
export interface LeaveOneOutRow {
  dropped: string;
  fit: RegressionResults;
}

/** Result of `leaveOneOut`. */
export interface LeaveOneOutResult {
  /** The model on all groups. */
  full: RegressionResults;
  /** One row per left-out group, in the data's order of first appearance. */
  rows: LeaveOneOutRow[];
  /** Per parameter: the full-sample value and the range over the re-estimations. */
  ranges: Record<
    string,
    { full: number; min: number; max: number; minDropped: string; maxDropped: string }
  >;
}

/**
 * Re-estimates a model once per group with that group left out, and reports each parameter's
 * range over the re-estimations.
 *
 * Formula: β̂_(−g) = ols(formula) on rows with group ≠ g (or on `rebuild(g)`), g over the groups.
 * Throws: DataError if the group column is missing or has fewer than 3 groups, or as `ols`.
 * @example
 * const loo = leaveOneOut("y ~ x1 + x2", data, { group: "unit" });
 * loo.ranges.x1; // { full, min, max, minDropped, maxDropped }
 * loo.rows.map((r) => r.fit.params.x1);
 */
export function leaveOneOut(
  formula: string,
  data: DataLike,
  opts: LeaveOneOutOptions,
): LeaveOneOutResult {
  const cols = toColumns(data);
  const groupCol = frameColumn(cols, opts.group);
  const groups = [...new Set(groupCol.map(String))];
  if (groups.length < 3) {
    throw new DataError(`leave-one-out needs at least 3 groups (got ${groups.length})`, {
      variable: opts.group,
    });
  }
  const fitOptions: FitOptions = { cov: opts.cov, groups: opts.groups };
  const full = ols(formula, cols, fitOptions);
  const rows = groups.map((g) => {
    let sub: DataLike;
    if (opts.rebuild) {
      sub = opts.rebuild(g);
    } else {
      const keep = groupCol.flatMap((v, i) => (String(v) === g ? [] : [i]));
      sub = Object.fromEntries(
        Object.entries(cols).map(([k, col]) => [k, keep.map((i) => col[i])]),
      );
    }
    return { dropped: g, fit: ols(formula, sub, fitOptions) };
  });
  const ranges: LeaveOneOutResult["ranges"] = {};
  for (const name of full.names) {
    let min = Infinity;
    let max = -Infinity;
    let minDropped = "";
    let maxDropped = "";
    for (const r of rows) {
      const v = r.fit.params[name];
      if (v === undefined) continue;
      if (v < min) [min, minDropped] = [v, r.dropped];
      if (v > max) [max, maxDropped] = [v, r.dropped];
    }
    ranges[name] = { full: full.params[name], min, max, minDropped, maxDropped };
  }
  return { full, rows, ranges };
}
