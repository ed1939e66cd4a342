/**
 * Formatting the panel as CSV: codebook column order and decimals, real columns copied
 * verbatim from the source file, empty cells for the gaps, "\n" line ends.
 */
import type { RawRow } from "./pipeline";
import type { RealRow } from "./real";

const REAL_COLUMNS = ["gdp", "primary_va", "secondary_va", "tertiary_va"] as const;

/** Fixed-decimal text of a stored value (the value is already rounded to `decimals`). */
export function formatValue(x: number, decimals: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite value ${x}`);
  return x.toFixed(decimals);
}

export function formatPanel(
  real: RealRow[],
  rows: RawRow[],
  columns: { name: string; decimals?: number }[],
): string {
  const names = columns.map((c) => c.name);
  const lines = [names.join(",")];
  real.forEach((r, i) => {
    const cells = columns.map(({ name, decimals }) => {
      if (name === "city") return r.city;
      if (name === "year") return String(r.year);
      if (name === "region") return r.region;
      if ((REAL_COLUMNS as readonly string[]).includes(name))
        return r.text[name as (typeof REAL_COLUMNS)[number]];
      const v = rows[i][name];
      if (v === null) return "";
      if (v === undefined) throw new Error(`no value for column ${name}`);
      return formatValue(v, decimals ?? 0);
    });
    lines.push(cells.join(","));
  });
  return lines.join("\n") + "\n";
}
