/**
 * Printed numbers as intervals: the arithmetic behind every audit rule.
 *
 * A number printed with d decimals stands for every value that rounds to it, the interval
 * [v − ½·10^−d, v + ½·10^−d] (statcheck's convention; we close the interval at both ends, which
 * can only make a check more lenient). "0.190" is [0.1895, 0.1905]; "0.19" is [0.185, 0.195];
 * "-0.00" is [−0.005, 0] (the minus sign says the value was not positive).
 *
 * A check between printed numbers fails only if NO choice of values inside their intervals
 * satisfies the identity. For an identity y = f(x₁, …, x_m) this means: compute the range of f
 * over the box of the x-intervals and ask whether it meets y's interval. Interval arithmetic
 * gives that range exactly when each variable occurs once in the formula (for instance
 * √R²·s_y/s_x or ȳ − b·x̄): every operation is monotone in each argument, so the extremes sit at
 * corners of the box. When a variable occurs twice (t²/(t² + df)), the rules use monotonicity
 * in that variable instead, or search the box (see each rule's comment).
 */
import { DataError } from "../../data/errors";
import { decimalsOf } from "../../data/printed-number";

/** A closed interval [lo, hi] with lo ≤ hi. */
export type Interval = [number, number];

/**
 * Half a unit in the last printed place: the rounding half-width of a printed number.
 *
 * Formula: ½·10^−d, d = number of printed decimals (`decimalsOf`).
 * Throws: DataError (from `decimalsOf`) when the string is not a plain decimal number.
 * @example
 * halfUnit("0.190"); // 0.0005
 * halfUnit("12.5");  // 0.05
 */
export function halfUnit(printed: string): number {
  return 0.5 * Math.pow(10, -decimalsOf(printed));
}

/**
 * The interval a printed number stands for.
 *
 * Formula: [v − ½·10^−d, v + ½·10^−d] with d = printed decimals; a printed negative zero
 * ("-0.00") gives [−½·10^−d, 0]. A trailing "%" is kept in percent units ("76.3%" → [76.25, 76.35]).
 * Throws: DataError when the string is not a plain decimal number.
 * @example
 * printedInterval("0.190"); // [0.1895, 0.1905]
 * printedInterval("-0.00"); // [-0.005, 0]
 */
export function printedInterval(printed: string): Interval {
  const h = halfUnit(printed);
  const s = printed
    .trim()
    .replace(/%$/, "")
    .replace(/\u2212/g, "-");
  const v = Number(s);
  if (!Number.isFinite(v)) {
    throw new DataError(`printed value "${printed}" is not a number`, {
      hint: "write the number as printed, e.g. 0.190 or -0.00",
    });
  }
  if (v === 0 && s.startsWith("-")) return [-h, 0];
  return [v - h, v + h];
}

/**
 * Midpoint and half-width of an interval: the centre and the "rounding unit" of a residual.
 *
 * Formula: centre = (lo + hi)/2, half = (hi − lo)/2. Throws: nothing.
 * @example
 * intervalCentre([0.1895, 0.1905]); // { centre: 0.19, half: ≈ 0.0005 }
 * intervalCentre([2, 2]);           // { centre: 2, half: 0 }
 */
export function intervalCentre(iv: Interval): { centre: number; half: number } {
  return { centre: (iv[0] + iv[1]) / 2, half: (iv[1] - iv[0]) / 2 };
}

/**
 * Whether two intervals share at least one point (the pass condition of every identity check).
 * A tiny relative tolerance (1e-12) absorbs binary round-off at the shared endpoint.
 *
 * Formula: a.lo ≤ b.hi + tol and b.lo ≤ a.hi + tol. Throws: nothing.
 * @example
 * intervalsOverlap([0.7335, 0.7345], [0.7337, 0.7338]); // true
 * intervalsOverlap([0.71, 0.72], [0.9225, 0.9235]);     // false
 */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const tol = 1e-12 * Math.max(1, Math.abs(a[0]), Math.abs(a[1]), Math.abs(b[0]), Math.abs(b[1]));
  return a[0] <= b[1] + tol && b[0] <= a[1] + tol;
}

/**
 * The intersection of two intervals, or null when they are disjoint.
 *
 * Formula: [max(a.lo, b.lo), min(a.hi, b.hi)] if non-empty. Throws: nothing.
 * @example
 * intervalIntersect([0, 2], [1, 3]); // [1, 2]
 * intervalIntersect([0, 1], [2, 3]); // null
 */
export function intervalIntersect(a: Interval, b: Interval): Interval | null {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The smallest interval containing both (used to pool the ranges of several candidates).
 *
 * Formula: [min(a.lo, b.lo), max(a.hi, b.hi)]. Throws: nothing.
 * @example
 * intervalHull([0, 1], [2, 3]); // [0, 3]
 * [[0, 1], [2, 3], [5, 6]].reduce(intervalHull); // [0, 6]
 */
export function intervalHull(a: Interval, b: Interval): Interval {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/**
 * A number known exactly (a count such as N, or a threshold) as a degenerate interval.
 *
 * Formula: [a, a]. Throws: nothing.
 * @example
 * intervalExact(108); // [108, 108]
 * intervalSub(printedInterval("0.5"), intervalExact(0.1)); // [0.35, 0.45]
 */
export function intervalExact(a: number): Interval {
  return [a, a];
}

/**
 * Sum of two intervals: the range of x + y for x in a, y in b.
 *
 * Formula: a + b = [a.lo + b.lo, a.hi + b.hi]. Throws: nothing.
 * @example
 * intervalAdd([1, 2], [10, 20]); // [11, 22]
 * intervalAdd(printedInterval("0.19"), printedInterval("0.1")); // [0.235, 0.345]
 */
export function intervalAdd(a: Interval, b: Interval): Interval {
  return [a[0] + b[0], a[1] + b[1]];
}

/**
 * Difference of two intervals: the range of x − y for x in a, y in b.
 *
 * Formula: a − b = [a.lo − b.hi, a.hi − b.lo]. Throws: nothing.
 * @example
 * intervalSub([1, 2], [10, 20]); // [-19, -8]
 * intervalSub([1, 2], [1, 2]);   // [-1, 1] (each argument varies independently)
 */
export function intervalSub(a: Interval, b: Interval): Interval {
  return [a[0] - b[1], a[1] - b[0]];
}

/**
 * Product of two intervals: the range of x·y for x in a, y in b.
 *
 * Formula: a · b = [min, max] of {a.lo·b.lo, a.lo·b.hi, a.hi·b.lo, a.hi·b.hi}. Throws: nothing.
 * @example
 * intervalMul([-1, 2], [3, 4]); // [-4, 8]
 * intervalMul([1, 2], [1, 2]);  // [1, 4]
 */
export function intervalMul(a: Interval, b: Interval): Interval {
  const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
  return [Math.min(...p), Math.max(...p)];
}

/**
 * Quotient a / b for a divisor interval that excludes zero.
 *
 * Formula: a / b = a · [1/b.hi, 1/b.lo].
 * Throws: DataError when b contains 0 (the quotient would be unbounded).
 * @example
 * intervalDiv([1, 2], [4, 8]);  // [0.125, 0.5]
 * intervalDiv([1, 2], [-1, 1]); // throws DataError
 */
export function intervalDiv(a: Interval, b: Interval): Interval {
  if (b[0] <= 0 && b[1] >= 0) {
    throw new DataError(`cannot divide by an interval containing 0 ([${b[0]}, ${b[1]}])`, {
      hint: "the printed divisor rounds to zero, so the ratio is not bounded",
    });
  }
  return intervalMul(a, [1 / b[1], 1 / b[0]]);
}

/**
 * An interval times an exact scalar c (a negative c swaps the ends).
 *
 * Formula: a·c = [a.lo·c, a.hi·c] for c ≥ 0, [a.hi·c, a.lo·c] for c < 0. Throws: nothing.
 * @example
 * intervalScale([1, 2], 3);  // [3, 6]
 * intervalScale([1, 2], -3); // [-6, -3]
 */
export function intervalScale(a: Interval, c: number): Interval {
  return c >= 0 ? [a[0] * c, a[1] * c] : [a[1] * c, a[0] * c];
}

/**
 * Square of an interval: the range of x² over a (not a·a, which ignores that both are x).
 *
 * Formula: [min x², max x²] over a; the lower end is 0 when a contains 0. Throws: nothing.
 * @example
 * intervalSquare([2, 3]);  // [4, 9]
 * intervalSquare([-1, 2]); // [0, 4]
 */
export function intervalSquare(a: Interval): Interval {
  if (a[0] >= 0) return [a[0] * a[0], a[1] * a[1]];
  if (a[1] <= 0) return [a[1] * a[1], a[0] * a[0]];
  return [0, Math.max(a[0] * a[0], a[1] * a[1])];
}

/**
 * Absolute value of an interval: the range of |x| over a.
 *
 * Formula: [min |x|, max |x|] over a; the lower end is 0 when a contains 0. Throws: nothing.
 * @example
 * intervalAbs([-3, -1]); // [1, 3]
 * intervalAbs([-3, 1]);  // [0, 3]
 */
export function intervalAbs(a: Interval): Interval {
  if (a[0] >= 0) return [a[0], a[1]];
  if (a[1] <= 0) return [-a[1], -a[0]];
  return [0, Math.max(-a[0], a[1])];
}

/**
 * Square root of an interval, taken on its non-negative part.
 *
 * Formula: [√max(0, a.lo), √a.hi].
 * Throws: DataError when a lies entirely below 0.
 * @example
 * intervalSqrt([4, 9]);  // [2, 3]
 * intervalSqrt([-1, 4]); // [0, 2]
 */
export function intervalSqrt(a: Interval): Interval {
  if (a[1] < 0) throw new DataError(`cannot take the square root of [${a[0]}, ${a[1]}]`);
  return [Math.sqrt(Math.max(0, a[0])), Math.sqrt(a[1])];
}

/**
 * Range of a function monotone on the interval: [f(lo), f(hi)] sorted.
 * Use only for functions that are monotone over the whole interval.
 *
 * Formula: [min(f(lo), f(hi)), max(f(lo), f(hi))]. Throws: whatever f throws; nothing itself.
 * @example
 * intervalMonotone([17.245, 17.255], (t) => (t * t) / (t * t + 108)); // ≈ [0.7336, 0.7338]
 * intervalMonotone([2, 3], (x) => 1 / x); // [1/3, 1/2]
 */
export function intervalMonotone(a: Interval, f: (x: number) => number): Interval {
  const u = f(a[0]);
  const v = f(a[1]);
  return u <= v ? [u, v] : [v, u];
}

/**
 * Formats an interval for notes: "[0.7336, 0.7338]" with `digits` decimals (0 and |x| ≥ 10⁴
 * are written as they are).
 *
 * Formula: none (formatting). Throws: nothing.
 * @example
 * formatInterval([0.73361234, 0.7338]); // "[0.7336, 0.7338]"
 * formatInterval([0, 1e5], 2);          // "[0, 100000]"
 */
export function formatInterval(a: Interval, digits = 4): string {
  const f = (x: number) => (Math.abs(x) >= 1e4 || x === 0 ? String(x) : x.toFixed(digits));
  return `[${f(a[0])}, ${f(a[1])}]`;
}
