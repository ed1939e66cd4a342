/**
 * The F p-value (lib/src/methods/distributions.ts) against a closed form that holds exactly:
 * F(2, d) has P(X > f) = (1 + 2f/d)^(−d/2), far into the tail where 1 − CDF cancels. (The
 * Wald tests check it against R's pf(lower.tail = FALSE) as well.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fCdf, fPValue } from "cplib";

test("F(2, d) upper tail equals its closed form, far into the tail", () => {
  for (const d of [5, 20, 104]) {
    for (const f of [0.5, 3, 40, 400]) {
      const exact = (1 + (2 * f) / d) ** (-d / 2);
      const p = fPValue(f, 2, d);
      assert.ok(Math.abs(p - exact) <= 1e-12 * exact, `F(2, ${d}) at ${f}: ${p} vs ${exact}`);
    }
  }
  // 1 − CDF has lost it by then; the upper-tail form has not.
  assert.equal(1 - fCdf(400, 2, 104), 0);
  assert.ok(fPValue(400, 2, 104) > 0);
});

test("fPValue is 1 for a statistic that is not positive", () => {
  assert.equal(fPValue(0, 3, 10), 1);
  assert.equal(fPValue(-1, 3, 10), 1);
});
