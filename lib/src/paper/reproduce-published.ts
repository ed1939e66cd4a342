/**
 * Recomputing every number printed in the paper's Tables 3–6 (113 cells) from an estimation
 * frame, and setting each beside the number the paper printed.
 *
 * - Table 3: descriptive statistics of CO, NQP, TRADE, UIS, GOV, RCY (N, mean, sample SD with
 *   n − 1, min, max).
 * - Table 4: variance inflation factors of Model 6's regressors (NQP, TRADE, UIS, GOV, RCY),
 *   VIF_j = 1/(1 − R²_j), their reciprocals and their mean.
 * - Table 5: six pooled OLS regressions of CO with classical standard errors —
 *   (1) NQP, (2) TRADE, (3) NQP + TRADE, (4) + UIS, (5) + GOV, (6) + RCY.
 * - Table 6: the Model 6 regression estimated separately in Northeast and Southwest Zhejiang.
 *
 * Table 6's specification. The table prints only the NQP row, yet its R² cannot come from a
 * regression of CO on NQP alone: with t = 11.97 on N = 60, a bivariate regression has
 * R² = t²/(t² + N − 2) = 0.712, not the printed 0.923 (Southwest: 0.206, not 0.874). Some
 * controls were therefore included and not shown. We use Model 6's regressors (NQP, TRADE,
 * UIS, GOV, RCY) in each region, the natural reading of "followed by benchmark regression
 * analysis" (§3.3) and a specification under which all ten numbers of the table can hold at once;
 * notebook 07 (rule table6-specification) checks which regressor counts fit. This is an
 * inference, not something the paper states.
 *
 * This file does no I/O: the published rows come in as a parameter (`loadPublished` reads them).
 */
import { describe } from "../methods/descriptives";
import { DataError } from "../data/errors";
import { frameNumericColumn, toColumns, type DataLike } from "../data/frame";
import { ols, olsBy } from "../methods/ols";
import type { RegressionResults } from "../methods/regression-results";
import { TABLE3_VARIABLES, TABLE5_MODELS, TABLE6 } from "./specs";
import { PublishedComparison, comparePublished } from "./match";
import { PublishedRow } from "../data/published-data";
import { vif } from "../methods/vif";

/** Everything Tables 3–6 report, computed from the analysis frame. */
export interface ReproducedTables {
  table3: ReturnType<typeof describe>;
  table4: ReturnType<typeof vif>;
  /** The six models of Table 5, keyed m1…m6. */
  table5: Record<keyof typeof TABLE5_MODELS, RegressionResults>;
  /** Model (6) in each region, keyed by the region's name. */
  table6: Record<string, RegressionResults>;
}

/**
 * Computes Tables 3–6 of the paper from the analysis frame (a danfo DataFrame or columns).
 *
 * Formula: Table 3 = describe(CO…RCY); Table 4 = vif(Model 6); Table 5 = ols(TABLE5_MODELS[m]);
 * Table 6 = olsBy(MODEL6, by region) — the specifications of paper/specs.ts.
 * Throws: DataError for a missing or non-numeric column (from the formula fits), a frame without
 * the region column, or from the estimators (rank deficiency).
 * @example
 * const t = reproduceTables(loadPaperData());
 * t.table5.m6.params.NQP; t.table6.Northeast.nobs; // 0.875, 60
 */
export function reproduceTables(data: DataLike): ReproducedTables {
  const cols = toColumns(data);
  const table5 = Object.fromEntries(
    Object.entries(TABLE5_MODELS).map(([m, f]) => [m, ols(f, cols)]),
  ) as ReproducedTables["table5"];
  const columns: Record<string, number[]> = {};
  for (const v of TABLE3_VARIABLES) columns[v] = frameNumericColumn(cols, v);
  const table3 = describe(columns, [...TABLE3_VARIABLES]);
  const table4 = vif(table5.m6);
  if (!(TABLE6.by in cols)) {
    throw new DataError(`the frame has no column "${TABLE6.by}"`, {
      variable: TABLE6.by,
      hint: "Table 6 splits the sample by region",
    });
  }
  const table6 = olsBy(TABLE6.formula, cols, TABLE6.by);
  return { table3, table4, table5, table6 };
}

/**
 * Recomputes each published cell of Tables 3–6 and compares it with the printed number.
 *
 * Ids are resolved as `T3.<VAR>.<kind>`, `T4.<VAR>.vif|inv_vif`, `T4.mean.vif`,
 * `T5.m<k>.<VAR|_cons>.coef|t`, `T5.m<k>.n|r2|adj_r2`, `T6.<region>.NQP.coef|t`,
 * `T6.<region>.n|r2|adj_r2` (region matched case-insensitively to the frame's `region`).
 * Formula: match ⇔ the reproduced value rounded half-up to the printed decimals equals the print.
 * Throws: DataError naming the published id when it refers to a variable, model or region that
 * the computation does not produce; errors of `reproduceTables` pass through.
 * @example
 * const rows = reproducePublished(frame, loadPublished("data/published/tables.csv"));
 * rows.filter((r) => !r.match); // [] when every published number is reproduced
 */
export function reproducePublished(
  data: DataLike,
  published: PublishedRow[],
): PublishedComparison[] {
  const t = reproduceTables(data);
  return published.map((row) =>
    comparePublished(row.id, row.label, row.printed, reproducedValue(t, row)),
  );
}

function reproducedValue(t: ReproducedTables, row: PublishedRow): number {
  const unknown = (what: string): never => {
    throw new DataError(`published cell ${row.id}: ${what}`, {
      variable: row.variable || undefined,
      hint: "ids follow T3.<VAR>.<kind>, T4.<VAR>.vif, T5.m<k>.<VAR>.coef, T6.<region>.NQP.t …",
    });
  };
  switch (row.table) {
    case 3: {
      const d =
        t.table3.find((r) => r.name === row.variable) ?? unknown(`no variable "${row.variable}"`);
      switch (row.kind) {
        case "n":
          return d.n;
        case "mean":
          return d.mean;
        case "sd":
          return d.sd;
        case "min":
          return d.min;
        case "max":
          return d.max;
        default:
          return unknown(`kind "${row.kind}" is not a Table 3 statistic`);
      }
    }
    case 4: {
      if (row.kind === "vif_mean") return t.table4.mean;
      const v =
        t.table4.rows.find((r) => r.name === row.variable) ??
        unknown(`no regressor "${row.variable}"`);
      if (row.kind === "vif") return v.vif;
      if (row.kind === "inv_vif") return 1 / v.vif;
      return unknown(`kind "${row.kind}" is not a Table 4 statistic`);
    }
    case 5:
    case 6: {
      const models: Record<string, RegressionResults> = row.table === 5 ? t.table5 : t.table6;
      const key =
        row.table === 5
          ? row.model
          : Object.keys(models).find((k) => k.toLowerCase() === row.model.toLowerCase());
      const model = key === undefined ? undefined : models[key];
      if (!model && row.table === 6) {
        // A re-run on a panel that leaves out every city of a region has nothing to estimate.
        throw new DataError(
          `published cell ${row.id}: the frame has no city-year in region "${row.model}" (regions present: ${Object.keys(models).join(", ")})`,
          {
            variable: row.variable || undefined,
            hint: "Table 6 compares the regions; keep at least one city of each region in the panel",
          },
        );
      }
      if (!model) return unknown(`no model "${row.model}"`);
      switch (row.kind) {
        case "n":
          return model.nobs;
        case "r2":
          return model.rsquared;
        case "adj_r2":
          return model.rsquaredAdj;
        case "coef":
        case "t": {
          const name = row.variable === "_cons" ? "Intercept" : row.variable;
          if (!(name in model.params)) {
            return unknown(`model ${row.model} has no regressor "${row.variable}"`);
          }
          return row.kind === "coef" ? model.params[name] : model.tvalues[name];
        }
        default:
          return unknown(`kind "${row.kind}" is not a regression statistic`);
      }
    }
    default:
      return unknown(`table ${row.table} is not one of Tables 3–6`);
  }
}
