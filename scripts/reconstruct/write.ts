/**
 * Writing the panel and its per-cell provenance as CSV: codebook column order, real values as
 * their sources give them (GDP and sector value added as their exact text), interpolated cells
 * empty, reconstructed values at the codebook's decimals, "\n" line ends.
 */
import type { Codebook } from "cplib";
import type { CellKinds, CellProvenance } from "./cells";
import { gapYears } from "./cells";
import type { Base } from "./base";
import type { Raw } from "./model";
import type { RealData } from "./sources";

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Fixed-decimal text of a reconstructed value. */
export function formatValue(x: number, decimals: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite value ${x}`);
  return x.toFixed(decimals);
}

/** The text a real value is written with: GDP and sectors verbatim, other series as their number. */
function realText(real: RealData, column: string, i: number): string {
  const t = real.text[column][i] as string;
  return ["gdp", "primary_va", "secondary_va", "tertiary_va"].includes(column)
    ? t
    : String(Number(t));
}

/** The panel CSV and the provenance records of every quantity cell. */
export function formatPanel(
  real: RealData,
  kinds: CellKinds,
  base: Base,
  raw: Raw,
): { csv: string; provenance: CellProvenance[] } {
  const cb: Codebook = real.codebook;
  const lines = [cb.columns.map((c) => c.name).join(",")];
  const provenance: CellProvenance[] = [];
  real.keys.forEach((k, i) => {
    const cells = cb.columns.map((col) => {
      if (col.name === "city") return k.city;
      if (col.name === "year") return String(k.year);
      if (col.name === "region") return k.region;
      const kind = kinds[col.name][i];
      let text: string;
      let source: string;
      if (kind === "real") {
        text = realText(real, col.name, i);
        source = `real/${real.file[col.name][i]}`;
      } else if (kind === "interpolated") {
        const { from, to } = gapYears(real, col.name, i);
        text = "";
        source = `linear interpolation between ${from} and ${to}`;
      } else {
        text = formatValue(raw[col.name][i], col.decimals ?? 0);
        source = `reconstructed; base: ${base.shapedBy[col.name] ?? "see data/README.md"}`;
      }
      provenance.push({ city: k.city, year: k.year, column: col.name, kind, source });
      return text;
    });
    lines.push(cells.join(","));
  });
  return { csv: lines.join("\n") + "\n", provenance };
}

/** data/provenance.csv: one row per quantity cell, in panel order. */
export function formatProvenance(rows: CellProvenance[]): string {
  const lines = ["city,year,column,kind,source"];
  for (const r of rows) {
    lines.push([r.city, String(r.year), r.column, r.kind, csvField(r.source)].join(","));
  }
  return lines.join("\n") + "\n";
}
