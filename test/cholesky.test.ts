// choleskyLower and choleskyInverse against values R gives: t(chol(A)) and solve(A).
import { test } from "node:test";
import assert from "node:assert/strict";
import { choleskyInverse, choleskyLower } from "cplib";

const close = (a: number[][], b: number[][], tol = 1e-14) =>
  a.forEach((row, i) =>
    row.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) <= tol, `${i},${j}`)),
  );

test("a 3×3 positive definite matrix: factor and inverse as R's chol() and solve()", () => {
  const A = [
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ];
  const L = choleskyLower(A);
  assert.ok(L);
  close(L, [
    [2, 0, 0],
    [6, 1, 0],
    [-8, 5, 3],
  ]);
  // R: solve(matrix(c(4,12,-16,12,37,-43,-16,-43,98), 3))
  close(
    choleskyInverse(L),
    [
      [49.361111111111, -13.555555555556, 2.111111111111],
      [-13.555555555556, 3.777777777778, -0.555555555556],
      [2.111111111111, -0.555555555556, 0.111111111111],
    ],
    1e-9,
  );
  const inv = choleskyInverse(L);
  assert.deepEqual(
    inv,
    inv[0].map((_, j) => inv.map((r) => r[j])),
    "exactly symmetric",
  );
});

test("not positive definite, singular to the tolerance, or NaN: null", () => {
  assert.equal(
    choleskyLower([
      [1, 2],
      [2, 1],
    ]),
    null,
  );
  assert.equal(
    choleskyLower(
      [
        [1, 1],
        [1, 1],
      ],
      { relative: 1e-10 },
    ),
    null,
  );
  assert.equal(choleskyLower([[1e-11]], { absolute: 1e-10 }), null);
  assert.ok(choleskyLower([[1e-11]]));
  assert.equal(choleskyLower([[NaN]]), null);
});
