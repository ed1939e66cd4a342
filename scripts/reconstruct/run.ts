/**
 * The reconstruction, step by step (data/README.md, "How the remaining cells are
 * reconstructed"):
 *   real data (sources.ts) → what each cell is (cells.ts) → a base for every reconstructed cell
 *   (base.ts) → smooth, bounded city paths around it (model.ts) → the fit to the published
 *   numbers (fit.ts) → the panel and its per-cell provenance (write.ts).
 */
import { join } from "node:path";
import { loadPublished, type PublishedRow } from "cplib";
import { buildBase } from "./base";
import { classifyCells, type CellProvenance } from "./cells";
import { Evaluator } from "./evaluate";
import { fitReconstruction } from "./fit";
import { buildModel } from "./model";
import { DATA_DIR, loadRealData } from "./sources";
import { formatPanel, formatProvenance } from "./write";

export interface Reconstruction {
  csv: string;
  provenanceCsv: string;
  provenance: CellProvenance[];
  /** Published numbers (ids) within half a rounding unit after the fit. */
  reach: Set<string>;
  published: PublishedRow[];
}

export function reconstructPanel(log: (s: string) => void = () => {}): Reconstruction {
  const real = loadRealData();
  const kinds = classifyCells(real);
  const count = { real: 0, interpolated: 0, reconstructed: 0 };
  for (const k of Object.values(kinds)) for (const x of k) count[x]++;
  log(
    `cells: ${count.real} real, ${count.interpolated} interpolated, ${count.reconstructed} reconstructed`,
  );
  const base = buildBase(real, kinds);
  const model = buildModel(real, kinds, base);
  log(`model: ${model.size} parameters in ${model.blocks.length} city paths`);
  const published = loadPublished(join(DATA_DIR, "published", "tables.csv"));
  const shift = real.codebook.method.entropy.shift;
  const ev = new Evaluator(real, base, model, published, shift);
  log("fit to the published numbers");
  const { reach } = fitReconstruction(ev, log);
  const { csv, provenance } = formatPanel(real, kinds, base, ev.raw);
  return { csv, provenanceCsv: formatProvenance(provenance), provenance, reach, published };
}
