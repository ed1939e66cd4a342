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
import { DataError } from "../errors";
import { decimalsOf } from "../published";

/** A closed interval [lo, hi] with lo ≤ hi. */
export type Interval = [number, number];

/** Half a unit in the last printed place: ½·10^−d. */
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

/** Midpoint and half-width of an interval: the centre and the "rounding unit" of a residual. */
export function intervalCentre(iv: Interval): { centre: number; half: number } {
  return { centre: (iv[0] + iv[1]) / 2, half: (iv[1] - iv[0]) / 2 };
}

/**
 * Whether two intervals share at least one point (the pass condition of every identity check).
 * A tiny relative tolerance (1e-12) absorbs binary round-off at the shared endpoint.
 * @example
 * intervalsOverlap([0.7335, 0.7345], [0.7337, 0.7338]); // true
 * intervalsOverlap([0.71, 0.72], [0.9225, 0.9235]);     // false
 */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const tol = 1e-12 * Math.max(1, Math.abs(a[0]), Math.abs(a[1]), Math.abs(b[0]), Math.abs(b[1]));
  return a[0] <= b[1] + tol && b[0] <= a[1] + tol;
}

/** The intersection of two intervals, or null when they are disjoint. */
export function intervalIntersect(a: Interval, b: Interval): Interval | null {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : null;
}

/** The smallest interval containing both. */
export function intervalHull(a: Interval, b: Interval): Interval {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

/** [a, a]: a number known exactly (a count such as N, or a threshold). */
export function intervalExact(a: number): Interval {
  return [a, a];
}

/** a + b = [a.lo + b.lo, a.hi + b.hi]. */
export function intervalAdd(a: Interval, b: Interval): Interval {
  return [a[0] + b[0], a[1] + b[1]];
}

/** a − b = [a.lo − b.hi, a.hi − b.lo]. */
export function intervalSub(a: Interval, b: Interval): Interval {
  return [a[0] - b[1], a[1] - b[0]];
}

/** a · b: the extremes of the four corner products. */
export function intervalMul(a: Interval, b: Interval): Interval {
  const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
  return [Math.min(...p), Math.max(...p)];
}

/**
 * a / b for a divisor interval that excludes zero.
 * Throws: DataError when b contains 0 (the quotient would be unbounded).
 */
export function intervalDiv(a: Interval, b: Interval): Interval {
  if (b[0] <= 0 && b[1] >= 0) {
    throw new DataError(`cannot divide by an interval containing 0 ([${b[0]}, ${b[1]}])`, {
      hint: "the printed divisor rounds to zero, so the ratio is not bounded",
    });
  }
  return intervalMul(a, [1 / b[1], 1 / b[0]]);
}

/** a · c for an exact scalar c. */
export function intervalScale(a: Interval, c: number): Interval {
  return c >= 0 ? [a[0] * c, a[1] * c] : [a[1] * c, a[0] * c];
}

/** a² (the range of x² over a, which is [0, …] when a contains 0). */
export function intervalSquare(a: Interval): Interval {
  if (a[0] >= 0) return [a[0] * a[0], a[1] * a[1]];
  if (a[1] <= 0) return [a[1] * a[1], a[0] * a[0]];
  return [0, Math.max(a[0] * a[0], a[1] * a[1])];
}

/** |a| (the range of |x| over a). */
export function intervalAbs(a: Interval): Interval {
  if (a[0] >= 0) return [a[0], a[1]];
  if (a[1] <= 0) return [-a[1], -a[0]];
  return [0, Math.max(-a[0], a[1])];
}

/**
 * √a on the non-negative part of a.
 * Throws: DataError when a lies entirely below 0.
 */
export function intervalSqrt(a: Interval): Interval {
  if (a[1] < 0) throw new DataError(`cannot take the square root of [${a[0]}, ${a[1]}]`);
  return [Math.sqrt(Math.max(0, a[0])), Math.sqrt(a[1])];
}

/**
 * Range of a function monotone on the interval: [f(lo), f(hi)] sorted.
 * Use only for functions that are monotone over the whole interval.
 * @example
 * intervalMonotone([17.245, 17.255], (t) => (t * t) / (t * t + 108)); // ≈ [0.7336, 0.7338]
 * intervalMonotone([2, 3], (x) => 1 / x); // [1/3, 1/2]
 */
export function intervalMonotone(a: Interval, f: (x: number) => number): Interval {
  const u = f(a[0]);
  const v = f(a[1]);
  return u <= v ? [u, v] : [v, u];
}

/** Formats an interval for notes: "[0.7336, 0.7338]" with `digits` significant decimals. */
export function formatInterval(a: Interval, digits = 4): string {
  const f = (x: number) => (Math.abs(x) >= 1e4 || x === 0 ? String(x) : x.toFixed(digits));
  return `[${f(a[0])}, ${f(a[1])}]`;
}
