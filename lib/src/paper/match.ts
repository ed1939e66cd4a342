/**
 * The match rule: a reproduced number "matches" a published one when, rounded half-up to the
 * printed number of decimals (data/printed-number.ts), it gives back the printed string.
 */
import { decimalsOf, formatFixed, parsePrinted } from "../data/printed-number";

/** One row of a "published vs reproduced" comparison. */
export interface PublishedComparison {
  /** Stable id of the published cell, e.g. `T5.m3.TRADE.coef`. */
  id: string;
  /** Human-readable label, e.g. "Table 5, Model (3), TRADE coefficient". */
  label: string;
  /** The number exactly as printed in the paper. */
  published: string;
  /** The number the pipeline computed (full double precision). */
  reproduced: number;
  /** Decimals printed in the paper (`decimalsOf(published)`). */
  decimals: number;
  /** reproduced − published (published read as a number). */
  difference: number;
  /** `matchesPublished(reproduced, published)`. */
  match: boolean;
}

/**
 * Whether a reproduced number matches a published one at the published precision.
 *
 * Rule: `formatFixed(reproduced, decimalsOf(printed))` equals the printed number, where the
 * sign of a printed zero is only informative when it is negative: "-0.00" matches values in
 * (−0.005, 0], "0.00" matches values in (−0.005, 0.005). Stars, parentheses and % are ignored.
 * Throws: DataError when `printed` is not a number; never for a non-finite `reproduced`
 * (a NaN simply does not match).
 * @example
 * matchesPublished(0.19049, "0.190"); // true
 * matchesPublished(-0.0049, "-0.00"); // true; matchesPublished(0.0049, "-0.00") → false
 */
export function matchesPublished(reproduced: number, printed: string): boolean {
  const s = parsePrinted(printed);
  if (!Number.isFinite(reproduced)) return false;
  const d = decimalsOf(s);
  const mine = formatFixed(reproduced, d);
  if (Number(s) === 0) {
    // a printed zero: "-0.00" says the value was ≤ 0, "0.00" says nothing about the sign
    if (Number(mine) !== 0) return false;
    return s.startsWith("-") ? reproduced <= 0 : true;
  }
  return mine === s;
}

/**
 * Builds one row of a "published vs reproduced" table.
 *
 * Formula: difference = reproduced − Number(printed); match = matchesPublished(reproduced, printed).
 * Throws: DataError when `printed` is not a number.
 * @example
 * comparePublished("T5.m3.TRADE.coef", "Model 3, TRADE", "0.190", 0.19021);
 * // { decimals: 3, difference: 0.00021, match: true, ... }
 */
export function comparePublished(
  id: string,
  label: string,
  printed: string,
  reproduced: number,
): PublishedComparison {
  const s = parsePrinted(printed);
  return {
    id,
    label,
    published: printed,
    reproduced,
    decimals: decimalsOf(s),
    difference: reproduced - Number(s),
    match: matchesPublished(reproduced, s),
  };
}
