/**
 * `npm run reconstruct` — rebuilds data/zhejiang_panel.csv and data/provenance.csv.
 *
 * Every cell a source gives is copied from data/real/ (sources.csv lists the series); interior
 * gaps between real values are left empty for the pipeline's interpolation; the other cells are
 * reconstructed: smooth, bounded city paths around a base drawn from the city's own real
 * figures, fitted so that the paper's pipeline reproduces as many published numbers of Tables
 * 3–6 as the real data allow (scripts/reconstruct/run.ts lists the steps; data/README.md
 * explains them and the numbers the real data put out of reach). Deterministic: the same inputs
 * give the same bytes.
 *
 * Usage: npm run reconstruct [-- --out FILE] [--quiet]
 *   --out FILE   write the panel to FILE instead of data/zhejiang_panel.csv; the per-cell
 *                provenance (provenance.csv) and the list of published numbers the panel does
 *                not reproduce (conflicts.csv) go to the same folder
 *
 * The files are written next to their destinations first and moved into place only when the
 * stored panel, read back through cplib (loadPanel → buildVariables → reproducePublished),
 * keeps every real value equal to its source and reproduces every published number the fit
 * reached; otherwise they are left as FILE.failed and the script exits 1.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  buildVariables,
  halfUnit,
  loadPanel,
  reproducePublished,
  type PublishedComparison,
} from "cplib";
import { reconstructPanel } from "./reconstruct/run";
import { CODEBOOK_JSON, DATA_DIR, loadRealData } from "./reconstruct/sources";

export interface ReconstructResult {
  csv: string;
  provenanceCsv: string;
  conflictsCsv: string;
  /** Published numbers reproduced on the stored panel. */
  matched: number;
  total: number;
  /** The comparison of every published number on the stored panel. */
  comparison: PublishedComparison[];
  /** Published numbers the fit reached but the stored file does not (should be none). */
  lost: string[];
  seconds: number;
}

/** Runs the whole reconstruction and writes the panel and the provenance. */
export function reconstruct(opts: { out: string; log?: (s: string) => void }): ReconstructResult {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const provenanceOut = join(dirname(opts.out), "provenance.csv");
  const conflictsOut = join(dirname(opts.out), "conflicts.csv");
  const rec = reconstructPanel(log);
  mkdirSync(dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.tmp-${process.pid}`;
  writeFileSync(tmp, rec.csv);

  // the final check runs the project's pipeline on the stored file
  const panel = loadPanel(tmp, CODEBOOK_JSON);
  const real = loadRealData();
  const wrong: string[] = [];
  panel.rows.forEach((row, i) => {
    for (const [column, values] of Object.entries(real.panel)) {
      const v = values[i];
      if (v !== null && row.values[column] !== v) wrong.push(`${row.city} ${row.year} ${column}`);
    }
  });
  const { frame } = buildVariables(panel);
  const comparison = reproducePublished(frame, rec.published);
  const matched = comparison.filter((c) => c.match).length;
  const lost = comparison.filter((c) => !c.match && rec.reach.has(c.id)).map((c) => c.id);
  const seconds = (Date.now() - t0) / 1000;
  for (const c of comparison.filter((x) => !x.match)) {
    const off = (c.reproduced - Number(c.published)) / halfUnit(c.published);
    log(
      `  not reproduced ${c.id}: printed ${c.published}, panel ${c.reproduced.toPrecision(6)} (${off.toFixed(1)} half-units)`,
    );
  }
  const conflictsCsv = formatConflicts(comparison);
  const ok = wrong.length === 0 && lost.length === 0;
  if (ok) {
    writeAtomic(provenanceOut, rec.provenanceCsv);
    writeAtomic(conflictsOut, conflictsCsv);
    renameSync(tmp, opts.out);
    log(`wrote ${opts.out}, ${provenanceOut} and ${conflictsOut}`);
  } else {
    renameSync(tmp, `${opts.out}.failed`);
    writeFileSync(`${provenanceOut}.failed`, rec.provenanceCsv);
    if (wrong.length) log(`real values changed: ${wrong.slice(0, 10).join("; ")}`);
    if (lost.length) log(`reached by the fit but not on the stored file: ${lost.join(", ")}`);
    log(`NOT written: the failing files are ${opts.out}.failed and ${provenanceOut}.failed`);
  }
  log(
    `check on the stored file: ${matched}/${comparison.length} published numbers reproduced; ${seconds.toFixed(1)} s`,
  );
  return {
    csv: rec.csv,
    provenanceCsv: rec.provenanceCsv,
    conflictsCsv,
    matched,
    total: comparison.length,
    comparison,
    lost,
    seconds,
  };
}

/** Writes a file next to its destination, then moves it into place. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * data/conflicts.csv: every published number the stored panel does not reproduce — its id, the
 * printed value, the panel's value (6 significant digits) and the distance in half rounding
 * units (|d| ≥ 1; data/README.md and the audit's real-data rule say why).
 */
export function formatConflicts(comparison: PublishedComparison[]): string {
  const lines = ["id,printed,panel,half_units"];
  for (const c of comparison.filter((x) => !x.match)) {
    const off = (c.reproduced - Number(c.published)) / halfUnit(c.published);
    lines.push(`${c.id},${c.published},${c.reproduced.toPrecision(6)},${off.toFixed(1)}`);
  }
  return lines.join("\n") + "\n";
}

function main(argv: string[]): void {
  let out = join(DATA_DIR, "zhejiang_panel.csv");
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = resolve(argv[++i]);
    else if (argv[i] === "--quiet") quiet = true;
    else throw new Error(`unknown argument ${argv[i]} (use --out FILE, --quiet)`);
  }
  const t0 = Date.now();
  const log = quiet
    ? () => {}
    : (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
  const res = reconstruct({ out, log });
  if (res.lost.length > 0) {
    console.error(`reconstruction failed: ${res.lost.length} published numbers lost when storing`);
    process.exit(1);
  }
}

if (require.main === module) main(process.argv.slice(2));
