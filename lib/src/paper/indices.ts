/**
 * From the raw panel to the paper's six variables: CO, NQP, TRADE (entropy-weighted composite
 * indices, Tables 1–2 and §2.2.3) and the controls UIS, GOV, RCY (§2.2.4).
 *
 * The steps, in the paper's order (§2.1–2.2), all driven by the codebook — its formulas and its
 * `method` (interpolation rule, normalisation, entropy shift and zero convention, pooling):
 *  1. linear interpolation of interior gaps of every raw column, per city over the years
 *     (`interpolatePanel`), before any ratio is formed (`method.interpolation`);
 *  2. each indicator from its formula (ratios such as SO₂/GDP, the urban/rural income ratio,
 *     trade scale (X+M)/GDP and trade competitiveness (X−M)/(X+M));
 *  3. per index, min–max normalisation with the indicator's direction and entropy weights over
 *     the pooled city-years, composite = Σⱼ wⱼ zᵢⱼ (`entropyWeights`, with `method.entropy.shift`);
 *  4. controls: UIS = tertiary/secondary value added, GOV = fiscal expenditure/GDP,
 *     RCY = ln(patents granted).
 */
import { Formula } from "../data/codebook";
import { EntropyResult, entropyWeights } from "../methods/entropy-weights";
import { DataError } from "../data/errors";
import { interpolatePanel } from "../methods/interpolate";
import { Panel } from "../data/panel";

/**
 * The estimation frame, column-oriented (one entry per city-year, in panel order).
 * Assignable to `Frame` of models.ts.
 */
export type VariablesFrame = {
  city: string[];
  year: number[];
  region: string[];
  CO: number[];
  NQP: number[];
  TRADE: number[];
  UIS: number[];
  GOV: number[];
  RCY: number[];
  [column: string]: (number | string)[];
};

/** Every indicator value (after interpolation), column-oriented, with city, year, region. */
export type IndicatorFrame = {
  city: string[];
  year: number[];
  region: string[];
  [indicator: string]: (number | string)[];
};

/** A raw cell that interpolation filled in. */
export interface FilledCell {
  city: string;
  year: number;
  column: string;
  value: number;
}

export interface BuildVariablesOptions {
  /**
   * How indicators are weighted inside each index: "entropy" (the paper; default), "equal"
   * (1/m each), or explicit weights per index name, e.g. `{ TRADE: [0.5, 0.5] }` (indices not
   * listed keep entropy weights). Entropy statistics are reported in every case.
   */
  weighting?: "entropy" | "equal" | Record<string, number[]>;
  /** Cities left out before anything is computed (weights then use the remaining city-years). */
  dropCities?: string[];
  /** Region per city, overriding the panel's region (to try another split for Table 6). */
  region?: Record<string, string>;
  /**
   * What interpolation does with a gap at the start or end of a series (default: the codebook's
   * `method.interpolation.edges`, "error").
   */
  edges?: "error" | "nearest";
}

export interface BuiltVariables {
  frame: VariablesFrame;
  /** Entropy results (normalised matrix, weights, scores) per index: CO, NQP, TRADE. */
  indices: Record<string, EntropyResult>;
  /** Raw cells filled by interpolation. */
  filled: FilledCell[];
  indicators: IndicatorFrame;
}

type RawRecord = { city: string; year: number; line: number } & Record<string, unknown>;

/**
 * Computes the paper's variables (CO, NQP, TRADE, UIS, GOV, RCY) from a validated raw panel.
 *
 * Formula: index_i = Σⱼ wⱼ zᵢⱼ, zᵢⱼ min–max normalised indicator j (direction from the codebook),
 * wⱼ entropy weights (k = 1/ln n, pooled over the n city-years, 0·ln 0 = 0, shift from the
 * codebook's `method.entropy.shift`); controls from their formulas.
 * Throws: DataError naming city and year (and file, line, column) for a non-positive number under
 * the logarithm or a zero denominator; naming the city for a city in `dropCities` or `region`
 * that the codebook does not know (a known city absent from the panel is ignored); interpolation
 * and entropy errors (edge gap, constant indicator) pass through.
 * @example
 * const { frame, indices } = buildVariables(loadPanel("data/zhejiang_panel.csv"));
 * indices.NQP.weights; // one weight per Table 2 indicator, summing to 1
 */
export function buildVariables(panel: Panel, opts: BuildVariablesOptions = {}): BuiltVariables {
  const cb = panel.codebook;
  // Any city of the codebook may be named, also one the panel leaves out (then it is a no-op).
  const known = new Set(cb.cities.map((c) => c.name));
  for (const c of [...(opts.dropCities ?? []), ...Object.keys(opts.region ?? {})]) {
    if (!known.has(c)) {
      throw new DataError(`unknown city "${c}"`, {
        city: c,
        hint: `use the paper's spelling, one of ${[...known].join(", ")}`,
      });
    }
  }
  const drop = new Set(opts.dropCities ?? []);
  const kept = panel.rows.filter((r) => !drop.has(r.city));
  if (kept.length === 0) {
    throw new DataError("every city was dropped", { hint: "keep at least two cities" });
  }

  // 1. Interpolation of the raw columns, per city over years.
  const records: RawRecord[] = kept.map((r) => ({
    city: r.city,
    year: r.year,
    line: r.line,
    ...r.values,
  }));
  const interpolated = interpolatePanel(records, panel.columns, {
    cityKey: "city",
    yearKey: "year",
    edges: opts.edges ?? cb.method.interpolation.edges,
  });
  const rows = interpolated.rows as RawRecord[];
  const filled: FilledCell[] = interpolated.filled.map((f) => ({
    city: String(f.city),
    year: Number(f.year),
    column: f.column,
    value: f.value,
  }));

  const city = rows.map((r) => r.city);
  const year = rows.map((r) => Number(r.year));
  const regionOf = new Map(kept.map((r) => [r.city, r.region]));
  const region = city.map((c) => opts.region?.[c] ?? (regionOf.get(c) as string));
  const indicators: IndicatorFrame = { city, year, region };

  // 2.–3. Indicators and entropy indices.
  const indices: Record<string, EntropyResult> = {};
  const scores: Record<string, number[]> = {};
  for (const ix of cb.indices) {
    const names = ix.indicators.map((ind) => ind.name);
    const directions = ix.indicators.map((ind) => ind.direction);
    const columns = ix.indicators.map((ind) =>
      rows.map((r) => evaluateFormula(ind.formula, r, ind.name, panel.file)),
    );
    columns.forEach((values, j) => (indicators[names[j]] = values));
    const X = rows.map((_, i) => columns.map((c) => c[i]));
    const weights = chooseWeights(opts.weighting, ix.name, names.length);
    const result = entropyWeights(X, directions, names, {
      shift: cb.method.entropy.shift,
      ...(weights ? { weights } : {}),
    });
    indices[ix.name] = result;
    scores[ix.name] = result.scores;
  }

  // 4. Controls.
  for (const c of cb.controls) {
    scores[c.name] = rows.map((r) => evaluateFormula(c.formula, r, c.name, panel.file));
  }

  const frame = { city, year, region } as VariablesFrame;
  for (const v of cb.variables) frame[v] = scores[v];
  return { frame, indices, filled, indicators };
}

function chooseWeights(
  weighting: BuildVariablesOptions["weighting"],
  index: string,
  m: number,
): number[] | undefined {
  if (weighting === undefined || weighting === "entropy") return undefined;
  if (weighting === "equal") return new Array<number>(m).fill(1 / m);
  const w = weighting[index];
  if (w === undefined) return undefined;
  if (w.length !== m || w.some((x) => !Number.isFinite(x) || x < 0)) {
    throw new DataError(
      `weights for ${index} must be ${m} non-negative numbers (got [${w.join(", ")}])`,
      {
        variable: index,
        hint: "give one weight per indicator, in codebook order",
      },
    );
  }
  return w;
}

/**
 * Value of a codebook formula, given the value of each raw column it reads.
 *
 * Formula: value → x; ratio → scale·Σ numerator / denominator; balance → (plus − minus)/(plus +
 * minus); log → ln x. No checks: a zero denominator gives ±Infinity or NaN (the pipeline's
 * `buildVariables` checks every input first and names the cell).
 * Throws: never.
 * @example
 * formulaValue({ op: "ratio", numerator: ["exports", "imports"], denominator: "gdp", scale: 100 },
 *   (c) => ({ exports: 30, imports: 10, gdp: 100 })[c] as number); // 40
 */
export function formulaValue(f: Formula, value: (column: string) => number): number {
  switch (f.op) {
    case "value":
      return value(f.column);
    case "log":
      return Math.log(value(f.column));
    case "ratio": {
      let num = 0;
      for (const c of f.numerator) num += value(c);
      return (f.scale * num) / value(f.denominator);
    }
    case "balance": {
      const p = value(f.plus);
      const m = value(f.minus);
      return (p - m) / (p + m);
    }
  }
}

/**
 * Value of a codebook formula on one (interpolated) raw record.
 *
 * Throws: DataError naming the variable, city, year, file, line and column for a zero
 * denominator, X + M = 0 in a balance, or a non-positive number under the logarithm.
 */
function evaluateFormula(f: Formula, r: RawRecord, variable: string, file: string): number {
  const get = (c: string): number => {
    const x = r[c];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new DataError(`no value for ${c}`, {
        file,
        line: r.line,
        column: c,
        variable,
        city: r.city,
        year: r.year,
        hint: "fill in the cell in the panel",
      });
    }
    return x;
  };
  const where = (column: string, hint: string) => ({
    file,
    line: r.line,
    column,
    variable,
    city: r.city,
    year: r.year,
    hint,
  });
  switch (f.op) {
    case "value":
      return get(f.column);
    case "log": {
      const x = get(f.column);
      if (!(x > 0)) {
        throw new DataError(
          `${f.column} is ${x}, but ${variable} = ln(${f.column}) needs a positive number`,
          where(f.column, "check the value against the yearbook, or drop the city with dropCities"),
        );
      }
      return Math.log(x);
    }
    case "ratio": {
      const den = get(f.denominator);
      if (den === 0) {
        throw new DataError(
          `${f.denominator} is 0, so ${variable} (a ratio over it) is undefined`,
          where(f.denominator, "check the value against the yearbook"),
        );
      }
      let num = 0;
      for (const c of f.numerator) num += get(c);
      return (f.scale * num) / den;
    }
    case "balance": {
      const p = get(f.plus);
      const m = get(f.minus);
      if (p + m === 0) {
        throw new DataError(
          `${f.plus} + ${f.minus} is 0, so ${variable} = (${f.plus} − ${f.minus})/(${f.plus} + ${f.minus}) is undefined`,
          where(f.plus, "check the values against the yearbook"),
        );
      }
      return (p - m) / (p + m);
    }
  }
}
