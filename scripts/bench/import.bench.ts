/**
 * The time a notebook waits for `import ... from "cplib"`: a fresh Node process requires the
 * built library (lib/dist) and reports how long the `require` took. Heavy dependencies (danfo,
 * mathjs, the @stdlib distributions) are loaded where they are first used, not at import.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { BenchCase } from "../bench";

const CHILD = `const t = process.hrtime.bigint(); require("cplib");
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;

function importOnce(): number {
  const out = spawnSync(process.execPath, ["-e", CHILD], {
    cwd: resolve(__dirname, "..", ".."),
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`require("cplib") failed: ${out.stderr}`);
  return Number(out.stdout);
}

const cases: BenchCase[] = [
  { name: "import cplib", unit: "ms", sample: importOnce, minSamples: 9 },
];
export default cases;
