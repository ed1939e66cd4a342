/**
 * Stage 4 in raw units: from the target composites (Stage 3) to the stored columns, phase by
 * phase — continuous solve; coarse columns (population, higher-education institutions) stored
 * and frozen; the interpolated gaps created and frozen; everything stored at yearbook
 * precision; then a few correction sweeps that re-read the stored values through the
 * pipeline and move one fine-grained cell per row (the rounding polish).
 */
import {
  CO_INDICATORS,
  NQP_INDICATORS,
  TRADE_INDICATORS,
  entropyWeightsOf,
  interpolateSeries,
  normalize,
  scoresOf,
  type IndicatorDef,
  type RawRow,
} from "./pipeline";
import { denormalize, rangeOf, solveFixedPoint, solveTrade, type Cols } from "./indicators";

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** How an indicator's value is written back into raw columns, and at what precision. */
interface IndicatorIO {
  set: (r: RawRow, v: number) => void;
  round: (r: RawRow) => void;
}

const direct = (col: string, decimals = 0): IndicatorIO => ({
  set: (r, v) => (r[col] = v),
  round: (r) => (r[col] = round(r[col] as number, decimals)),
});
const perGdp = (col: string): IndicatorIO => ({
  set: (r, v) => (r[col] = v * (r.gdp as number)),
  round: (r) => (r[col] = round(r[col] as number)),
});

/** Writers for CO's indicators; `urbanShare` per row keeps income_pc between rural and urban. */
function coIO(urbanShare: number[], rows: RawRow[]): IndicatorIO[] {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  return [
    {
      set: (r, v) => (r.population = ((r.gdp as number) * 1e8) / (v * 1e4)),
      round: (r) => (r.population = round(r.population as number, 2)),
    },
    direct("consumption_pc"),
    direct("income_pc"),
    direct("sports_facilities"),
    direct("higher_ed_institutions"),
    direct("education_expenditure"),
    {
      set: (r, v) => {
        const s = urbanShare[rowIndex.get(r) as number];
        const urban = (r.income_pc as number) / (s + (1 - s) / v);
        r.urban_income_pc = urban;
        r.rural_income_pc = urban / v;
      },
      round: (r) => {
        r.urban_income_pc = round(r.urban_income_pc as number);
        r.rural_income_pc = round(r.rural_income_pc as number);
      },
    },
  ];
}

function nqpIO(): IndicatorIO[] {
  return [
    {
      set: (r, v) => (r.college_students = v * (r.population as number) * 1e4),
      round: (r) => (r.college_students = round(r.college_students as number)),
    },
    direct("st_personnel"),
    direct("st_expenditure"),
    direct("avg_wage"),
    perGdp("so2_emissions"),
    perGdp("wastewater"),
    perGdp("dust_emissions"),
    direct("telecom_revenue"),
    direct("broadband_subscribers", 2),
  ];
}

/** A cell left empty for the pipeline's linear interpolation. */
export interface Gap {
  column: string;
  /** row index in the panel (its neighbours in the same city are row ± 1) */
  row: number;
}

interface CompositeJob {
  defs: IndicatorDef[];
  io: IndicatorIO[];
  target: number[];
  /** default mobility of each indicator */
  mobility: number[];
  /** indicators stored (and frozen) before the others: coarse units */
  coarse: string[];
  /** indicators used, in order of preference, for the final per-row correction */
  fine: string[];
  /** indicators whose city series must not fall (in normalised terms) */
  monotone: string[];
  gaps: Gap[];
}

/**
 * A row whose cells are pinned to 1 (0) in many columns cannot reach a target below (above)
 * what those pins already contribute. Moves such pins, one at a time, to the column's next
 * most extreme row until every row's target is reachable with a margin (base weights).
 */
function repairPins(z: Cols, target: number[], pinMin: number[], pinMax: number[]): void {
  const w = entropyWeightsOf(z);
  const margin = 0.01;
  const n = target.length;
  const next = (j: number, taken: number[], high: boolean) => {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (taken.includes(i)) continue;
      if (best < 0 || (high ? z[j][i] > z[j][best] : z[j][i] < z[j][best])) best = i;
    }
    return best;
  };
  const moved: Record<string, number[]> = {};
  for (let guard = 0; guard < 100; guard++) {
    let changed = false;
    for (let r = 0; r < n && !changed; r++) {
      const atMax = pinMax.map((p, j) => (p === r ? j : -1)).filter((j) => j >= 0);
      const atMin = pinMin.map((p, j) => (p === r ? j : -1)).filter((j) => j >= 0);
      const low = atMax.reduce((a, j) => a + w[j], 0);
      const high = 1 - atMin.reduce((a, j) => a + w[j], 0);
      const fix = (cols: number[], pins: number[], isMax: boolean) => {
        const j = cols.reduce((a, b) => (w[b] < w[a] ? b : a));
        const key = `${isMax ? "max" : "min"}${j}`;
        moved[key] = [...(moved[key] ?? []), r];
        pins[j] = next(j, [...moved[key], isMax ? pinMin[j] : pinMax[j]], isMax);
        changed = true;
      };
      if (atMax.length > 0 && target[r] < low + margin) fix(atMax, pinMax, true);
      else if (atMin.length > 0 && target[r] > high - margin) fix(atMin, pinMin, false);
    }
    if (!changed) return;
  }
}

/** Values of the indicators with interior gaps interpolated as the pipeline does. */
function filledValues(defs: IndicatorDef[], rows: RawRow[], cityLen: number): number[][] {
  const cols = Object.keys(rows[0]);
  const filled = rows.map((r) => ({ ...r }));
  for (let c = 0; c * cityLen < rows.length; c++) {
    for (const col of cols) {
      const s = rows.slice(c * cityLen, (c + 1) * cityLen).map((r) => r[col]);
      if (!s.some((x) => x === null)) continue;
      interpolateSeries(s).forEach((x, t) => (filled[c * cityLen + t][col] = x));
    }
  }
  return defs.map((d) => filled.map((r) => d.value(r)));
}

/**
 * Solves one composite (CO or NQP) in raw units, writing its columns into `rows`
 * (which already hold the base values of every column). Returns the largest remaining
 * |composite − target| computed from the stored values.
 */
function solveComposite(job: CompositeJob, rows: RawRow[], log: (s: string) => void): number {
  const { defs, io, target } = job;
  const n = rows.length;
  const m = defs.length;
  const values = defs.map((d) => rows.map((r) => d.value(r)));
  const ranges = values.map(rangeOf);
  const z: Cols = defs.map((d, j) => normalize(values[j], d.direction));
  const pinMin = defs.map((d, j) => (d.direction === "+" ? ranges[j].argLo : ranges[j].argHi));
  const pinMax = defs.map((d, j) => (d.direction === "+" ? ranges[j].argHi : ranges[j].argLo));
  repairPins(z, target, pinMin, pinMax);
  // cells move in proportion to their level (a relative adjustment): a small city's count
  // indicators stay small and its per-capita indicators take up more of the change
  const mobility: Cols = defs.map((_, j) => z[j].map((zz) => job.mobility[j] * (0.15 + zz)));
  const monotone = defs.map((d) => job.monotone.includes(d.name));
  // a non-decreasing column attains its minimum in a city's first year and its maximum in a
  // city's last year
  const years = 10;
  defs.forEach((_, j) => {
    if (!monotone[j]) return;
    pinMin[j] = Math.floor(pinMin[j] / years) * years;
    pinMax[j] = Math.floor(pinMax[j] / years) * years + years - 1;
  });
  defs.forEach((_, j) => {
    mobility[j][pinMin[j]] = 0;
    mobility[j][pinMax[j]] = 0;
  });
  const writeAll = () => {
    for (let j = 0; j < m; j++)
      rows.forEach((r, i) => {
        if (mobility[j][i] === 0 && isFrozen[j][i]) return;
        io[j].set(r, denormalize(z[j][i], ranges[j].lo, ranges[j].hi, defs[j].direction));
      });
  };
  const isFrozen: boolean[][] = defs.map(() => new Array<boolean>(n).fill(false));
  let res = solveFixedPoint({ target, z, mobility, pinMin, pinMax, monotone, years });
  log(`    continuous: |Zw − t| ${res.error.toExponential(1)} (${res.iterations} it)`);
  writeAll();
  // coarse columns: store them now and freeze
  for (const name of job.coarse) {
    const j = defs.findIndex((d) => d.name === name);
    rows.forEach((r) => io[j].round(r));
    const v = rows.map((r) => defs[j].value(r));
    z[j] = normalize(v, defs[j].direction);
    mobility[j].fill(0);
    isFrozen[j].fill(true);
  }
  // gaps: store the neighbours, put their mean in the gap, freeze the three cells
  for (const g of job.gaps) {
    const j = defs.findIndex((d) => d.columns.includes(g.column));
    for (const i of [g.row - 1, g.row + 1]) io[j].round(rows[i]);
    const a = rows[g.row - 1][g.column] as number;
    const b = rows[g.row + 1][g.column] as number;
    rows[g.row][g.column] = (a + b) / 2;
    for (const i of [g.row - 1, g.row, g.row + 1]) {
      z[j][i] = (defs[j].direction === "+" ? 1 : -1) * 0; // placeholder, recomputed below
      mobility[j][i] = 0;
      isFrozen[j][i] = true;
    }
    const v = rows.map((r) => defs[j].value(r));
    const nz = normalize(v, defs[j].direction);
    for (const i of [g.row - 1, g.row, g.row + 1]) z[j][i] = nz[i];
  }
  res = solveFixedPoint({ target, z, mobility, pinMin, pinMax, monotone, years });
  log(`    frozen coarse + gaps: |Zw − t| ${res.error.toExponential(1)} (${res.iterations} it)`);
  // a coarse cell rounded the wrong way can leave a saturated row short of its target:
  // step such cells one unit in the needed direction (inside the column's range) and re-solve
  for (let pass = 0; pass < 4 && res.error > 1e-9; pass++) {
    const w = res.w;
    for (let i = 0; i < n; i++) {
      const sc = z.reduce((a, col, j) => a + w[j] * col[i], 0);
      const d = target[i] - sc;
      if (Math.abs(d) < 1e-9) continue;
      for (const name of job.coarse) {
        const j = defs.findIndex((df) => df.name === name);
        const col = defs[j].columns[0];
        if (defs[j].columns.length !== 1) continue; // only plain count columns
        const v = rows.map((r) => defs[j].value(r));
        const rg = rangeOf(v);
        const step = (d > 0 ? 1 : -1) * (defs[j].direction === "+" ? 1 : -1);
        const next = (rows[i][col] as number) + step;
        if (next <= rg.lo || next >= rg.hi) continue;
        rows[i][col] = next;
        z[j] = normalize(
          rows.map((r) => defs[j].value(r)),
          defs[j].direction,
        );
      }
    }
    res = solveFixedPoint({ target, z, mobility, pinMin, pinMax, monotone, years });
    log(`    coarse cells stepped: |Zw − t| ${res.error.toExponential(1)} (${res.iterations} it)`);
  }
  writeAll();
  // store everything at yearbook precision (gap cells stay unrounded: they will be empty)
  const gapCell = (col: string, i: number) => job.gaps.some((g) => g.column === col && g.row === i);
  const storeAll = () =>
    rows.forEach((r, i) =>
      io.forEach((w, j) => {
        const keep = defs[j].columns.filter((c) => gapCell(c, i));
        const saved = keep.map((c) => r[c]);
        w.round(r);
        keep.forEach((c, k) => (r[c] = saved[k]));
      }),
    );
  storeAll();
  // correction sweeps on the stored values
  const withGaps = () =>
    rows.map((r, i) => {
      const out = { ...r };
      for (const g of job.gaps) if (g.row === i) out[g.column] = null;
      return out;
    });
  let worst = Infinity;
  for (let sweep = 0; sweep < 10; sweep++) {
    const vals = filledValues(defs, withGaps(), 10);
    const zz = defs.map((d, j) => normalize(vals[j], d.direction));
    const w = entropyWeightsOf(zz);
    const score = scoresOf(zz, w);
    worst = Math.max(...score.map((s, i) => Math.abs(s - target[i])));
    log(`    stored, sweep ${sweep}: |composite − t| ${worst.toExponential(1)}`);
    if (worst < 1e-9) break;
    for (let i = 0; i < n; i++) {
      const delta = target[i] - score[i];
      const j = job.fine
        .map((nm) => defs.findIndex((d) => d.name === nm))
        .find((k) => mobility[k][i] !== 0 && zz[k][i] > 0.01 && zz[k][i] < 0.99);
      if (j === undefined) continue;
      const rg = rangeOf(vals[j]);
      const dv = ((defs[j].direction === "+" ? 1 : -1) * delta * (rg.hi - rg.lo)) / w[j];
      // stay strictly inside the column's range: moving an extreme would re-normalise all rows
      const eps = 1e-4 * (rg.hi - rg.lo);
      const nv = Math.min(rg.hi - eps, Math.max(rg.lo + eps, vals[j][i] + dv));
      if (i === rg.argLo || i === rg.argHi) continue;
      io[j].set(rows[i], nv);
      io[j].round(rows[i]);
    }
  }
  return worst;
}

/** Stage 4: writes every reconstructed indicator column of CO, NQP and TRADE into `rows`. */
export function solveIndicators(
  rows: RawRow[],
  targets: { CO: number[]; NQP: number[]; TRADE: number[] },
  gaps: Gap[],
  log: (s: string) => void,
): { CO: number; NQP: number; TRADE: number } {
  const urbanShare = rows.map(
    (r) =>
      ((r.income_pc as number) - (r.rural_income_pc as number)) /
      ((r.urban_income_pc as number) - (r.rural_income_pc as number)),
  );
  const gapsOf = (defs: IndicatorDef[]) =>
    gaps.filter((g) => defs.some((d) => d.columns.includes(g.column)));
  log("  CO");
  const co = solveComposite(
    {
      defs: CO_INDICATORS,
      io: coIO(urbanShare, rows),
      target: targets.CO,
      mobility: [0.15, 1, 1, 1, 0.3, 1, 1],
      coarse: ["gdp_pc", "higher_ed_institutions"],
      fine: ["education_expenditure", "consumption_pc", "income_pc", "sports_facilities"],
      monotone: ["income_pc", "consumption_pc"],
      gaps: gapsOf(CO_INDICATORS),
    },
    rows,
    log,
  );
  log("  NQP");
  const nqp = solveComposite(
    {
      defs: NQP_INDICATORS,
      io: nqpIO(),
      target: targets.NQP,
      mobility: new Array<number>(NQP_INDICATORS.length).fill(1),
      coarse: [],
      fine: ["st_expenditure", "telecom_revenue", "college_share", "avg_wage"],
      monotone: ["avg_wage", "broadband_subscribers", "telecom_revenue"],
      gaps: gapsOf(NQP_INDICATORS),
    },
    rows,
    log,
  );
  log("  TRADE");
  const trade = solveTradeRaw(rows, targets.TRADE, log);
  return { CO: co, NQP: nqp, TRADE: trade };
}

/** TRADE in raw units: exports and imports (100 million yuan, 2 d.p.). */
function solveTradeRaw(rows: RawRow[], target: number[], log: (s: string) => void): number {
  const [tsDef, tcDef] = TRADE_INDICATORS;
  const ts = rows.map((r) => tsDef.value(r));
  const tc = rows.map((r) => tcDef.value(r));
  const r1 = rangeOf(ts);
  const r2 = rangeOf(tc);
  const baseZ1 = normalize(ts, "+");
  const baseZ2 = normalize(tc, "+");
  const order = target.map((_, i) => i);
  const pick = (ok: (i: number) => boolean, key: (i: number) => number, taken: number[]) =>
    order.filter((i) => ok(i) && !taken.includes(i)).sort((a, b) => key(a) - key(b))[0];
  const tmax = Math.max(...target);
  const z2Max = target.indexOf(tmax);
  const z1Max = pick(
    (i) => target[i] > 0.75 * tmax,
    (i) => -target[i],
    [z2Max],
  );
  const z1Min = pick(
    (i) => target[i] < 0.3,
    (i) => baseZ1[i],
    [z1Max, z2Max],
  );
  const z2Min = pick(
    (i) => target[i] < 0.3,
    (i) => baseZ2[i],
    [z1Max, z2Max, z1Min],
  );
  const baseW2 = entropyWeightsOf([baseZ1, baseZ2])[1];
  const sol = solveTrade(target, baseZ2, { z1Min, z1Max, z2Min, z2Max }, baseW2);
  log(
    `    weights ${sol.w.map((x) => x.toFixed(4)).join(", ")}; |Zw − t| ${sol.error.toExponential(1)}; pinned rows ${[z1Min, z1Max, z2Min, z2Max].map((i) => `${i}:${target[i].toFixed(3)}`).join(" ")}`,
  );
  const write = (i: number, z1: number, z2: number) => {
    const scale = denormalize(z1, r1.lo, r1.hi, "+");
    const comp = denormalize(z2, r2.lo, r2.hi, "+");
    const total = scale * (rows[i].gdp as number);
    rows[i].exports = round((total * (1 + comp)) / 2, 2);
    rows[i].imports = round((total * (1 - comp)) / 2, 2);
  };
  rows.forEach((_, i) => write(i, sol.z1[i], sol.z2[i]));
  // rounding polish: per row, the nearest cents of exports/imports to the target
  const score = () => {
    const z1 = normalize(
      rows.map((r) => tsDef.value(r)),
      "+",
    );
    const z2 = normalize(
      rows.map((r) => tcDef.value(r)),
      "+",
    );
    const w = entropyWeightsOf([z1, z2]);
    return scoresOf([z1, z2], w);
  };
  const pinned = new Set([z1Min, z1Max, z2Min, z2Max]);
  let s = score();
  for (let sweep = 0; sweep < 8; sweep++) {
    // ranges and weights as the pipeline sees the stored values now
    const a1 = rangeOf(rows.map((r) => tsDef.value(r)));
    const a2 = rangeOf(rows.map((r) => tcDef.value(r)));
    const w = entropyWeightsOf([
      normalize(
        rows.map((r) => tsDef.value(r)),
        "+",
      ),
      normalize(
        rows.map((r) => tcDef.value(r)),
        "+",
      ),
    ]);
    rows.forEach((r, i) => {
      if (pinned.has(i)) return;
      const x0 = r.exports as number;
      const m0 = r.imports as number;
      let best = [x0, m0, Math.abs(s[i] - target[i])];
      for (let dx = -4; dx <= 4; dx++)
        for (let dm = -4; dm <= 4; dm++) {
          r.exports = round(x0 + dx / 100, 2);
          r.imports = round(m0 + dm / 100, 2);
          const z1 = (tsDef.value(r) - a1.lo) / (a1.hi - a1.lo);
          const z2 = (tcDef.value(r) - a2.lo) / (a2.hi - a2.lo);
          if (z1 <= 0 || z1 >= 1 || z2 <= 0 || z2 >= 1) continue;
          const e = Math.abs(w[0] * z1 + w[1] * z2 - target[i]);
          if (e < best[2]) best = [r.exports, r.imports, e];
        }
      r.exports = best[0];
      r.imports = best[1];
    });
    s = score();
  }
  return Math.max(...s.map((v, i) => Math.abs(v - target[i])));
}
