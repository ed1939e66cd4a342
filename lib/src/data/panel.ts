/**
 * Loading and validating the raw city-year panel (`data/zhejiang_panel.csv`).
 *
 * The panel is what a statistical yearbook prints: one row per city and year, one column per raw
 * quantity (the codebook lists them), an empty cell where a value is missing. `loadPanel` reads
 * it with csv-parse and refuses anything the pipeline could silently get wrong — each refusal is
 * a DataError naming the file, the line and the column, and saying what to do:
 *
 * - a column of the codebook is missing from the header;
 * - a city the codebook does not know, or a city filed under the wrong region;
 * - a year that is not an integer inside the codebook's range, or a city-year given twice;
 * - text in a number column, a negative amount, a negative or fractional count; what a
 *   spreadsheet or script writes instead of a number is named: a decimal comma, a thousands
 *   separator, a percent sign, an Excel error such as `#DIV/0!`, a missing-value marker such as
 *   `NA` or `NaN` (write an empty cell instead), `Infinity`, a number too large for a double
 *   (`1e400`) or one that underflows to zero;
 * - a file with no rows at all;
 * - a city with no row for some year, or a series that is empty in every year for a city
 *   (linear interpolation can fill gaps between observed years, not invent a whole series).
 *
 * The panel may hold any subset of the codebook's cities — a re-run without Hangzhou is a file
 * without Hangzhou's rows — and `cities` lists the ones present. A city that is present must
 * have a row for every year of the codebook's range: the paper interpolates within a city's
 * series, so a missing year is written as a row with empty cells, never left out.
 * Empty cells are allowed and reported in `missing`; `buildVariables` interpolates them.
 * Accepted as written: quoted numbers ("123.4"), spaces around a cell, exponents (1.2E+03), a
 * year written as 2017.0; the file-level leniencies of `readCsvFile` (BOM, CRLF, blank rows).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Codebook, codebookQuantityColumns, loadCodebook } from "./codebook";
import { DataError } from "./errors";
import { quoteCell, readCsvFile } from "./read-csv";

/** One city-year of the raw panel. */
export interface PanelRow {
  city: string;
  year: number;
  region: string;
  /** Line of the file the row was read from. */
  line: number;
  /** Raw quantities by column name; null where the cell was empty. */
  values: Record<string, number | null>;
}

/** An empty cell of the panel. */
export interface PanelMissingCell {
  city: string;
  year: number;
  column: string;
  line: number;
}

/** A validated panel, rows sorted by the codebook's (the paper's) city order, then year. */
export interface Panel {
  /** The file it was read from. */
  file: string;
  codebook: Codebook;
  /** The quantity columns (everything but city, year, region), in codebook order. */
  columns: string[];
  /** The cities present in the file (a subset of the codebook's), in the paper's order. */
  cities: string[];
  /** Every year of the codebook's range; each city present has one row per year. */
  years: number[];
  rows: PanelRow[];
  /** Every empty cell, in row order. */
  missing: PanelMissingCell[];
  /** Header columns the codebook does not describe (kept out of the panel). */
  extraColumns: string[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What a spreadsheet or a script writes for a missing value (refused: write an empty cell). */
const MISSING_MARKERS = /^(na|n\/a|n\.a\.?|nan|null|none|nil|missing|\.|-|--|—|–|\?)$/i;

const PLAIN_NUMBER_HINT =
  "write plain numbers with a dot as decimal separator and no thousands separators; leave the cell empty for a missing value";

/**
 * The number a trimmed, non-empty panel cell holds, or why it holds none (problem and hint).
 *
 * Accepts plain decimals with an optional sign and exponent (`12`, `-0.5`, `.5`, `1.2E+03`);
 * refuses everything else, naming what a spreadsheet or script wrote instead.
 */
function parseNumberCell(text: string): number | { problem: string; hint: string } {
  if (NUMBER.test(text)) {
    const x = Number(text);
    if (!Number.isFinite(x)) {
      return {
        problem: "it is too large for a double-precision number (it would be Infinity)",
        hint: "check the value and its unit",
      };
    }
    if (x === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ""))) {
      return {
        problem: "it is too small for a double-precision number (it would be 0)",
        hint: "check the value and its unit",
      };
    }
    return x;
  }
  const empty = "leave the cell empty for a missing value (it is interpolated between observed years)";
  if (/^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|UNKNOWN!)/i.test(text)) {
    return {
      problem: `it is a spreadsheet error value`,
      hint: `fix the formula in the spreadsheet and export again, or ${empty}`,
    };
  }
  if (MISSING_MARKERS.test(text)) {
    return { problem: "it marks a missing value", hint: empty };
  }
  if (/^[+-]?(inf|infinity|∞)$/i.test(text)) {
    return { problem: "it is infinite", hint: `check the value, or ${empty}` };
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    return {
      problem: "it has a comma (a thousands separator, or a decimal comma)",
      hint: "write the number without thousands separators and with a dot as decimal separator (1234567.8)",
    };
  }
  if (/^[+-]?\d*,\d+$/.test(text)) {
    return { problem: "it has a decimal comma", hint: "write a dot as decimal separator (1234.5)" };
  }
  if (/^[+-]?\d{1,3}([ \u00a0\u202f'’.]\d{3})+([.,]\d+)?$/.test(text)) {
    return {
      problem: "it has thousands separators",
      hint: "write the number without thousands separators and with a dot as decimal separator (1234567.8)",
    };
  }
  if (/^[+-]?[\d.]+\s*%$/.test(text)) {
    return { problem: "it has a percent sign", hint: "write the number the codebook's unit asks for, without %" };
  }
  if (/^[\u2212\u2012\u2013\u2014]/.test(text)) {
    return { problem: "it starts with a typographic minus sign", hint: "write an ASCII hyphen-minus (-), or check the sign" };
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) {
    return { problem: "it is written in hexadecimal", hint: PLAIN_NUMBER_HINT };
  }
  if (/[\uff10-\uff19]/.test(text)) {
    return { problem: "it has full-width digits", hint: "write ASCII digits 0–9" };
  }
  return { problem: "it is text", hint: PLAIN_NUMBER_HINT };
}

/**
 * Reads the raw panel CSV and validates it against the codebook.
 *
 * `codebook` may be a loaded codebook or the path of one; when omitted, `codebook.json` in the
 * panel's folder is used. The result lists the empty cells; nothing is filled in here.
 * Cities of the codebook that have no rows are simply absent (`panel.cities` lists those present).
 * Throws: DataError naming file, line and column for a missing column, an unknown city, a wrong
 * region, a bad or out-of-range year, a duplicate city-year, text in a number column, a negative
 * value, a non-integer count, a series empty in every year, and a file without rows; naming file,
 * city and year for a missing year row of a city that is present.
 * @example
 * const panel = loadPanel("data/zhejiang_panel.csv");
 * panel.rows.length; // 110 (11 cities × 2014–2023); 100 with Hangzhou's rows removed
 */
export function loadPanel(path: string, codebook?: Codebook | string): Panel {
  const cb = resolveCodebook(path, codebook);
  const quantity = codebookQuantityColumns(cb);
  const columns = quantity.map((c) => c.name);
  const csv = readCsvFile(path, ["city", "year", "region", ...columns]);
  const known = new Set(["city", "year", "region", ...columns]);
  const extraColumns = csv.header.filter((h) => !known.has(h));

  const cityIndex = new Map(cb.cities.map((c, i) => [c.name, i]));
  const cityRegion = new Map(cb.cities.map((c) => [c.name, c.region]));
  const { first, last } = cb.years;
  const seen = new Map<string, number>();
  const rows: PanelRow[] = [];

  for (const { line, cells } of csv.records) {
    const where = (column: string, hint: string) => ({ file: path, line, column, hint });
    const city = cells.city.trim();
    if (!cityIndex.has(city)) {
      const names = cb.cities.map((c) => c.name);
      const near = names.find((n) => n.toLowerCase() === city.toLowerCase().replace(/\s+(city|shi)$/, ""));
      throw new DataError(
        city === "" ? "the city cell is empty" : `unknown city ${quoteCell(cells.city)}`,
        where(
          "city",
          near
            ? `write "${near}" (the paper's spelling; names are case-sensitive)`
            : city.toLowerCase() === "city"
              ? "the header line appears again here (two files pasted together?); remove it"
              : `use the paper's spelling, one of ${names.join(", ")}`,
        ),
      );
    }
    const yearText = cells.year.trim();
    if (!/^\d+(\.0+)?$/.test(yearText)) {
      throw new DataError(
        `year ${quoteCell(cells.year)} is not a whole number`,
        where("year", "write the calendar year, e.g. 2017"),
      );
    }
    const year = Number(yearText);
    if (year < first || year > last) {
      throw new DataError(
        `year ${year} is outside ${first}–${last}`,
        where(
          "year",
          `the codebook covers ${first}–${last}; remove the row or extend "years" in the codebook`,
        ),
      );
    }
    const region = cells.region.trim();
    const expected = cityRegion.get(city) as string;
    if (region !== expected) {
      throw new DataError(
        `${city} is in region "${expected}" (paper §3.3), not ${quoteCell(cells.region)}`,
        where(
          "region",
          `write ${expected}; to try another split, pass a region map to buildVariables instead of editing the data`,
        ),
      );
    }
    const key = `${city}\u0000${year}`;
    const before = seen.get(key);
    if (before !== undefined) {
      throw new DataError(
        `${city} ${year} appears twice (first on line ${before})`,
        where("year", "keep one row per city and year"),
      );
    }
    seen.set(key, line);

    const values: Record<string, number | null> = {};
    for (const col of quantity) {
      const raw = cells[col.name];
      const text = raw.trim();
      if (text === "") {
        values[col.name] = null;
        continue;
      }
      const x = parseNumberCell(text);
      if (typeof x !== "number") {
        throw new DataError(`${quoteCell(raw)} is not a number: ${x.problem}`, where(col.name, x.hint));
      }
      if (x < 0) {
        throw new DataError(
          `negative value ${text} (${col.kind === "count" ? "a count" : `an amount in ${col.unit}`} cannot be negative)`,
          where(col.name, "check the sign against the yearbook; leave the cell empty if unknown"),
        );
      }
      if (col.kind === "count" && !Number.isInteger(x)) {
        throw new DataError(
          `${text} is not a whole number, but ${col.name} is a count (${col.unit})`,
          where(col.name, "write the count as a whole number"),
        );
      }
      values[col.name] = x;
    }
    rows.push({ city, year, region, line, values });
  }

  rows.sort(
    (a, b) =>
      (cityIndex.get(a.city) as number) - (cityIndex.get(b.city) as number) || a.year - b.year,
  );

  if (rows.length === 0) {
    throw new DataError("the panel has no rows", {
      file: path,
      line: 1,
      column: "city",
      hint: "add one row per city and year below the header",
    });
  }
  const years: number[] = [];
  for (let y = first; y <= last; y += 1) years.push(y);
  const present = cb.cities.filter((c) => rows.some((r) => r.city === c.name));
  for (const c of present) {
    const own = rows.filter((r) => r.city === c.name);
    for (const y of years) {
      if (!own.some((r) => r.year === y)) {
        // Point at the city's row nearest to the missing year (the earlier one on a tie).
        const near = own.reduce((a, b) => (Math.abs(b.year - y) < Math.abs(a.year - y) ? b : a));
        throw new DataError(
          `there is no row for ${c.name} ${y} (the nearest row of ${c.name} is ${near.year}, on line ${near.line})`,
          {
            file: path,
            line: near.line,
            column: "year",
            city: c.name,
            year: y,
            hint: `add the row, with empty cells where values are missing (they are interpolated); to leave ${c.name} out, remove all of its rows`,
          },
        );
      }
    }
    for (const col of columns) {
      if (own.every((r) => r.values[col] === null)) {
        throw new DataError(`the whole ${col} series of ${c.name} is empty`, {
          file: path,
          line: own[0].line,
          column: col,
          city: c.name,
          hint: "interpolation only fills gaps between observed years; enter the series from the yearbook",
        });
      }
    }
  }

  const missing: PanelMissingCell[] = [];
  for (const r of rows) {
    for (const col of columns) {
      if (r.values[col] === null)
        missing.push({ city: r.city, year: r.year, column: col, line: r.line });
    }
  }
  return {
    file: path,
    codebook: cb,
    columns,
    cities: present.map((c) => c.name),
    years,
    rows,
    missing,
    extraColumns,
  };
}

function resolveCodebook(path: string, codebook?: Codebook | string): Codebook {
  if (typeof codebook === "object") return codebook;
  if (typeof codebook === "string") return loadCodebook(codebook);
  const beside = join(dirname(path), "codebook.json");
  if (!existsSync(beside)) {
    throw new DataError("no codebook given and no codebook.json next to the panel", {
      file: path,
      hint: `pass the codebook: loadPanel(path, "data/codebook.json")`,
    });
  }
  return loadCodebook(beside);
}
