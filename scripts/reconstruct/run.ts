/**
 * The reconstruction, stage by stage (see data/README.md, "How the reconstruction works"):
 *   base → Stage 1 (pooled moments) → Stage 2 (region moments) → Stage 3a (GOV, RCY columns;
 *   stored at yearbook precision) → refit of the moments around them → Stage 3b (CO, NQP,
 *   TRADE columns) → Stage 4 (raw indicators through the entropy pipeline) → rounding/polish.
 */
import type { PublishedRow } from "cplib";
import { alignBase, sizeTiers, type RealismRules } from "./align";
import { buildBase, normalRng } from "./base";
import { MomentModel, fitMoments, structuralSplit } from "./groups";
import { minEigen, sampleCov } from "./linalg";
import { IDX, VARS, type VarName } from "./moments";
import { variablesOf, type RawRow } from "./pipeline";
import { solveIndicators, type Gap } from "./raw";
import { CITIES, type RealRow } from "./real";
import {
  buildColumns,
  fixedBlocks,
  regionMoments,
  regionRows,
  rescaleToTable3,
  type Columns,
} from "./stages";

/**
 * Weight of the pull of each region's means, SDs and correlations towards the base's (Stage 2):
 * large enough that the regions keep the base's shape (which Stage 3 needs to converge and a
 * reader needs to recognise the cities), small against the published cells.
 */
export const REGION_PULL = 1;

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
  // the least-squares surface has several basins (fits ending 0.86, 41, 77, 277 half-units
  // away): try the base's moments, then seeded random correlation matrices (with Table 5's
  // bivariate R² of Model 1 put in), until a fit rounds to every printed cell
  const m1 = new MomentModel(published, uAll);
  const rnd = normalRng(opts.seed + 1);
  const sd = all.cov.map((r, i) => Math.sqrt(r[i]));
  const printed = (id: string) => {
    const row = published.find((x) => x.id === id);
    if (!row) throw new Error(`tables.csv has no ${id}`);
    return Number(row.printed);
  };
  const randomStart = (): number[][] => {
    const p = VARS.length;
    const corr: number[][] = VARS.map((_, i) => VARS.map((_, j) => (i === j ? 1 : 0)));
    for (let i = 0; i < p; i++)
      for (let j = 0; j < i; j++) corr[i][j] = corr[j][i] = Math.tanh(0.6 * rnd());
    const r1 = Math.sign(printed("T5.m1.NQP.coef")) * Math.sqrt(printed("T5.m1.r2"));
    corr[IDX.CO][IDX.NQP] = corr[IDX.NQP][IDX.CO] = r1;
    let c = corr;
    for (let k = 0.9; minEigen(c) < 0.01; k *= 0.9) c = shrink(corr, k);
    return c.map((r, i) => r.map((x, j) => x * sd[i] * sd[j]));
  };
  let s1: ReturnType<typeof fitMoments> | null = null;
  for (let trial = 0; trial < 40 && !(s1 && s1.worst < 0.9); trial++) {
    const cov0 = trial === 0 ? all.cov : randomStart();
    const t = fitMoments(m1, { all: { ...all, cov: cov0 } }, { lambda: 0 });
    log(`  start ${trial}: worst ${t.worst.toFixed(3)} half-units`);
    if (!s1 || t.worst < s1.worst) s1 = t;
  }
  if (!s1 || s1.worst >= 1) throw new Error("Stage 1 found no moments that round to Tables 3–5");
  log("Stage 2: region moments (Table 6)");
  const fixedU = fixedBlocks(start, rows, ["UIS"]);
  const pooled = s1.groups.all;
  const split = {
    northeast: structuralSplit(pooled, fixedU.northeast),
    southwest: structuralSplit(pooled, fixedU.southwest),
  };
  const s2 = fitMoments(new MomentModel(published, fixedU), split, {
    lambda: REGION_PULL,
    pullTo: baseGroups,
    log,
  });

  log("Stage 3a: GOV and RCY columns, stored at yearbook precision");
  const cities = [...CITIES];
  const rules: RealismRules = {
    tiers: sizeTiers(
      cities,
      real.map((r) => r.gdp),
      10,
    ),
    up: ["CO", "NQP", "RCY"],
    down: ["GOV"],
    rising: ["CO", "NQP", "RCY"],
    level: ["GOV"],
  };
  log(`  size tiers (real GDP): ${rules.tiers.map((t) => t.join(", ")).join(" | ")}`);
  const startA = alignBase(start, rows, s2.groups, ["UIS"], ["GOV", "RCY"], cities, 10, rules, {
    log,
  });
  let cols = buildColumns(
    published,
    rows,
    s2.groups,
    ["UIS"],
    ["GOV", "RCY"],
    start,
    startA,
    log,
    rules.rising,
  );
  cols = {
    ...cols,
    GOV: cols.GOV.map((g, i) => Math.round(g * real[i].gdp * 100) / 100 / real[i].gdp),
    RCY: cols.RCY.map((r) => Math.log(Math.round(Math.exp(r)))),
  };

  log("Stage 2 again, around the stored UIS, GOV and RCY");
  const fixed3 = fixedBlocks(cols, rows, ["UIS", "GOV", "RCY"]);
  const s3 = fitMoments(new MomentModel(published, fixed3), s2.groups, {
    lambda: REGION_PULL,
    pullTo: baseGroups,
    log,
  });

  log("Stage 3b: CO, NQP and TRADE columns");
  const free: VarName[] = ["CO", "NQP", "TRADE"];
  const fixedVars: VarName[] = ["UIS", "GOV", "RCY"];
  const startB = alignBase(
    { ...start, GOV: cols.GOV, RCY: cols.RCY },
    rows,
    s3.groups,
    fixedVars,
    free,
    cities,
    10,
    rules,
    {
      log,
    },
  );
  // year by year, on CO and NQP: the two largest economies (by real GDP) above every other
  // city (orderings between smaller tiers, tried too, distorted the series and were dropped)
  const [first, second] = [rules.tiers[0][0], rules.tiers[1][0]];
  const topPairs: [string, string][] = [[first, second]];
  for (const c of cities) if (c !== first && c !== second) topPairs.push([second, c]);
  cols = buildColumns(
    published,
    rows,
    s3.groups,
    fixedVars,
    free,
    cols,
    startB,
    log,
    rules.rising,
    10,
    {
      vars: ["CO", "NQP"],
      pairSets: [topPairs],
      cities,
    },
  );
  return { base, start, columns: cols, worst: s3.worst };
}

/** The cells left empty for the pipeline's interpolation: column, city, year. */
export const GAP_CELLS: { column: string; city: string; year: number }[] = [
  { column: "sports_facilities", city: "Quzhou", year: 2017 },
  { column: "wastewater", city: "Lishui", year: 2016 },
  { column: "st_personnel", city: "Zhoushan", year: 2019 },
  { column: "broadband_subscribers", city: "Huzhou", year: 2020 },
];

/** Stages 3–4 into raw rows: GOV and RCY to fiscal expenditure and patents, then Stage 4. */
export function rawPanel(
  real: RealRow[],
  base: RawRow[],
  cols: Columns,
  log: (s: string) => void,
): { rows: RawRow[]; gaps: Gap[]; errors: Record<string, number> } {
  const rows = withReal(real, base);
  rows.forEach((r, i) => {
    r.fiscal_expenditure = Math.round(cols.GOV[i] * real[i].gdp * 100) / 100;
    r.patents_granted = Math.round(Math.exp(cols.RCY[i]));
  });
  const gaps: Gap[] = GAP_CELLS.map((g) => ({
    column: g.column,
    row: real.findIndex((r) => r.city === g.city && r.year === g.year),
  }));
  log("Stage 4: raw indicators");
  const errors = solveIndicators(
    rows,
    { CO: cols.CO, NQP: cols.NQP, TRADE: cols.TRADE },
    gaps,
    log,
  );
  for (const g of gaps) rows[g.row][g.column] = null;
  return { rows, gaps, errors };
}

/** Off-diagonal elements multiplied by k (a shrink towards independence). */
function shrink(cov: number[][], k: number): number[][] {
  return cov.map((r, i) => r.map((x, j) => (i === j ? x : k * x)));
}
