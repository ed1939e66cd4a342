/**
 * Holm and Bonferroni adjusted p-values (lib/src/methods/p-adjust.ts) against R's p.adjust
 * (fixture: test/fixtures/reference/influence.R) and statsmodels' multipletests
 * (statsmodels-methods.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { DataError, bonferroni, holm } from "cplib";

const R = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/influence.json"), "utf8"),
) as {
  padjust: { p: number[]; holm: number[]; bonferroni: number[] };
};
const sm = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/statsmodels-methods.json"), "utf8"),
) as { multipletests: { p: number[]; holm: number[]; bonferroni: number[] } };

function closeAll(actual: number[], expected: number[], what: string): void {
  actual.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) <= 1e-15, `${what}[${i}]: ${v} vs ${expected[i]}`),
  );
}

test("holm and bonferroni equal R's p.adjust (with ties) and statsmodels' multipletests", () => {
  closeAll(holm(R.padjust.p), R.padjust.holm, "R holm");
  closeAll(bonferroni(R.padjust.p), R.padjust.bonferroni, "R bonferroni");
  closeAll(holm(sm.multipletests.p), sm.multipletests.holm, "sm holm");
  closeAll(bonferroni(sm.multipletests.p), sm.multipletests.bonferroni, "sm bonferroni");
});

test("properties: p ≤ holm ≤ bonferroni ≤ 1, holm keeps the order of p, one test is unadjusted", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
      (p) => {
        const h = holm(p);
        const b = bonferroni(p);
        p.forEach((v, i) => {
          assert.ok(v <= h[i] + 1e-15 && h[i] <= b[i] + 1e-15 && b[i] <= 1);
          p.forEach((w, j) => {
            if (v < w) assert.ok(h[i] <= h[j]);
          });
        });
        // the smallest p is multiplied by m in both
        const iMin = p.indexOf(Math.min(...p));
        assert.equal(h[iMin], b[iMin]);
      },
    ),
    { numRuns: 200, seed: 12 },
  );
  assert.deepEqual(holm([0.03]), [0.03]);
  assert.deepEqual(bonferroni([0.03]), [0.03]);
});

test("holm and bonferroni reject values that are not probabilities", () => {
  assert.throws(() => holm([]), DataError);
  assert.throws(() => holm([0.1, NaN]), /p-value 2 is NaN/);
  assert.throws(() => bonferroni([1.2]), /not a probability/);
});
