// A small, deterministic, made-up panel in the shape of data/zhejiang_panel.csv, for tests of
// the loader and the index pipeline. Numbers are invented (smooth city levels × trends with a
// little deterministic wobble); they say nothing about Zhejiang.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Codebook, codebookQuantityColumns } from "cplib";

/** Header + rows of cells, so that tests can break single cells before writing the file. */
export interface SyntheticCsv {
  header: string[];
  rows: string[][];
}

/** City levels, rank-ordered roughly by economic size (1 = largest). */
const SIZE: Record<string, number> = {
  Hangzhou: 1,
  Ningbo: 0.85,
  Wenzhou: 0.55,
  Shaoxing: 0.5,
  Huzhou: 0.3,
  Jiaxing: 0.45,
  Jinhua: 0.4,
  Quzhou: 0.15,
  Zhoushan: 0.12,
  Taizhou: 0.42,
  Lishui: 0.14,
};

/** Builds the synthetic panel for the codebook's cities and years. */
export function syntheticPanel(codebook: Codebook, opts: { cities?: string[] } = {}): SyntheticCsv {
  const cols = codebookQuantityColumns(codebook);
  const header = ["city", "year", "region", ...cols.map((c) => c.name)];
  const rows: string[][] = [];
  const cities = codebook.cities.filter((c) => !opts.cities || opts.cities.includes(c.name));
  cities.forEach((city, ci) => {
    for (let year = codebook.years.first; year <= codebook.years.last; year += 1) {
      const t = year - codebook.years.first;
      const cells = [city.name, String(year), city.region];
      cols.forEach((col, k) => {
        const size = SIZE[city.name] ?? 0.3;
        const wobble = 1 + 0.07 * Math.sin(1.3 * ci + 0.7 * k + 0.9 * t);
        // emissions fall over time, everything else grows
        const trend = /emissions|wastewater/.test(col.name) ? 1 - 0.04 * t : 1 + 0.06 * t;
        let x = (50 + 1000 * size) * (1 + 0.3 * ((k * 7 + ci) % 5)) * wobble * trend;
        if (col.name === "rural_income_pc") x *= 0.5; // keep urban/rural ratios above 1
        if (col.name === "imports") x *= 0.6; // exporters, as Zhejiang's cities are
        const d = col.decimals ?? 0;
        cells.push(x.toFixed(d));
      });
      rows.push(cells);
    }
  });
  return { header, rows };
}

/** Writes a synthetic CSV into a fresh temporary folder; returns the file path. */
export function writeCsv(csv: SyntheticCsv, name = "panel.csv"): string {
  const dir = mkdtempSync(join(tmpdir(), "panel-test-"));
  const path = join(dir, name);
  const body = [csv.header, ...csv.rows].map((r) => r.join(",")).join("\n") + "\n";
  writeFileSync(path, body);
  return path;
}

/** Index of a column in the header (throws if absent, so tests fail loudly). */
export function col(csv: SyntheticCsv, name: string): number {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
}
