/**
 * The answer key of notebook 00's exercises (see types.ts). Ids are "00.<exercise number>".
 * Each answer is recomputed under the notebook's parameters (data, weighting, dropped cities);
 * the printed numbers are read from the repository's data/published/tables.csv.
 */
import { ols } from "../../methods/ols";
import { loadPaperData, paperData, type PaperDataOptions } from "../analysis-frame";
import { reproducePublished } from "../reproduce-published";
import { MODEL6, TABLE5_MODELS } from "../specs";
import { printedNumber, publishedTables } from "./printed";
import type { Exercise } from "./types";

/** The terms of a formula's two sides ("CO ~ NQP + TRADE" → CO, NQP, TRADE). */
const terms = (formula: string) => formula.split(/[\s~+]+/);

/** Exercises of notebook 00, by id. */
export const EXERCISES_00: Readonly<Record<string, Exercise>> = {
  "00.1": {
    asks: "the keys of Table 5's models that contain both NQP and TRADE",
    answer: () =>
      Object.entries(TABLE5_MODELS)
        .filter(([, f]) => terms(f).includes("NQP") && terms(f).includes("TRADE"))
        .map(([k]) => k),
  },
  "00.2": {
    asks: "R² of a bivariate regression with Table 6's Northeast t and N",
    answer: () => {
      const t = printedNumber("T6.northeast.NQP.t");
      return t ** 2 / (t ** 2 + printedNumber("T6.northeast.n") - 2);
    },
  },
  "00.3": {
    asks: "the city with the highest mean NQP",
    answer: (params) => {
      const { city, NQP } = paperData(params).columns;
      const sums = new Map<string, { sum: number; n: number }>();
      city.forEach((c, i) => {
        const s = sums.get(c as string) ?? { sum: 0, n: 0 };
        sums.set(c as string, { sum: s.sum + (NQP[i] as number), n: s.n + 1 });
      });
      const means = [...sums].map(([c, s]) => ({ c, mean: s.sum / s.n }));
      return means.reduce((a, b) => (b.mean > a.mean ? b : a)).c;
    },
  },
  "00.4": {
    asks: "TRADE's t value in Model (3)",
    answer: (params) => ols(TABLE5_MODELS.m3, loadPaperData(params)).tvalues.TRADE,
  },
  "00.5": {
    asks: "NQP's Model (6) coefficient, indices rebuilt without Hangzhou minus rows removed",
    answer: (params) => {
      const without = { ...params, dropCities: [...(params.dropCities ?? []), "Hangzhou"] };
      const df = loadPaperData(params);
      const removed = df.query(df["city"].ne("Hangzhou"));
      return ols(MODEL6, loadPaperData(without)).params.NQP - ols(MODEL6, removed).params.NQP;
    },
  },
  "00.6": {
    asks: "printed numbers reproduced with equal weights",
    answer: (params: PaperDataOptions) => {
      const equal = loadPaperData({ ...params, weighting: "equal" });
      return reproducePublished(equal, publishedTables()).filter((r) => r.match).length;
    },
  },
};
