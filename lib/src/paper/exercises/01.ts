/**
 * The answer key of notebook 01's exercises (see types.ts). Ids are "01.<exercise number>".
 * Each answer is recomputed under the notebook's parameters (data, weighting, dropped cities), with
 * the same library calls a solution cell uses.
 */
import { DataError } from "../../data/errors";
import { loadPaperData, paperData, type PaperDataOptions } from "../analysis-frame";
import type { Exercise } from "./types";

/** The value of one column in one city-year of the analysis frame under the given options. */
function valueAt(params: PaperDataOptions, city: string, year: number, column: string): number {
  const cols = loadPaperData(params);
  const rows = cols.query(cols["city"].eq(city).and(cols["year"].eq(year)));
  const v = rows.shape[0] === 1 ? (rows[column].values[0] as unknown) : undefined;
  if (typeof v !== "number") {
    throw new DataError(`no value of ${column} for ${city} ${year}`, {
      city,
      year,
      column,
      hint: "keep the city in the sample (dropCities) to answer this exercise",
    });
  }
  return v;
}

/** The options with one more city left out (its indices rebuilt on the others). */
function without(params: PaperDataOptions, city: string): PaperDataOptions {
  return { ...params, dropCities: [...(params.dropCities ?? []), city] };
}

/** Exercises of notebook 01, by id. */
export const EXERCISES_01: Readonly<Record<string, Exercise>> = {
  "01.1": {
    asks: "Jiaxing's 2021 population, interpolated between 2020 and 2023",
    answer: (params) => {
      const cell = paperData({ ...params, dropCities: [] }).built.filled.find(
        (f) => f.city === "Jiaxing" && f.year === 2021 && f.column === "population",
      );
      if (!cell) {
        throw new DataError("Jiaxing's 2021 population is not an interpolated cell of this panel", {
          city: "Jiaxing",
          year: 2021,
          column: "population",
        });
      }
      return cell.value;
    },
  },
  "01.2": {
    asks: "the entropy weight of trade scale in TRADE, d₁/(d₁ + d₂)",
    answer: (params) => {
      const d = paperData(params).built.indices.TRADE.divergence;
      return d[0] / (d[0] + d[1]);
    },
  },
  "01.3": {
    asks: "the city-year with the lowest SO₂ intensity (normalised value 1)",
    answer: (params) => {
      const df = loadPaperData({ ...params, indicators: true });
      const best = df.sortValues("so2_intensity", { ascending: true }).head(1);
      return `${String(best["city"].values[0])} ${String(best["year"].values[0])}`;
    },
  },
  "01.4": {
    asks: "Ningbo's 2023 NQP with the indices rebuilt without Hangzhou",
    answer: (params) => valueAt(without(params, "Hangzhou"), "Ningbo", 2023, "NQP"),
  },
  "01.5": {
    asks: "the highest ÷ the lowest city's 2023 NQP, with equal weights",
    answer: (params) => {
      const df = loadPaperData({ ...params, weighting: "equal" });
      const nqp = df.query(df["year"].eq(2023))["NQP"];
      return (nqp.max() as number) / (nqp.min() as number);
    },
  },
};
