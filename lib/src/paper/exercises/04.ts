/**
 * The answer key of notebook 04's exercises (see types.ts). Ids are "04.<exercise number>".
 *
 * Each answer recomputes the expected value from the notebook's parameters, with the same
 * formulas a solution cell uses (Model (6) is MODEL6; the restricted and auxiliary models are
 * written out as formulas here).
 */
import type { Exercise } from "./types";
import type { PaperDataOptions } from "../analysis-frame";
import { paperData } from "../analysis-frame";
import { MODEL6 } from "../specs";
import { ols } from "../../methods/ols";
import { olsInfluence } from "../../methods/ols-influence";
import { breuschPagan } from "../../methods/breusch-pagan";
import { conditionNumber } from "../../methods/condition-number";
import { loadNistDataset } from "../../data/nist";

/** The analysis frame's columns under the notebook's parameters (memoised by paperData). */
function columns(params: PaperDataOptions): Record<string, (number | string)[]> {
  return paperData(params).columns;
}

/** Longley's regressors centred on their means, a constant column first, columns of unit length. */
function centredLongleyUnitColumns(): number[][] {
  const X = loadNistDataset("Longley").X;
  const means = X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / X.length);
  const centred = X.map((row) => [1, ...row.map((v, j) => v - means[j])]);
  const norms = centred[0].map((_, j) => Math.hypot(...centred.map((row) => row[j])));
  return centred.map((row) => row.map((v, j) => v / norms[j]));
}

/** Exercises of notebook 04, by id. */
export const EXERCISES_04: Readonly<Record<string, Exercise>> = {
  "04.1": {
    asks: "Model (6) coefficients significant at 5% with classical SEs but not with CR1 by city",
    answer: (params) => {
      const cols = columns(params);
      const classical = ols(MODEL6, cols);
      const clustered = ols(MODEL6, cols, { cov: "cluster", groups: "city" });
      return classical.names.filter(
        (v) => classical.pvalues[v] < 0.05 && clustered.pvalues[v] >= 0.05,
      );
    },
  },
  "04.2": {
    asks: "δ: NQP's coefficient in GOV ~ NQP + TRADE + UIS",
    answer: (params) => ols("GOV ~ NQP + TRADE + UIS", columns(params)).params.NQP,
  },
  "04.3": {
    asks: "F of NQP = TRADE = 0 in Model (6) from restricted and unrestricted SSR",
    answer: (params) => {
      const cols = columns(params);
      const u = ols(MODEL6, cols);
      const r = ols("CO ~ UIS + GOV + RCY", cols);
      return (r.ssr - u.ssr) / 2 / (u.ssr / u.dfResid);
    },
  },
  "04.4": {
    asks: "log10 κ of Longley's centred design (constant added, unit columns)",
    answer: () => Math.log10(conditionNumber(centredLongleyUnitColumns())),
  },
  "04.5": {
    asks: "Breusch–Pagan (Koenker) LM = n·R² of e² on Model (6)'s regressors",
    answer: (params) => breuschPagan(ols(MODEL6, columns(params))).statistic,
  },
  "04.6": {
    asks: "change in TRADE's coefficient when the city-year with the largest Cook's D is left out",
    answer: (params) => {
      const cols = columns(params);
      const m6 = ols(MODEL6, cols);
      const cook = olsInfluence(m6).cooksDistance;
      const max = Math.max(...cook);
      const keep = cook.map((d) => d < max);
      const kept = Object.fromEntries(
        Object.entries(cols).map(([name, values]) => [name, values.filter((_, i) => keep[i])]),
      );
      return ols(MODEL6, kept).params.TRADE - m6.params.TRADE;
    },
  },
};
