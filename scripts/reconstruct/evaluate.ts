/**
 * From parameters to published numbers, with the project's own pipeline pieces: the codebook's
 * formulas (`formulaValue`), lib's entropy weights (`entropyWeights`, with the codebook's
 * shift), lib's moment statistics (`publishedFromMoments`, the same identities as `ols`) and
 * the printed intervals of the match rule. Interpolated cells are filled once by lib's
 * interpolation (their neighbours are real, so they never move).
 *
 * The residual of a published number is (value − centre)/half of its printed interval: |r| < 1
 * ⇔ the value rounds to the printed number.
 */
import {
  compilePublishedFromMoments,
  entropyWeights,
  formulaValue,
  intervalCentre,
  printedInterval,
  sampleMoments,
  type Formula,
  type PublishedRow,
  type SampleMoments,
} from "cplib";
import type { Base } from "./base";
import type { Model, Raw, Target } from "./model";
import type { RealData } from "./sources";

/** The six model variables, in Table 3's order. */
export const VARIABLES = ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"] as const;
export type Variable = (typeof VARIABLES)[number];

interface Composite {
  name: string;
  formulas: Formula[];
  directions: ("+" | "-")[];
  names: string[];
}

/** One published number the fit aims at. */
export interface Aim {
  row: PublishedRow;
  centre: number;
  half: number;
  /** Weight of its residual (1; small for a number the real data do not allow). */
  weight: number;
}

export class Evaluator {
  readonly raw: Raw;
  readonly columns: Record<Variable, Float64Array>;
  readonly aims: Aim[];
  private readonly composites: Record<string, Composite>;
  private readonly controls: Record<string, Formula>;
  private readonly regionRows: Record<string, number[]>;
  private readonly n: number;
  readonly regionNames: string[];
  private readonly stats: ReturnType<typeof compilePublishedFromMoments>;

  constructor(
    readonly real: RealData,
    readonly base: Base,
    readonly model: Model,
    cells: PublishedRow[],
    readonly shift = 0,
  ) {
    const cb = real.codebook;
    this.n = real.keys.length;
    this.raw = Object.fromEntries(
      Object.entries(base.values).map(([k, v]) => [k, Float64Array.from(v)]),
    );
    this.composites = Object.fromEntries(
      cb.indices.map((ix) => [
        ix.name,
        {
          name: ix.name,
          formulas: ix.indicators.map((d) => d.formula),
          directions: ix.indicators.map((d) => d.direction),
          names: ix.indicators.map((d) => d.name),
        },
      ]),
    );
    this.controls = Object.fromEntries(cb.controls.map((c) => [c.name, c.formula]));
    this.regionRows = {};
    for (const r of cb.regions) {
      this.regionRows[r.name] = real.keys
        .map((k, i) => (k.region === r.name ? i : -1))
        .filter((i) => i >= 0);
    }
    this.columns = Object.fromEntries(
      VARIABLES.map((v) => [v, new Float64Array(this.n)]),
    ) as Record<Variable, Float64Array>;
    this.aims = cells
      .filter((c) => c.kind !== "n")
      .map((row) => ({ row, ...intervalCentre(printedInterval(row.printed)), weight: 1 }));
    this.regionNames = Object.keys(this.regionRows);
    this.stats = compilePublishedFromMoments(
      this.aims.map((a) => a.row),
      VARIABLES,
    );
    for (const v of VARIABLES) this.compute(v);
  }

  /** Row indices of a region. */
  regionRowsOf(region: string): number[] {
    return this.regionRows[region];
  }

  /** Recomputes one variable's column from the current raw cells. */
  compute(v: Variable): void {
    const raw = this.raw;
    const out = this.columns[v];
    const comp = this.composites[v];
    if (comp) {
      const X: number[][] = new Array(this.n);
      for (let i = 0; i < this.n; i++) {
        const get = (c: string) => raw[c][i];
        X[i] = comp.formulas.map((f) => formulaValue(f, get));
      }
      const r = entropyWeights(X, comp.directions, comp.names, { shift: this.shift });
      for (let i = 0; i < this.n; i++) out[i] = r.scores[i];
      return;
    }
    const f = this.controls[v];
    for (let i = 0; i < this.n; i++) out[i] = formulaValue(f, (c) => raw[c][i]);
  }

  /** Pooled and regional moments of the six variables. */
  moments(): { pooled: SampleMoments; groups: Record<string, SampleMoments> } {
    const cols = VARIABLES.map((v) => this.columns[v]);
    const groups: Record<string, SampleMoments> = {};
    for (const [name, rows] of Object.entries(this.regionRows))
      groups[name] = sampleMoments(cols, rows);
    return { pooled: sampleMoments(cols), groups };
  }

  /** Current value of every aim, in `aims` order. */
  values(): Float64Array {
    const { pooled, groups } = this.moments();
    const stats = this.stats(pooled, groups);
    return Float64Array.from(this.aims, (a, i) => {
      if (a.row.kind === "min" || a.row.kind === "max") {
        const col = this.columns[a.row.variable as Variable];
        let x = col[0];
        for (let r = 1; r < col.length; r++)
          x = a.row.kind === "min" ? Math.min(x, col[r]) : Math.max(x, col[r]);
        return x;
      }
      return stats[i];
    });
  }

  /** Residuals in half rounding units (unweighted), in `aims` order. */
  halfUnits(): Float64Array {
    const v = this.values();
    return Float64Array.from(this.aims, (a, i) => (v[i] - a.centre) / a.half);
  }

  /** Sets every reconstructed cell from θ and recomputes the variables. */
  set(theta: Float64Array): void {
    this.model.applyAll(theta, this.raw);
    for (const v of ["CO", "NQP", "TRADE", "RCY"] as const) this.compute(v);
  }

  /** Moves one block's city and target to θ and recomputes that target only. */
  setBlock(theta: Float64Array, target: Target, city: number): void {
    const { blocks, offsets } = this.model;
    blocks.forEach((b, k) => {
      if (b.target === target && b.city === city) b.apply(theta, offsets[k], this.raw);
    });
    this.compute(target);
  }
}
