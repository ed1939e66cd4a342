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
import { FittedModel, Frame, fitModels } from "../methods/models";
import { TABLE3_VARIABLES, TABLE4_REGRESSORS, TABLE5_SPECS, TABLE6_SPEC } from "./specs";
import { PublishedComparison, comparePublished } from "./match";
import { PublishedRow } from "../data/published-data";
import { vif } from "../methods/vif";

/** Everything Tables 3–6 report, computed from a frame. */
export interface ReproducedTables {
  table3: ReturnType<typeof describe>;
  table4: ReturnType<typeof vif>;
  table5: FittedModel[];
  /** One fitted model per region, `sample` holding the region's name. */
  table6: FittedModel[];
}

function numericColumn(frame: Frame, name: string): number[] {
  const col = frame[name];
  if (!col) {
    throw new DataError(`the frame has no column "${name}"`, {
      variable: name,
      hint: "build the frame with buildVariables, which computes CO, NQP, TRADE, UIS, GOV and RCY",
    });
  }
  return col.map((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`row ${i + 1} of "${name}" is not a finite number (${String(v)})`, {
        variable: name,
        hint: "the variables must be complete before the tables are computed",
      });
    }
    return v;
  });
}

/**
 * Computes Tables 3–6 of the paper from an estimation frame.
 *
 * Formula: Table 3 = describe(CO…RCY); Table 4 = vif(NQP, TRADE, UIS, GOV, RCY); Table 5 = OLS
 * of CO on each spec of TABLE5_SPECS; Table 6 = OLS of CO on Model 6's regressors per `region`.
 * Throws: DataError for a missing or non-numeric column, or from the estimators (rank deficiency).
 * @example
 * const t = reproduceTables(buildVariables(loadPanel("data/zhejiang_panel.csv")).frame);
 * t.table5[5].result.params; // Model 6: const, NQP, TRADE, UIS, GOV, RCY
 */
export function reproduceTables(frame: Frame): ReproducedTables {
  const columns: Record<string, number[]> = {};
  for (const v of TABLE3_VARIABLES) columns[v] = numericColumn(frame, v);
  const table3 = describe(columns, [...TABLE3_VARIABLES]);
  const n = columns.CO.length;
  const X = Array.from({ length: n }, (_, i) => TABLE4_REGRESSORS.map((v) => columns[v][i]));
  const table4 = vif(X, [...TABLE4_REGRESSORS]);
  const table5 = fitModels(frame, TABLE5_SPECS);
  if (!frame.region) {
    throw new DataError('the frame has no column "region"', {
      variable: "region",
      hint: "Table 6 splits the sample by region",
    });
  }
  const table6 = fitModels(frame, [TABLE6_SPEC], { split: "region" });
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
export function reproducePublished(frame: Frame, published: PublishedRow[]): PublishedComparison[] {
  const t = reproduceTables(frame);
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
      const models = row.table === 5 ? t.table5 : t.table6;
      const model =
        row.table === 5
          ? models.find((m) => m.label === row.model)
          : models.find((m) => m.sample.toLowerCase() === row.model.toLowerCase());
      if (!model && row.table === 6) {
        // A re-run on a panel that leaves out every city of a region has nothing to estimate.
        throw new DataError(
          `published cell ${row.id}: the frame has no city-year in region "${row.model}" (regions present: ${models.map((m) => m.sample).join(", ")})`,
          {
            variable: row.variable || undefined,
            hint: "Table 6 compares the regions; keep at least one city of each region in the panel",
          },
        );
      }
      if (!model) return unknown(`no model "${row.model}"`);
      const r = model.result;
      switch (row.kind) {
        case "n":
          return r.nobs;
        case "r2":
          return r.rsquared;
        case "adj_r2":
          return r.rsquaredAdj;
        case "coef":
        case "t": {
          const name = row.variable === "_cons" ? "const" : row.variable;
          const j = r.names.indexOf(name);
          if (j < 0) return unknown(`model ${row.model} has no regressor "${row.variable}"`);
          return row.kind === "coef" ? r.params[j] : r.tvalues[j];
        }
        default:
          return unknown(`kind "${row.kind}" is not a regression statistic`);
      }
    }
    default:
      return unknown(`table ${row.table} is not one of Tables 3–6`);
  }
}
