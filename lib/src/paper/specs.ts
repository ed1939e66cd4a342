/**
 * The paper's specifications, written once: the variables of Table 3, the regressors of Table 4,
 * the six models of Table 5 and the regional model of Table 6. Every consumer (notebooks, the
 * reproduction of the published numbers, the post-steps, benchmarks, the audit and the tests)
 * reads them from here.
 */
import type { Spec } from "../methods/models";

/**
 * The regressors of the paper's Model (6), Table 5 — the full specification.
 * @example
 * fitModels(frame, [{ y: "CO", x: [...MODEL6_REGRESSORS] }]);
 */
export const MODEL6_REGRESSORS: readonly string[] = Object.freeze([
  "NQP",
  "TRADE",
  "UIS",
  "GOV",
  "RCY",
]);

/** The six variables of Table 3, in its order. */
export const TABLE3_VARIABLES = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"] as const;

/** The regressors whose VIFs Table 4 reports (Model 6's). */
export const TABLE4_REGRESSORS = ["NQP", "TRADE", "UIS", "GOV", "RCY"] as const;

/** Table 5's six models, labelled m1…m6 as in the published ids. */
export const TABLE5_SPECS: Spec[] = [
  { y: "CO", x: ["NQP"], label: "m1" },
  { y: "CO", x: ["TRADE"], label: "m2" },
  { y: "CO", x: ["NQP", "TRADE"], label: "m3" },
  { y: "CO", x: ["NQP", "TRADE", "UIS"], label: "m4" },
  { y: "CO", x: ["NQP", "TRADE", "UIS", "GOV"], label: "m5" },
  { y: "CO", x: [...MODEL6_REGRESSORS], label: "m6" },
];

/** Table 6: Model 6's regressors within each region (see the note at the top of the file). */
export const TABLE6_SPEC: Spec = { y: "CO", x: [...MODEL6_REGRESSORS], label: "m6" };
