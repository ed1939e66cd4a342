/**
 * Several fitted models side by side, as fixest's `etable()` and Stata's esttab print them.
 * A thin layer over `regressionTable` (the one esttab renderer): it takes formula fits, labels
 * the columns, and adds a row per absorbed fixed effect ("Yes"/"No"), as etable does.
 */
import { DataError } from "../data/errors";
import type { RegressionResults } from "../methods/regression-results";
import {
  regressionTable,
  type RegressionTableOptions,
  type Table,
} from "./render-regression-table";

/**
 * An esttab/etable comparison of formula fits: coefficients with stars and t values beneath,
 * fixed-effects rows, N, R² and adjusted R². Show it with `display(...)`.
 *
 * Formula: see `regressionTable`. Column labels are (1), (2), … for a list, or the keys of a
 * record (e.g. { Northeast: m1, Southwest: m2 }).
 * Throws: DataError for no models, or as `regressionTable`.
 * @example
 * display(etable([ols("CO ~ NQP", df), ols("CO ~ NQP + TRADE", df)], { title: "Table 5" }));
 * display(etable({ Northeast: ne, Southwest: sw }));
 */
export function etable(
  models: RegressionResults[] | Record<string, RegressionResults>,
  opts: RegressionTableOptions = {},
): Table {
  const entries = Array.isArray(models)
    ? models.map((m, i) => [`(${i + 1})`, m] as const)
    : Object.entries(models);
  if (entries.length === 0) {
    throw new DataError("no models to tabulate", { hint: "pass a list of fits: etable([m1, m2])" });
  }
  const effects = [...new Set(entries.flatMap(([, m]) => m.model.fixedEffects))];
  const extraRows = effects.map((fe) => ({
    label: `${fe} fixed effects`,
    cells: entries.map(([, m]) => (m.model.fixedEffects.includes(fe) ? "Yes" : "No")),
  }));
  return regressionTable(
    entries.map(([label, m]) => ({ label, result: m.result })),
    { ...opts, extraRows: [...extraRows, ...(opts.extraRows ?? [])] },
  );
}
