/**
 * NIST's Statistical Reference Datasets (StRD) for linear least squares: Longley and Filip, with
 * their certified values (data/nist/, provenance in data/nist/README.md).
 *
 * These are the standard test of a regression program's numerics. Longley (16 rows, 6
 * regressors, κ(X) ≈ 5·10⁹) breaks the normal equations in double precision; Filip (82 rows, a
 * degree-10 polynomial, κ(X) ≈ 2·10¹⁵) breaks many QR codes too. NIST certifies every estimate
 * to 15 significant digits, computed in multiple precision.
 *
 * Filip's design is built here from x: the columns x, x², …, x¹⁰. Each power is computed exactly
 * from the decimal text of x (BigInt arithmetic) and rounded once to the nearest double, so the
 * design is the best double-precision representation of NIST's exact problem.
 */
import { join, resolve } from "node:path";
import { DataError } from "./errors";
import { readCsvFile } from "./read-csv";

/** The data sets `loadNistDataset` knows. */
export const NIST_DATASETS = ["Longley", "Filip"] as const;

/** One NIST StRD linear least-squares problem: data, model and certified values. */
export interface NistDataset {
  name: (typeof NIST_DATASETS)[number];
  /** NIST's model, e.g. "y = B0 + B1*x1 + ... + B6*x6 + e". */
  model: string;
  /** NIST's level of difficulty ("higher" for both). */
  difficulty: string;
  y: number[];
  /** The regressors, without the constant (the model has an intercept B0). */
  X: number[][];
  /** Column names of X: x1…x6 (Longley) or x, x^2, …, x^10 (Filip). */
  names: string[];
  /** NIST's parameter names B0, B1, … (B0 the intercept). */
  parameters: string[];
  /** The certified values as numbers, and exactly as NIST prints them. */
  certified: {
    params: number[];
    sd: number[];
    residualSd: number;
    rsquared: number;
    printed: { params: string[]; sd: string[]; residualSd: string; rsquared: string };
  };
  /** The CSV files read. */
  files: { data: string; certified: string };
  /** NIST's page for the data set. */
  url: string;
}

const INFO = {
  Longley: {
    model: "y = B0 + B1*x1 + B2*x2 + B3*x3 + B4*x4 + B5*x5 + B6*x6 + e",
    url: "https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml",
  },
  Filip: {
    model: "y = B0 + B1*x + B2*(x**2) + ... + B9*(x**9) + B10*(x**10) + e",
    url: "https://www.itl.nist.gov/div898/strd/lls/data/Filip.shtml",
  },
};

/** data/nist/ of the repository (lib/src/data and lib/dist/data are three levels below it). */
function defaultDir(): string {
  return resolve(__dirname, "..", "..", "..", "data", "nist");
}

/**
 * Loads a NIST StRD linear least-squares data set and its certified values.
 *
 * Formula: Longley: X = (x1, …, x6) as in the file; Filip: X = (x, x², …, x¹⁰), each power the
 * correctly rounded double of the exact power of the decimal x. Certified values are parsed
 * from data/nist/certified.csv and also returned as printed.
 * Throws: DataError for an unknown name (listing the known ones), a missing or unreadable file,
 * a cell that is not a decimal number (file, line and column), or certified values missing for
 * a parameter.
 * @example
 * const L = loadNistDataset("Longley");
 * ols(L.y, L.X).params[0];     // ≈ -3482258.63459582 = L.certified.params[0]
 * L.certified.printed.params[0]; // "-3482258.63459582"
 */
export function loadNistDataset(name: string, opts: { dir?: string } = {}): NistDataset {
  const known = NIST_DATASETS as readonly string[];
  if (!known.includes(name)) {
    throw new DataError(`unknown NIST data set "${name}"`, {
      hint: `use one of ${NIST_DATASETS.join(", ")}`,
    });
  }
  const ds = name as NistDataset["name"];
  const dir = opts.dir ?? defaultDir();
  const dataFile = join(dir, `${ds}.csv`);
  const certFile = join(dir, "certified.csv");
  const cols = ds === "Longley" ? ["y", "x1", "x2", "x3", "x4", "x5", "x6"] : ["y", "x"];
  const data = readCsvFile(dataFile, cols);
  const cell = (text: string, line: number, column: string, file: string): string => {
    const t = text.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
      throw new DataError(`"${text}" is not a decimal number`, { file, line, column });
    }
    return t;
  };
  const y: number[] = [];
  const X: number[][] = [];
  for (const rec of data.records) {
    const text = cols.map((c) => cell(rec.cells[c], rec.line, c, dataFile));
    y.push(Number(text[0]));
    if (ds === "Longley") X.push(text.slice(1).map(Number));
    else X.push(Array.from({ length: 10 }, (_, p) => decimalPower(text[1], p + 1)));
  }
  const names =
    ds === "Longley"
      ? cols.slice(1)
      : Array.from({ length: 10 }, (_, p) => (p === 0 ? "x" : `x^${p + 1}`));
  const k = names.length + 1;
  const parameters = Array.from({ length: k }, (_, j) => `B${j}`);

  const cert = readCsvFile(certFile, ["dataset", "quantity", "value", "standard_deviation"]);
  const rows = cert.records.filter((r) => r.cells.dataset.trim() === ds);
  const find = (quantity: string) => {
    const r = rows.find((row) => row.cells.quantity.trim() === quantity);
    if (!r) {
      throw new DataError(`no certified value for ${ds} ${quantity}`, {
        file: certFile,
        hint: "restore data/nist/certified.csv (see data/nist/README.md)",
      });
    }
    return r;
  };
  const printedParams: string[] = [];
  const printedSd: string[] = [];
  for (const p of parameters) {
    const r = find(p);
    printedParams.push(cell(r.cells.value, r.line, "value", certFile));
    printedSd.push(cell(r.cells.standard_deviation, r.line, "standard_deviation", certFile));
  }
  const rsd = find("Residual Standard Deviation");
  const r2 = find("R-Squared");
  const printed = {
    params: printedParams,
    sd: printedSd,
    residualSd: cell(rsd.cells.value, rsd.line, "value", certFile),
    rsquared: cell(r2.cells.value, r2.line, "value", certFile),
  };
  return {
    name: ds,
    model: INFO[ds].model,
    difficulty: "higher",
    y,
    X,
    names,
    parameters,
    certified: {
      params: printed.params.map(Number),
      sd: printed.sd.map(Number),
      residualSd: Number(printed.residualSd),
      rsquared: Number(printed.rsquared),
      printed,
    },
    files: { data: dataFile, certified: certFile },
    url: INFO[ds].url,
  };
}

/**
 * The double nearest to (decimal text)^p: the power is computed exactly on the decimal's
 * digits with BigInt, written out as a decimal string, and parsed once (JavaScript parses
 * decimal strings with correct rounding).
 */
function decimalPower(text: string, p: number): number {
  const m = /^([+-]?)(\d*)\.?(\d*)$/.exec(text);
  if (!m) throw new DataError(`"${text}" is not a plain decimal number`);
  const sign = m[1] === "-" && p % 2 === 1 ? "-" : "";
  const digits = BigInt(`${m[2]}${m[3]}` || "0") ** BigInt(p);
  const scale = m[3].length * p;
  const s = digits.toString().padStart(scale + 1, "0");
  return Number(`${sign}${s.slice(0, s.length - scale)}.${s.slice(s.length - scale) || "0"}`);
}
