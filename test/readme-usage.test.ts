/**
 * The README's "Use the library" example runs as printed, from the repository root, with the
 * package's public exports only, and prints what its comments say.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPaperData, MODEL6, ols } from "cplib";

const ROOT = join(__dirname, "..");

test('the README\'s "Use the library" script runs and prints what the library computes', () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("## Use the library")[1]?.split("\n## ")[0] ?? "";
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, "a ```js block in the section");
  assert.ok(code.trim().split("\n").length <= 15, "at most 15 lines");
  assert.doesNotMatch(code, /lib\/(src|dist)/, "public exports only");
  const out = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.split("\n");
  const [n, nqp, tTrade, r2] = lines[0].split(" ").map(Number);
  const m6 = ols(MODEL6, loadPaperData());
  assert.deepEqual([n, nqp, tTrade, r2], [110, m6.params.NQP, m6.tvalues.TRADE, m6.rsquared]);
  assert.equal(lines[3], "100", "refit without Hangzhou");
  assert.match(out.stdout, /OLS Regression Results/);
});
