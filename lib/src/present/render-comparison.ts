/**
 * "Published vs reproduced": every number the paper prints next to the number the pipeline
 * computes, the difference, and a pass mark at the published precision (✓ when the reproduced
 * value, rounded half-up to the printed decimals, gives back the printed string; see
 * published.ts). Rendered with the same toHtml / toMarkdown / toLatex / toCsv as regression
 * tables.
 */
import { DataError } from "../data/errors";
import type { PublishedComparison } from "../paper/match";
import { formatFixed } from "../data/printed-number";
import type { Table } from "./render-regression-table";

/**
 * Shows a reproduced number with 3 more decimals than printed, enough to see a near miss; a count
 * printed as an integer (N = 110) stays an integer when it is one.
 */
function showReproduced(x: number, decimals: number): string {
  if (decimals === 0 && Number.isInteger(x)) return String(x);
  return Number.isFinite(x) ? formatFixed(x, Math.min(decimals + 3, 20)) : String(x);
}

/**
 * Lays out comparison rows as a table: label, published, reproduced, difference, ✓/✗, with a
 * note counting the matches.
 *
 * Formula: difference = reproduced − published; mark = ✓ if matchesPublished else ✗.
 * Throws: DataError for an empty list.
 * @example
 * const rows = [comparePublished("T5.m1.NQP.coef", "Model (1), NQP", "0.790", 0.79012)];
 * toMarkdown(comparisonTable(rows)); // | Model (1), NQP | 0.790 | 0.790120 | 0.000120 | ✓ |
 */
export function comparisonTable(rows: PublishedComparison[], opts: { title?: string } = {}): Table {
  if (rows.length === 0) throw new DataError("no published numbers to compare");
  const matches = rows.filter((r) => r.match).length;
  return {
    title: opts.title,
    header: [["", "Published", "Reproduced", "Difference", "Match"]],
    body: rows.map((r) => ({
      kind: r.match ? "match" : "mismatch",
      cells: [
        r.label || r.id,
        r.published,
        showReproduced(r.reproduced, r.decimals),
        showReproduced(r.difference, r.decimals),
        r.match ? "✓" : "✗",
      ],
    })),
    notes: [
      `${matches} of ${rows.length} published numbers reproduced at the printed precision (rounded half-up).`,
    ],
    align: ["l", "r", "r", "r", "c"],
    className: "cplib-comparison",
  };
}
