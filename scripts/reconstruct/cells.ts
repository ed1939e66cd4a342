/**
 * What each cell of the panel is: real (a source gives it), interpolated (an interior gap
 * between two real values of the same city's series — left empty in the panel and filled by the
 * pipeline's linear interpolation, the paper's own rule), or reconstructed (no source gives it
 * and it cannot be interpolated: the reconstruction solves for it).
 */
import type { RealData } from "./sources";

import type { CellKind, CellProvenance } from "cplib";
export type { CellKind, CellProvenance };

/** Kind of every cell, by column, in panel row order. */
export type CellKinds = Record<string, CellKind[]>;

/** Classifies every cell of every quantity column (see the file comment). */
export function classifyCells(real: RealData): CellKinds {
  const out: CellKinds = {};
  const years = real.years.length;
  for (const col of real.codebook.columns) {
    if (col.kind !== "amount" && col.kind !== "count") continue;
    const values = real.panel[col.name] ?? real.keys.map(() => null);
    const kinds: CellKind[] = values.map((v) => (v === null ? "reconstructed" : "real"));
    for (let c = 0; c * years < values.length; c++) {
      const at = (t: number) => values[c * years + t];
      for (let t = 0; t < years; t++) {
        if (at(t) !== null) continue;
        let before = false;
        let after = false;
        for (let s = 0; s < t; s++) if (at(s) !== null) before = true;
        for (let s = t + 1; s < years; s++) if (at(s) !== null) after = true;
        if (before && after) kinds[c * years + t] = "interpolated";
      }
    }
    out[col.name] = kinds;
  }
  return out;
}

/** The nearest real years before and after row i of a column (for an interpolated cell). */
export function gapYears(real: RealData, column: string, i: number): { from: number; to: number } {
  const years = real.years.length;
  const c = Math.floor(i / years);
  const t = i % years;
  const values = real.panel[column];
  let from = t - 1;
  while (from >= 0 && values[c * years + from] === null) from--;
  let to = t + 1;
  while (to < years && values[c * years + to] === null) to++;
  return { from: real.years[from], to: real.years[to] };
}
