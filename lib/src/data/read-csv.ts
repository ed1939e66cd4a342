/**
 * Reading a CSV file into header + records that remember their line in the file, so that every
 * validation error downstream can say "file, line N, column X". Used by the panel and
 * published-data loaders; parsing itself is csv-parse's (RFC 4180 quoting, BOM handled).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { DataError } from "./errors";

/** One data record of a CSV file. */
export interface CsvRecord {
  /** 1-based line of the file on which the record ends (the header is line 1). */
  line: number;
  /** Cell text by header name (missing trailing cells are ""). */
  cells: Record<string, string>;
}

/** A CSV file: its header and its data records. */
export interface CsvFile {
  path: string;
  header: string[];
  records: CsvRecord[];
}

/**
 * Reads a CSV file with a header line.
 *
 * Blank lines are skipped; header names are trimmed; cells are kept as text (not trimmed).
 * Throws: DataError naming the file when it cannot be read, is empty, is not valid CSV (with
 * the parser's line), has an empty or duplicate header name, or lacks a `required` column
 * (line 1, that column).
 * @example
 * const csv = readCsvFile("data/published/tables.csv", ["id", "printed"]);
 * csv.records[0].line; // 2
 */
export function readCsvFile(path: string, required: readonly string[] = []): CsvFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataError(`cannot read the file (${(e as Error).message})`, {
      file: path,
      hint: "check the path",
    });
  }
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new DataError(`not a valid CSV file (${err.message})`, {
      file: path,
      line: typeof err.lines === "number" ? err.lines : undefined,
      hint: "every line needs as many comma-separated fields as the header; quote text containing commas",
    });
  }
  if (parsed.length === 0) {
    throw new DataError("the file is empty", { file: path, line: 1, hint: "write a header line" });
  }
  const header = parsed[0].record.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === "") {
      throw new DataError(`header field ${i + 1} is empty`, {
        file: path,
        line: 1,
        hint: "give every column a name",
      });
    }
    if (header.indexOf(h) !== i) {
      throw new DataError(`column "${h}" appears twice in the header`, {
        file: path,
        line: 1,
        column: h,
        hint: "remove or rename one of them",
      });
    }
  });
  for (const name of required) {
    if (!header.includes(name)) {
      throw new DataError(`missing column "${name}"`, {
        file: path,
        line: 1,
        column: name,
        hint: `add a column "${name}" to the header (needed: ${required.join(", ")})`,
      });
    }
  }
  const records = parsed.slice(1).map(({ record, info }) => {
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = record[i] ?? ""));
    return { line: info.lines, cells };
  });
  return { path, header, records };
}
