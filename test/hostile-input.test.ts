/**
 * Hostile input (issue 15): a catalogue of malformed or unusual inputs to `npm run reproduce` —
 * panel files a spreadsheet, a script or a mistaken path produces, and argument combinations —
 * each with the outcome a careful user expects: refused in one line that names the file, line
 * and column (or the option) and says what to do, or accepted with the right N.
 *
 * Every case runs the runner's pre-flight in-process (parseArgs + preflight: everything the CLI
 * checks before it starts a kernel), which must answer well under a second. A representative
 * subset also spawns the real CLI (`cli: true`): same one-line message, exit code 2, no kernel
 * started, nothing written. Two accepted cases run a real kernel end to end (one notebook each).
 * For every case: data/ and the committed notebooks/ are byte-identical afterwards, nothing is
 * written where a refusal happened, no kernel is left, and no NaN, Infinity or undefined appears
 * in any output written.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { parseArgs, UsageError } from "../scripts/runner/args";
import { readNotebook, type Output } from "../scripts/runner/notebook";
import { declaredParameters } from "../scripts/runner/parameters";
import { describeType, parseParameterCell, typeProblem } from "../scripts/runner/parameter-types";
import { InputError, OUTPUT_MARKER, preflight, type Plan } from "../scripts/runner/preflight";
import { POST_STEP_PARAMETERS } from "../scripts/runner/steps";
import { computeResults, resultsOptions, type ResultEntry } from "../scripts/steps/10-results";

const repo = path.resolve(__dirname, "..");
const DATA = path.join(repo, "data");
const NOTEBOOKS = path.join(repo, "notebooks");

// The bundled panel, as lines of cells (it has no quoted cells), to break one thing at a time.
const PANEL_TEXT = readFileSync(path.join(DATA, "zhejiang_panel.csv"), "utf8");
const LINES = PANEL_TEXT.replace(/\r?\n$/, "").split(/\r?\n/);
const HEADER = LINES[0].split(",");
const ROWS = LINES.slice(1).map((l) => l.split(","));
const SOUTHWEST = ["Wenzhou", "Jinhua", "Quzhou", "Taizhou", "Lishui"];

/** The panel as CSV text (rows and header may be changed copies). */
function csv(rows: string[][] = ROWS, header: string[] = HEADER, eol = "\n"): string {
  return [header, ...rows].map((r) => r.join(",")).join(eol) + eol;
}

/** The panel with the cell at file line `line` (2 = first data row), column `column` set. */
function withCell(line: number, column: string, value: string): string {
  const rows = ROWS.map((r) => [...r]);
  rows[line - 2][HEADER.indexOf(column)] = value;
  return csv(rows);
}

/** The panel with only (or without) some cities. */
function cities(keep: (city: string) => boolean): string {
  return csv(ROWS.filter((r) => keep(r[0])));
}

/** Line of a city-year in the bundled panel. */
function lineOf(city: string, year: number): number {
  return ROWS.findIndex((r) => r[0] === city && Number(r[1]) === year) + 2;
}

/** `file, line N[, column "c"]` as a message prints it. */
function at(file: string, line: number, column?: string): RegExp {
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${esc}, line ${line}${column ? `, column "${column}"` : ""}[,:]`);
}

type Expect = { refused: RegExp; at: RegExp } | { accepted: number };

interface Case {
  name: string;
  /** Files written into the case's own folder before it runs. */
  files?: Record<string, string | Buffer>;
  /** Arguments; {dir} is the case's folder, {out} a fresh output path inside it. */
  args: string[];
  /** Where the command is typed: the case's folder (default) or the repository. */
  cwd?: "dir" | "repo";
  expect: Expect;
  /** Also spawn the real CLI. */
  cli?: boolean;
  /** The in-process pre-flight's CPU time limit (default 1000 ms). */
  maxMs?: number;
}

const panelArgs = ["--data", "{dir}/panel.csv"];
const refusedPanel = (
  name: string,
  content: string | Buffer,
  refused: RegExp,
  where: RegExp,
  cli = false,
): Case => ({
  name,
  files: { "panel.csv": content },
  args: panelArgs,
  expect: { refused, at: where },
  cli,
});
/** An accepted panel; the post-steps' checks (≈ 0.3 s) only where `steps` says so. */
const acceptedPanel = (name: string, content: string | Buffer, n: number, steps = false): Case => ({
  name,
  files: { "panel.csv": content },
  args: steps ? panelArgs : [...panelArgs, "--no-steps"],
  expect: { accepted: n },
});
const refusedArgs = (
  name: string,
  args: string[],
  refused: RegExp,
  where: RegExp,
  extra: Partial<Case> = {},
): Case => ({ name, args, expect: { refused, at: where }, ...extra });

const utf16 = (text: string, bom: boolean, le = true) => {
  const body = Buffer.from(text, "utf16le");
  if (!le) body.swap16();
  return Buffer.concat([
    bom ? Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0),
    body,
  ]);
};
const hz = lineOf("Hangzhou", 2017);
const big = "7".repeat(10_000_000);

const CASES: Case[] = [
  // — What a spreadsheet writes —
  acceptedPanel(
    "UTF-8 byte-order mark and CRLF line ends",
    `\ufeff${csv(ROWS, HEADER, "\r\n")}`,
    110,
  ),
  acceptedPanel("old-Mac CR line ends", csv(ROWS, HEADER, "\r"), 110),
  acceptedPanel(
    "mixed LF and CRLF line ends",
    csv(ROWS).replace(/\n/g, (_, i: number) => (i % 3 ? "\r\n" : "\n")),
    110,
  ),
  acceptedPanel(
    "trailing empty rows (,,,,) and blank lines",
    `${csv()}${",".repeat(27)}\n,,,,\n\n\n`,
    110,
  ),
  acceptedPanel(
    "every cell quoted",
    [HEADER, ...ROWS].map((r) => r.map((c) => `"${c}"`).join(",")).join("\n") + "\n",
    110,
  ),
  acceptedPanel(
    "a trailing empty column (every line ends with a comma)",
    [HEADER, ...ROWS].map((r) => `${r.join(",")},`).join("\n") + "\n",
    110,
  ),
  acceptedPanel(
    "an extra notes column with quoted commas",
    csv(
      ROWS.map((r) => [...r, '"source: yearbook, p. 3"']),
      [...HEADER, "notes"],
    ),
    110,
  ),
  acceptedPanel(
    "columns in another order, rows shuffled",
    csv(
      [...ROWS].reverse().map((r) => [...r].reverse()),
      [...HEADER].reverse(),
    ),
    110,
  ),
  acceptedPanel(
    "spaces around cells and a year written 2014.0",
    csv(ROWS.map((r, i) => r.map((c, j) => (j === 1 && i % 2 ? `${c}.0` : ` ${c} `)))),
    110,
  ),
  acceptedPanel("numbers in exponent notation", withCell(hz, "gdp", "1.228E+04"), 110),
  acceptedPanel("interior gaps left empty (interpolated)", withCell(hz, "exports", ""), 110),
  acceptedPanel(
    "a quoted empty string (a script's missing value) in an interior year",
    withCell(hz, "imports", '""'),
    110,
  ),
  acceptedPanel(
    "Hangzhou's rows removed",
    cities((c) => c !== "Hangzhou"),
    100,
    true,
  ),
  acceptedPanel(
    "three cities, both regions",
    cities((c) => ["Hangzhou", "Ningbo", "Wenzhou"].includes(c)),
    30,
    true,
  ),
  refusedPanel(
    "UTF-16 little-endian with a BOM (Excel's Unicode Text)",
    utf16(PANEL_TEXT, true),
    /UTF-16 text.*Save it as UTF-8/,
    /panel\.csv, line 1:/,
    true,
  ),
  refusedPanel(
    "UTF-16 big-endian with a BOM",
    utf16(PANEL_TEXT, true, false),
    /UTF-16 text \(big-endian.*Save it as UTF-8/,
    /panel\.csv, line 1:/,
  ),
  refusedPanel(
    "UTF-16 without a BOM (NUL bytes)",
    utf16(PANEL_TEXT, false),
    /UTF-16 text \(no byte-order mark\).*Save it as UTF-8/,
    /panel\.csv, line 1:/,
  ),
  refusedPanel(
    "Latin-1 text (not UTF-8)",
    Buffer.concat([
      Buffer.from(LINES.slice(0, 4).join("\n") + "\n"),
      Buffer.from([0x48, 0xe9, 0x2c]),
      Buffer.from(LINES.slice(5).join("\n") + "\n"),
    ]),
    /not UTF-8 text \(byte 0xE9.*Save it as UTF-8/,
    /panel\.csv, line 5:/,
  ),
  refusedPanel(
    "a NUL byte in the middle",
    Buffer.concat([
      Buffer.from(LINES.slice(0, 7).join("\n") + "\n"),
      Buffer.from([0]),
      Buffer.from("x\n"),
    ]),
    /NUL byte, so it is not a text file/,
    /panel\.csv, line 8:/,
  ),
  refusedPanel(
    "an .xlsx workbook saved under .csv",
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]),
    /zip archive \(an Excel \.xlsx.*save the sheet as "CSV UTF-8/,
    /panel\.csv:/,
  ),
  refusedPanel(
    "a gzip-compressed panel",
    gzipSync(PANEL_TEXT),
    /gzip-compressed\. Decompress it first/,
    /panel\.csv:/,
  ),
  refusedPanel(
    "a JSON file (the codebook) given as the panel",
    readFileSync(path.join(DATA, "codebook.json")),
    /this is JSON, not a CSV file/,
    /panel\.csv, line 1:/,
  ),
  refusedPanel("an empty file", "", /the file is empty/, /panel\.csv, line 1:/),
  refusedPanel("a file of blank lines", "\n \r\n\t\n", /the file is empty/, /panel\.csv, line 1:/),
  refusedPanel(
    "a header and no rows",
    `${LINES[0]}\n`,
    /the panel has no rows/,
    at("panel.csv", 1, "city"),
  ),
  refusedPanel(
    "semicolons and decimal commas (a European spreadsheet)",
    [HEADER, ...ROWS].map((r) => r.map((c) => c.replace(".", ",")).join(";")).join("\n"),
    /separated by ";", not by commas\. Save it as "CSV UTF-8/,
    /panel\.csv, line 1:/,
  ),
  refusedPanel(
    "tab-separated values",
    [HEADER, ...ROWS].map((r) => r.join("\t")).join("\n"),
    /separated by tabs/,
    /panel\.csv, line 1:/,
  ),
  refusedPanel(
    "an unquoted decimal comma splits a row",
    withCell(hz, "gdp", "12556,16"),
    /has 29 cells but the header has 28.*decimal comma/,
    at("panel.csv", hz),
  ),
  refusedPanel(
    "a quoted decimal comma",
    withCell(hz, "gdp", '"12556,16"'),
    /"12556,16" is not a number: it has a decimal comma\. Write a dot/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "a quoted thousands separator",
    withCell(hz, "gdp", '"12,556.16"'),
    /it has a comma \(a thousands separator/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "a space as thousands separator",
    withCell(hz, "gdp", "12 556.16"),
    /it has thousands separators/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "Excel's #DIV/0!",
    withCell(hz, "population", "#DIV/0!"),
    /"#DIV\/0!" is not a number: it is a spreadsheet error value\. Fix the formula/,
    at("panel.csv", hz, "population"),
  ),
  refusedPanel(
    "Excel's #N/A",
    withCell(hz, "exports", "#N/A"),
    /spreadsheet error value/,
    at("panel.csv", hz, "exports"),
  ),
  refusedPanel(
    "a percent sign",
    withCell(hz, "income_pc", "45%"),
    /it has a percent sign/,
    at("panel.csv", hz, "income_pc"),
  ),
  // — What a script writes —
  refusedPanel(
    "NaN",
    withCell(hz, "consumption_pc", "NaN"),
    /"NaN" is not a number: it marks a missing value\. Leave the cell empty/,
    at("panel.csv", hz, "consumption_pc"),
  ),
  refusedPanel(
    "R's NA",
    withCell(hz, "consumption_pc", "NA"),
    /it marks a missing value/,
    at("panel.csv", hz, "consumption_pc"),
  ),
  refusedPanel(
    "Infinity",
    withCell(hz, "wastewater", "Infinity"),
    /"Infinity" is not a number: it is infinite/,
    at("panel.csv", hz, "wastewater"),
  ),
  refusedPanel(
    "-inf",
    withCell(hz, "wastewater", "-inf"),
    /it is infinite/,
    at("panel.csv", hz, "wastewater"),
  ),
  refusedPanel(
    "1e400 (overflows a double)",
    withCell(hz, "gdp", "1e400"),
    /too large for a double-precision number/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "1e-400 (underflows to zero)",
    withCell(hz, "gdp", "1e-400"),
    /too small for a double-precision number/,
    at("panel.csv", hz, "gdp"),
  ),
  {
    ...refusedPanel(
      "a 10 MB cell: the message quotes a short prefix",
      withCell(hz, "gdp", big),
      /the cell starting "7{40}"… is longer than 100000 characters\. Check that this is the right file/,
      at("panel.csv", hz, "gdp"),
      true,
    ),
    maxMs: 2000, // reading 10 MB
  },
  refusedPanel(
    "an unclosed quote",
    withCell(hz, "gdp", '"12556.16'),
    /a quote \("\) opens a cell and is never closed/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "a quote inside an unquoted cell",
    withCell(hz, "gdp", '12556"16'),
    /a quote \("\) stands inside a cell/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "a short row",
    csv(ROWS.map((r, i) => (i === 3 ? r.slice(0, 10) : r))),
    /this line has 10 cells but the header has 28: no cell for columns "urban_income_pc"/,
    at("panel.csv", 5, "urban_income_pc"),
  ),
  // — Headers and keys —
  refusedPanel(
    "a column name in capitals",
    csv(
      ROWS,
      HEADER.map((h) => (h === "gdp" ? "GDP" : h)),
    ),
    /missing column "gdp"\. Column names are case-sensitive: rename "GDP" to "gdp"/,
    at("panel.csv", 1, "gdp"),
  ),
  refusedPanel(
    "a missing column",
    csv(
      ROWS.map((r) => r.filter((_, j) => HEADER[j] !== "exports")),
      HEADER.filter((h) => h !== "exports"),
    ),
    /missing column "exports"/,
    at("panel.csv", 1, "exports"),
  ),
  refusedPanel(
    "a title line above the header",
    `Zhejiang panel 2014-2023\n${csv()}`,
    /line 1 is not the header/,
    at("panel.csv", 1, "city"),
  ),
  refusedPanel(
    "a duplicate header name",
    csv(
      ROWS.map((r) => [...r, r[3]]),
      [...HEADER, "gdp"],
    ),
    /column "gdp" appears twice/,
    at("panel.csv", 1, "gdp"),
  ),
  refusedPanel(
    "a misspelt city",
    withCell(hz, "city", "Hangzou"),
    /unknown city "Hangzou"/,
    at("panel.csv", hz, "city"),
  ),
  refusedPanel(
    "a city in lower case",
    withCell(hz, "city", "hangzhou"),
    /unknown city "hangzhou"\. Write "Hangzhou"/,
    at("panel.csv", hz, "city"),
  ),
  refusedPanel(
    "a city in Chinese",
    withCell(hz, "city", "杭州"),
    /unknown city "杭州"\. Use the paper's spelling/,
    at("panel.csv", hz, "city"),
  ),
  refusedPanel(
    "an empty city cell",
    withCell(hz, "city", ""),
    /the city cell is empty/,
    at("panel.csv", hz, "city"),
  ),
  refusedPanel(
    "the header repeated mid-file (two files pasted together)",
    csv([...ROWS.slice(0, 20), HEADER, ...ROWS.slice(20)]),
    /unknown city "city"\. The header line appears again here/,
    at("panel.csv", 22, "city"),
  ),
  refusedPanel(
    "a fractional year",
    withCell(hz, "year", "2017.5"),
    /year "2017\.5" is not a whole number/,
    at("panel.csv", hz, "year"),
  ),
  refusedPanel(
    "a year outside the codebook's range",
    withCell(lineOf("Hangzhou", 2023), "year", "2030"),
    /year 2030 is outside 2014–2023/,
    at("panel.csv", lineOf("Hangzhou", 2023), "year"),
  ),
  refusedPanel(
    "a city-year given twice",
    csv([...ROWS, ROWS[3]]),
    /Hangzhou 2017 appears twice \(first on line 5\)/,
    at("panel.csv", 112, "year"),
  ),
  refusedPanel(
    "a city filed under the wrong region",
    withCell(hz, "region", "Southwest"),
    /Hangzhou is in region "Northeast"/,
    at("panel.csv", hz, "region"),
  ),
  refusedPanel(
    "a negative amount",
    withCell(hz, "gdp", "-12556.16"),
    /negative value -12556\.16/,
    at("panel.csv", hz, "gdp"),
  ),
  refusedPanel(
    "a fractional count",
    withCell(hz, "patents_granted", "12.5"),
    /12\.5 is not a whole number, but patents_granted is a count/,
    at("panel.csv", hz, "patents_granted"),
  ),
  refusedPanel(
    "a missing year row",
    csv(ROWS.filter((_, i) => i !== 3)),
    /there is no row for Hangzhou 2017/,
    /panel\.csv, line \d+, column "year", city Hangzhou, year 2017:/,
  ),
  refusedPanel(
    "a whole series empty for a city",
    csv(
      ROWS.map((r) =>
        r[0] === "Ningbo" ? r.map((c, j) => (HEADER[j] === "exports" ? "" : c)) : r,
      ),
    ),
    /the whole exports series of Ningbo is empty/,
    at("panel.csv", lineOf("Ningbo", 2014), "exports"),
  ),
  // — What only a computation or a post-step would have found —
  refusedPanel(
    "a single city",
    cities((c) => c === "Hangzhou"),
    /no city of the Southwest region is in the panel \(cities: Hangzhou\).*keep at least one city of each region/,
    /panel\.csv:/,
    true,
  ),
  refusedPanel(
    "the Northeast only",
    cities((c) => !SOUTHWEST.includes(c)),
    /no city of the Southwest region is in the panel/,
    /panel\.csv:/,
  ),
  refusedPanel(
    "two cities (too few clusters for the city-clustered inference)",
    cities((c) => c === "Hangzhou" || c === "Wenzhou"),
    /only 2 cities .* needs at least 3 cities/,
    /panel\.csv:/,
  ),
  refusedPanel(
    "the first year empty (cannot be interpolated)",
    withCell(2, "gdp", ""),
    /the first value of the series is missing and cannot be interpolated/,
    /panel\.csv, line 2, variable "gdp", city Hangzhou, year 2014:/,
  ),
  refusedPanel(
    "a constant indicator",
    csv(ROWS.map((r) => r.map((c, j) => (HEADER[j] === "sports_facilities" ? "5" : c)))),
    /indicator is constant \(every value is 5\)/,
    /panel\.csv, variable "sports_facilities":/,
  ),
  refusedPanel(
    "zero patents under the logarithm",
    withCell(hz, "patents_granted", "0"),
    /RCY = ln\(patents_granted\) needs a positive number/,
    at("panel.csv", hz, "patents_granted"),
  ),
  refusedPanel(
    "zero GDP in a denominator",
    withCell(hz, "gdp", "0"),
    /gdp is 0, so .* is undefined/,
    at("panel.csv", hz, "gdp"),
  ),
  // — Mistaken paths —
  refusedArgs(
    "--data naming a file that does not exist",
    ["--data", "{dir}/no-such.csv"],
    /file not found; check the path/,
    /--data no-such\.csv:/,
  ),
  refusedArgs(
    "--data naming a folder",
    ["--data", "{dir}"],
    /is a folder; give the panel's CSV file/,
    /--data \. /,
  ),
  refusedArgs(
    "--data naming a device",
    ["--data", "/dev/null"],
    /not a regular file/,
    /\/dev\/null:/,
  ),
  {
    name: "--data naming a FIFO (must not block)",
    files: {},
    args: ["--data", "{dir}/fifo.csv"],
    expect: { refused: /not a regular file/, at: /fifo\.csv:/ },
  },
  refusedArgs(
    "--data other.csv --out . overwriting the committed notebooks",
    ["--data", "{dir}/panel.csv", "--out", "."],
    /is the repository itself: the executed notebooks would replace the committed notebooks\//,
    /--out \./,
    { cwd: "repo", files: { "panel.csv": cities((c) => c !== "Hangzhou") }, cli: true },
  ),
  refusedArgs(
    "--out notebooks",
    ["--out", "notebooks"],
    /is inside notebooks\//,
    /--out notebooks/,
    {
      cwd: "repo",
    },
  ),
  refusedArgs(
    "--out notebooks/new",
    ["--out", "notebooks/new"],
    /is inside notebooks\//,
    /--out notebooks\/new/,
    { cwd: "repo" },
  ),
  refusedArgs("--out data", ["--out", "data"], /is inside data\//, /--out data/, { cwd: "repo" }),
  refusedArgs("--out data/new", ["--out", "data/new"], /is inside data\//, /--out data\/new/, {
    cwd: "repo",
  }),
  refusedArgs("--out lib", ["--out", "lib"], /is inside lib\//, /--out lib/, { cwd: "repo" }),
  refusedArgs(
    "--out the repository's parent",
    ["--out", ".."],
    /contains the repository/,
    /--out \/\S+ contains/,
    {
      cwd: "repo",
    },
  ),
  refusedArgs(
    "--out an existing file",
    ["--out", "{dir}/results.txt"],
    /is an existing file; give a folder/,
    /--out results\.txt/,
    { files: { "results.txt": "mine\n" }, cli: true },
  ),
  refusedArgs(
    "--out the panel itself",
    ["--data", "{dir}/panel.csv", "--out", "{dir}/panel.csv"],
    /is the panel given with --data/,
    /--out panel\.csv/,
    { files: { "panel.csv": PANEL_TEXT } },
  ),
  refusedArgs(
    "--out under a file (ENOTDIR)",
    ["--out", "{dir}/results.txt/run"],
    /results\.txt is a file, so no folder can be created under it/,
    /--out results\.txt\/run/,
    { files: { "results.txt": "mine\n" }, cli: true },
  ),
  refusedArgs(
    "--out where nothing can be written (/sys)",
    ["--out", "/sys/hostile-input-test", "--no-steps"],
    /cannot write there \(E[A-Z]+\); choose a folder you can write to/,
    /--out \/sys\/hostile-input-test/,
  ),
  refusedArgs(
    "--out a folder holding another program's tables/",
    ["--out", "{dir}/thesis"],
    /already holds tables, not written by npm run reproduce/,
    /--out thesis/,
    { files: { "thesis/tables/mine.tex": "\\begin{tabular}\n" } },
  ),
  refusedArgs(
    "--data inside the tables/ folder --out replaces",
    ["--data", "{dir}/run/tables/panel.csv", "--out", "{dir}/run"],
    /the run replaces tables\/ there, which holds the panel/,
    /--out run/,
    { files: { "run/tables/panel.csv": PANEL_TEXT, [`run/${OUTPUT_MARKER}`]: "" } },
  ),
  // — Options —
  refusedArgs(
    "--jobs 0.5",
    ["--jobs", "0.5"],
    /is not a count of notebooks to run at once: give a whole number/,
    /--jobs/,
    {
      cli: true,
    },
  ),
  refusedArgs("--jobs 0", ["--jobs", "0"], /give a whole number/, /--jobs/),
  refusedArgs("--jobs -1", ["--jobs", "-1"], /give a whole number/, /--jobs/),
  refusedArgs("--jobs two", ["--jobs", "two"], /give a whole number/, /--jobs/),
  refusedArgs("--jobs=1e9", ["--jobs=1e9"], /give a whole number/, /--jobs/),
  refusedArgs(
    "--timeout 0",
    ["--timeout", "0"],
    /is not a time limit: give a number of seconds/,
    /--timeout/,
  ),
  refusedArgs(
    "--timeout NaN",
    ["--timeout", "NaN"],
    /is not a time limit: give a number of seconds/,
    /--timeout/,
  ),
  refusedArgs(
    "--timeout 1e12",
    ["--timeout", "1e12"],
    /is not a time limit: give a number of seconds/,
    /--timeout/,
  ),
  refusedArgs("--only matching nothing", ["--only", "99"], /matches no notebook/, /--only "99"/),
  refusedArgs(
    "--only with an empty name",
    ["--only", ""],
    /--only is empty: give e\.g\. --only 04/,
    /--only/,
  ),
  refusedArgs("--data with no value", ["--data"], /needs a value/, /--data/),
  refusedArgs(
    "--data given twice",
    ["--data", "a.csv", "--data", "b.csv"],
    /is given twice/,
    /--data/,
  ),
  refusedArgs("an unknown option", ["--bogus"], /unknown option "--bogus"; see/, /--bogus/),
  refusedArgs(
    "the panel given without --data",
    ["my_panel.csv"],
    /unexpected argument "my_panel\.csv"; to run on another panel, give --data my_panel\.csv/,
    /my_panel\.csv/,
  ),
  refusedArgs(
    "--check with --data",
    ["--check", "--data", "x.csv"],
    /do not combine it with --data or -p/,
    /--check/,
  ),
  // — Parameters —
  refusedArgs(
    "-p __proto__=1",
    ["-p", "__proto__=1"],
    /no notebook assigns "__proto__" in its cell tagged "parameters"/,
    /-p __proto__/,
    { cli: true },
  ),
  refusedArgs(
    "-p constructor=1",
    ["-p", "constructor=1"],
    /no notebook assigns "constructor"/,
    /-p constructor/,
  ),
  refusedArgs(
    "-p toString=x",
    ["-p", "toString=x"],
    /no notebook assigns "toString"/,
    /-p toString/,
  ),
  refusedArgs(
    "-p an unknown name",
    ["-p", "nosuch=1"],
    /no notebook assigns "nosuch"/,
    /-p nosuch/,
  ),
  refusedArgs(
    "-p a parameter of a notebook not selected",
    ["-p", "bootstrapDraws=99", "--only", "02"],
    /06-robustness\.ipynb declares it: add --only 06/,
    /-p bootstrapDraws/,
  ),
  refusedArgs("-p without =", ["-p", "weighting"], /expects NAME=VALUE/, /-p/),
  refusedArgs("-p dataPath", ["-p", "dataPath=x.csv"], /set it with --data FILE/, /-p dataPath/),
  refusedArgs(
    "-p given twice",
    ["-p", "weighting=equal", "-p", "weighting=entropy"],
    /is given twice/,
    /-p weighting/,
  ),
  refusedArgs(
    "-p weighting outside its union type",
    ["-p", "weighting=pca"],
    /expected one of "entropy", "equal", got "pca".*Give e\.g\. -p weighting=equal/,
    /-p weighting/,
  ),
  refusedArgs(
    "-p dropCities as a bare string",
    ["-p", "dropCities=Hangzhou"],
    /expected an array \(string\[\]\), got "Hangzhou".*-p 'dropCities=\["Hangzhou"\]'/,
    /-p dropCities/,
  ),
  refusedArgs(
    "-p dropCities with a number",
    ["-p", "dropCities=[1]"],
    /expected a string at \[0\], got 1/,
    /-p dropCities/,
  ),
  refusedArgs(
    "-p dropCities with a misspelt city",
    ["-p", 'dropCities=["Hangzou"]'],
    /"Hangzou" is not a city of the codebook; did you mean "Hangzhou"\?/,
    /-p dropCities/,
  ),
  refusedArgs(
    "-p dropCities leaving no Southwest city",
    ["-p", `dropCities=${JSON.stringify(SOUTHWEST)}`],
    /no city of the Southwest region is left/,
    /with -p dropCities/,
  ),
  refusedArgs(
    "-p bootstrapDraws=0",
    ["-p", "bootstrapDraws=0"],
    /0 is not a number of bootstrap draws: give a whole number from 1/,
    /-p bootstrapDraws/,
  ),
  refusedArgs(
    "-p seed=1e400 (Infinity)",
    ["-p", "seed=1e400"],
    /expected a finite number, got Infinity/,
    /-p seed/,
  ),
  refusedArgs(
    "-p weightType outside its union type",
    ["-p", "weightType=normal"],
    /expected one of "webb", "rademacher", got "normal"/,
    /-p weightType/,
  ),
  refusedArgs(
    "-p regionOf with a __proto__ key",
    ["-p", 'regionOf={"__proto__":"Southwest"}', "--only", "05"],
    /the key "__proto__" is not allowed/,
    /-p regionOf/,
  ),
  refusedArgs(
    "-p regionOf as a list",
    ["-p", 'regionOf=["Shaoxing"]', "--only", "05"],
    /expected an object \(Record<string, string>\)/,
    /-p regionOf/,
  ),
  refusedArgs(
    "-p regionOf with a misspelt city",
    ["-p", 'regionOf={"Shaoxng":"Southwest"}', "--only", "05"],
    /"Shaoxng" is not a city of the codebook; did you mean "Shaoxing"\?/,
    /-p regionOf/,
  ),
  refusedArgs(
    "-p regionOf moving every Southwest city",
    [
      "-p",
      `regionOf=${JSON.stringify(Object.fromEntries(SOUTHWEST.map((c) => [c, "Northeast"])))}`,
    ],
    /no city of the Southwest region is left/,
    /with -p regionOf/,
  ),
  refusedArgs(
    "-p stepIndex that is not an index",
    ["-p", "stepIndex=GDP", "--only", "01"],
    /"GDP" is not an index of the codebook/,
    /-p stepIndex/,
  ),
  refusedArgs(
    "-p gapCity misspelt",
    ["-p", "gapCity=Lishiu", "--only", "01"],
    /"Lishiu" is not a city of the codebook; did you mean "Lishui"\?/,
    /-p gapCity/,
  ),
  refusedArgs(
    "-p gapCity a city that is dropped",
    ["-p", "gapCity=Lishui", "-p", 'dropCities=["Lishui"]', "--only", "01"],
    /-p gapCity: Lishui is not in the panel/,
    /-p gapCity/,
  ),
  refusedArgs(
    "-p gapColumn not a raw column",
    ["-p", "gapColumn=telecom", "--only", "01"],
    /"telecom" is not a raw column of the codebook/,
    /-p gapColumn/,
  ),
  refusedArgs(
    "-p codebookPath, which no notebook declares",
    ["-p", "codebookPath=nope.json"],
    /no notebook assigns "codebookPath"/,
    /-p codebookPath/,
  ),
  {
    ...refusedPanel(
      "a broken codebook.json beside the panel",
      PANEL_TEXT,
      /codebook is not valid JSON.*Fix the file/,
      /codebook\.json:/,
    ),
    files: { "panel.csv": PANEL_TEXT, "codebook.json": '{"title": ' },
  },
  // — Accepted arguments —
  { name: "-p weighting=equal", args: ["-p", "weighting=equal"], expect: { accepted: 110 } },
  {
    name: '-p weighting="equal" (as JSON)',
    args: ["-p", 'weighting="equal"', "--no-steps"],
    expect: { accepted: 110 },
  },
  {
    name: "-p dropCities with a valid city",
    args: ["-p", 'dropCities=["Hangzhou"]', "--no-steps"],
    expect: { accepted: 100 },
  },
  {
    name: "-p regionOf moving a city (notebook 05's exercise)",
    args: ["-p", 'regionOf={"Shaoxing":"Southwest"}', "--only", "05"],
    expect: { accepted: 110 },
  },
  {
    name: "-p bootstrapDraws and weightType for notebook 06",
    args: ["-p", "bootstrapDraws=199", "-p", "weightType=rademacher", "--only", "06"],
    expect: { accepted: 110 },
  },
  {
    name: "--out a new nested folder",
    args: ["--out", "{dir}/a/b/c", "--no-steps"],
    expect: { accepted: 110 },
  },
  {
    name: "--out a folder of an earlier run",
    files: { [`prev/${OUTPUT_MARKER}`]: "", "prev/tables/table3.csv": "x\n" },
    args: ["--out", "{dir}/prev", "--no-steps"],
    expect: { accepted: 110 },
  },
];

// — Helpers: hashes of the committed files, kernels, outputs —

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(repo, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}
const committed = () => ({ ...hashTree(DATA), ...hashTree(NOTEBOOKS) });

function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** The words an output must never show: a computation went wrong somewhere. */
const BAD_OUTPUT = /\b(NaN|undefined)\b|-?\bInfinity\b/;

/**
 * The text a file shows a reader: a notebook's outputs (without the scripts a chart's HTML
 * carries, whose code may say `undefined`), any other file whole.
 */
function shownText(file: string): string {
  if (!file.endsWith(".ipynb")) return readFileSync(file, "utf8");
  const shown = (o: Output): string => {
    if (o.output_type === "stream") return o.text;
    if (o.output_type === "error") return JSON.stringify(o);
    return Object.entries(o.data)
      .filter(([mime]) => !mime.includes("javascript"))
      .map(([mime, value]) =>
        mime === "text/html"
          ? String(value).replace(/<script\b[\s\S]*?<\/script>/gi, "")
          : typeof value === "string"
            ? value
            : JSON.stringify(value),
      )
      .join("\n");
  };
  return readNotebook(file)
    .cells.flatMap((c) => c.outputs ?? [])
    .map(shown)
    .join("\n");
}

/** Files of an output folder with NaN/Infinity/undefined in what they show (site assets aside). */
function badOutputs(out: string): string[] {
  return listTree(out)
    .filter((f) => !f.startsWith("site/"))
    .map((f) => path.join(out, f))
    .filter((f) => statSync(f).isFile() && BAD_OUTPUT.test(shownText(f)))
    .map((f) => path.relative(out, f));
}

interface Prepared {
  dir: string;
  out: string;
  argv: string[];
  cwd: string;
}

let scratch: string;
let baseline: Record<string, string>;
let caseNumber = 0;

function prepare(c: Case): Prepared {
  const dir = path.join(scratch, `case-${++caseNumber}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (c.name.includes("FIFO")) spawnSync("mkfifo", [path.join(dir, "fifo.csv")]);
  const out = path.join(dir, "out");
  const sub = (a: string) => a.replaceAll("{dir}", dir).replaceAll("{out}", out);
  const argv = c.args.map(sub);
  if (!argv.some((a) => a === "--out" || a.startsWith("--out=")) && !argv.includes("--check")) {
    argv.push("--out", out);
  }
  return { dir, out, argv, cwd: c.cwd === "repo" ? repo : dir };
}

/**
 * The pre-flight in-process: the refusal's message, or the plan; `ms` is the CPU time it took
 * (wall time on a 2-core machine shared with other work says little about the checks).
 */
async function inProcess(p: Prepared): Promise<{ message?: string; plan?: Plan; ms: number }> {
  const cpu = process.cpuUsage();
  const took = () => {
    const used = process.cpuUsage(cpu);
    return Math.round((used.user + used.system) / 1000);
  };
  try {
    const options = parseArgs(p.argv, repo, p.cwd);
    options.build = false; // npm test builds lib first
    const plan = await preflight(options);
    return { plan, ms: took() };
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      return { message: error.message, ms: took() };
    }
    throw error;
  }
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  pids: number[];
  ms: number;
}

/** The real CLI, as `npm run reproduce` runs it (from the repository, INIT_CWD = where typed). */
function cli(argv: string[], cwd: string, pidLog: string): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/reproduce.ts", ...argv, "--no-build", "--pid-log", pidLog],
    { cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, INIT_CWD: cwd } },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      const pids = existsSync(pidLog)
        ? readFileSync(pidLog, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => Number(l.split(" ")[0]))
        : [];
      resolve({ code, stdout, stderr, pids, ms: Date.now() - started });
    });
  });
}

/** A refusal says where (file/line/column or option), what is wrong and what to do, in one line. */
function assertGoodRefusal(message: string, expect: { refused: RegExp; at: RegExp }): void {
  assert.match(message, expect.refused);
  assert.match(message, expect.at);
  assert.ok(!message.includes("\n"), `one line: ${message}`);
  assert.doesNotMatch(message, /\n\s+at |\bat .*\.[jt]s:\d+:\d+/, "no stack trace");
  // ("x is undefined" is English: a ratio over zero.)
  assert.doesNotMatch(message, /(?<!is )\bundefined\b|\[object /, "no undefined in the message");
  assert.ok(message.length < 700, `short: ${message.length} characters`);
  assert.match(
    message,
    /\b(give|write|save|use|choose|add|remove|leave|check|keep|fix|put|decompress|rename|set|open|move|declare|close|drop|supply|enter|see|do not|did you mean)\b/i,
    `says what to do: ${message}`,
  );
}

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "hostile-input-"));
  baseline = committed();
  // Load the library once, so that the per-case times measure the checks, not the import.
  await import("cplib");
});
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("hostile input: the catalogue", () => {
  it("has at least 60 cases, half of them files", () => {
    assert.ok(CASES.length >= 60, `${CASES.length} cases`);
    assert.ok(CASES.filter((c) => c.files?.["panel.csv"] !== undefined).length >= 30);
    assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, "names are unique");
  });

  for (const c of CASES) {
    it(c.name, async (t) => {
      const p = prepare(c);
      const filesBefore = listTree(p.dir);
      const outBefore = existsSync(p.out);
      const result = await inProcess(p);
      if ("refused" in c.expect) {
        assert.ok(result.message !== undefined, `refused (got the plan: ${result.plan?.summary})`);
        assertGoodRefusal(result.message, c.expect);
        assert.deepEqual(listTree(p.dir), filesBefore, "nothing written next to the input");
        assert.equal(existsSync(p.out), outBefore, "no output folder created");
        assert.ok(result.ms < (c.maxMs ?? 1000), `refused in ${result.ms} ms of CPU`);
      } else {
        assert.equal(result.message, undefined, "accepted");
        const n = c.expect.accepted;
        assert.match(result.plan?.summary ?? "", new RegExp(`\\(${n} city-years`));
        // The pre-flight writes nothing but the output folder's marker.
        const outDir = p.argv[p.argv.indexOf("--out") + 1];
        assert.ok(existsSync(path.join(outDir, OUTPUT_MARKER)));
        assert.deepEqual(badOutputs(outDir), []);
      }
      if (c.cli) {
        const run = await cli(p.argv, p.cwd, path.join(p.dir, "pids.log"));
        t.diagnostic(`CLI answered in ${run.ms} ms`);
        assert.equal(run.code, 2, run.stderr);
        assert.deepEqual(run.pids, [], "no kernel started");
        assert.equal(run.stdout, "");
        assert.equal(run.stderr, `reproduce: ${result.message}\n`, "the same one line");
        assert.equal(existsSync(p.out), outBefore, "no output folder created");
        // A guard against hangs only: the time is the machine's load as much as the command's.
        assert.ok(run.ms < 120_000, `the CLI refused in ${run.ms} ms`);
      }
      assert.deepEqual(committed(), baseline, "data/ and notebooks/ are byte-identical");
    });
  }
});

describe("hostile input: parameters and the post-steps (issue 11, item 5)", () => {
  it("every parameter of notebooks/ is honoured, ignored or refused by the post-steps", () => {
    const declared = new Set(
      readdirSync(NOTEBOOKS)
        .filter((f) => f.endsWith(".ipynb"))
        .flatMap((f) =>
          declaredParameters(readNotebook(path.join(NOTEBOOKS, f))).map((d) => d.name),
        ),
    );
    const lists = [
      POST_STEP_PARAMETERS.honoured,
      Object.keys(POST_STEP_PARAMETERS.ignored),
      Object.keys(POST_STEP_PARAMETERS.refused),
    ];
    for (const name of declared) {
      assert.equal(lists.filter((l) => l.includes(name)).length, 1, `${name} is classified once`);
    }
  });

  it("reads the types and defaults a parameters cell declares", () => {
    const decls = parseParameterCell(
      [
        "// Parameters",
        'let dataPath = "../data/x.csv"; // a comment',
        'let weighting: "entropy" | "equal" = "entropy";',
        "let dropCities: string[] = [];",
        "let split: Record<string, string[]> = {",
        '  North: ["A", "B"], // trailing comma',
        "};",
        "let alpha = 0.05, draws = 9_999;",
        "let computed = Math.max(1, 2);",
        "const fixed = 1;",
      ].join("\n"),
    );
    const byName = new Map(decls.map((d) => [d.name, d]));
    const type = (n: string) => describeType(byName.get(n)!.type);
    assert.equal(type("dataPath"), "string");
    assert.equal(type("weighting"), '"entropy" | "equal"');
    assert.equal(type("dropCities"), "string[]");
    assert.equal(type("split"), "Record<string, string[]>");
    assert.deepEqual({ ...(byName.get("split")!.value as object) }, { North: ["A", "B"] });
    assert.equal(byName.get("draws")!.value, 9999);
    assert.equal(type("computed"), "unknown");
    assert.equal(byName.get("fixed")!.keyword, "const");
    assert.equal(typeProblem("equal", byName.get("weighting")!.type), undefined);
    assert.match(typeProblem(["A", 2], byName.get("dropCities")!.type) ?? "", /at \[1\]/);
    assert.match(typeProblem(Infinity, byName.get("alpha")!.type) ?? "", /finite/);
  });

  it("a name a cell really declares is a parameter, even constructor or toString", async () => {
    const dir = path.join(scratch, "own-names");
    mkdirSync(dir, { recursive: true });
    const nb = JSON.parse(
      readFileSync(path.join(repo, "test", "fixtures", "notebooks", "params.ipynb"), "utf8"),
    );
    nb.cells[1].source = ["let constructor = 1;\n", 'let toString = "x";\n'];
    writeFileSync(path.join(dir, "own.ipynb"), JSON.stringify(nb));
    const out = path.join(scratch, "own-names-out");
    const run = (args: string[]) =>
      inProcess({
        dir,
        out,
        argv: [...args, "--notebooks", dir, "--out", out],
        cwd: dir,
      });
    const accepted = await run(["-p", "constructor=2"]);
    assert.equal(accepted.message, undefined);
    assert.equal(accepted.plan?.overrides.constructor, 2);
    assert.match(
      (await run(["-p", "toString=3"])).message ?? "",
      /-p toString: expected a string, got 3/,
    );
    assert.match((await run(["-p", "valueOf=3"])).message ?? "", /no notebook assigns "valueOf"/);
  });

  it("-p weighting=equal reaches results.json: Table 3's CO row differs from the default", async () => {
    const p = prepare({
      name: "item 5",
      args: ["-p", "weighting=equal"],
      expect: { accepted: 110 },
    });
    const { plan } = await inProcess(p);
    assert.ok(plan);
    const data = path.join(DATA, "zhejiang_panel.csv");
    const byId = (entries: ResultEntry[]) => new Map(entries.map((e) => [e.id, e.reproduced]));
    const equal = byId(computeResults(data, resultsOptions(plan.params)));
    const entropy = byId(computeResults(data, resultsOptions({})));
    for (const stat of ["mean", "sd", "max"]) {
      assert.notEqual(equal.get(`T3.CO.${stat}`), entropy.get(`T3.CO.${stat}`), stat);
    }
    assert.equal(equal.get("T3.UIS.mean"), entropy.get("T3.UIS.mean"), "UIS is no index");
  });
});

describe("hostile input: accepted end to end (a real kernel, one notebook)", () => {
  /** Runs the CLI; checks exit 0, kernels gone, committed files intact, no NaN in outputs. */
  async function accepted(args: string[], files: Record<string, string | Buffer> = {}) {
    const p = prepare({ name: "end to end", files, args, expect: { accepted: 0 } });
    const run = await cli(p.argv, p.cwd, path.join(p.dir, "pids.log"));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.pids.length, 1, "one kernel for one notebook");
    for (let i = 0; i < 50 && run.pids.some(alive); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(run.pids.filter(alive), [], "no kernel left");
    assert.deepEqual(committed(), baseline, "data/ and notebooks/ are byte-identical");
    assert.deepEqual(badOutputs(p.out), [], "no NaN, Infinity or undefined in the outputs");
    const results = JSON.parse(
      readFileSync(path.join(p.out, "results.json"), "utf8"),
    ) as ResultEntry[];
    return { run, p, results: new Map(results.map((e) => [e.id, e.reproduced])) };
  }

  it(
    "a spreadsheet export (BOM, CRLF, quoted numbers, empty rows and column, no Hangzhou) " +
      "with -p weighting=equal: N = 100, and results.json and tables/ have equal weights",
    { timeout: 300_000 },
    async () => {
      const rows = ROWS.filter((r) => r[0] !== "Hangzhou").map((r) => [
        ...r.map((c) => `"${c}"`),
        "",
      ]);
      const text = `\ufeff${csv(rows, [...HEADER, ""], "\r\n")}${",".repeat(28)}\r\n\r\n`;
      const { results, p, run } = await accepted(
        ["--data", "{dir}/export.csv", "-p", "weighting=equal", "--only", "02"],
        { "export.csv": text },
      );
      assert.match(run.stdout, /\(100 city-years: 10 cities × 10 years\)/);
      assert.equal(results.get("T3.CO.n"), 100);
      const nb = readNotebook(path.join(p.out, "notebooks", "02-descriptives.ipynb"));
      assert.ok(
        nb.cells.some((c) => /weighting = "equal"/.test(c.source)),
        "injected",
      );
      assert.match(shownText(path.join(p.out, "notebooks", "02-descriptives.ipynb")), /\b100\b/);
      // The same panel with the notebooks' default (entropy) weights gives another Table 3 CO row.
      const entropy = new Map(
        computeResults(path.join(p.dir, "export.csv")).map((e) => [e.id, e.reproduced]),
      );
      assert.equal(entropy.get("T3.CO.n"), 100);
      for (const stat of ["mean", "sd", "max"]) {
        assert.notEqual(results.get(`T3.CO.${stat}`), entropy.get(`T3.CO.${stat}`), stat);
      }
      const table3 = readFileSync(path.join(p.out, "tables", "table3.csv"), "utf8");
      const mean = (entropy.get("T3.CO.mean") as number).toFixed(3);
      assert.doesNotMatch(table3, new RegExp(`^Common Prosperity \\(CO\\),100,${mean},`, "m"));
      assert.match(table3, /^Common Prosperity \(CO\),100,/m);
    },
  );
});
