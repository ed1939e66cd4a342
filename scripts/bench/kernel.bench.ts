/**
 * What a notebook user waits for, measured on a real tslab kernel (started as the runner and
 * Jupyter start it, in notebooks/):
 *
 *   kernel: start to first output   launch → the first cell (importing the library) answers
 *   kernel: trivial cell            a warm kernel runs `1 + 1`
 *   kernel: Table 5 cell            a warm kernel runs notebook 04's Table 5 cell (six formula
 *                                   fits on the analysis frame, shown with etable)
 *   npm run reproduce (cold)        every notebook and post-step, into a temporary folder
 *
 * Targets (issue 14): 2,500 ms, 120 ms, 200 ms and 30 s on a quiet 2-core machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchCase } from "../bench";
import { KernelSession, killAllKernelsNow } from "../runner/kernel-session";

const ROOT = path.resolve(__dirname, "..", "..");
const START = {
  cwd: path.join(ROOT, "notebooks"),
  tslabBin: path.join(ROOT, "node_modules", ".bin", "tslab"),
};
const IMPORT =
  'import { loadPaperData, ols, display, etable, TABLE5_MODELS } from "cplib";\nconsole.log("ready");';
const DATA =
  'const data = () => loadPaperData({ data: "../data/zhejiang_panel.csv" });\ndata().shape';
const TABLE5 = "display(etable(Object.values(TABLE5_MODELS).map((f) => ols(f, data()))));";
process.on("exit", killAllKernelsNow);

async function run(kernel: KernelSession, code: string): Promise<number> {
  const t0 = performance.now();
  const out = await kernel.execute(code, 120_000);
  if (out.status !== "ok")
    throw new Error(`the cell failed (${out.status}): ${code.split("\n")[0]}`);
  return performance.now() - t0;
}

/** A kernel that has imported the library, loaded the data and run the Table 5 cell once. */
let warm: Promise<KernelSession> | null = null;
function warmKernel(): Promise<KernelSession> {
  warm ??= (async () => {
    const kernel = await KernelSession.start(START);
    for (const code of [IMPORT, DATA, TABLE5, "1 + 1"]) await run(kernel, code);
    return kernel;
  })();
  return warm;
}

async function startToFirstOutput(): Promise<number> {
  const t0 = performance.now();
  const kernel = await KernelSession.start(START);
  try {
    await run(kernel, IMPORT);
    return performance.now() - t0;
  } finally {
    await kernel.shutdown();
  }
}

function reproduceCold(): number {
  const out = mkdtempSync(path.join(tmpdir(), "cplib-bench-"));
  try {
    const t0 = performance.now();
    const r = spawnSync("npm", ["run", "reproduce", "--", "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`npm run reproduce failed: ${r.stderr.slice(-500)}`);
    return (performance.now() - t0) / 1000;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const cases: BenchCase[] = [
  { name: "kernel: start to first output", unit: "ms", sample: startToFirstOutput, minSamples: 5 },
  {
    name: "kernel: trivial cell",
    unit: "ms",
    sample: async () => run(await warmKernel(), "1 + 1"),
    minSamples: 15,
  },
  {
    name: "kernel: Table 5 cell",
    unit: "ms",
    sample: async () => run(await warmKernel(), TABLE5),
    minSamples: 15,
  },
  { name: "npm run reproduce (cold)", unit: "s", sample: reproduceCold, minSamples: 1 },
];
export default cases;
