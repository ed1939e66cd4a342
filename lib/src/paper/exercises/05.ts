/**
 * The answer key of notebook 05's exercises (see types.ts). Ids are "05.<exercise number>".
 * Each answer is recomputed under the notebook's parameters (data, weighting, dropped cities and
 * the region of each city), so a check stays right when a reader changes them.
 */
import { coefficientDifferenceTest } from "../../methods/coefficient-difference-test";
import { olsBy, type FitOptions } from "../../methods/ols";
import { loadPaperData, type PaperDataOptions } from "../analysis-frame";
import { TABLE6 } from "../specs";
import type { Exercise } from "./types";

/** Table 6's two regional fits under the given options. */
function table6(params: PaperDataOptions, fit: FitOptions = {}) {
  const t = olsBy(TABLE6.formula, loadPaperData(params), TABLE6.by, fit);
  return { ne: t.Northeast, sw: t.Southwest };
}

/** The options with some cities moved to another region. */
function moved(params: PaperDataOptions, moves: Record<string, string>): PaperDataOptions {
  return { ...params, region: { ...(params.region ?? {}), ...moves } };
}

/** The z test of NQP's difference, Northeast minus Southwest. */
function zOf(params: PaperDataOptions, fit: FitOptions = {}) {
  const { ne, sw } = table6(params, fit);
  return coefficientDifferenceTest(ne, sw, "NQP");
}

/** Exercises of notebook 05, by id. */
export const EXERCISES_05: Readonly<Record<string, Exercise>> = {
  "05.1": {
    asks: "partial R² of NQP in the Northeast fit, t²/(t² + N − k − 1)",
    answer: (params) => {
      const { ne } = table6(params);
      return ne.tvalues.NQP ** 2 / (ne.tvalues.NQP ** 2 + ne.dfResid);
    },
  },
  "05.2": {
    asks: "the region with the larger NQP slope when Shaoxing is moved to the Southwest",
    answer: (params) => {
      const { ne, sw } = table6(moved(params, { Shaoxing: "Southwest" }));
      return ne.params.NQP > sw.params.NQP ? "Northeast" : "Southwest";
    },
  },
  "05.3": {
    asks: "z of the difference with Huzhou inland and Wenzhou, Taizhou coastal",
    answer: (params) =>
      zOf(moved(params, { Huzhou: "Southwest", Wenzhou: "Northeast", Taizhou: "Northeast" })).z,
  },
  "05.4": {
    asks: "two-sided p of the z test with HC1 standard errors",
    answer: (params) => zOf(params, { cov: "HC1" }).pValue,
  },
  "05.5": {
    asks: "z of the difference without Lishui (indices rebuilt)",
    answer: (params) => zOf({ ...params, dropCities: [...(params.dropCities ?? []), "Lishui"] }).z,
  },
};
