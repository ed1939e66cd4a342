/**
 * The answer key of notebook 06's exercises (see types.ts). Ids are "06.<exercise number>".
 * Each answer is recomputed from the notebook's parameters (data, weighting, dropped cities).
 */
import type { Exercise } from "./types";
import { loadPaperData, type PaperDataOptions } from "../analysis-frame";
import { MODEL6, MODEL6_REGRESSORS } from "../specs";
import { ols } from "../../methods/ols";
import { wildClusterBootstrap } from "../../methods/wild-cluster-bootstrap";
import { holm } from "../../methods/p-adjust";

/** The pooled interaction model of notebook 06, §3: only NQP's slope differs by region. */
const INTERACTION = "CO ~ NQP * C(region) + TRADE + UIS + GOV + RCY";
const CLUSTER_CITY = { cov: "cluster", groups: "city" } as const;

/** The frame with Hangzhou's rows selected out (indices as built on all cities). */
function withoutRows(p: PaperDataOptions, city: string) {
  const df = loadPaperData(p);
  return df.query(df["city"].ne(city));
}

/** Exercises of notebook 06, by id. */
export const EXERCISES_06: Readonly<Record<string, Exercise>> = {
  "06.1": {
    asks: "regressors whose sign differs between pooled OLS and city fixed effects",
    answer: (p) => {
      const df = loadPaperData(p);
      const pooled = ols(MODEL6, df);
      const cityFE = ols(`${MODEL6} | city`, df);
      return MODEL6_REGRESSORS.filter(
        (v) => Math.sign(pooled.params[v]) !== Math.sign(cityFE.params[v]),
      );
    },
  },
  "06.2": {
    asks: "p-value of TRADE in Model (6) with standard errors clustered by year",
    answer: (p) => ols(MODEL6, loadPaperData(p), { cov: "cluster", groups: "year" }).pvalues.TRADE,
  },
  "06.3": {
    asks: "wild bootstrap p of the NQP × region interaction, all 2^G Rademacher sign vectors",
    answer: (p) =>
      wildClusterBootstrap(INTERACTION, loadPaperData(p), {
        param: "NQP:C(region)[T.Southwest]",
        cluster: "city",
        weights: "rademacher",
        enumerate: true,
        confInt: false,
      }).pValue,
  },
  "06.4": {
    asks: "NQP's coefficient with a dummy for every city and every year",
    answer: (p) => ols(`${MODEL6} + C(city) + C(year)`, loadPaperData(p)).params.NQP,
  },
  "06.5": {
    asks: "Holm-adjusted p of GOV among the five slopes of the two-way model with CR1",
    answer: (p) => {
      const fit = ols(`${MODEL6} | city + year`, loadPaperData(p), CLUSTER_CITY);
      const adjusted = holm(MODEL6_REGRESSORS.map((v) => fit.pvalues[v]));
      return adjusted[MODEL6_REGRESSORS.indexOf("GOV")];
    },
  },
  "06.6": {
    asks: "NQP without Hangzhou: [its rows dropped, the indices rebuilt]",
    answer: (p) => [
      ols(MODEL6, withoutRows(p, "Hangzhou")).params.NQP,
      ols(MODEL6, loadPaperData({ ...p, dropCities: [...(p.dropCities ?? []), "Hangzhou"] })).params
        .NQP,
    ],
  },
};
