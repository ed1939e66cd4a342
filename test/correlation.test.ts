import { test } from "node:test";
import assert from "node:assert/strict";
import { correlationMatrix } from "cplib";

test("correlationMatrix: symmetric, unit diagonal, matches a hand computation", () => {
  const r = correlationMatrix([
    [1, 2, 3, 4],
    [2, 4, 5, 9],
    [4, 3, 2, 1],
  ]);
  // a = 1..4 (centred −1.5,−.5,.5,1.5), b centred (−3,−1,0,4): Σab = 11, Σa² = 5, Σb² = 26
  assert.ok(Math.abs(r[0][1] - 11 / Math.sqrt(5 * 26)) < 1e-15);
  assert.ok(Math.abs(r[0][2] + 1) < 1e-15);
  assert.equal(r[1][0], r[0][1]);
  assert.deepEqual([r[0][0], r[1][1], r[2][2]], [1, 1, 1]);
  assert.throws(
    () =>
      correlationMatrix(
        [
          [1, 1, 1],
          [1, 2, 3],
        ],
        ["flat", "x"],
      ),
    /flat/,
  );
  assert.throws(() => correlationMatrix([[1, 2, NaN]], ["x"]), /row 3/);
});
