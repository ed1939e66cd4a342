/**
 * The codebook (`data/codebook.json`): the machine-readable form of the paper's Tables 1–2 and
 * section 2.2, and of every column of the raw panel.
 *
 * It lists the cities (in the paper's order, with their region), the years, every raw column
 * (unit, kind, printed precision, provenance: `real` with a source, `reconstructed`, or `mixed`
 * — cell by cell in the file `provenanceFile` names), the indicators of each entropy index
 * (dimension, name as the paper prints it, formula, unit, direction), the control variables and
 * the `method` (interpolation rule, normalisation, entropy shift and 0·ln 0 convention, pooling,
 * Table 6's specification). The pipeline reads nothing about the variables from anywhere else:
 * change a formula, a direction or the shift here and `buildVariables` follows.
 *
 * Formulas are a tiny closed language, so that a reader can check them against the paper:
 *   value    x = column
 *   ratio    x = scale · (Σ numerator columns) / denominator
 *   balance  x = (plus − minus) / (plus + minus)          (trade competitiveness)
 *   log      x = ln(column)
 */
import { readFileSync } from "node:fs";
import { DataError } from "./errors";

/** + : larger is better (benefit indicator); − : smaller is better (cost indicator). */
export type IndicatorDirection = "+" | "-";

/** How an indicator or control is computed from raw panel columns. */
export type Formula =
  | { op: "value"; column: string }
  | { op: "ratio"; numerator: string[]; denominator: string; scale: number }
  | { op: "balance"; plus: string; minus: string }
  | { op: "log"; column: string };

/**
 * Where a column comes from: every cell real, every cell reconstructed, or a mix (real cells
 * from `source`, the others interpolated or reconstructed by `method`; the codebook's
 * `provenanceFile` says which, cell by cell).
 */
export type Provenance =
  | { kind: "real"; source: string }
  | { kind: "reconstructed"; method: string }
  | { kind: "mixed"; source: string; method: string; cells?: string }
  | { kind: "key"; source?: string };

/** One column of the raw panel. */
export interface CodebookColumn {
  name: string;
  unit: string;
  /** key (city, year), category (region), amount (≥ 0 number) or count (≥ 0 integer). */
  kind: "key" | "category" | "amount" | "count";
  /** Decimals a yearbook prints (null for text columns). */
  decimals: number | null;
  description: string;
  /** Which indicators / variables use it. */
  usedFor: string[];
  provenance: Provenance;
  note?: string;
}

/** One indicator of an entropy index (a row of Table 1 or 2, or a TRADE ingredient). */
export interface CodebookIndicator {
  name: string;
  /** The index it belongs to: CO, NQP or TRADE. */
  index: string;
  /** Dimension as the paper prints it (e.g. "Material prosperity", "Green productivity"). */
  dimension: string;
  /** Table 2's secondary indicator (e.g. "Technology professionals"); null in Table 1. */
  subdimension: string | null;
  /** The "Indicator Calculation" cell as printed. */
  printed: string;
  formula: Formula;
  /** Unit of the value the formula produces. */
  unit: string;
  /** Where `unit` differs from the unit the paper prints, why (and why it does not matter). */
  unitNote?: string;
  direction: IndicatorDirection;
}

/** An entropy-weighted composite index (CO, NQP, TRADE). */
export interface CodebookIndex {
  name: string;
  label: string;
  source: string;
  method: "entropy";
  indicators: CodebookIndicator[];
}

/** A control variable (UIS, GOV, RCY). */
export interface CodebookControl {
  name: string;
  label: string;
  source: string;
  printed: string;
  formula: Formula;
  unit: string;
}

export interface CodebookCity {
  name: string;
  nameZh: string;
  code: string;
  region: string;
}

/**
 * How the pipeline turns the raw panel into the paper's variables, written out so that a reader
 * with only the codebook and the panel can recompute every number (`text` says it in words).
 */
export interface CodebookMethod {
  interpolation: {
    /** "linear": on the straight line between the nearest observed years. */
    rule: "linear";
    /** Along the years of one city's series. */
    within: "city";
    /** Only interior gaps (an observed year on both sides) are filled. */
    gaps: "interior";
    /** An empty first or last year: an error, or carried from the nearest observed year. */
    edges: "error" | "nearest";
    /** Interpolation works on the raw columns, before any ratio or logarithm. */
    stage: "raw";
    text: string;
  };
  entropy: {
    normalization: "min-max";
    /** One set of weights over all city-years (not per year or region). */
    pooling: "all city-years";
    /** The convention for p·ln p at p = 0. */
    zeroConvention: "0·ln 0 = 0";
    /** Constant added to every normalised value before the shares (0: none). */
    shift: number;
    text: string;
  };
  /** Table 6: the model estimated within each value of `split`. */
  table6: { split: string; y: string; x: string[]; text: string };
}

export interface Codebook {
  title: string;
  description: string;
  panelFile: string;
  /** The per-cell provenance file (city, year, column, kind, source), next to the codebook. */
  provenanceFile: string;
  method: CodebookMethod;
  years: { first: number; last: number };
  regions: { name: string; label: string; source: string }[];
  /** In the paper's order (§2.1): the order rows are sorted in. */
  cities: CodebookCity[];
  columns: CodebookColumn[];
  indices: CodebookIndex[];
  controls: CodebookControl[];
  /** The model variables in the order of Table 3. */
  variables: string[];
}

const KEY_COLUMNS = ["city", "year", "region"];

/**
 * Names of the raw columns a formula reads.
 *
 * Throws: never.
 * @example
 * formulaInputs({ op: "balance", plus: "exports", minus: "imports" }); // ["exports", "imports"]
 * formulaInputs({ op: "log", column: "patents_granted" });            // ["patents_granted"]
 */
export function formulaInputs(f: Formula): string[] {
  switch (f.op) {
    case "value":
    case "log":
      return [f.column];
    case "ratio":
      return [...f.numerator, f.denominator];
    case "balance":
      return [f.plus, f.minus];
  }
}

/**
 * A formula written out for people, e.g. "10000 × gdp / population".
 *
 * Throws: never.
 * @example
 * formulaText({ op: "ratio", numerator: ["exports", "imports"], denominator: "gdp", scale: 100 });
 * // "100 × (exports + imports) / gdp"
 */
export function formulaText(f: Formula): string {
  switch (f.op) {
    case "value":
      return f.column;
    case "log":
      return `ln(${f.column})`;
    case "balance":
      return `(${f.plus} − ${f.minus}) / (${f.plus} + ${f.minus})`;
    case "ratio": {
      const num = f.numerator.length > 1 ? `(${f.numerator.join(" + ")})` : f.numerator[0];
      return `${f.scale === 1 ? "" : `${f.scale} × `}${num} / ${f.denominator}`;
    }
  }
}

/**
 * Numeric columns of the panel (everything but city, year, region), in codebook order.
 *
 * Formula: the columns whose kind is "amount" or "count". Throws: nothing (the codebook is
 * already validated).
 * @example
 * const cb = loadCodebook("data/codebook.json");
 * codebookQuantityColumns(cb).map((c) => c.name); // ["gdp", "primary_va", "secondary_va", …]
 */
export function codebookQuantityColumns(codebook: Codebook): CodebookColumn[] {
  return codebook.columns.filter((c) => c.kind === "amount" || c.kind === "count");
}

type Obj = Record<string, unknown>;

/**
 * Checks that a parsed JSON value is a well-formed codebook and returns it typed.
 *
 * Checks: required fields and their types; unique column, city, indicator and variable names;
 * cities' regions are declared; formulas use only quantity columns of the codebook; directions
 * are "+" or "−"; `variables` lists exactly the indices and controls.
 * Throws: DataError naming the file and the JSON path of the first problem (in `column`).
 * @example
 * const cb = validateCodebook(JSON.parse(text), "data/codebook.json");
 * cb.indices.map((ix) => ix.name); // ["CO", "NQP", "TRADE"]
 */
export function validateCodebook(value: unknown, file = "codebook"): Codebook {
  const fail = (path: string, problem: string, hint?: string): never => {
    throw new DataError(problem, { file, column: path, hint: hint ?? "fix the codebook entry" });
  };
  const obj = (v: unknown, path: string): Obj =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Obj)
      : fail(path, "expected an object");
  const arr = (v: unknown, path: string): unknown[] =>
    Array.isArray(v) ? v : fail(path, "expected an array");
  const str = (v: unknown, path: string): string =>
    typeof v === "string" ? v : fail(path, "expected a string");
  const num = (v: unknown, path: string): number =>
    typeof v === "number" && Number.isFinite(v) ? v : fail(path, "expected a finite number");

  const root = obj(value, "$");
  str(root.title, "title");
  str(root.description, "description");
  str(root.panelFile, "panelFile");
  str(root.provenanceFile, "provenanceFile");
  const method = obj(root.method, "method");
  const oneOf = (v: unknown, path: string, allowed: readonly unknown[]) => {
    if (!allowed.includes(v)) {
      fail(
        path,
        `${JSON.stringify(v)} is not supported`,
        `the pipeline implements ${allowed.map((a) => JSON.stringify(a)).join(" or ")}`,
      );
    }
  };
  const interp = obj(method.interpolation, "method.interpolation");
  oneOf(interp.rule, "method.interpolation.rule", ["linear"]);
  oneOf(interp.within, "method.interpolation.within", ["city"]);
  oneOf(interp.gaps, "method.interpolation.gaps", ["interior"]);
  oneOf(interp.edges, "method.interpolation.edges", ["error", "nearest"]);
  oneOf(interp.stage, "method.interpolation.stage", ["raw"]);
  str(interp.text, "method.interpolation.text");
  const ent = obj(method.entropy, "method.entropy");
  oneOf(ent.normalization, "method.entropy.normalization", ["min-max"]);
  oneOf(ent.pooling, "method.entropy.pooling", ["all city-years"]);
  oneOf(ent.zeroConvention, "method.entropy.zeroConvention", ["0·ln 0 = 0"]);
  const shift = num(ent.shift, "method.entropy.shift");
  if (shift < 0) fail("method.entropy.shift", `shift must be ≥ 0 (got ${shift})`);
  str(ent.text, "method.entropy.text");
  const t6 = obj(method.table6, "method.table6");
  str(t6.split, "method.table6.split");
  str(t6.y, "method.table6.y");
  arr(t6.x, "method.table6.x").forEach((x, i) => str(x, `method.table6.x[${i}]`));
  str(t6.text, "method.table6.text");
  const years = obj(root.years, "years");
  const first = num(years.first, "years.first");
  const last = num(years.last, "years.last");
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) {
    fail("years", `years must be integers with first ≤ last (got ${first}–${last})`);
  }
  const regionNames = arr(root.regions, "regions").map((r, i) =>
    str(obj(r, `regions[${i}]`).name, `regions[${i}].name`),
  );
  const cityNames = new Set<string>();
  arr(root.cities, "cities").forEach((c, i) => {
    const o = obj(c, `cities[${i}]`);
    const name = str(o.name, `cities[${i}].name`);
    str(o.nameZh, `cities[${i}].nameZh`);
    str(o.code, `cities[${i}].code`);
    const region = str(o.region, `cities[${i}].region`);
    if (cityNames.has(name)) fail(`cities[${i}].name`, `duplicate city "${name}"`);
    cityNames.add(name);
    if (!regionNames.includes(region)) {
      fail(`cities[${i}].region`, `region "${region}" is not one of ${regionNames.join(", ")}`);
    }
  });
  const columnKinds = new Map<string, string>();
  arr(root.columns, "columns").forEach((c, i) => {
    const o = obj(c, `columns[${i}]`);
    const name = str(o.name, `columns[${i}].name`);
    if (columnKinds.has(name)) fail(`columns[${i}].name`, `duplicate column "${name}"`);
    const kind = str(o.kind, `columns[${i}].kind`);
    if (!["key", "category", "amount", "count"].includes(kind)) {
      fail(`columns[${i}].kind`, `unknown kind "${kind}"`, "use key, category, amount or count");
    }
    columnKinds.set(name, kind);
    str(o.unit, `columns[${i}].unit`);
    str(o.description, `columns[${i}].description`);
    if (o.decimals !== null) num(o.decimals, `columns[${i}].decimals`);
    arr(o.usedFor, `columns[${i}].usedFor`);
    const prov = obj(o.provenance, `columns[${i}].provenance`);
    const pk = str(prov.kind, `columns[${i}].provenance.kind`);
    if (pk === "real") str(prov.source, `columns[${i}].provenance.source`);
    else if (pk === "reconstructed") str(prov.method, `columns[${i}].provenance.method`);
    else if (pk === "mixed") {
      str(prov.source, `columns[${i}].provenance.source`);
      str(prov.method, `columns[${i}].provenance.method`);
    } else if (pk !== "key") {
      fail(
        `columns[${i}].provenance.kind`,
        `unknown provenance "${pk}"`,
        "use real, mixed or reconstructed",
      );
    }
    if ((kind === "amount" || kind === "count") && pk === "key") {
      fail(
        `columns[${i}].provenance`,
        `quantity column "${name}" needs provenance real, mixed or reconstructed`,
      );
    }
  });
  for (const k of KEY_COLUMNS) {
    if (!columnKinds.has(k)) fail("columns", `the key column "${k}" is missing`);
  }
  const checkFormula = (f: unknown, path: string): void => {
    const o = obj(f, path);
    const op = str(o.op, `${path}.op`);
    const cols: [unknown, string][] = [];
    if (op === "value" || op === "log") cols.push([o.column, `${path}.column`]);
    else if (op === "balance") cols.push([o.plus, `${path}.plus`], [o.minus, `${path}.minus`]);
    else if (op === "ratio") {
      const numer = arr(o.numerator, `${path}.numerator`);
      if (numer.length === 0) fail(`${path}.numerator`, "the numerator lists no column");
      numer.forEach((n, j) => cols.push([n, `${path}.numerator[${j}]`]));
      cols.push([o.denominator, `${path}.denominator`]);
      const scale = num(o.scale, `${path}.scale`);
      if (scale === 0) fail(`${path}.scale`, "scale must not be 0");
    } else fail(`${path}.op`, `unknown formula "${op}"`, "use value, ratio, balance or log");
    for (const [c, p] of cols) {
      const name = str(c, p);
      const kind = columnKinds.get(name);
      if (kind !== "amount" && kind !== "count") {
        fail(p, `"${name}" is not a quantity column of the codebook`);
      }
    }
  };
  const variableNames: string[] = [];
  const indicatorNames = new Set<string>();
  arr(root.indices, "indices").forEach((ix, i) => {
    const o = obj(ix, `indices[${i}]`);
    const name = str(o.name, `indices[${i}].name`);
    variableNames.push(name);
    str(o.label, `indices[${i}].label`);
    str(o.source, `indices[${i}].source`);
    if (o.method !== "entropy") fail(`indices[${i}].method`, `method must be "entropy"`);
    const inds = arr(o.indicators, `indices[${i}].indicators`);
    if (inds.length < 2) fail(`indices[${i}].indicators`, "an index needs at least two indicators");
    inds.forEach((ind, j) => {
      const p = `indices[${i}].indicators[${j}]`;
      const io = obj(ind, p);
      const iname = str(io.name, `${p}.name`);
      if (indicatorNames.has(iname)) fail(`${p}.name`, `duplicate indicator "${iname}"`);
      indicatorNames.add(iname);
      if (io.index !== name) fail(`${p}.index`, `index must be "${name}"`);
      str(io.dimension, `${p}.dimension`);
      if (io.subdimension !== null) str(io.subdimension, `${p}.subdimension`);
      str(io.printed, `${p}.printed`);
      str(io.unit, `${p}.unit`);
      if (io.unitNote !== undefined) str(io.unitNote, `${p}.unitNote`);
      if (io.direction !== "+" && io.direction !== "-") {
        fail(`${p}.direction`, `direction must be "+" or "-" (got ${String(io.direction)})`);
      }
      checkFormula(io.formula, `${p}.formula`);
    });
  });
  arr(root.controls, "controls").forEach((c, i) => {
    const o = obj(c, `controls[${i}]`);
    variableNames.push(str(o.name, `controls[${i}].name`));
    str(o.label, `controls[${i}].label`);
    str(o.source, `controls[${i}].source`);
    str(o.printed, `controls[${i}].printed`);
    str(o.unit, `controls[${i}].unit`);
    checkFormula(o.formula, `controls[${i}].formula`);
  });
  const vars = arr(root.variables, "variables").map((v, i) => str(v, `variables[${i}]`));
  const sorted = (a: string[]) => [...a].sort().join(",");
  if (sorted(vars) !== sorted(variableNames) || new Set(vars).size !== vars.length) {
    fail(
      "variables",
      `variables [${vars.join(", ")}] must list each index and control once (${variableNames.join(", ")})`,
    );
  }
  const t6vars = [t6.y, ...(t6.x as unknown[])] as string[];
  for (const v of t6vars) {
    if (!vars.includes(v)) fail("method.table6", `"${v}" is not one of the variables`);
  }
  return value as Codebook;
}

/**
 * Reads and validates a codebook JSON file.
 *
 * Throws: DataError naming the file when it cannot be read, is not JSON, or fails
 * `validateCodebook` (then also the JSON path of the problem).
 * @example
 * const cb = loadCodebook("data/codebook.json");
 * cb.cities[0].name; // "Hangzhou"
 */
export function loadCodebook(path: string): Codebook {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataError(`cannot read the codebook (${(e as Error).message})`, {
      file: path,
      hint: "pass the path of data/codebook.json",
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataError(`the codebook is not valid JSON (${(e as Error).message})`, {
      file: path,
    });
  }
  return validateCodebook(value, path);
}
