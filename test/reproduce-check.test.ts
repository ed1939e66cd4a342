/**
 * `npm run reproduce -- --check` on notebooks that a front end saved.
 *
 * test/fixtures/check/jupyterlab-4.6-saved.ipynb is test/fixtures/check/source.ipynb as
 * JupyterLab 4.6.4 wrote it after Run All, with the Python plotly package 7.1.0
 * (jupyterlab-plotly) installed and "Record cell timing" on. What JupyterLab added or changed,
 * compared with the headless runner's output: an `image/png` beside every
 * `application/vnd.plotly.v1+json` output, `metadata.execution` timings in every code cell,
 * `metadata.language_info`, and stream text with carriage returns applied ("10%\r50%\r100%\n"
 * saved as "100%\n"). The unit tests pin how the comparison treats each of these (and that real
 * changes are still caught, in a readable report); the end-to-end test executes the fixture,
 * grafts onto the result exactly what JupyterLab added to the fixture, and runs --check.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { compareNotebooks, terminalText } from "../scripts/runner/check";
import {
  parseNotebook,
  readNotebook,
  serializeNotebook,
  type Notebook,
  type Output,
} from "../scripts/runner/notebook";

const repo = path.resolve(__dirname, "..");
const fixtures = path.join(repo, "test", "fixtures", "check");
const saved = () => readNotebook(path.join(fixtures, "jupyterlab-4.6-saved.ipynb"));
const clone = (nb: Notebook): Notebook => parseNotebook(serializeNotebook(nb), "clone");
type Bundle = Extract<Output, { data: unknown }>;
const bundles = (nb: Notebook): Bundle[] =>
  nb.cells.flatMap((c) => (c.outputs ?? []).filter((o): o is Bundle => "data" in o));

describe("--check comparison (unit)", () => {
  it("the fixture has what JupyterLab adds: png beside plotly, timings, CR-processed streams", () => {
    const nb = saved();
    const plot = bundles(nb).find((o) => "application/vnd.plotly.v1+json" in o.data);
    assert.ok(plot && typeof plot.data["image/png"] === "string");
    assert.ok(nb.cells.filter((c) => c.cell_type === "code").every((c) => c.metadata.execution));
    const stream = nb.cells[2].outputs?.[0] as Extract<Output, { output_type: "stream" }>;
    assert.equal(stream.text, "100%\ndone\n");
  });

  it("ignores a static image beside an interactive output, metadata, ids and counts", () => {
    const fresh = clone(saved());
    for (const o of bundles(fresh)) delete o.data["image/png"];
    for (const c of fresh.cells) {
      c.metadata = {};
      c.execution_count = c.cell_type === "code" ? 99 : c.execution_count;
    }
    fresh.metadata = { widgets: { "application/vnd.jupyter.widget-state+json": {} } };
    (fresh.cells[2].outputs?.[0] as { text: string }).text = "10%\r50%\r100%\ndone\n";
    assert.deepEqual(compareNotebooks("nb", saved(), fresh), []);
    assert.deepEqual(compareNotebooks("nb", fresh, saved()), [], "either side may have it");
  });

  it("still compares images that stand alone, and an interactive output that changed", () => {
    const a = clone(saved());
    const b = clone(saved());
    const plot = bundles(b).find((o) => "application/vnd.plotly.v1+json" in o.data) as Bundle;
    // a lone image output that disappears is a difference
    a.cells[3].outputs?.push({
      output_type: "display_data",
      data: { "image/png": "AAAA", "text/plain": "img" },
      metadata: {},
    });
    const lone = compareNotebooks("nb", a, clone(saved()));
    assert.equal(lone.length, 1);
    assert.match(
      lone[0].patch,
      /output 3 \(3 committed, 2 in the fresh run\): only in the committed notebook/,
    );
    // the figure itself is compared
    (plot.data["application/vnd.plotly.v1+json"] as { data: { y: number[] }[] }).data[0].y = [1, 3];
    const changed = compareNotebooks("nb", saved(), b);
    assert.equal(changed.length, 1);
    assert.match(changed[0].patch, /application\/vnd\.plotly\.v1\+json/);
  });

  it("prints which notebook, cell and output differ, and cuts long lines at the difference", () => {
    const a = clone(saved());
    const b = clone(saved());
    const plot = bundles(b).find((o) => "application/vnd.plotly.v1+json" in o.data) as Bundle;
    // a one-line change deep inside a very long line of the HTML fallback (the figure JSON)
    const html = plot.data["text/html"] as string;
    plot.data["text/html"] = html.replace('"Fixture chart"', '"Fixture chart, changed"');
    const diff = compareNotebooks("fixture", a, b);
    assert.equal(diff.length, 1);
    assert.equal(diff[0].cellNumber, 2);
    const report = diff[0].patch;
    assert.match(
      report,
      /^── fixture, cell 2 \(id check-1: `import \{ showPlot, showTable \} from "cplib";`\), output 1 \[display_data: /m,
    );
    assert.match(report, /^-.*"Fixture chart"/m);
    assert.match(report, /^\+.*"Fixture chart, changed"/m);
    assert.match(report, /output 1 \[display_data: text\/html\]$/m, "names only what differs");
    assert.match(report, /…\(\d+ chars\)…/, "the unchanged start of the long line is elided");
    for (const line of report.split("\n")) {
      assert.ok(
        line.length <= 260,
        `a report line of ${line.length} characters: ${line.slice(0, 80)}…`,
      );
    }
  });

  it("shows at most 60 diff lines per output and counts the rest", () => {
    const a = clone(saved());
    const b = clone(saved());
    const lines = (k: number) => Array.from({ length: 200 }, (_, i) => `line ${i} ${k}\n`).join("");
    a.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: lines(1) }];
    b.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: lines(2) }];
    const report = compareNotebooks("nb", a, b)[0].patch;
    assert.match(report, /^… \d+ more diff lines in this output$/m);
    assert.ok(report.split("\n").length < 70);
  });

  it("terminalText applies carriage returns and backspaces as a terminal does", () => {
    assert.equal(terminalText("10%\r50%\r100%\r\ndone\n"), "100%\ndone\n");
    assert.equal(terminalText("abc\b\bd\n"), "ad\n");
    assert.equal(terminalText("plain\n"), "plain\n");
  });
});

describe("--check on a notebook JupyterLab saved (end to end, real tslab kernel)", () => {
  let dir: string;
  before(() => {
    // under the repository, so that the kernel resolves "cplib" from node_modules
    mkdirSync(path.join(repo, "output"), { recursive: true });
    dir = mkdtempSync(path.join(repo, "output", "check-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const reproduce = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/reproduce.ts",
        "--notebooks",
        dir,
        "--no-build",
        "--steps",
        path.join(dir, "no-steps"),
        ...args,
      ],
      { cwd: repo, encoding: "utf8", timeout: 120_000 },
    );

  it("passes after JupyterLab's additions, and reports a real change readably", () => {
    mkdirSync(path.join(dir, "no-steps"));
    const file = path.join(dir, "frontend.ipynb");
    copyFileSync(path.join(fixtures, "source.ipynb"), file);
    const run = reproduce();
    assert.equal(run.status, 0, run.stdout + run.stderr);

    // Save it "as JupyterLab did": graft every MIME type, cell metadata and stream text that
    // JupyterLab's copy of the fixture has and the runner's does not.
    const nb = readNotebook(file);
    const lab = saved();
    let grafted = 0;
    nb.cells.forEach((cell, i) => {
      cell.metadata = { ...cell.metadata, ...lab.cells[i].metadata };
      (cell.outputs ?? []).forEach((o, j) => {
        const theirs = lab.cells[i].outputs?.[j];
        if ("data" in o && theirs && "data" in theirs) {
          for (const [mime, value] of Object.entries(theirs.data)) {
            if (!(mime in o.data)) {
              o.data[mime] = value;
              grafted++;
            }
          }
        }
        if (o.output_type === "stream" && theirs?.output_type === "stream") o.text = theirs.text;
      });
    });
    nb.metadata = { ...nb.metadata, ...lab.metadata };
    assert.equal(grafted, 1, "JupyterLab added one image/png");
    writeFileSync(file, serializeNotebook(nb));
    const check = reproduce("--check");
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /check passed/);

    // A real change is still caught, and the report says where.
    writeFileSync(file, readFileSync(file, "utf8").replace("0.123", "0.124"));
    const caught = reproduce("--check");
    assert.equal(caught.status, 1, caught.stdout + caught.stderr);
    assert.match(
      caught.stdout,
      /frontend\.ipynb: the committed outputs differ from a fresh run in cell 4/,
    );
    assert.match(caught.stdout, /── frontend, cell 4 \(id check-3: `showTable/);
    assert.match(caught.stdout, /^-<td>0\.124<\/td>/m);
    assert.match(caught.stdout, /^\+<td>0\.123<\/td>/m);
  });
});
