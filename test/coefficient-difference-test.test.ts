/**
 * The z test of a coefficient's difference between two independent samples
 * (lib/src/methods/coefficient-difference-test.ts) against R: lm fits with classical and
 * sandwich::vcovHC(type = "HC1") standard errors on mtcars and Grunfeld split in two (fixture made
 * by test/fixtures/reference/coefficient-difference-test.R).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { coefficientDifferenceTest, DataError, ols, olsBy } from "cplib";

interface RZ {
  b_a: number;
  b_b: number;
  se_a: number;
  se_b: number;
  difference: number;
  se: number;
  z: number;
  p: number;
}
interface RCase {
  data: Record<string, (number | string)[]>;
  formula: string;
  term: string;
  classical: RZ;
  HC1: RZ;
}
const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/coefficient-difference-test.json"), "utf8"),
) as Record<"mtcars" | "grunfeld", RCase>;

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

for (const key of ["mtcars", "grunfeld"] as const) {
  for (const cov of ["classical", "HC1"] as const) {
    test(`z test of a difference matches R on ${key} (${cov} standard errors)`, () => {
      const c = ref[key];
      const fits = olsBy(c.formula, c.data, "sample", { cov: cov, order: ["A", "B"] });
      const r = coefficientDifferenceTest(fits.A, fits.B, c.term);
      const want = c[cov];
      close(fits.A.bse[c.term], want.se_a, 1e-9, "se A");
      close(fits.B.bse[c.term], want.se_b, 1e-9, "se B");
      close(r.difference, want.difference, 1e-10, "difference");
      close(r.se, want.se, 1e-9, "se");
      close(r.z, want.z, 1e-9, "z");
      close(r.pValue, want.p, 1e-7, "p");
      assert.equal(r.term, c.term);
    });
  }
}

test("the test is antisymmetric: swapping the samples flips z and keeps p", () => {
  const c = ref.mtcars;
  const fits = olsBy(c.formula, c.data, "sample");
  const ab = coefficientDifferenceTest(fits.A, fits.B, "x1");
  const ba = coefficientDifferenceTest(fits.B, fits.A, "x1");
  assert.equal(ba.z, -ab.z);
  assert.equal(ba.pValue, ab.pValue);
});

test("a term missing from a fit is refused by name", () => {
  const d = ref.mtcars.data;
  const a = ols("y ~ x1", d);
  const b = ols("y ~ x1 + x2", d);
  assert.throws(
    () => coefficientDifferenceTest(a, b, "x2"),
    (e: unknown) => e instanceof DataError && /first fit has no parameter "x2"/.test(e.message),
  );
});
