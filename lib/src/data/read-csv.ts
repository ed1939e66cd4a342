/**
 * Reading a CSV file into header + records that remember their line in the file, so that every
 * validation error downstream can say "file, line N, column X". Used by the panel and
 * published-data loaders; parsing itself is csv-parse's (RFC 4180 quoting).
 *
 * What a spreadsheet or a script writes is read as a careful person would read it:
 * - accepted as harmless: a UTF-8 byte-order mark, CRLF or CR line ends (also mixed), quoted
 *   cells, blank lines and rows of empty cells (`,,,,`) anywhere, spaces around header names,
 *   trailing empty columns (a header and cells that are all empty at the right-hand end);
 * - refused with a message naming the file (and line and column where there is one) and saying
 *   what to do: a missing file, a folder, a device or pipe, an empty file, a file over 64 MB,
 *   UTF-16/UTF-32 text ("save as UTF-8"), text that is not UTF-8 (Latin-1, GBK), NUL bytes, a
 *   workbook (.xlsx, .xls) or a compressed file, JSON, fields separated by semicolons or tabs, a
 *   line with more or fewer cells than the header (a decimal comma or a thousands separator
 *   splits a number in two), an unclosed quote, a quote inside an unquoted cell, a line over
 *   100,000 characters, an empty or duplicate header name, missing required columns.
 * Messages quote at most the first 40 characters of a cell (`quoteCell`).
 */
import { readFileSync, readdirSync, statSync, type Stats } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { DataError } from "./errors";

/** One data record of a CSV file. */
export interface CsvRecord {
  /** 1-based line of the file on which the record ends (the header is line 1). */
  line: number;
  /** Cell text by header name (an object without prototype; trailing cells missing are ""). */
  cells: Record<string, string>;
}

/** A CSV file: its header and its data records. */
export interface CsvFile {
  path: string;
  header: string[];
  records: CsvRecord[];
}

/** The largest CSV file `readCsvFile` reads (64 MiB); the bundled panel is about 25 kB. */
export const CSV_MAX_BYTES = 64 * 1024 * 1024;

/** The longest record (line) `readCsvFile` reads, in characters; a panel line is about 200. */
export const CSV_MAX_RECORD = 100_000;

/**
 * A cell's text quoted for an error message, cut to its first `max` characters.
 *
 * Formula: JSON.stringify(text) when text has ≤ max characters, else
 * JSON.stringify(first max characters) + "… (n characters)".
 * Throws: never.
 * @example
 * quoteCell("12,5");               // "\"12,5\""
 * quoteCell("x".repeat(1e7), 3);   // "\"xxx\"… (10000000 characters)"
 */
export function quoteCell(text: string, max = 40): string {
  if (text.length <= max) return JSON.stringify(text);
  let head = text.slice(0, max);
  // Do not cut a surrogate pair in two.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${JSON.stringify(head)}… (${text.length} characters)`;
}

/**
 * Reads a CSV file with a header line.
 *
 * Blank lines and rows whose cells are all empty are skipped; header names are trimmed; cells
 * are kept as text (not trimmed). See the module comment for what is accepted and refused.
 * Throws: DataError naming the file (and the line and column where there is one) when it
 * cannot be read, is not UTF-8 CSV text, is empty, is not valid CSV, has a line with more or
 * fewer cells than the header, has an empty or duplicate header name, or lacks a `required`
 * column (line 1, that column).
 * @example
 * const csv = readCsvFile("data/published/tables.csv", ["id", "printed"]);
 * csv.records[0].line; // 2
 */
export function readCsvFile(path: string, required: readonly string[] = []): CsvFile {
  const text = readCsvText(path, CSV_MAX_BYTES);
  if (/^\s*[{[]/.test(text)) {
    throw new DataError("this is JSON, not a CSV file", {
      file: path,
      line: 1,
      hint: "give the CSV file (one header line, then comma-separated rows)",
    });
  }
  const normalised = text.replace(/\r\n?/g, "\n");
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalised, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: CSV_MAX_RECORD,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw csvSyntaxError(path, normalised, e as CsvParseError);
  }
  if (parsed.length === 0) {
    throw new DataError("the file is empty (no header line)", {
      file: path,
      line: 1,
      hint: "write a header line with the column names, then one line per record",
    });
  }
  const rawHeader = parsed[0].record.map((h) => h.trim());
  if (rawHeader.length === 1 && /[;\t|]/.test(rawHeader[0])) {
    const sep = rawHeader[0].includes(";") ? ";" : rawHeader[0].includes("\t") ? "tab" : "|";
    throw new DataError(
      `the fields are separated by ${sep === "tab" ? "tabs" : `"${sep}"`}, not by commas`,
      {
        file: path,
        line: 1,
        hint:
          'save it as "CSV UTF-8 (Comma delimited)" with a dot as decimal separator ' +
          "(a spreadsheet set to a language that writes decimal commas separates fields with semicolons)",
      },
    );
  }
  const blank = (cells: string[]) => cells.every((c) => c.trim() === "");
  const rows = parsed.slice(1).filter(({ record }) => !blank(record));
  // Trailing empty columns (a spreadsheet's formatted but empty columns) are dropped.
  let width = rawHeader.length;
  while (
    width > 1 &&
    rawHeader[width - 1] === "" &&
    rows.every(({ record }) => (record[width - 1] ?? "").trim() === "")
  ) {
    width -= 1;
  }
  const header = rawHeader.slice(0, width);
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
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) throw missingColumns(path, header, required, missing);

  const records = rows.map(({ record, info }) => {
    if (record.length < width) {
      const absent = header.slice(record.length);
      throw new DataError(
        `this line has ${record.length} cell${record.length === 1 ? "" : "s"} but the header has ${width}: ` +
          `no cell for ${absent.length === 1 ? "column" : "columns"} ${listNames(absent)}`,
        {
          file: path,
          line: info.lines,
          column: absent[0],
          hint: "give every line one cell per header column, separated by commas (leave a cell empty for a missing value)",
        },
      );
    }
    const extra = record.findIndex((c, i) => i >= width && c.trim() !== "");
    if (extra >= 0) {
      throw new DataError(
        `this line has ${record.length} cells but the header has ${width} ` +
          `(cell ${extra + 1} is ${quoteCell(record[extra])})`,
        {
          file: path,
          line: info.lines,
          hint:
            'a comma inside a number (a decimal comma "1234,5" or a thousands separator "1,234") ' +
            "splits it into two cells: write 1234.5, and put text that contains a comma in quotes",
        },
      );
    }
    const cells = Object.create(null) as Record<string, string>;
    header.forEach((h, i) => (cells[h] = record[i] ?? ""));
    return { line: info.lines, cells };
  });
  return { path, header, records };
}

/** Names for a message: "a", "b" and "c" (at most five, then "…"). */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n}"`);
  if (names.length > 5) shown.push(`… (${names.length} in all)`);
  return shown.join(", ");
}

function missingColumns(
  path: string,
  header: string[],
  required: readonly string[],
  missing: readonly string[],
): DataError {
  const found = required.filter((r) => header.includes(r));
  if (found.length === 0 && required.length > 1) {
    return new DataError(
      `line 1 is not the header: it reads ${quoteCell(header.join(","), 60)}, and none of the ` +
        `columns ${listNames(required)} is there`,
      {
        file: path,
        line: 1,
        column: missing[0],
        hint: `put the column names on the first line (${required.slice(0, 4).join(",")},…), with no title or note above them`,
      },
    );
  }
  const cased = missing
    .map((m) => [m, header.find((h) => h.toLowerCase() === m.toLowerCase())] as const)
    .filter(([, h]) => h !== undefined);
  const hint =
    cased.length > 0
      ? `column names are case-sensitive: rename ${cased.map(([m, h]) => `"${h}" to "${m}"`).join(", ")}`
      : `add ${missing.length === 1 ? "the column" : "the columns"} to the header (needed: ${required.join(", ")})`;
  return new DataError(
    `missing ${missing.length === 1 ? "column" : "columns"} ${listNames(missing)}`,
    { file: path, line: 1, column: missing[0], hint },
  );
}

/** What csv-parse attaches to its errors. */
type CsvParseError = Error & { code?: string; lines?: number; index?: number };

function csvSyntaxError(path: string, text: string, err: CsvParseError): DataError {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const header = firstLine.split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  const columnAt = (line: number | undefined, index: number | undefined) =>
    line !== undefined && line > 1 && index !== undefined ? header[index] : undefined;
  switch (err.code) {
    case "CSV_MAX_RECORD_SIZE": {
      const start = cellStart(text, err.lines ?? 1, err.index ?? 0);
      return new DataError(
        `the cell starting ${JSON.stringify(start)}… is longer than ${CSV_MAX_RECORD} characters`,
        {
          file: path,
          line: err.lines,
          column: columnAt(err.lines, err.index),
          hint: "check that this is the right file: a cell holds one number or one name",
        },
      );
    }
    case "CSV_QUOTE_NOT_CLOSED": {
      const open = unclosedQuote(text);
      return new DataError(
        `a quote (") opens a cell${open ? "" : ` before line ${err.lines}`} and is never closed`,
        {
          file: path,
          line: open?.line ?? err.lines,
          column: open ? columnAt(open.line, open.field) : undefined,
          hint: "close the quote, or remove it (a cell needs quotes only when it contains a comma, a quote or a line break)",
        },
      );
    }
    case "INVALID_OPENING_QUOTE":
      return new DataError("a quote (\") stands inside a cell that does not start with one", {
        file: path,
        line: err.lines,
        column: columnAt(err.lines, err.index),
        hint: 'put the whole cell in quotes and double the quote inside it (""), or remove the quote',
      });
    case "CSV_INVALID_CLOSING_QUOTE":
      return new DataError("a quoted cell goes on after its closing quote", {
        file: path,
        line: err.lines,
        column: columnAt(err.lines, err.index),
        hint: 'put the whole cell in quotes and double any quote inside it (""), or remove the quotes',
      });
    default:
      return new DataError(`not a valid CSV file (${err.code ?? "parse error"})`, {
        file: path,
        line: err.lines,
        hint: "every line needs as many comma-separated fields as the header; quote text containing commas",
      });
  }
}

/** The first 40 characters of cell `index` of line `line` (quotes removed). */
function cellStart(text: string, line: number, index: number): string {
  let at = 0;
  for (let l = 1; l < line && at >= 0; l++) at = text.indexOf("\n", at) + 1;
  let field = 0;
  let quoted = false;
  let i = Math.max(at, 0);
  for (; i < text.length && field < index; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === "," && !quoted) field++;
    else if (text[i] === "\n" && !quoted) break;
  }
  if (text[i] === '"') i++;
  return text.slice(i, i + 40);
}

/** Where the quoted cell that is never closed starts: its line and field index (RFC 4180). */
function unclosedQuote(text: string): { line: number; field: number } | undefined {
  let line = 1;
  let field = 0;
  let atStart = true;
  let open: { line: number; field: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else open = undefined;
      } else if (ch === "\n") line++;
      atStart = false;
      continue;
    }
    if (ch === '"' && atStart) open = { line, field };
    else if (ch === ",") {
      field++;
      atStart = true;
      continue;
    } else if (ch === "\n") {
      line++;
      field = 0;
      atStart = true;
      continue;
    }
    atStart = false;
  }
  return open;
}

/**
 * The file's text, after checking that it is a readable regular file of at most `maxBytes`
 * holding UTF-8 text. Throws DataError otherwise (see readCsvFile).
 */
function readCsvText(path: string, maxBytes: number): string {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new DataError("cannot read the file: it does not exist", {
        file: path,
        hint: nearbyHint(path),
      });
    }
    if (code === "ENOTDIR") {
      throw new DataError("cannot read the file: a folder of its path is a file", {
        file: path,
        hint: "check the path",
      });
    }
    throw new DataError(`cannot read the file (${code ?? (e as Error).message})`, {
      file: path,
      hint: "check the path and the file's permissions",
    });
  }
  if (stat.isDirectory()) {
    const csvs = safeList(path).filter((f) => f.toLowerCase().endsWith(".csv"));
    throw new DataError("this is a folder, not a file", {
      file: path,
      hint:
        csvs.length > 0
          ? `give the CSV file inside it, e.g. ${join(path, csvs[0])}`
          : "give the path of a CSV file",
    });
  }
  if (!stat.isFile()) {
    throw new DataError("this is not a regular file (a device, pipe or socket)", {
      file: path,
      hint: "give the path of a CSV file saved on disk",
    });
  }
  if (stat.size > maxBytes) {
    throw new DataError(
      `the file is ${(stat.size / 1048576).toFixed(0)} MB, more than the ${maxBytes / 1048576} MB read`,
      { file: path, hint: "check that this is the right file (a panel of cities and years is a few kB)" },
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      { file: path, hint: "check the file's permissions" },
    );
  }
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new DataError("the file is empty", {
      file: path,
      line: 1,
      hint: "write a header line with the column names, then one line per record",
    });
  }
  const kind = binaryKind(bytes);
  if (kind) throw new DataError(kind.problem, { file: path, line: kind.line, hint: kind.hint });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return badUtf8(path, bytes, at);
  }
}

function badUtf8(path: string, bytes: Buffer, at: number): never {
  throw new DataError(
    `the file is not UTF-8 text (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, "0")} ` +
      "cannot start or continue a UTF-8 character; a Latin-1, Windows-1252 or GBK file?)",
    {
      file: path,
      line: lineOfByte(bytes, at),
      hint: 'save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")',
    },
  );
}

const UTF8_HINT = 'save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)")';

/** Recognises text in another encoding, workbooks, archives and binary files by their bytes. */
function binaryKind(b: Buffer): { problem: string; hint: string; line?: number } | undefined {
  const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
  if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)) {
    return { problem: "the file is UTF-32 text, not UTF-8", hint: UTF8_HINT, line: 1 };
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return {
      problem: `the file is UTF-16 text (${b[0] === 0xff ? "little" : "big"}-endian, as Excel's "Unicode Text" writes it), not UTF-8`,
      hint: UTF8_HINT,
      line: 1,
    };
  }
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    return {
      problem: "the file is a zip archive (an Excel .xlsx or OpenDocument .ods workbook?), not CSV text",
      hint: 'open it in the spreadsheet and save the sheet as "CSV UTF-8 (Comma delimited)"',
    };
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return {
      problem: "the file is an Excel 97–2003 workbook (.xls), not CSV text",
      hint: 'open it in the spreadsheet and save the sheet as "CSV UTF-8 (Comma delimited)"',
    };
  }
  if (starts(0x1f, 0x8b)) {
    return { problem: "the file is gzip-compressed", hint: "decompress it first (gunzip)" };
  }
  const nul = b.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a byte-order mark: ASCII text with a NUL byte beside every character.
    const sample = b.subarray(0, Math.min(b.length, 4096));
    let even = 0;
    let odd = 0;
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] === 0 && i % 2 === 0) even++;
      else if (sample[i] === 0) odd++;
    }
    if (Math.max(even, odd) > sample.length / 4 && Math.min(even, odd) < Math.max(even, odd) / 8) {
      return {
        problem: "the file is UTF-16 text (no byte-order mark), not UTF-8",
        hint: UTF8_HINT,
        line: 1,
      };
    }
    return {
      problem: "the file holds a NUL byte, so it is not a text file",
      hint: "give a CSV text file (saved as UTF-8), not a binary or damaged file",
      line: lineOfByte(b, nul),
    };
  }
  return undefined;
}

function lineOfByte(b: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (-1 if none). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (i + 1 >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** "did you mean …" for a file that does not exist: same name in another case or extension. */
function nearbyHint(path: string): string {
  const dir = dirname(path);
  const entries = safeList(dir);
  if (entries.length === 0) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    return isDir ? "check the path" : `check the path (the folder ${dir} does not exist either)`;
  }
  const name = basename(path).toLowerCase();
  const stem = basename(path, extname(path)).toLowerCase();
  const near = entries.find(
    (e) => e.toLowerCase() === name || basename(e, extname(e)).toLowerCase() === stem,
  );
  return near ? `did you mean ${join(dir, near)}?` : "check the path";
}
