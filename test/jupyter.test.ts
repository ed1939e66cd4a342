/**
 * The kernelspec really works in Jupyter: `npm run kernel -- --prefix <tmp>` installs it, and
 * `jupyter nbconvert --execute` (nbclient, from Debian's packages) runs a fixture notebook that
 * imports cplib with it. Also checks that what the headless runner writes is a valid nbformat
 * 4.5 notebook, byte for byte what nbformat itself writes.
 *
 * Skips only when Jupyter is absent and not in CI; in CI (`CI` set) it must run (.ci/run
 * installs jupyter-nbconvert, python3-nbclient and jupyter-client).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

const repo = path.resolve(__dirname, "..");
const fixtures = path.join(repo, "test", "fixtures", "notebooks");
const hasJupyter = spawnSync("jupyter", ["--version"], { stdio: "ignore" }).status === 0;
const skip =
  !hasJupyter && !process.env.CI
    ? "jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client); in CI this test runs"
    : false;

/** The Python that has nbformat: the one `jupyter` runs on. */
function pythonWithNbformat(): string {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(candidate, ["-c", "import nbformat"], { stdio: "ignore" }).status === 0) {
      return candidate;
    }
  }
  throw new Error("no python3 with nbformat found next to jupyter");
}

describe("real Jupyter", { skip }, () => {
  let scratch: string;
  let jupyterPath: string;
  before(() => {
    assert.ok(
      hasJupyter,
      "CI is set but `jupyter` is not on PATH: .ci/run installs jupyter-nbconvert, python3-nbclient and jupyter-client",
    );
    scratch = mkdtempSync(path.join(tmpdir(), "jupyter-test-"));
    const prefix = path.join(scratch, "prefix");
    const install = spawnSync("npm", ["run", "--silent", "kernel", "--", "--prefix", prefix], {
      cwd: repo,
      encoding: "utf8",
    });
    assert.equal(
      install.status,
      0,
      `npm run kernel failed: ${install.error ?? ""}${install.stdout}${install.stderr}`,
    );
    jupyterPath = path.join(prefix, "share", "jupyter");
    assert.ok(existsSync(path.join(jupyterPath, "kernels", "tslab", "kernel.json")));
    assert.match(install.stdout, /jupyter kernelspec list finds it: tslab/);
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("executes a notebook that imports cplib with the installed kernelspec", () => {
    assert.ok(existsSync(path.join(repo, "lib", "dist", "index.js")), "run `npm run build` first");
    const outDir = path.join(scratch, "nbconvert");
    const run = spawnSync(
      "jupyter",
      [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.kernel_name=tslab",
        "--ExecutePreprocessor.timeout=120",
        "--output-dir",
        outDir,
        path.join(fixtures, "cplib.ipynb"),
      ],
      { cwd: repo, encoding: "utf8", env: { ...process.env, JUPYTER_PATH: jupyterPath } },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const nb = JSON.parse(readFileSync(path.join(outDir, "cplib.ipynb"), "utf8"));
    const code = nb.cells.find((c: { cell_type: string }) => c.cell_type === "code");
    const text = code.outputs.map((o: { text?: string[] }) => (o.text ?? []).join("")).join("");
    assert.equal(text, 'panel.csv, line 12, column "gdp": value is not a number.\n');
  });

  it("the headless runner writes valid nbformat 4.5, byte-identical to nbformat.writes", () => {
    const out = path.join(scratch, "runner");
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/reproduce.ts",
        "--notebooks",
        fixtures,
        "--only",
        "ok",
        "--out",
        out,
        "--no-build",
        "--steps",
        path.join(scratch, "no-steps"),
      ],
      { cwd: repo, encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const file = path.join(out, "notebooks", "ok.ipynb");
    const check = spawnSync(
      pythonWithNbformat(),
      [
        "-c",
        [
          "import sys, nbformat",
          "text = open(sys.argv[1], encoding='utf-8').read()",
          "nb = nbformat.reads(text, as_version=4)",
          "nbformat.validate(nb)",
          "again = nbformat.writes(nb) + '\\n'",
          "sys.exit(0 if again == text else 'nbformat writes it differently')",
        ].join("\n"),
        file,
      ],
      { encoding: "utf8" },
    );
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
