/**
 * Many regressions in one call, in the style of R's fixest (`feols(..., split = ~region)`):
 * a list of specifications, optionally repeated on each subsample of a split variable.
 *
 *   fitModels(frame, nested("CO", [["NQP"], ["TRADE"], ["NQP", "TRADE"], ["+UIS"], ["+GOV"], ["+RCY"]]))
 *     → the six models of Table 5;
 *   fitModels(frame, [{ y: "CO", x: ["NQP"] }], { split: "region" })
 *     → the two regional models of Table 6.
 *
 * Data come as a column-oriented frame ({ CO: [...], NQP: [...], city: [...] }). No row is
 * dropped silently: a missing or non-numeric value is an error naming variable, row, and the
 * city and year when the frame has `city` and `year` columns.
 */
import { DataError } from "../data/errors";
import { frameColumn, frameNumericColumn, frameRowWhere } from "../data/frame";
import { ols, type CovType, type OlsResult } from "./ols";

/** Column-oriented data: one array per variable, all of the same length. */
export type Frame = Record<string, (number | string)[]>;

/** One regression: dependent variable, regressors (the constant is added), optional label. */
export interface Spec {
  y: string;
  x: string[];
  label?: string;
}

/** One fitted specification on one (sub)sample, labelled for a regression table. */
export interface FittedModel {
  /** Column label, e.g. "(3)" or, for a split with one specification, the subsample's value. */
  label: string;
  spec: Spec;
  /** "all", or the value of the split variable for this subsample. */
  sample: string;
  result: OlsResult;
}

/** Options of `fitModels`: a split variable (and its order), covariance, intercept. */
export interface FitModelsOptions {
  /** Name of a column to split the sample by; one fit per distinct value (first-appearance order). */
  split?: string;
  /** Order of the split values (default: order of first appearance in the frame). */
  splitOrder?: string[];
  /** Covariance for every model; "cluster:city" clusters by the frame's `city` column. */
  cov?: CovType | `cluster:${string}`;
  /** Add a constant (default true). */
  intercept?: boolean;
}

/**
 * Builds a list of specifications with one dependent variable, one per step. Each step lists
 * the model's regressors; a step whose names start with "+" extends the previous model, so
 * stepwise tables read as they are printed. Labels are "(1)", "(2)", …
 *
 * Formula: none (bookkeeping). Throws: DataError for an empty step or a "+" step with no
 * previous model.
 * @example
 * nested("CO", [["NQP"], ["TRADE"], ["NQP", "TRADE"], ["+UIS"], ["+GOV"], ["+RCY"]]);
 * // (4) is CO ~ NQP + TRADE + UIS; the explicit ["NQP", "TRADE", "UIS"] gives the same spec
 */
export function nested(y: string, steps: string[][]): Spec[] {
  const specs: Spec[] = [];
  steps.forEach((step, s) => {
    if (step.length === 0) throw new DataError(`step ${s + 1} lists no regressor`, { variable: y });
    const adds = step.filter((v) => v.startsWith("+")).map((v) => v.slice(1).trim());
    const plain = step.filter((v) => !v.startsWith("+"));
    let x: string[];
    if (adds.length > 0) {
      if (s === 0) {
        throw new DataError(`step 1 ("${step.join(", ")}") extends no previous model`, {
          variable: y,
          hint: 'write the first model\'s regressors without "+"',
        });
      }
      x = [...specs[s - 1].x, ...plain, ...adds];
    } else {
      x = [...plain];
    }
    specs.push({ y, x: x.filter((v, i) => x.indexOf(v) === i), label: `(${s + 1})` });
  });
  return specs;
}

/**
 * Fits every specification (on every subsample of `split`) by OLS and returns the models in
 * order: specifications within subsamples.
 *
 * Formula: `ols(frame[y], frame[x…], { cov })` per specification and subsample.
 * Throws: DataError naming the column for a variable missing from the frame, naming variable,
 * row, city and year for a missing or non-numeric value, naming the split value for an empty
 * (or too small) subsample, and the collinear columns for a rank-deficient design.
 * @example
 * const t5 = fitModels(frame, nested("CO", [["NQP"], ["TRADE"], ["NQP", "TRADE"], ["+UIS"], ["+GOV"], ["+RCY"]]));
 * const t6 = fitModels(frame, [{ y: "CO", x: ["NQP"] }], { split: "region", cov: "cluster:city" });
 */
export function fitModels(frame: Frame, specs: Spec[], opts: FitModelsOptions = {}): FittedModel[] {
  const nRows = frameLength(frame);
  if (specs.length === 0) throw new DataError("no model specification given");

  // Subsamples: all rows, or one list of row indices per value of the split column.
  const samples: { name: string; rows: number[] }[] = [];
  if (opts.split === undefined) {
    samples.push({ name: "all", rows: Array.from({ length: nRows }, (_, i) => i) });
  } else {
    const col = frameColumn(frame, opts.split);
    const groups = new Map<string, number[]>();
    col.forEach((v, i) => {
      const key = String(v);
      if (v === null || v === undefined || key === "" || key === "NaN") {
        throw new DataError(
          `row ${i + 1} has no value of the split variable`,
          frameRowWhere(frame, opts.split!, i),
        );
      }
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const order = opts.splitOrder ?? [...groups.keys()];
    for (const name of order) {
      const rows = groups.get(name);
      if (!rows || rows.length === 0) {
        throw new DataError(`the subsample ${opts.split} = "${name}" is empty`, {
          variable: opts.split,
          hint: `values present: ${[...groups.keys()].join(", ")}`,
        });
      }
      samples.push({ name, rows });
    }
  }

  const models: FittedModel[] = [];
  for (const sample of samples) {
    specs.forEach((spec, s) => {
      const label =
        opts.split !== undefined && specs.length === 1
          ? sample.name
          : opts.split !== undefined
            ? `${sample.name} ${spec.label ?? `(${s + 1})`}`
            : (spec.label ?? `(${s + 1})`);
      const y = frameNumericColumn(frame, spec.y, { rows: sample.rows });
      const xs = spec.x.map((name) => frameNumericColumn(frame, name, { rows: sample.rows }));
      const X = sample.rows.map((_, r) => xs.map((col) => col[r]));
      const cov = resolveCov(frame, opts.cov, sample.rows, nRows);
      try {
        const result = ols(y, X, { names: spec.x, yName: spec.y, cov, intercept: opts.intercept });
        models.push({ label, spec, sample: sample.name, result });
      } catch (e) {
        if (e instanceof DataError && sample.name !== "all") {
          throw new DataError(
            `model ${label} on the subsample ${opts.split} = "${sample.name}": ${e.message}`,
            e.where,
          );
        }
        throw e;
      }
    });
  }
  return models;
}

function frameLength(frame: Frame): number {
  const lengths = Object.entries(frame).map(
    ([k, v]) => [k, Array.isArray(v) ? v.length : -1] as const,
  );
  if (lengths.length === 0) throw new DataError("the frame has no columns");
  const n = lengths[0][1];
  for (const [name, len] of lengths) {
    if (len !== n) {
      throw new DataError(`column has ${len} rows, but "${lengths[0][0]}" has ${n}`, {
        variable: name,
        hint: "every column of the frame must have one value per row",
      });
    }
  }
  return n;
}

function resolveCov(
  frame: Frame,
  cov: FitModelsOptions["cov"],
  rows: number[],
  nRows: number,
): CovType | undefined {
  if (cov === undefined || cov === "classical" || cov === "HC1") return cov;
  if (typeof cov === "string") {
    const m = /^cluster:(.+)$/.exec(cov);
    if (!m) {
      throw new DataError(`unknown covariance "${cov}"`, {
        hint: 'use "classical", "HC1", "cluster:<column>" or { type: "cluster", groups }',
      });
    }
    const col = frameColumn(frame, m[1]);
    return { type: "cluster", groups: rows.map((i) => col[i]) };
  }
  // explicit labels: one per row of the frame, subset to the sample
  if (cov.groups.length !== nRows) {
    throw new DataError(`${cov.groups.length} cluster labels for ${nRows} rows of the frame`, {
      variable: "cluster",
    });
  }
  return { type: "cluster", groups: rows.map((i) => cov.groups[i]) };
}
