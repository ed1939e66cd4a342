/**
 * The headless notebook runner (`npm run reproduce`), end to end: each test spawns
 * `node --import tsx scripts/reproduce.ts` on copies of test/fixtures/notebooks and checks the
 * exit code, the report, the notebooks written (and not written), and that every kernel process
 * it started is gone afterwards. Unit tests of the pieces come first (fast, in-process).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { JupyterMessage } from "@nteract/messaging";
import { parseArgs, UsageError } from "../scripts/runner/args";
import { ensureLibBuilt } from "../scripts/runner/build-lib";
import { compareNotebooks } from "../scripts/runner/check";
import { parseNotebook, serializeNotebook, splitLines } from "../scripts/runner/notebook";
import { errorText, messagesToOutputs } from "../scripts/runner/outputs";
import { injectParameters } from "../scripts/runner/parameters";

const repo = path.resolve(__dirname, "..");
const fixtures = path.join(repo, "test", "fixtures", "notebooks");

let scratch: string;
before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "runner-test-"));
});
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder holding copies of the named fixture notebooks. */
function copies(folder: string, names: string[]): string {
  const dir = path.join(scratch, folder);
  mkdirSync(dir, { recursive: true });
  for (const name of names)
    copyFileSync(path.join(fixtures, `${name}.ipynb`), path.join(dir, `${name}.ipynb`));
  return dir;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pids: number[];
  /** The kernels' private connection-file folders. */
  connDirs: string[];
}

/** Spawns the runner; `whileRunning` may act on the child (e.g. send it SIGINT). */
function reproduce(
  args: string[],
  whileRunning?: (child: ReturnType<typeof spawn>, pidLog: string) => void,
): Promise<Run> {
  const pidLog = path.join(scratch, `pids-${Math.random().toString(36).slice(2)}.log`);
  const emptySteps = path.join(scratch, "no-steps");
  mkdirSync(emptySteps, { recursive: true });
  const withSteps = args.includes("--steps") ? args : [...args, "--steps", emptySteps];
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/reproduce.ts", ...withSteps, "--pid-log", pidLog],
    { cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, INIT_CWD: repo } },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  whileRunning?.(child, pidLog);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      const lines = existsSync(pidLog) ? read(pidLog).split("\n").filter(Boolean) : [];
      const pids = lines.map((line) => Number(line.split(" ")[0]));
      const connDirs = lines.map((line) => line.slice(line.indexOf(" ") + 1));
      resolve({ code, signal, stdout, stderr, pids, connDirs });
    });
  });
}

function alive(pid: number): boolean {
  for (const target of [pid, -pid]) {
    try {
      process.kill(target, 0);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") return true;
    }
  }
  return false;
}

/**
 * Asserts that none of the kernel processes (nor their process groups, nor their folders) is
 * left, waiting up to `waitMs` for them to go.
 */
async function assertKernelsGone(
  runs: Run | Run[],
  expected: number,
  waitMs = 2000,
): Promise<void> {
  const all = Array.isArray(runs) ? runs : [runs];
  const pids = all.flatMap((r) => r.pids);
  const dirs = all.flatMap((r) => r.connDirs);
  assert.equal(pids.length, expected, `expected ${expected} kernels to have been started`);
  for (let i = 0; i < waitMs / 100 && (pids.some(alive) || dirs.some((d) => existsSync(d))); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(pids.filter(alive), [], "kernel processes left behind");
  assert.deepEqual(
    dirs.filter((d) => existsSync(d)),
    [],
    "connection-file folders left behind",
  );
}

const read = (file: string) => readFileSync(file, "utf8");
const notebook = (file: string) => parseNotebook(read(file), path.basename(file, ".ipynb"));
const streamText = (file: string, cellIndex: number) =>
  (notebook(file).cells[cellIndex].outputs ?? [])
    .map((o) => (o.output_type === "stream" && o.name === "stdout" ? o.text : ""))
    .join("");

describe("notebook format", () => {
  it("writes nbformat 4.5 the way Jupyter does: sorted keys, 1-space indent, split lines", () => {
    const nb = parseNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 4,
        metadata: { z: 1, a: { y: 2, b: 3 } },
        cells: [
          { cell_type: "markdown", metadata: {}, source: ["# Title\n", "text ü"] },
          {
            cell_type: "code",
            id: "keep-me",
            metadata: {},
            source: "x",
            execution_count: 1,
            outputs: [
              { output_type: "stream", name: "stdout", text: "a\nb\n" },
              {
                output_type: "display_data",
                metadata: {},
                data: { "text/html": "<p>\n</p>", "application/json": { k: [1, 2] } },
              },
            ],
          },
        ],
      }),
      "unit",
    );
    const text = serializeNotebook(nb);
    assert.ok(text.endsWith("}\n"));
    const doc = JSON.parse(text);
    assert.equal(doc.nbformat_minor, 5);
    assert.deepEqual(Object.keys(doc.metadata), ["a", "z"]);
    assert.deepEqual(Object.keys(doc.metadata.a), ["b", "y"]);
    assert.match(doc.cells[0].id, /^[0-9a-f]{8}$/, "a missing id is created");
    assert.equal(doc.cells[1].id, "keep-me", "an existing id is kept");
    assert.deepEqual(doc.cells[0].source, ["# Title\n", "text ü"]);
    assert.deepEqual(doc.cells[1].outputs[0].text, ["a\n", "b\n"]);
    assert.deepEqual(doc.cells[1].outputs[1].data["text/html"], ["<p>\n", "</p>"]);
    assert.deepEqual(doc.cells[1].outputs[1].data["application/json"], { k: [1, 2] });
    assert.ok(text.includes('\n "cells": [\n  {\n   "cell_type": "markdown",\n   "id": '));
    assert.ok(text.includes("text ü"), "non-ASCII is kept, not escaped");
    // Parsing what we wrote and writing it again gives the same bytes, ids included.
    assert.equal(serializeNotebook(parseNotebook(text, "unit")), text);
    assert.equal(serializeNotebook(parseNotebook(text, "other-name")), text);
  });

  it("splits lines like Python's splitlines(keepends=True)", () => {
    assert.deepEqual(splitLines(""), []);
    assert.deepEqual(splitLines("a"), ["a"]);
    assert.deepEqual(splitLines("a\n"), ["a\n"]);
    assert.deepEqual(splitLines("a\n\nb"), ["a\n", "\n", "b"]);
  });
});

describe("outputs", () => {
  const msg = (type: string, content: object, parent = "p"): JupyterMessage =>
    ({
      header: { msg_type: type, msg_id: Math.random().toString() },
      parent_header: { msg_id: parent },
      content,
      metadata: {},
      channel: "iopub",
    }) as unknown as JupyterMessage;

  it("merges consecutive same-name streams and applies update_display_data", () => {
    const displays = new Map();
    const outputs = messagesToOutputs(
      [
        msg("stream", { name: "stdout", text: "a\n" }),
        msg("stream", { name: "stdout", text: "b\n" }),
        msg("stream", { name: "stderr", text: "e\n" }),
        msg("stream", { name: "stdout", text: "c\n" }),
        msg("display_data", {
          data: { "text/plain": "v1" },
          metadata: {},
          transient: { display_id: "d" },
        }),
        msg("update_display_data", {
          data: { "text/plain": "v2" },
          metadata: {},
          transient: { display_id: "d" },
        }),
      ],
      displays,
    );
    assert.deepEqual(
      outputs.map((o) => (o.output_type === "stream" ? [o.name, o.text] : [o.output_type])),
      [["stdout", "a\nb\n"], ["stderr", "e\n"], ["stdout", "c\n"], ["display_data"]],
    );
    const shown = outputs[3];
    assert.ok(shown.output_type === "display_data");
    assert.deepEqual(shown.data, { "text/plain": "v2" });
  });

  it("extracts the error text without tslab's stack frames", () => {
    const text = errorText([
      {
        output_type: "stream",
        name: "stderr",
        text: "Error: boom\n    at evalmachine.<anonymous>:2:7\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:1:1)\n",
      },
    ]);
    assert.equal(text, "Error: boom\n    at evalmachine.<anonymous>:2:7");
  });
});

describe("parameters and options", () => {
  it("injects overrides after the parameters cell, as TypeScript assignments", () => {
    const nb = notebook(path.join(fixtures, "params.ipynb"));
    const injected = injectParameters(nb, "params", { label: "x y", size: 2, other: true });
    assert.deepEqual(injected, ["label", "size"]);
    const cell = nb.cells[2];
    assert.deepEqual(cell.metadata.tags, ["injected-parameters"]);
    assert.match(cell.source, /^ {2}label = "x y";$/m);
    assert.match(cell.source, /^ {2}size = 2;$/m);
    // Injecting again replaces the cell instead of adding a second one.
    injectParameters(nb, "params", { size: 3 });
    assert.equal(nb.cells.filter((c) => c.id === "injected-parameters").length, 1);
  });

  it("parses the command line", () => {
    const o = parseArgs(
      [
        "--data",
        "d.csv",
        "-p",
        "n=5",
        "-p",
        's="x"',
        "-p",
        "t=plain",
        "--timeout=3",
        "--only",
        "01",
      ],
      "/repo",
      "/here",
    );
    assert.equal(o.dataPath, "/here/d.csv");
    assert.deepEqual({ ...o.params }, { n: 5, s: "x", t: "plain" });
    assert.equal(o.timeoutSec, 3);
    assert.deepEqual(o.only, ["01"]);
    assert.equal(o.outDir, "/repo/output");
    assert.throws(() => parseArgs(["--check", "--data", "x"], "/r", "/c"), UsageError);
    assert.throws(() => parseArgs(["-p", "noequals"], "/r", "/c"), UsageError);
    assert.throws(() => parseArgs(["--bogus"], "/r", "/c"), UsageError);
    // Counts are whole numbers; an option is given once; -p names are own keys, never a prototype.
    for (const bad of [
      ["--jobs", "0.5"],
      ["--jobs", "0"],
      ["--timeout", "-1"],
      ["--timeout", "1e9"],
    ]) {
      assert.throws(() => parseArgs(bad, "/r", "/c"), /give a (whole )?number/, bad.join(" "));
    }
    assert.throws(() => parseArgs(["--out", "a", "--out", "b"], "/r", "/c"), /given twice/);
    assert.throws(() => parseArgs(["panel.csv"], "/r", "/c"), /--data panel\.csv/);
    const proto = parseArgs(["-p", "__proto__=1"], "/r", "/c");
    assert.deepEqual(Object.keys(proto.params), ["__proto__"]);
    assert.equal(parseArgs(["--jobs", "3", "--no-steps"], "/r", "/c").jobs, 3);
  });

  it("builds lib when lib/dist is missing, and says what to do when it cannot", () => {
    const fake = path.join(scratch, "fake-repo");
    mkdirSync(path.join(fake, "lib", "src"), { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(fake, "node_modules"));
    // A minimal tsconfig (no @types/node) keeps the two compilations fast.
    writeFileSync(
      path.join(fake, "lib", "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, types: [], rootDir: "src", outDir: "dist" },
      }),
    );
    writeFileSync(path.join(fake, "lib", "src", "index.ts"), "export const answer: number = 42;\n");
    assert.equal(ensureLibBuilt(fake), "built cplib (lib/dist is missing)");
    assert.ok(existsSync(path.join(fake, "lib", "dist", "index.js")));
    assert.equal(ensureLibBuilt(fake), undefined, "up to date: nothing to do");
    writeFileSync(
      path.join(fake, "lib", "src", "index.ts"),
      "export const answer: number = '42';\n",
    );
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(fake, "lib", "src", "index.ts"), later, later);
    assert.throws(
      () => ensureLibBuilt(fake),
      /lib\/dist is older than lib\/src[\s\S]*TS2322[\s\S]*npm run build/,
    );
    // tsc emitted anyway; the failed build must not be mistaken for a current one next time.
    assert.equal(statSync(path.join(fake, "lib", "dist", "index.js")).mtimeMs, 0);
  });

  it("compares outputs and ignores metadata", () => {
    const a = notebook(path.join(fixtures, "ok.ipynb"));
    const b = notebook(path.join(fixtures, "ok.ipynb"));
    b.metadata = { language_info: { version: "changed" } };
    b.cells[2].metadata = { execution: { "iopub.status.busy": "2026-01-01" } };
    assert.deepEqual(compareNotebooks("ok", a, b), []);
    b.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: "new\n" }];
    const diff = compareNotebooks("ok", a, b);
    assert.equal(diff.length, 1);
    assert.equal(diff[0].cellNumber, 3);
    assert.match(diff[0].patch, /^\+new$/m);
  });
});

describe("reproduce (spawned, real tslab kernels)", () => {
  it("stops failing notebooks, reports cell and error, ends every kernel", async () => {
    const names = ["ok", "throws", "type-error", "hangs", "hangs-async", "dies"];
    const dir = copies("failures", names);
    const before = Object.fromEntries(names.map((n) => [n, read(path.join(dir, `${n}.ipynb`))]));
    const out = path.join(scratch, "failures-out");
    const run = await reproduce([
      "--notebooks",
      dir,
      "--out",
      out,
      "--timeout",
      "3",
      "--jobs",
      "2",
      "--no-build",
    ]);
    assert.equal(run.code, 1, run.stderr);
    const failed = (name: string) => new RegExp(`FAILED ${path.join(dir, name)}\\.ipynb, `);
    assert.match(run.stderr, failed("throws"));
    assert.match(
      run.stderr,
      /throws\.ipynb, cell 3 \(execution count 2\): the cell threw an error/,
    );
    assert.match(run.stderr, /Error: boom from the fixture/);
    assert.match(
      run.stderr,
      /type-error\.ipynb, cell 2 \(execution count 2\): the cell does not type-check/,
    );
    assert.match(run.stderr, /1:7 - Type 'string' is not assignable to type 'number'/);
    assert.match(run.stderr, /hangs\.ipynb, cell 2 \(execution count 2\): the cell timed out/);
    assert.match(
      run.stderr,
      /hangs-async\.ipynb, cell 1 \(execution count 1\): the cell timed out/,
    );
    assert.match(run.stderr, /timeout of 3 s and was interrupted/);
    assert.match(run.stderr, /dies\.ipynb, cell 2 \(execution count none\): the kernel died/);
    assert.match(run.stderr, /exit code 3/);
    assert.match(run.stderr, /5 of 6 notebooks failed/);
    // One progress line per notebook, in notebook order.
    assert.deepEqual(
      run.stdout
        .split("\n")
        .filter((l) => l.startsWith("["))
        .map((l) => l.split("]")[0].slice(1)),
      ["dies", "hangs-async", "hangs", "ok", "throws", "type-error"],
    );
    assert.match(run.stdout, /^\[ok\] 4\/4 cells {2}\d+\.\d s {2}ok$/m);
    assert.match(run.stdout, /^\[throws\] 1\/3 cells {2}\d+\.\d s {2}FAILED at cell 3$/m);
    await assertKernelsGone(run, names.length);
    // --out: the sources are untouched; the good notebook is under out/, failures are not.
    for (const n of names) assert.equal(read(path.join(dir, `${n}.ipynb`)), before[n], n);
    assert.ok(existsSync(path.join(out, "notebooks", "ok.ipynb")));
    assert.ok(!existsSync(path.join(out, "notebooks", "throws.ipynb")));
    assert.ok(existsSync(path.join(out, "failed", "throws.ipynb")), "partly executed copy kept");
    const ok = notebook(path.join(out, "notebooks", "ok.ipynb"));
    assert.deepEqual(
      ok.cells.map((c) => c.execution_count ?? null),
      [null, 1, 2, null, 3, 4],
      "markdown and empty cells have no execution count",
    );
    assert.equal(streamText(path.join(out, "notebooks", "ok.ipynb"), 5), "[ 1, 4, 9 ]\n");
  });

  it("runs in place deterministically; --check passes, then catches a changed output", async () => {
    const dir = copies("check", ["ok"]);
    const okFile = path.join(dir, "ok.ipynb");
    const first = await reproduce(["--notebooks", dir, "--no-build"]);
    assert.equal(first.code, 0, first.stderr);
    await assertKernelsGone(first, 1);
    const executed = read(okFile);
    assert.equal(streamText(okFile, 2), "hello 3\nsecond line\n");
    assert.equal(notebook(okFile).nbformat_minor, 5);

    const second = await reproduce(["--notebooks", dir, "--no-build"]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(read(okFile), executed, "a re-run with the same outputs is byte-identical");

    const check = await reproduce(["--notebooks", dir, "--check", "--no-build"]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /check passed/);
    await assertKernelsGone(check, 1);

    writeFileSync(okFile, executed.replace('"hello 3\\n"', '"hello 4\\n"'));
    const changed = read(okFile);
    const caught = await reproduce(["--notebooks", dir, "--check", "--no-build"]);
    assert.equal(caught.code, 1);
    assert.match(
      caught.stdout,
      /ok\.ipynb: the committed outputs differ from a fresh run in cell 3/,
    );
    assert.match(caught.stdout, /^-hello 4$/m);
    assert.match(caught.stdout, /^\+hello 3$/m);
    assert.match(caught.stdout, /check FAILED: 1 notebook differs/);
    assert.equal(read(okFile), changed, "--check never writes the committed notebooks");
  });

  it("never replaces a good copy with a failed run", async () => {
    const dir = copies("good-copy", ["flaky"]);
    const out = path.join(scratch, "good-copy-out");
    const good = await reproduce(["--notebooks", dir, "--out", out, "--no-build"]);
    assert.equal(good.code, 0, good.stderr);
    const target = path.join(out, "notebooks", "flaky.ipynb");
    const goodBytes = read(target);
    assert.equal(streamText(target, 1), "fine\n");
    writeFileSync(path.join(dir, "fail-now"), "");
    const bad = await reproduce(["--notebooks", dir, "--out", out, "--no-build"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /flaky\.ipynb, cell 2 \(execution count 1\): the cell threw an error/);
    assert.match(bad.stderr, /fail-now exists/);
    assert.equal(read(target), goodBytes, "the previous good copy is kept");
    await assertKernelsGone([good, bad], 2);
  });

  it("injects --data and -p, writes under --out, imports cplib, runs post-steps in order", async () => {
    const out = path.join(scratch, "params-out");
    const data = path.join(scratch, "panel.csv");
    copyFileSync(path.join(repo, "data", "zhejiang_panel.csv"), data);
    const sources = ["params", "cplib"].map((n) => path.join(fixtures, `${n}.ipynb`));
    const before = sources.map(read);
    const run = await reproduce([
      "--notebooks",
      fixtures,
      "--only",
      "params",
      "--only",
      "cplib",
      "--data",
      data,
      "-p",
      "label=from the command line",
      "-p",
      "size=7",
      "--out",
      out,
      "--steps",
      path.join(repo, "test", "fixtures", "steps"),
      "--no-build", // lib/dist is built by `npm test` (and the build check has its own test)
    ]);
    assert.equal(run.code, 0, run.stderr);
    await assertKernelsGone(run, 2);
    assert.deepEqual(sources.map(read), before, "the source notebooks are untouched");
    const file = path.join(out, "notebooks", "params.ipynb");
    const nb = notebook(file);
    assert.deepEqual(nb.cells[2].metadata.tags, ["injected-parameters"]);
    assert.equal(streamText(file, 3), `dataPath=${data}\nlabel=from the command line size=7\n`);
    assert.equal(
      streamText(path.join(out, "notebooks", "cplib.ipynb"), 1),
      'panel.csv, line 12, column "gdp": value is not a number.\n',
    );
    assert.equal(read(path.join(out, "steps.log")), "10-record-context\n20-second\n");
    const ctx = JSON.parse(read(path.join(out, "step-context.json")));
    assert.deepEqual(ctx, {
      dataPath: data,
      outDir: out,
      notebooksDir: path.join(out, "notebooks"),
      executed: [path.join(out, "notebooks", "cplib.ipynb"), file],
      check: false,
      // The notebooks' parameters: the overrides, and the defaults of the other notebooks too.
      params: { dataPath: data, label: "from the command line", size: 7, greeting: "hello", n: 3 },
    });
  });

  it("rejects a -p parameter that no parameters cell assigns, before starting kernels", async () => {
    const run = await reproduce([
      "--notebooks",
      fixtures,
      "--only",
      "params",
      "-p",
      "nosuch=1",
      "--out",
      path.join(scratch, "x"),
    ]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /-p nosuch: no notebook selected assigns "nosuch" in its cell tagged "parameters"/,
    );
    assert.deepEqual(run.pids, []);
  });

  it("leaves no kernel behind even when the runner is killed with SIGKILL", async () => {
    const dir = copies("sigkill", ["hangs"]);
    const run = await reproduce(
      ["--notebooks", dir, "--timeout", "60", "--no-build"],
      (child, pidLog) => {
        const poll = setInterval(() => {
          if (existsSync(pidLog) && read(pidLog).trim()) {
            clearInterval(poll);
            setTimeout(() => child.kill("SIGKILL"), 1000);
          }
        }, 100);
      },
    );
    assert.equal(run.signal, "SIGKILL");
    // Nothing could clean up: the kernel's orphan guard (a worker thread polling every 500 ms)
    // ends it, usually within a second; on a loaded 2-core machine that thread can be scheduled
    // seconds late (seen in CI), so this case alone waits up to 10 s.
    await assertKernelsGone(run, 1, 10_000);
  });

  it("ends every kernel on Ctrl-C", async () => {
    const dir = copies("interrupt", ["hangs", "hangs-async"]);
    const run = await reproduce(
      ["--notebooks", dir, "--timeout", "60", "--no-build"],
      (child, pidLog) => {
        const poll = setInterval(() => {
          const started = existsSync(pidLog) ? read(pidLog).split("\n").filter(Boolean).length : 0;
          if (started === 2) {
            clearInterval(poll);
            setTimeout(() => child.kill("SIGINT"), 2500); // both kernels are busy by now
          }
        }, 100);
      },
    );
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /SIGINT received; all kernels ended/);
    await assertKernelsGone(run, 2);
    // The interrupted notebooks were not written.
    assert.equal(read(path.join(dir, "hangs.ipynb")), read(path.join(fixtures, "hangs.ipynb")));
  });
});
