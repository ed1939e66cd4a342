/**
 * Benchmark: wild cluster restricted bootstrap for one coefficient of Model (6)
 * (CO on NQP, TRADE, UIS, GOV, RCY; 110 city-years, 11 city clusters), B = 99,999 Webb draws.
 * Target (issue 6): 500 ms or less for the p-value and the test-inversion confidence interval.
 * The algorithm never refits (lib/src/wild-cluster-bootstrap.ts): one O(B·G²) pass over the
 * draws, then O(B) per evaluated null value.
 */
import { designMatrices, MODEL6, paperData, wildClusterBootstrap } from "cplib";

interface Model6Data {
  y: number[];
  X: number[][];
  city: string[];
  names: string[];
}

function setup(): Model6Data {
  const { columns } = paperData();
  const d = designMatrices(MODEL6, columns);
  return { y: d.y, X: d.X, city: columns.city as string[], names: d.xNames };
}

/**
 * A benchmark run: the restricted wild cluster bootstrap of Model (6) for one coefficient,
 * B = 99,999 Webb draws, fixed seed; with or without the test-inversion confidence interval.
 */
function bootstrapPValue(coef: string, confInt: boolean): (state: unknown) => number {
  return (state) => {
    const { y, X, city, names } = state as Model6Data;
    return wildClusterBootstrap(y, X, city, {
      coef,
      names,
      draws: 99999,
      seed: 20260402,
      confInt,
    }).pValue;
  };
}

export default [
  {
    name: "wild cluster restricted bootstrap, Model (6) NQP, B = 99,999 (p-value + 95% CI)",
    unit: "ms" as const,
    setup,
    run: bootstrapPValue("NQP", true),
  },
  {
    name: "wild cluster restricted bootstrap, Model (6) TRADE, B = 99,999 (p-value only)",
    unit: "ms" as const,
    setup,
    run: bootstrapPValue("TRADE", false),
  },
];
