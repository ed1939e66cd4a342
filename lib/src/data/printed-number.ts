/**
 * Printed numbers: the paper's tables are kept as the strings it printed ("0.190", "-0.00",
 * "17.25"). This file reads them (decimals, cleaned value) and prints numbers the same way.
 *
 * Rounding convention (decimal-safe half-up). Binary doubles cannot hold most decimals: the
 * double nearest 0.1445 is 0.144499999999999995…, so `Math.round(0.1445 * 1000) / 1000` and
 * `(0.1445).toFixed(3)` both give 0.144, although anybody rounding the number 0.1445 by hand
 * writes 0.145. We therefore round the *shortest decimal string that round-trips to the
 * double* (what `String(x)` prints, e.g. "0.1445"), digit by digit, exactly as a person would.
 * Ties go away from zero ("half-up" on the magnitude): 0.0005 → 0.001 and −0.0005 → −0.001.
 * A negative number that rounds to zero keeps its sign in `formatFixed` ("-0.00"), like C's
 * printf, Stata and the paper's Table 5 (Adj. R² of Model 2).
 */
import { DataError } from "./errors";

/** Strips the decorations a printed cell may carry: stars, parentheses, %, spaces, "+". */
function cleanPrinted(printed: string): string {
  return printed
    .trim()
    .replace(/\*+$/, "")
    .replace(/^\((.*)\)$/, "$1")
    .replace(/%$/, "")
    .replace(/^\+/, "")
    .replace(/\u2212/g, "-") // typographic minus sign
    .trim();
}

const PRINTED_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Parses a printed cell into its cleaned numeric string ("0.190***" → "0.190", "(17.25)" → "17.25").
 *
 * Throws: DataError when the cell is not a plain decimal number once stars, parentheses, % and a
 * leading "+" are stripped.
 * @example
 * parsePrinted("-0.866***"); // "-0.866"
 */
export function parsePrinted(printed: string): string {
  const s = cleanPrinted(printed);
  if (!PRINTED_NUMBER.test(s)) {
    throw new DataError(`published value "${printed}" is not a plain decimal number`, {
      hint: "write published numbers as printed, e.g. 0.190, -0.00 or 17.25 (stars, parentheses and % are stripped)",
    });
  }
  return s;
}

/**
 * Number of decimals a published number was printed with.
 *
 * Formula: count of digits after the decimal point of the printed string (decorations such as
 * `***`, parentheses and a trailing `%` are ignored).
 * Throws: DataError when the string is not a plain decimal number.
 * @example
 * decimalsOf("0.190");  // 3
 * decimalsOf("(17.25)"); // 2, decimalsOf("110") → 0
 */
export function decimalsOf(printed: string): number {
  const s = parsePrinted(printed);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * Exact decimal digits of |x| as the shortest round-trip string: returns the integer part and
 * the fractional part as digit strings ("0.1445" → ["0", "1445"], 1.5e-7 → ["0", "00000015"]).
 */
function decimalParts(absX: number): [string, string] {
  const s = String(absX); // shortest string that reads back as the same double
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new Error(`unexpected number format ${s}`);
  let digits = m[1] + (m[2] ?? "");
  let point = m[1].length + (m[3] ? Number(m[3]) : 0); // position of the decimal point
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + "0".repeat(point - digits.length);
  }
  return [digits.slice(0, point).replace(/^0+(?=\d)/, ""), digits.slice(point)];
}

/** Adds one unit in the last place to a string of decimal digits ("0999" → "1000"). */
function incrementDigits(digits: string): string {
  const out = digits.split("");
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === "9") {
      out[i] = "0";
      i -= 1;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
  }
  return "1" + out.join("");
}

/** Rounds |x| half-up at `decimals` and returns the digits as "int.frac" (no sign). */
function roundAbsToString(absX: number, decimals: number): string {
  const [intPart, fracPart] = decimalParts(absX);
  const kept = intPart + fracPart.padEnd(decimals, "0").slice(0, decimals);
  const next = fracPart.charAt(decimals); // first dropped digit ("" if none)
  const rounded = next !== "" && next >= "5" ? incrementDigits(kept) : kept;
  const cut = rounded.length - decimals;
  const i = rounded.slice(0, cut).replace(/^0+(?=\d)/, "") || "0";
  return decimals > 0 ? `${i}.${rounded.slice(cut)}` : i;
}

function checkArgs(x: number, decimals: number): void {
  if (!Number.isFinite(x)) {
    throw new DataError(`cannot round ${String(x)}`, {
      hint: "only finite numbers can be rounded",
    });
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new DataError(`decimals must be an integer between 0 and 100 (got ${decimals})`);
  }
}

/**
 * Rounds half-up (ties away from zero) on the decimal digits of `x`, not on its binary value.
 *
 * Formula: sign(x) · ⌊|x|·10^d + ½⌋ / 10^d, evaluated on the shortest decimal string of x.
 * Throws: DataError if x is not finite or decimals is not an integer in 0…100.
 * @example
 * roundHalfUp(0.1445, 3);   // 0.145 (Math.round and toFixed give 0.144)
 * roundHalfUp(-0.0005, 3);  // -0.001
 */
export function roundHalfUp(x: number, decimals: number): number {
  checkArgs(x, decimals);
  const r = Number(roundAbsToString(Math.abs(x), decimals));
  return x < 0 ? -r : r;
}

/**
 * Formats `x` with exactly `decimals` decimals, rounding half-up as `roundHalfUp`.
 *
 * A negative number that rounds to zero keeps its minus sign ("-0.00"), as printf and the paper
 * print it; a true zero (0 or −0) prints without sign.
 * Throws: DataError if x is not finite or decimals is not an integer in 0…100.
 * @example
 * formatFixed(0.1445, 3); // "0.145"
 * formatFixed(-0.003, 2); // "-0.00"
 */
export function formatFixed(x: number, decimals: number): string {
  checkArgs(x, decimals);
  const body = roundAbsToString(Math.abs(x), decimals);
  return x < 0 ? `-${body}` : body;
}

