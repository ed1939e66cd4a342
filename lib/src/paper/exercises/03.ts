/**
 * The answer key of notebook 03's exercises (see types.ts). Ids are "03.<exercise number>".
 * Each answer is recomputed under the notebook's parameters (data, weighting, dropped cities).
 */
import { DataError } from "../../data/errors";
import { ols } from "../../methods/ols";
import { vif } from "../../methods/vif";
import { loadPaperData, type PaperDataOptions } from "../analysis-frame";
import { MODEL6, MODEL6_REGRESSORS } from "../specs";
import type { Exercise } from "./types";

/** The VIF of one regressor of a formula fit. */
function vifOf(formula: string, params: PaperDataOptions, name: string): number {
  const row = vif(ols(formula, loadPaperData(params))).rows.find((r) => r.name === name);
  if (!row) throw new DataError(`no regressor "${name}" in ${formula}`, { variable: name });
  return row.vif;
}

/** Exercises of notebook 03, by id. */
export const EXERCISES_03: Readonly<Record<string, Exercise>> = {
  "03.1": {
    asks: "VIF of GOV from its auxiliary regression",
    answer: (params) =>
      1 / (1 - ols("GOV ~ NQP + TRADE + UIS + RCY", loadPaperData(params)).rsquared),
  },
  "03.2": {
    asks: "1/(1 − r²) of NQP and TRADE, the VIFs of Model (3)",
    answer: (params) => vifOf("CO ~ NQP + TRADE", params, "NQP"),
  },
  "03.3": {
    asks: "VIF of NQP with st_expenditure added to Model (6)",
    answer: (params) => vifOf(`${MODEL6} + st_expenditure`, params, "NQP"),
  },
  "03.4": {
    asks: "the regressor with the largest VIF without Hangzhou (indices rebuilt)",
    answer: (params) => {
      const without = { ...params, dropCities: [...(params.dropCities ?? []), "Hangzhou"] };
      const rows = vif(ols(MODEL6, loadPaperData(without))).rows;
      return rows.reduce((a, b) => (b.vif > a.vif ? b : a)).name;
    },
  },
  "03.5": {
    asks: "VIF of NQP with UIS and GOV replaced by their sum and difference",
    answer: (params) => {
      const df = loadPaperData(params);
      const sd = df
        .addColumn("S", df["UIS"].add(df["GOV"]), { inplace: false })
        .addColumn("D", df["UIS"].sub(df["GOV"]), { inplace: false });
      const row = vif(ols("CO ~ NQP + TRADE + S + D + RCY", sd)).rows.find((r) => r.name === "NQP");
      return (row as { vif: number }).vif;
    },
  },
  "03.6": {
    asks: "the regressor of Model (6) with the largest between-city share of variance",
    answer: (params) => {
      const df = loadPaperData(params);
      const share = MODEL6_REGRESSORS.map((v) => ({ v, r2: ols(`${v} ~ C(city)`, df).rsquared }));
      return share.reduce((a, b) => (b.r2 > a.r2 ? b : a)).v;
    },
  },
};
