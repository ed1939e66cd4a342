import { test } from "node:test";
import assert from "node:assert/strict";
import { entropyWeights, minMaxNormalize } from "cplib";
import { DataError } from "cplib";

const near = (a: number, b: number, tol = 1e-14) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("min–max normalisation respects the direction", () => {
  assert.deepEqual(minMaxNormalize([2, 4, 6], "+"), [0, 0.5, 1]);
  assert.deepEqual(minMaxNormalize([2, 4, 6], "-"), [1, 0.5, 0]);
  assert.deepEqual(minMaxNormalize([5, -5], "+"), [1, 0]);
});

test("every intermediate of a hand-computed 4×2 example", () => {
  // gdp rises evenly (z = 0, 1/3, 2/3, 1); the gap indicator is "less is better"
  const X = [
    [1, 4],
    [2, 1],
    [3, 1],
    [4, 1],
  ];
  const r = entropyWeights(X, ["+", "-"], ["gdp", "gap"]);
  assert.deepEqual(r.names, ["gdp", "gap"]);
  r.normalized.forEach((row, i) => {
    near(row[0], i / 3);
    near(row[1], i === 0 ? 0 : 1);
  });
  // p for gdp: z / Σz = (0, 1, 2, 3)/6; for gap: (0, 1, 1, 1)/3
  [0, 1 / 6, 2 / 6, 3 / 6].forEach((p, i) => near(r.p[i][0], p));
  [0, 1 / 3, 1 / 3, 1 / 3].forEach((p, i) => near(r.p[i][1], p));
  // e = −(1/ln 4) Σ p ln p with 0·ln 0 = 0
  const e1 =
    -(1 / Math.log(4)) *
    ((1 / 6) * Math.log(1 / 6) + (1 / 3) * Math.log(1 / 3) + 0.5 * Math.log(0.5));
  const e2 = -(1 / Math.log(4)) * 3 * ((1 / 3) * Math.log(1 / 3));
  near(r.entropy[0], e1);
  near(r.entropy[1], e2);
  near(r.divergence[0], 1 - e1);
  near(r.divergence[1], 1 - e2);
  const w1 = (1 - e1) / (2 - e1 - e2);
  near(r.weights[0], w1);
  near(r.weights[1], 1 - w1);
  r.scores.forEach((s, i) => near(s, w1 * (i / 3) + (1 - w1) * (i === 0 ? 0 : 1)));
});

test("an indicator concentrated on few observations gets a larger weight", () => {
  // spread: (0, .5, .5, .5, 1) vs concentrated: (0, 0, 0, 0, 1)
  const r = entropyWeights(
    [
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [2, 1],
    ],
    ["+", "+"],
    ["spread", "concentrated"],
  );
  assert.ok(r.weights[1] > r.weights[0]);
  near(r.entropy[1], 0); // all mass on one observation: p ln p = 1·ln 1 = 0
});

test("override weights (e.g. equal) still report entropies; shift changes only p and e", () => {
  const X = [
    [1, 4, 0],
    [2, 1, 5],
    [3, 1, 2],
  ];
  const eq = entropyWeights(X, ["+", "-", "+"], ["a", "b", "c"], {
    weights: [1 / 3, 1 / 3, 1 / 3],
  });
  assert.deepEqual(eq.weights, [1 / 3, 1 / 3, 1 / 3]);
  assert.equal(eq.entropy.length, 3);
  const shifted = entropyWeights(X, ["+", "-", "+"], ["a", "b", "c"], { shift: 0.0001 });
  assert.ok(shifted.p.every((row) => row.every((p) => p > 0)));
  assert.deepEqual(
    shifted.normalized,
    entropyWeights(X, ["+", "-", "+"], ["a", "b", "c"]).normalized,
  );
});

test("bad input is a DataError naming the indicator", () => {
  const bad = (fn: () => unknown, re: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof DataError && re.test(e.message));
  bad(
    () =>
      entropyWeights(
        [
          [1, 2],
          [1, 3],
          [1, 4],
        ],
        ["+", "+"],
        ["flat", "ok"],
      ),
    /variable "flat".*constant/,
  );
  bad(
    () =>
      entropyWeights(
        [
          [1, 2],
          [NaN, 3],
        ],
        ["+", "+"],
        ["a", "b"],
      ),
    /variable "a".*row 2 has NaN/,
  );
  bad(() => entropyWeights([[1, 2]], ["+", "+"], ["a", "b"]), /at least 2 observations/);
  bad(
    () =>
      entropyWeights(
        [
          [1, 2],
          [2, 3],
        ],
        ["+"],
        ["a", "b"],
      ),
    /1 directions for 2 indicators/,
  );
  bad(
    () => entropyWeights([[1, 2], [2]], ["+", "+"], ["a", "b"]),
    /row 2 has 1 values, expected 2/,
  );
  bad(
    () =>
      entropyWeights(
        [
          [1, 2],
          [2, 3],
        ],
        ["+", "+"],
        ["a", "b"],
        { weights: [0.7, 0.7] },
      ),
    /sum to 1.4/,
  );
  bad(
    () =>
      entropyWeights(
        [
          [1, 2],
          [2, 3],
        ],
        ["+", "+"],
        ["a", "b"],
        { weights: [-1, 2] },
      ),
    /variable "a"/,
  );
  bad(() => minMaxNormalize([1, 2], "up" as "+", "x"), /direction must be/);
});
