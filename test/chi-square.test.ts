/**
 * The χ² p-value (lib/src/methods/distributions.ts) against closed forms that hold exactly:
 * χ²(2) has P(X > x) = e^(−x/2), χ²(4) has e^(−x/2)(1 + x/2), χ²(1) has 2Φ(−√x). (The p-values
 * of the Wald and Breusch–Pagan tests check it against R's pchisq as well.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, chiSquareCdf, chiSquarePValue, normalCdf } from "cplib";

function close(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  );
}

test("χ² upper tail equals its closed forms, far into the tail", () => {
  for (const x of [0.01, 0.5, 1, 3.84, 10, 50, 300, 1400]) {
    close(chiSquarePValue(x, 2), Math.exp(-x / 2), 1e-13, `df 2, x ${x}`);
    close(chiSquarePValue(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-12, `df 4, x ${x}`);
    if (x < 60) close(chiSquarePValue(x, 1), 2 * normalCdf(-Math.sqrt(x)), 1e-12, `df 1, x ${x}`);
    close(chiSquareCdf(x, 2) + chiSquarePValue(x, 2), 1, 1e-15, "cdf + tail = 1");
    if (x < 30)
      close(chiSquarePValue(x, 3), 1 - chiSquareCdf(x, 3), 1e-9, "= 1 − CDF where that is exact");
  }
  close(chiSquarePValue(3.841458820694124, 1), 0.05, 1e-12, "95% point of χ²(1)");
  assert.ok(chiSquarePValue(300, 3) > 0, "no underflow to 0 for p ≈ 1e-64");
  assert.equal(chiSquarePValue(0, 3), 1);
});

test("chiSquarePValue rejects NaN and non-positive degrees of freedom", () => {
  assert.throws(() => chiSquarePValue(NaN, 2), DataError);
  assert.throws(() => chiSquarePValue(1, 0), /degrees of freedom/);
  assert.throws(() => chiSquarePValue(1, Infinity), DataError);
});
