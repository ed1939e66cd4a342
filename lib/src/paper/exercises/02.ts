/**
 * The answer key of notebook 02's exercises (see types.ts). Ids are "02.<exercise number>".
 * Each answer is recomputed under the notebook's parameters (data, weighting, dropped cities); the
 * printed Table 3 is read from the repository's data/published/tables.csv.
 */
import { printedInterval } from "../audit/interval";
import { loadPaperData, type PaperDataOptions } from "../analysis-frame";
import { reproducePublished } from "../reproduce-published";
import { printedNumber, publishedTables as published } from "./printed";
import type { Exercise } from "./types";

/** The six variables of Table 3, in its order. */
const VARIABLES = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"] as const;

/** A column of the analysis frame as numbers. */
function column(params: PaperDataOptions, name: string): number[] {
  return loadPaperData(params)[name].values as number[];
}

/** Exercises of notebook 02, by id. */
export const EXERCISES_02: Readonly<Record<string, Exercise>> = {
  "02.1": {
    asks: "UIS's standard deviation with divisor n (population SD)",
    answer: (params) => {
      const x = column(params, "UIS");
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    },
  },
  "02.2": {
    asks: "how many of Table 3's 30 numbers match without Hangzhou (indices rebuilt)",
    answer: (params) => {
      const noHz = { ...params, dropCities: [...(params.dropCities ?? []), "Hangzhou"] };
      const rows = reproducePublished(loadPaperData(noHz), published());
      return rows.filter((r) => r.id.startsWith("T3.") && r.match).length;
    },
    tolerance: 0,
  },
  "02.3": {
    asks: "the range of TRADE's CV (%) that the printed mean and SD allow, both rounded",
    answer: () => {
      const rows = published();
      const sd = printedInterval(rows.find((r) => r.id === "T3.TRADE.sd")?.printed ?? "");
      const mean = printedInterval(rows.find((r) => r.id === "T3.TRADE.mean")?.printed ?? "");
      return [(100 * sd[0]) / mean[1], (100 * sd[1]) / mean[0]];
    },
  },
  "02.4": {
    asks: "the mean RCY that 2014–2016 need for the printed mean, given the panel's 2017–2023",
    answer: (params) => {
      const df = loadPaperData(params);
      const later = df.query(df["year"].ge(2017))["RCY"];
      const n = printedNumber("T3.RCY.n");
      const total = n * printedNumber("T3.RCY.mean");
      return (total - (later.sum() as number)) / (n - later.count());
    },
  },
  "02.5": {
    asks: "the variables whose Southwest mean is above the Northeast's",
    answer: (params) => {
      const df = loadPaperData(params);
      const mean = (v: string, region: string) => df.query(df["region"].eq(region))[v].mean();
      return VARIABLES.filter((v) => mean(v, "Southwest") > mean(v, "Northeast"));
    },
  },
  "02.6": {
    asks: "the variable with the largest coefficient of variation in the printed Table 3",
    answer: () => {
      const rows = published();
      const cv = (v: string) =>
        printedNumber(`T3.${v}.sd`, rows) / printedNumber(`T3.${v}.mean`, rows);
      return VARIABLES.reduce((a, b) => (cv(b) > cv(a) ? b : a));
    },
  },
};
