/**
 * `npm run reconstruct` — rebuilds data/zhejiang_panel.csv, the raw city-year panel whose real
 * columns (GDP and sector value added) come from data/real/ and whose other columns are
 * reconstructed so that the paper's own pipeline reproduces every published number of
 * Tables 3–6 (data/published/tables.csv). Deterministic: the same seed gives the same bytes.
 *
 * Usage: npm run reconstruct [-- --out FILE] [--seed N] [--quiet]
 *   --out FILE   write the panel to FILE instead of data/zhejiang_panel.csv
 *   --seed N     seed of the base's noise (default 20260101)
 *
 * The panel is written to a temporary file next to the destination, read back through cplib
 * (loadPanel → buildVariables → reproducePublished), and moved into place only if all
 * published numbers match; otherwise it is left as FILE.failed and the script exits 1.
 * See data/README.md for what is real, what is reconstructed and what it cannot tell anyone.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadPanel } from "cplib";
import { buildVariables } from "cplib";
import { reproducePublished } from "cplib";
import { loadPublished } from "cplib";
import { halfUnits } from "./reconstruct/moments";
import { loadReal, REAL_CSV } from "./reconstruct/real";
import { rawPanel, targetColumns } from "./reconstruct/run";
import { formatPanel } from "./reconstruct/write";

const ROOT = resolve(__dirname, "..");
export const DEFAULT_SEED = 20260101;

export interface ReconstructResult {
  csv: string;
  matched: number;
  total: number;
  /** largest |reproduced − printed| in half rounding units (< 1 ⇔ match) */
  worst: number;
  seconds: number;
}

/** Runs the whole reconstruction and writes the panel to `out`; returns the check on it. */
export function reconstruct(opts: {
  out: string;
  seed?: number;
  log?: (s: string) => void;
}): ReconstructResult {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const published = loadPublished(join(ROOT, "data/published/tables.csv"));
  const codebookPath = join(ROOT, "data/codebook.json");
  const codebook = JSON.parse(readFileSync(codebookPath, "utf8")) as {
    columns: { name: string; decimals?: number }[];
  };
  const real = loadReal(REAL_CSV);
  const stages = targetColumns(published, real, { seed: opts.seed ?? DEFAULT_SEED, log });
  const { rows } = rawPanel(real, stages.base, stages.columns, log);
  const csv = formatPanel(real, rows, codebook.columns);
  // written next to the destination first; renamed into place only if the check passes
  mkdirSync(dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.tmp-${process.pid}`;
  writeFileSync(tmp, csv);

  // the final check runs the project's pipeline on the stored file
  const { frame } = buildVariables(loadPanel(tmp, codebookPath));
  const cmp = reproducePublished(frame, published);
  const worst = Math.max(...cmp.map((c) => Math.abs(halfUnits(c.reproduced, c.published))));
  for (const c of cmp.filter((x) => !x.match))
    log(`  MISMATCH ${c.id}: printed ${c.published}, reproduced ${c.reproduced}`);
  const matched = cmp.filter((c) => c.match).length;
  const seconds = (Date.now() - t0) / 1000;
  if (matched === cmp.length) {
    renameSync(tmp, opts.out);
    log(`wrote ${opts.out}`);
  } else {
    renameSync(tmp, `${opts.out}.failed`);
    log(`NOT written: the failing panel is in ${opts.out}.failed`);
  }
  log(`check on the stored file: ${matched}/${cmp.length} published numbers match`);
  log(`worst cell: ${worst.toFixed(3)} half rounding units; ${seconds.toFixed(1)} s`);
  return { csv, matched, total: cmp.length, worst, seconds };
}

function main(argv: string[]): void {
  let out = join(ROOT, "data/zhejiang_panel.csv");
  let seed = DEFAULT_SEED;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = resolve(argv[++i]);
    else if (argv[i] === "--seed") seed = Number(argv[++i]);
    else if (argv[i] === "--quiet") quiet = true;
    else throw new Error(`unknown argument ${argv[i]} (use --out FILE, --seed N, --quiet)`);
  }
  const t0 = Date.now();
  const log = quiet
    ? () => {}
    : (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
  const res = reconstruct({ out, seed, log });
  if (res.matched !== res.total) {
    console.error(`reconstruction failed: ${res.matched}/${res.total} match`);
    process.exit(1);
  }
}

if (require.main === module) main(process.argv.slice(2));
