/**
 * `npm run kernel` (scripts/kernel.ts): the kernelspec's launcher finds tslab from the kernel's
 * folder upwards (so a moved or second clone keeps working), falls back to the clone it was
 * installed from, and otherwise says what to do; the JUPYTER_PATH advice appears only when the
 * active Jupyter does not look in the folder written. (test/jupyter.test.ts and
 * test/frontend.test.ts run real notebooks through the installed kernelspec.)
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { installKernel, jupyterDataPath, onDataPath } from "../scripts/kernel";

const ROOT = path.resolve(__dirname, "..");
const hasJupyter = spawnSync("jupyter", ["--version"], { stdio: "ignore" }).status === 0;

describe("npm run kernel", () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "kernel-test-"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("writes kernel.json that runs Node on the launcher beside it", () => {
    const { kernelDir, kernelJson } = installKernel({
      repoRoot: ROOT,
      prefix: path.join(scratch, "a"),
    });
    const onDisk = JSON.parse(readFileSync(path.join(kernelDir, "kernel.json"), "utf8"));
    assert.deepEqual(onDisk, kernelJson);
    assert.deepEqual(onDisk.argv, [
      process.execPath,
      path.join(kernelDir, "launch.js"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ]);
    assert.equal((onDisk.metadata as { installed_from: string }).installed_from, ROOT);
  });

  it("the launcher finds tslab above the notebook's folder even when the install clone is gone", () => {
    // installed from a clone that has since moved away: the path no longer exists
    const gone = path.join(scratch, "moved-away-clone");
    const { kernelDir } = installKernel({ repoRoot: ROOT, prefix: path.join(scratch, "b") });
    const launcher = path.join(kernelDir, "launch.js");
    const source = readFileSync(launcher, "utf8").replace(
      JSON.stringify(ROOT),
      JSON.stringify(gone),
    );
    const moved = path.join(scratch, "moved-launch.js");
    writeFileSync(moved, source);
    const inClone = spawnSync(process.execPath, [moved, "--version"], {
      cwd: path.join(ROOT, "notebooks"),
      encoding: "utf8",
    });
    assert.equal(inClone.status, 0, inClone.stderr);
    assert.match(inClone.stdout, /^tslab \d+\.\d+\.\d+/);
    // outside any clone, with the install clone gone: a message that says what to do
    const outside = mkdtempSync(path.join(tmpdir(), "no-clone-"));
    try {
      const lost = spawnSync(process.execPath, [moved, "--version"], {
        cwd: outside,
        encoding: "utf8",
      });
      assert.equal(lost.status, 1);
      assert.match(lost.stderr, /no node_modules\/tslab in .* nor in .*moved-away-clone/);
      assert.match(lost.stderr, /npm run kernel/);
      // …and with the install clone still there, it falls back to it
      const fallback = spawnSync(process.execPath, [launcher, "--version"], {
        cwd: outside,
        encoding: "utf8",
      });
      assert.equal(fallback.status, 0, fallback.stderr);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("onDataPath compares real paths", () => {
    const dir = path.join(scratch, "data");
    mkdirSync(dir, { recursive: true });
    assert.equal(onDataPath(dir, [path.join(scratch, "x"), `${dir}/`]), true);
    assert.equal(onDataPath(dir, [path.join(scratch, "x")]), false);
  });

  it(
    "advises JUPYTER_PATH only when the active Jupyter does not look there",
    { skip: !hasJupyter && !process.env.CI ? "jupyter is not installed" : false },
    () => {
      const prefix = path.join(scratch, "c");
      const dataDir = path.join(prefix, "share", "jupyter");
      const run = (env: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, ["--import", "tsx", "scripts/kernel.ts", "--prefix", prefix], {
          cwd: ROOT,
          encoding: "utf8",
          env: { ...process.env, ...env },
        });
      const hidden = run({ JUPYTER_PATH: "" });
      assert.equal(hidden.status, 0, hidden.stderr);
      assert.match(hidden.stdout, /export JUPYTER_PATH=/);
      assert.match(hidden.stdout, /jupyter kernelspec list finds it: tslab/);
      const seen = run({ JUPYTER_PATH: dataDir });
      assert.equal(seen.status, 0, seen.stderr);
      assert.doesNotMatch(seen.stdout, /JUPYTER_PATH/);
      assert.match(seen.stdout, /jupyter kernelspec list finds it: tslab/);
      assert.ok(
        onDataPath(dataDir, jupyterDataPath({ ...process.env, JUPYTER_PATH: dataDir }) ?? []),
      );
    },
  );
});
