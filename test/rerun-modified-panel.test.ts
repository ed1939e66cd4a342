/**
 * Re-running the reproduction on a modified panel (issue 5, "Done when"): a re-runner removes a
 * city's rows or changes an indicator and runs `npm run reproduce -- --data FILE --out DIR`.
 * Every notebook must execute, `DIR/results.json` and `DIR/tables/` must show the new N and the
 * new estimates, and the committed notebooks must be left untouched.
 *
 * The modified panels are built at test time from data/zhejiang_panel.csv (never committed
 * copies) in a fresh temporary folder with no codebook.json beside them, as a re-runner's file
 * would be. The fast tests call the post-steps in-process; the last test spawns the whole run
 * (all notebooks on tslab kernels, about 30–60 s).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { parse } from "csv-parse/sync";
import { DataError } from "cplib";
import { buildVariables } from "cplib";
import { loadPanel } from "cplib";
import { formatFixed, matchesPublished } from "cplib";
import { computeResults, type ResultEntry } from "../scripts/steps/10-results";
import { paperTables } from "../scripts/steps/30-tables";
import { toCsv } from "cplib";

const ROOT = path.resolve(__dirname, "..");
const PANEL = path.join(ROOT, "data", "zhejiang_panel.csv");
const CODEBOOK = path.join(ROOT, "data", "codebook.json");
const NOTEBOOKS = path.join(ROOT, "notebooks");

/** The indicator perturbed, the factor, and the (0-based) data rows it is applied to. */
const PERTURBED_COLUMN = "st_expenditure";
const PERTURBED_ROWS = [2, 16, 24, 39, 65, 87, 100];
const FACTOR = 1.1;

let scratch: string;
let noHangzhou: string;
let perturbed: string;
let baseline: Map<string, ResultEntry>;

/** The committed panel as header + rows of cells. */
function readPanel(): { header: string[]; rows: string[][] } {
  const records = parse(readFileSync(PANEL, "utf8"), { skip_empty_lines: true }) as string[][];
  return { header: records[0], rows: records.slice(1) };
}

/** Writes header + rows as CSV into a fresh folder of the scratch space (no codebook beside it). */
function writePanel(name: string, header: string[], rows: string[][]): string {
  const dir = mkdtempSync(path.join(scratch, `${name}-`));
  const file = path.join(dir, `${name}.csv`);
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  writeFileSync(file, [header, ...rows].map((r) => r.map(quote).join(",")).join("\n") + "\n");
  return file;
}

function byId(entries: ResultEntry[]): Map<string, ResultEntry> {
  return new Map(entries.map((e) => [e.id, e]));
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function committedNotebooks(): string[] {
  return readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
}

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "rerun-modified-panel-"));
  const { header, rows } = readPanel();
  const city = header.indexOf("city");
  const hangzhou = rows.filter((r) => r[city] === "Hangzhou").length;
  assert.equal(hangzhou, 10, "the committed panel has Hangzhou's 10 rows to remove");
  noHangzhou = writePanel(
    "no-hangzhou",
    header,
    rows.filter((r) => r[city] !== "Hangzhou"),
  );

  const j = header.indexOf(PERTURBED_COLUMN);
  assert.ok(j >= 0, `the panel has a column ${PERTURBED_COLUMN}`);
  const changed = rows.map((r) => [...r]);
  for (const i of PERTURBED_ROWS) {
    assert.notEqual(changed[i][j], "", `row ${i} has a value of ${PERTURBED_COLUMN} to perturb`);
    changed[i][j] = String(Math.round(Number(changed[i][j]) * FACTOR)); // a count-like integer
  }
  perturbed = writePanel("perturbed", header, changed);
  baseline = byId(computeResults(PANEL));
});

after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test("a panel without Hangzhou loads: 100 rows of the 10 other cities", () => {
  const panel = loadPanel(noHangzhou, CODEBOOK);
  assert.equal(panel.rows.length, 100);
  assert.equal(panel.cities.length, 10);
  assert.ok(!panel.cities.includes("Hangzhou"));
  assert.equal(panel.cities[0], "Ningbo", "the paper's city order is kept");
  assert.equal(panel.years.length, 10);
  // Dropping a city the panel already leaves out is a no-op, not an "unknown city".
  const all = buildVariables(panel).frame;
  const dropped = buildVariables(panel, { dropCities: ["Hangzhou"] }).frame;
  assert.deepEqual(dropped.CO, all.CO);
  assert.throws(() => buildVariables(panel, { dropCities: ["Hangzou"] }), /unknown city "Hangzou"/);
});

test("results without Hangzhou: the new N, new estimates, match only where they round", () => {
  const results = computeResults(noHangzhou);
  const got = byId(results);
  assert.equal(results.length, baseline.size);
  for (const v of ["CO", "NQP", "TRADE", "UIS", "GOV", "RCY"]) {
    assert.equal(got.get(`T3.${v}.n`)?.reproduced, 100, `T3.${v}.n`);
    assert.equal(got.get(`T3.${v}.n`)?.match, false, `T3.${v}.n is printed as 110`);
  }
  for (let k = 1; k <= 6; k++) assert.equal(got.get(`T5.m${k}.n`)?.reproduced, 100);
  // Hangzhou is a Northeast city (§3.3): 60 → 50 there, the Southwest keeps its 50.
  assert.equal(got.get("T6.northeast.n")?.reproduced, 50);
  assert.equal(got.get("T6.northeast.n")?.match, false);
  assert.equal(got.get("T6.southwest.n")?.reproduced, 50);
  assert.equal(got.get("T6.southwest.n")?.match, true);

  const coefficients = results.filter((e) => e.id.endsWith(".coef"));
  const moved = coefficients.filter(
    (e) => Math.abs(e.reproduced - (baseline.get(e.id) as ResultEntry).reproduced) > 1e-9,
  );
  assert.ok(moved.length > 0, "at least one coefficient differs from the committed panel's");
  assert.notEqual(
    got.get("T5.m6.NQP.coef")?.reproduced,
    baseline.get("T5.m6.NQP.coef")?.reproduced,
  );
  for (const e of results) {
    assert.ok(Number.isFinite(e.reproduced), `${e.id} is a finite number`);
    assert.equal(
      e.match,
      matchesPublished(e.reproduced, e.published),
      `${e.id}: match says whether ${e.reproduced} rounds to ${e.published}`,
    );
  }
  assert.ok(
    results.some((e) => !e.match && formatFixed(e.reproduced, e.decimals) !== e.published),
    "some printed numbers are no longer reproduced",
  );
});

test("Tables 3 and 6 without Hangzhou print N = 100 and N = 50", () => {
  const { frame } = buildVariables(loadPanel(noHangzhou, CODEBOOK));
  const tables = new Map(paperTables(frame).map((t) => [t.stem, toCsv(t.table)]));
  const table3 = tables.get("table3") as string;
  assert.match(table3, /^Common Prosperity \(CO\),100,/m);
  assert.doesNotMatch(table3, /,110,/);
  assert.match(tables.get("table5") as string, /^N,100,100,100,100,100,100$/m);
  assert.match(tables.get("table6") as string, /^N,50,50$/m);
});

test("one indicator perturbed: N unchanged, NQP's estimates move, UIS (real data) does not", () => {
  const got = byId(computeResults(perturbed));
  assert.equal(got.get("T3.CO.n")?.reproduced, 110);
  assert.equal(got.get("T6.northeast.n")?.reproduced, 60);
  // st_expenditure enters NQP (Table 2), so NQP and every model with it change …
  for (const id of ["T3.NQP.mean", "T5.m1.NQP.coef", "T5.m6.NQP.coef", "T6.northeast.NQP.coef"]) {
    assert.notEqual(got.get(id)?.reproduced, baseline.get(id)?.reproduced, `${id} moves`);
  }
  // … while UIS = tertiary / secondary value added does not depend on it.
  for (const id of ["T3.UIS.mean", "T3.UIS.sd", "T3.UIS.min", "T3.UIS.max"]) {
    assert.equal(got.get(id)?.reproduced, baseline.get(id)?.reproduced, `${id} stays`);
  }
  const m = got.get("T5.m6.NQP.coef") as ResultEntry;
  assert.equal(m.match, matchesPublished(m.reproduced, m.published));
});

test("a panel without any Southwest city stops at Table 6 with a DataError saying why", () => {
  const { header, rows } = readPanel();
  const region = header.indexOf("region");
  const file = writePanel(
    "northeast-only",
    header,
    rows.filter((r) => r[region] === "Northeast"),
  );
  assert.throws(
    () => computeResults(file),
    (e: unknown) =>
      e instanceof DataError &&
      /T6\.southwest\..*no city-year in region "southwest" \(regions present: Northeast\)/.test(
        e.message,
      ) &&
      /keep at least one city of each region/.test(e.message),
  );
});

/**
 * Every output text (stream text and text/plain, text/markdown, text/html data) of a notebook,
 * its error outputs, and the source of its injected-parameters cell ("" if it has none).
 */
function outputsText(file: string): { text: string; errors: string[]; injected: string } {
  type Output = {
    output_type: string;
    text?: string | string[];
    data?: Record<string, unknown>;
    ename?: string;
    evalue?: string;
  };
  const nb = JSON.parse(readFileSync(file, "utf8")) as {
    cells: {
      cell_type: string;
      source: string | string[];
      metadata: { tags?: string[] };
      outputs?: Output[];
    }[];
  };
  const join = (x: unknown) => (Array.isArray(x) ? x.join("") : typeof x === "string" ? x : "");
  let text = "";
  let injected = "";
  const errors: string[] = [];
  for (const cell of nb.cells) {
    if (cell.metadata.tags?.includes("injected-parameters")) injected += join(cell.source);
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") errors.push(`${o.ename}: ${o.evalue}`);
      text += join(o.text);
      for (const mime of ["text/plain", "text/markdown", "text/html"]) text += join(o.data?.[mime]);
    }
  }
  return { text, errors, injected };
}

test(
  "npm run reproduce -- --data <panel without Hangzhou> --out DIR runs every notebook",
  { timeout: 600_000 },
  async () => {
    const names = committedNotebooks();
    const hashesBefore = names.map((n) => sha256(path.join(NOTEBOOKS, n)));
    const out = path.join(scratch, "out");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/reproduce.ts", "--data", noHangzhou, "--out", out],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, INIT_CWD: ROOT } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, `reproduce failed:\n${stdout}\n${stderr}`);

    // The committed notebooks are byte for byte what they were.
    assert.deepEqual(
      names.map((n) => sha256(path.join(NOTEBOOKS, n))),
      hashesBefore,
      "the committed notebooks were not touched",
    );

    // Every notebook was executed on the new panel into DIR/notebooks/, without an error output.
    let all = "";
    let reading = 0;
    for (const name of names) {
      const file = path.join(out, "notebooks", name);
      assert.ok(existsSync(file), `${name} was executed into ${path.dirname(file)}`);
      const { text, errors, injected } = outputsText(file);
      assert.deepEqual(errors, [], `${name} has no error output`);
      if (injected !== "") {
        assert.ok(injected.includes(JSON.stringify(noHangzhou)), `${name} reads the new panel`);
        reading += 1;
      }
      all += text;
    }
    assert.ok(reading >= 6, `the notebooks that read a panel got the new one (${reading})`);
    assert.match(all, /\b100 (city-years|rows|observations)\b/, "the notebooks show N = 100");
    assert.doesNotMatch(all, /\b110 (city-years|rows|observations)\b/);

    const results = byId(JSON.parse(readFileSync(path.join(out, "results.json"), "utf8")));
    assert.equal(results.get("T3.CO.n")?.reproduced, 100);
    assert.equal(results.get("T3.CO.n")?.match, false);
    assert.equal(results.get("T5.m6.n")?.reproduced, 100);
    assert.equal(results.get("T6.northeast.n")?.reproduced, 50);
    assert.ok(
      [...results.values()].some(
        (e) =>
          e.id.endsWith(".coef") && e.reproduced !== (baseline.get(e.id) as ResultEntry).reproduced,
      ),
      "results.json has new coefficients",
    );

    const tables = path.join(out, "tables");
    assert.match(
      readFileSync(path.join(tables, "table3.csv"), "utf8"),
      /^Common Prosperity \(CO\),100,/m,
    );
    assert.match(readFileSync(path.join(tables, "table6.csv"), "utf8"), /^N,50,50$/m);
    assert.match(
      readFileSync(path.join(tables, "robustness-inference.md"), "utf8"),
      /inference with 10 city clusters/,
    );
  },
);
