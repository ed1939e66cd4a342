/**
 * The reconstruction, stage by stage (see data/README.md and shared/design/RECONSTRUCTION.md):
 *   base → Stage 1 (pooled moments) → Stage 2 (region moments) → Stage 3a (GOV, RCY columns;
 *   stored at yearbook precision) → refit of the moments around them → Stage 3b (CO, NQP,
 *   TRADE columns) → Stage 4 (raw indicators through the entropy pipeline) → rounding/polish.
 */
import type { PublishedRow } from "../../lib/src/published-data";
import { buildBase } from "./base";
import { MomentModel, fitMoments, structuralSplit } from "./groups";
import { sampleCov } from "./linalg";
import { IDX, VARS, type VarName } from "./moments";
import { variablesOf, type RawRow } from "./pipeline";
import { CITIES, type RealRow } from "./real";
import {
  buildColumns,
  fixedBlocks,
  regionMoments,
  regionRows,
  rescaleToTable3,
  type Columns,
} from "./stages";

export interface StageOptions {
  seed: number;
  log?: (s: string) => void;
}

/** Real columns merged with a raw row of reconstructed ones. */
export function withReal(real: RealRow[], rows: RawRow[]): RawRow[] {
  return real.map((r, i) => ({
    gdp: r.gdp,
    primary_va: r.primary_va,
    secondary_va: r.secondary_va,
    tertiary_va: r.tertiary_va,
    ...rows[i],
  }));
}

/** Stages 0–3: the six variables' columns with the moments the published tables imply. */
export function targetColumns(
  published: PublishedRow[],
  real: RealRow[],
  opts: StageOptions,
): { base: RawRow[]; start: Columns; columns: Columns; worst: number } {
  const log = opts.log ?? (() => {});
  const base = buildBase(real, opts.seed);
  const baseVars = variablesOf(withReal(real, base), [...CITIES], 10) as Columns;
  const start = { ...baseVars } as Columns;
  for (const v of VARS) if (v !== "UIS") start[v] = rescaleToTable3(baseVars[v], published, v);
  const rows = regionRows(real.map((r) => r.region));
  const baseGroups = regionMoments(start, rows);

  log("Stage 1: pooled moments (Tables 3–5), UIS fixed at the real data");
  const { means, cov } = sampleCov(start.UIS.map((_, i) => VARS.map((v) => start[v][i])));
  const all = { n: start.UIS.length, means, cov };
  const uAll = fixedBlocks(start, { all: start.UIS.map((_, i) => i) }, ["UIS"]);
  // the least-squares surface has local minima: try the base's correlations, shrunk towards
  // independence by a few factors, and keep the best fit
  const m1 = new MomentModel(published, uAll);
  let s1 = fitMoments(m1, { all }, { lambda: 0, log });
  for (const shrink of [0.75, 0.5, 0.25]) {
    if (s1.worst < 0.9) break;
    const cv = all.cov.map((r, i) => r.map((x, j) => (i === j ? x : shrink * x)));
    const t = fitMoments(m1, { all: { ...all, cov: cv } }, { lambda: 0, log });
    if (t.worst < s1.worst) s1 = t;
  }

  log("Stage 2: region moments (Table 6)");
  const fixedU = fixedBlocks(start, rows, ["UIS"]);
  const pooled = s1.groups.all;
  const split = {
    northeast: structuralSplit(pooled, fixedU.northeast),
    southwest: structuralSplit(pooled, fixedU.southwest),
  };
  const s2 = fitMoments(new MomentModel(published, fixedU), split, {
    lambda: Number(process.env.RC_LAMBDA ?? 0.1),
    pullTo: baseGroups,
    log,
  });

  log("Stage 3a: GOV and RCY columns, stored at yearbook precision");
  let cols = buildColumns(published, rows, s2.groups, ["UIS"], ["GOV", "RCY"], start, start, log);
  cols = {
    ...cols,
    GOV: cols.GOV.map((g, i) => Math.round(g * real[i].gdp * 100) / 100 / real[i].gdp),
    RCY: cols.RCY.map((r) => Math.log(Math.round(Math.exp(r)))),
  };

  log("Stage 2 again, around the stored UIS, GOV and RCY");
  const fixed3 = fixedBlocks(cols, rows, ["UIS", "GOV", "RCY"]);
  const s3 = fitMoments(new MomentModel(published, fixed3), s2.groups, {
    lambda: Number(process.env.RC_LAMBDA ?? 0.1),
    pullTo: baseGroups,
    log,
  });

  log("Stage 3b: CO, NQP and TRADE columns");
  const free: VarName[] = ["CO", "NQP", "TRADE"];
  cols = buildColumns(published, rows, s3.groups, ["UIS", "GOV", "RCY"], free, cols, start, log);
  void IDX;
  return { base, start, columns: cols, worst: s3.worst };
}
