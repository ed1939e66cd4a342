/**
 * Benchmark runner: `npm run bench` prints a table; `npm run bench -- --json` prints a JSON
 * array of { name, unit, median }; `npm run bench -- --filter ols` runs the matching cases only.
 *
 * Every `scripts/bench/*.bench.ts` default-exports an array of cases:
 *   { name: string; unit: "ns" | "µs" | "ms" | "s"; setup?: () => unknown;
 *     run: (state) => unknown; minSamples?: number }
 * For each case the runner calls `setup` once, warms up for ~0.3 s (letting V8 optimise), finds
 * a batch size such that one batch of `run` calls takes at least ~2 ms (so the clock's
 * resolution does not matter), then times batches with process.hrtime.bigint until it has
 * `minSamples` samples (default 15) and ~1.5 s have passed (at most 200 samples). It reports
 * the median time per call. Results of `run` go to a sink so the work cannot be optimised away.
 * Each batch is timed twice: wall clock (hrtime) and the process's CPU time (process.cpuUsage,
 * user + system). On a busy machine the wall time includes time spent waiting for a core, so
 * the CPU median is the steadier figure; the table prints both, the JSON adds `cpuMedian`.
 * A case that cannot be repeated in one process (e.g. the time to import the library, which
 * Node caches after the first `require`) gives `sample` instead of `run`: a function that
 * measures one occurrence itself (in a child process) and returns its duration in the case's
 * unit; the runner calls it `minSamples` times (default 9) and reports the median.
 * A case whose setup or run throws is reported on stderr and makes the exit code 1.
 */
import { readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

export interface BenchCase {
  name: string;
  unit: "ns" | "µs" | "ms" | "s";
  setup?: () => unknown;
  /** One call of the code being timed (timed in batches by the runner). */
  run?: (state: unknown) => unknown;
  /** Or: measures one occurrence itself and returns its duration in `unit` (may be async). */
  sample?: () => number | Promise<number>;
  minSamples?: number;
}

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  /** Median CPU time per call (process.cpuUsage, user + system), same unit. */
  cpuMedian: number;
  /** Fastest batch (per call): less sensitive than the median to a busy machine. */
  min: number;
  samples: number;
  batch: number;
}

const NS_PER: Record<BenchCase["unit"], number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 };
let sink: unknown = null;

/** Runs `batch` calls; returns [wall ns, CPU ns] for the whole batch. */
function timeBatch(c: BenchCase, state: unknown, batch: number): [number, number] {
  const run = c.run as (state: unknown) => unknown;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) sink = run(state);
  const wall = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  return [wall, (cpu.user + cpu.system) * 1e3];
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A case measured by its own `sample` function: the median of `minSamples` occurrences. */
async function measureSampled(
  c: BenchCase,
  sample: () => number | Promise<number>,
): Promise<BenchResult> {
  const samples: number[] = [];
  for (let i = 0; i < (c.minSamples ?? 9); i++) samples.push(await sample());
  samples.sort((a, b) => a - b);
  return {
    name: c.name,
    unit: c.unit,
    median: median(samples),
    cpuMedian: Number.NaN,
    min: samples[0],
    samples: samples.length,
    batch: 1,
  };
}

/** Measures one case; returns the median time per call in the case's unit. */
export async function measure(c: BenchCase): Promise<BenchResult> {
  if (c.sample) return measureSampled(c, c.sample);
  if (!c.run) throw new Error(`case "${c.name}" has neither run nor sample`);
  const state = c.setup ? c.setup() : undefined;
  // 1. warm-up (≥ 0.3 s and ≥ 3 calls), so that the first, unoptimised calls are not timed
  const warmEnd = process.hrtime.bigint() + 300_000_000n;
  let calls = 0;
  while (calls < 3 || process.hrtime.bigint() < warmEnd) {
    timeBatch(c, state, 1);
    calls += 1;
  }
  // 2. batch size: double until one batch takes ≥ 2 ms
  let batch = 1;
  while (timeBatch(c, state, batch)[0] < 2e6 && batch < 1 << 24) batch *= 2;
  // 3. samples
  const minSamples = c.minSamples ?? 15;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const start = process.hrtime.bigint();
  while (
    samples.length < 200 &&
    (samples.length < minSamples || process.hrtime.bigint() - start < 1_500_000_000n)
  ) {
    const [wall, cpu] = timeBatch(c, state, batch);
    samples.push(wall / batch);
    cpuSamples.push(cpu / batch);
  }
  samples.sort((a, b) => a - b);
  cpuSamples.sort((a, b) => a - b);
  return {
    name: c.name,
    unit: c.unit,
    median: median(samples) / NS_PER[c.unit],
    cpuMedian: median(cpuSamples) / NS_PER[c.unit],
    min: samples[0] / NS_PER[c.unit],
    samples: samples.length,
    batch,
  };
}

function loadCases(dir: string): BenchCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const cases: BenchCase[] = [];
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, f)) as { default?: BenchCase[] };
    if (!Array.isArray(mod.default)) throw new Error(`${f} must default-export an array of cases`);
    cases.push(...mod.default);
  }
  return cases;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const fi = args.indexOf("--filter");
  const filter = fi >= 0 ? (args[fi + 1] ?? "").toLowerCase() : "";
  const cases = loadCases(join(__dirname, "bench")).filter((c) =>
    c.name.toLowerCase().includes(filter),
  );
  const load = loadavg()[0];
  if (!json)
    console.error(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${cpus().length} CPUs`,
    );
  if (load > cpus().length) {
    console.error(
      `warning: load average ${load.toFixed(1)} on ${cpus().length} CPUs; timings will be inflated`,
    );
  }
  const results: BenchResult[] = [];
  let failed = 0;
  for (const c of cases) {
    try {
      const r = await measure(c);
      results.push(r);
      if (!json) {
        const cpu = Number.isNaN(r.cpuMedian) ? "" : `, CPU ${r.cpuMedian.toPrecision(4)}`;
        const time = `${r.median.toPrecision(4).padStart(10)} ${r.unit.padEnd(2)} (min ${r.min.toPrecision(4)}${cpu})`;
        console.log(`${time}  ${r.name}  [${r.samples} samples × ${r.batch}]`);
      }
    } catch (e) {
      failed += 1;
      console.error(`FAILED  ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (json) {
    console.log(
      JSON.stringify(
        results.map(({ name, unit, median, cpuMedian }) =>
          Number.isNaN(cpuMedian) ? { name, unit, median } : { name, unit, median, cpuMedian },
        ),
        null,
        2,
      ),
    );
  }
  if (sink === Symbol.for("never")) console.log(sink); // keep the sink observable
  process.exitCode = failed > 0 ? 1 : 0;
}

if (require.main === module) void main().then(() => process.exit());
