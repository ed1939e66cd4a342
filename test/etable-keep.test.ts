/**
 * etable/regressionTable's `keep` option (esttab's keep()): only the listed regressors are shown,
 * the constant only when listed, the model statistics always.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError, etable, ols, toMarkdown } from "cplib";

const data = {
  y: [1.2, 2.3, 2.9, 4.1, 5.2, 5.8, 7.1, 8.3],
  a: [1, 2, 3, 4, 5, 6, 7, 8],
  b: [0.5, 0.1, 0.9, 0.3, 0.2, 0.8, 0.4, 0.6],
};
const m = ols("y ~ a + b", data);

test("keep shows the listed rows only, in the listed order, without the constant", () => {
  const t = etable([m], { keep: ["b"] });
  const labels = t.body.filter((r) => r.kind === "coef").map((r) => r.cells[0]);
  assert.deepEqual(labels, ["b"]);
  assert.deepEqual(
    t.body.filter((r) => r.kind === "stat").map((r) => r.cells[0]),
    ["N", "R²", "Adj. R²"],
  );
  assert.doesNotMatch(toMarkdown(t), /_cons/);
});

test("keep with Intercept keeps the constant; order alone still appends it", () => {
  const kept = etable([m], { keep: ["b", "Intercept"] });
  assert.deepEqual(
    kept.body.filter((r) => r.kind === "coef").map((r) => r.cells[0]),
    ["b", "_cons"],
  );
  const ordered = etable([m], { order: ["b"] });
  assert.deepEqual(
    ordered.body.filter((r) => r.kind === "coef").map((r) => r.cells[0]),
    ["b", "_cons"],
  );
});

test("keep naming nothing estimated is refused", () => {
  assert.throws(
    () => etable([m], { keep: ["GDP"] }),
    (e: unknown) => e instanceof DataError && /"keep"/.test(e.message),
  );
});
