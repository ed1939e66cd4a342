// loadPanel: a well-formed panel loads sorted and typed; every malformed panel stops with a
// DataError naming the file, the line and the column; nothing is written into data/.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadCodebook } from "cplib";
import { DataError } from "cplib";
import { loadPanel } from "cplib";
import { SyntheticCsv, col, syntheticPanel, writeCsv } from "./support/synthetic-panel";

const ROOT = join(__dirname, "..");
const DATA = join(ROOT, "data");
const codebook = loadCodebook(join(DATA, "codebook.json"));
const written: string[] = [];

/** Snapshot of data/: every file with its size and modification time. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.push(`${p}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}
let dataBefore: string[] = [];
before(() => {
  dataBefore = snapshot(DATA);
});
after(() => {
  for (const p of written) rmSync(dirname(p), { recursive: true, force: true });
});

function fresh(): SyntheticCsv {
  return syntheticPanel(codebook);
}
function write(csv: SyntheticCsv): string {
  const p = writeCsv(csv);
  written.push(p);
  return p;
}

/** Asserts loadPanel fails with a DataError naming file, line and column. */
function assertFails(csv: SyntheticCsv, line: number, column: string, problem: RegExp): void {
  const path = write(csv);
  assert.throws(
    () => loadPanel(path, codebook),
    (e: unknown) => {
      assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
      assert.equal(e.where.file, path);
      assert.equal(e.where.line, line, e.message);
      assert.equal(e.where.column, column, e.message);
      assert.ok(e.message.includes(path), e.message);
      assert.ok(e.message.includes(`line ${line}`), e.message);
      assert.ok(e.message.includes(`column "${column}"`), e.message);
      assert.match(e.message, problem);
      assert.ok(e.where.hint && e.where.hint.length > 10, "says what to do");
      return true;
    },
  );
}

test("a well-formed panel loads, sorted by the paper's city order then year", () => {
  const csv = fresh();
  csv.rows.reverse(); // file order must not matter
  const gdp = col(csv, "gdp");
  csv.rows[5][gdp] = ""; // an empty cell is allowed and reported
  const lineOfEmpty = 5 + 2;
  const emptyCity = csv.rows[5][0];
  const emptyYear = Number(csv.rows[5][1]);
  const panel = loadPanel(write(csv), codebook);
  assert.equal(panel.rows.length, 110);
  assert.deepEqual(
    [...new Set(panel.rows.map((r) => r.city))],
    codebook.cities.map((c) => c.name),
  );
  assert.deepEqual(
    panel.rows.slice(0, 10).map((r) => r.year),
    [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023],
  );
  assert.equal(panel.rows[0].city, "Hangzhou");
  assert.equal(panel.rows[109].city, "Lishui");
  assert.deepEqual(panel.missing, [
    { city: emptyCity, year: emptyYear, column: "gdp", line: lineOfEmpty },
  ]);
  const row = panel.rows.find((r) => r.city === emptyCity && r.year === emptyYear);
  assert.equal(row?.values.gdp, null);
  assert.equal(typeof panel.rows[0].values.population, "number");
  assert.deepEqual(panel.extraColumns, []);
});

test("the codebook next to the panel is used when none is passed", () => {
  // data/zhejiang_panel.csv sits next to data/codebook.json; a temp file does not.
  const path = write(fresh());
  assert.throws(() => loadPanel(path), /no codebook given/);
});

test("missing column → line 1 and that column", () => {
  const csv = fresh();
  const i = col(csv, "patents_granted");
  csv.header.splice(i, 1);
  for (const r of csv.rows) r.splice(i, 1);
  assertFails(csv, 1, "patents_granted", /missing column "patents_granted"/);
});

test("missing region column → line 1", () => {
  const csv = fresh();
  const i = col(csv, "region");
  csv.header.splice(i, 1);
  for (const r of csv.rows) r.splice(i, 1);
  assertFails(csv, 1, "region", /missing column "region"/);
});

test("duplicate city-year → the second line, column year", () => {
  const csv = fresh();
  csv.rows[3] = [...csv.rows[2]];
  assertFails(csv, 5, "year", /Hangzhou 2016 appears twice \(first on line 4\)/);
});

test("unknown city → its line, column city", () => {
  const csv = fresh();
  csv.rows[40][0] = "Hangzou";
  assertFails(csv, 42, "city", /unknown city "Hangzou"/);
});

test("wrong region for a city → its line, column region", () => {
  const csv = fresh();
  csv.rows[12][col(csv, "region")] = "Southwest"; // Ningbo is Northeast
  assertFails(csv, 14, "region", /Ningbo is in region "Northeast"/);
});

test("text in a number column → its line and column", () => {
  const csv = fresh();
  csv.rows[20][col(csv, "exports")] = "n/a";
  assertFails(csv, 22, "exports", /"n\/a" is not a number/);
  const csv2 = fresh();
  csv2.rows[21][col(csv2, "avg_wage")] = '"61,234"'; // a thousands separator
  assertFails(csv2, 23, "avg_wage", /is not a number/);
});

test("a negative count or amount → its line and column", () => {
  const csv = fresh();
  csv.rows[30][col(csv, "patents_granted")] = "-12";
  assertFails(csv, 32, "patents_granted", /negative value -12 \(a count cannot be negative\)/);
  const csv2 = fresh();
  csv2.rows[31][col(csv2, "fiscal_expenditure")] = "-3.50";
  assertFails(csv2, 33, "fiscal_expenditure", /negative value/);
});

test("a fractional count → its line and column", () => {
  const csv = fresh();
  csv.rows[50][col(csv, "higher_ed_institutions")] = "12.5";
  assertFails(csv, 52, "higher_ed_institutions", /not a whole number.*count/);
});

test("a whole series missing for a city → the city's first line, that column", () => {
  const csv = fresh();
  const i = col(csv, "telecom_revenue");
  csv.rows.forEach((r) => {
    if (r[0] === "Quzhou") r[i] = "";
  });
  const firstQuzhou = csv.rows.findIndex((r) => r[0] === "Quzhou") + 2;
  assertFails(
    csv,
    firstQuzhou,
    "telecom_revenue",
    /whole telecom_revenue series of Quzhou is empty/,
  );
});

test("year outside the range, or not a year → its line, column year", () => {
  const csv = fresh();
  csv.rows[9][1] = "2024";
  assertFails(csv, 11, "year", /year 2024 is outside 2014–2023/);
  const csv2 = fresh();
  csv2.rows[9][1] = "2023.5";
  assertFails(csv2, 11, "year", /not a whole number/);
});

test("a missing city-year row names the city and year", () => {
  const csv = fresh();
  csv.rows.splice(15, 1); // Ningbo 2019
  const path = write(csv);
  assert.throws(
    () => loadPanel(path, codebook),
    (e: unknown) =>
      e instanceof DataError &&
      e.where.city === "Ningbo" &&
      e.where.year === 2019 &&
      e.message.includes(path),
  );
});

test("a panel may hold any subset of the cities; they keep the paper's order", () => {
  const csv = fresh();
  csv.rows = csv.rows.filter((r) => r[0] !== "Hangzhou" && r[0] !== "Quzhou");
  csv.rows.reverse();
  const panel = loadPanel(write(csv), codebook);
  assert.equal(panel.rows.length, 90);
  assert.deepEqual(
    panel.cities,
    codebook.cities.map((c) => c.name).filter((c) => c !== "Hangzhou" && c !== "Quzhou"),
  );
  assert.deepEqual([...new Set(panel.rows.map((r) => r.city))], panel.cities);
  assert.equal(panel.years.length, 10);
  const one = fresh();
  one.rows = one.rows.filter((r) => r[0] === "Lishui");
  assert.deepEqual(loadPanel(write(one), codebook).cities, ["Lishui"]);
});

test("a city that is present needs every year: the error points at its nearest row", () => {
  const csv = fresh();
  csv.rows = csv.rows.filter((r) => r[0] !== "Hangzhou"); // Ningbo now starts on line 2
  csv.rows.splice(5, 1); // Ningbo 2019; Ningbo 2018 stays on line 6
  assertFails(
    csv,
    6,
    "year",
    /no row for Ningbo 2019 \(the nearest row of Ningbo is 2018, on line 6\)/,
  );
  const first = fresh();
  first.rows.splice(0, 1); // Hangzhou 2014; Hangzhou 2015 is now on line 2
  assertFails(first, 2, "year", /no row for Hangzhou 2014/);
});

test("a panel with a header and no rows → line 1", () => {
  assertFails({ header: fresh().header, rows: [] }, 1, "city", /the panel has no rows/);
});

test("a ragged line names its line and the first column without a cell", () => {
  assertFails(
    { header: fresh().header, rows: [["Hangzhou", "2014"]] },
    2,
    "region",
    /this line has 2 cells but the header has 28: no cell for columns "region", "gdp"/,
  );
});

test("nothing was written into data/", () => {
  assert.deepEqual(snapshot(DATA), dataBefore);
});
