/**
 * Glue between the stages: region bookkeeping, the base's region moments, the fixed blocks
 * and the column builds of Stage 3.
 */
import type { PublishedRow } from "cplib";
import { sampleCov, type Mat } from "./linalg";
import { IDX, REGION_OF_MODEL, VARS, type Moments, type VarName } from "./moments";
import type { FixedBlock } from "./groups";
import { buildRegion, type BoxSpec } from "./panel";

/** Panel-wide columns of the six variables (110 rows, panel order). */
export type Columns = Record<VarName, number[]>;

/** Row indices of each Table 6 sample, by model name. */
export function regionRows(regions: string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [model, region] of Object.entries(REGION_OF_MODEL))
    out[model] = regions.map((r, i) => (r === region ? i : -1)).filter((i) => i >= 0);
  return out;
}

/** Sample moments of the six variables in each region. */
export function regionMoments(
  cols: Columns,
  rows: Record<string, number[]>,
): Record<string, Moments> {
  const out: Record<string, Moments> = {};
  for (const [model, idx] of Object.entries(rows)) {
    const { means, cov } = sampleCov(idx.map((i) => VARS.map((v) => cols[v][i])));
    out[model] = { n: idx.length, means, cov };
  }
  return out;
}

/** The fixed block (data's own moments) of the given variables in each region. */
export function fixedBlocks(
  cols: Columns,
  rows: Record<string, number[]>,
  vars: VarName[],
): Record<string, FixedBlock> {
  const out: Record<string, FixedBlock> = {};
  for (const [model, idx] of Object.entries(rows)) {
    const { means, cov } = sampleCov(idx.map((i) => vars.map((v) => cols[v][i])));
    out[model] = { idx: vars.map((v) => IDX[v]), n: idx.length, means, cov };
  }
  return out;
}

/** Printed Table 3 value of a variable's statistic. */
export function printedStat(published: PublishedRow[], v: VarName, kind: string): number {
  const row = published.find((r) => r.table === 3 && r.variable === v && r.kind === kind);
  if (!row) throw new Error(`tables.csv has no Table 3 ${kind} for ${v}`);
  return Number(row.printed);
}

/** Affine rescale of a column to Table 3's mean and SD (keeps its shape and correlations). */
export function rescaleToTable3(x: number[], published: PublishedRow[], v: VarName): number[] {
  const n = x.length;
  const m = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const tm = printedStat(published, v, "mean");
  const ts = printedStat(published, v, "sd");
  return x.map((a) => tm + ((a - m) / sd) * ts);
}

/**
 * Stage 3 for a set of variables: builds `free` in every region with exactly the region target
 * moments, given the `fixed` columns, starting from `start` (the base). Which region holds each
 * overall extreme is read off the start columns.
 */
export function buildColumns(
  published: PublishedRow[],
  rows: Record<string, number[]>,
  target: Record<string, Moments>,
  fixedVars: VarName[],
  freeVars: VarName[],
  cols: Columns,
  start: Columns,
  log?: (s: string) => void,
  rising: VarName[] = [],
  years = 10,
  ordering?: { vars: VarName[]; pairSets: [string, string][][]; cities: string[] },
): Columns {
  const out: Columns = { ...cols };
  for (const v of freeVars) out[v] = new Array<number>(cols.UIS.length).fill(NaN);
  const holder = (v: VarName, which: "min" | "max") => {
    const x = start[v];
    let best = 0;
    x.forEach((a, i) => {
      if (which === "min" ? a < x[best] : a > x[best]) best = i;
    });
    return Object.keys(rows).find((m) => rows[m].includes(best));
  };
  for (const [model, idx] of Object.entries(rows)) {
    const boxes: BoxSpec[] = freeVars.map((v) => ({
      lo: printedStat(published, v, "min"),
      hi: printedStat(published, v, "max"),
      pinMin: holder(v, "min") === model,
      pinMax: holder(v, "max") === model,
    }));
    const fixed: Mat = idx.map((i) => fixedVars.map((v) => cols[v][i]));
    const st: Mat = idx.map((i) => freeVars.map((v) => start[v][i]));
    // year-by-year orderings among this region's cities (blocks in panel order); if a set of
    // orderings cannot be kept together with the moments, the next, smaller set is tried
    const blockCities = [...new Set(idx.map((i) => ordering?.cities[Math.floor(i / years)]))];
    const orderSets = (ordering?.pairSets ?? [[]]).map((pairs) =>
      pairs
        .map(([h, l]) => ({ hi: blockCities.indexOf(h), lo: blockCities.indexOf(l) }))
        .filter((p) => p.hi >= 0 && p.lo >= 0),
    );
    const buildOnce = (order: { hi: number; lo: number }[]) =>
      buildRegion({
        fixed,
        fixedIdx: fixedVars.map((v) => IDX[v]),
        start: st,
        freeIdx: freeVars.map((v) => IDX[v]),
        target: target[model],
        boxes,
        rising: freeVars.map((v) => rising.includes(v)),
        years,
        order,
        ordered: freeVars.map((v) => ordering?.vars.includes(v) ?? false),
      });
    let res = buildOnce(orderSets[0] ?? []);
    for (let k = 1; k <= orderSets.length && res.violation > 1e-4; k++) {
      log?.(`  ${model}: ordering set ${k - 1} cannot be kept with the moments; trying the next`);
      res = buildOnce(orderSets[k] ?? []);
    }
    log?.(
      `  ${model} ${freeVars.join(",")}: box violation ${res.violation.toExponential(2)} after ${res.iterations} iterations`,
    );
    if (res.violation > 1e-4) {
      freeVars.forEach((v, j) => {
        const col = res.Y.map((y) => y[j]);
        log?.(
          `    ${v} [${Math.min(...col).toFixed(4)}, ${Math.max(...col).toFixed(4)}] box ${JSON.stringify(boxes[j])}`,
        );
      });
      throw new Error(`Stage 3 did not converge for ${model} (${freeVars.join(", ")})`);
    }
    idx.forEach((i, r) => freeVars.forEach((v, j) => (out[v][i] = res.Y[r][j])));
  }
  return out;
}
