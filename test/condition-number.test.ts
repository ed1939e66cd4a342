/**
 * Singular values and condition numbers (lib/src/methods/condition-number.ts) against 60-digit
 * mpmath SVDs of NIST's Longley and Filip designs (fixture made by
 * test/fixtures/reference/condition-number.py), and the identity κ(X'X) = κ(X)².
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError, conditionNumber, loadNistDataset, singularValues } from "cplib";

const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/condition-number.json"), "utf8"),
) as {
  matrices: Record<string, { singular_values: number[]; condition_number: number; A?: number[][] }>;
};

function close(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  );
}
const withConstant = (X: number[][]) => X.map((r) => [1, ...r]);
const crossProduct = (X: number[][]) =>
  X[0].map((_, a) => X[0].map((__, b) => X.reduce((s, r) => s + r[a] * r[b], 0)));

test("singular values of Longley's design match a 60-digit SVD to 12 digits", () => {
  const X = withConstant(loadNistDataset("Longley").X);
  const r = ref.matrices.Longley;
  singularValues(X).forEach((s, j) => close(s, r.singular_values[j], 1e-12, `σ${j + 1}`));
  close(conditionNumber(X), r.condition_number, 1e-12, "κ(X)");
});

test("Filip (κ ≈ 1.8e15): the Jacobi SVD still resolves σ_min to 1e-7", () => {
  const X = withConstant(loadNistDataset("Filip").X);
  const r = ref.matrices.Filip;
  const s = singularValues(X);
  s.forEach((v, j) => close(v, r.singular_values[j], 1e-7, `σ${j + 1}`));
  close(conditionNumber(X), r.condition_number, 1e-7, "κ(X)");
});

test("a matrix with known singular values; wide matrices through the transpose", () => {
  const A = ref.matrices.known.A as number[][];
  singularValues(A).forEach((s, j) =>
    close(s, ref.matrices.known.singular_values[j], 1e-10, `σ${j + 1}`),
  );
  const At = A[0].map((_, j) => A.map((r) => r[j]));
  singularValues(At).forEach((s, j) => close(s, singularValues(A)[j], 1e-14, `σ${j + 1} of A'`));
  close(conditionNumber(A), 1e4, 1e-10, "κ");
  assert.deepEqual(
    singularValues([
      [3, 0],
      [0, 4],
    ]),
    [4, 3],
  );
});

test("κ(X'X) = κ(X)², and the normal equations' X'X for Longley is beyond 1/ε", () => {
  // a moderately conditioned design (Longley's first three regressors, standardised)
  const L = loadNistDataset("Longley");
  const cols = [0, 1, 2].map((j) => L.X.map((r) => r[j]));
  const Z = L.X.map((_, i) =>
    cols.map((c) => {
      const m = c.reduce((s, v) => s + v, 0) / c.length;
      const sd = Math.sqrt(c.reduce((s, v) => s + (v - m) ** 2, 0) / (c.length - 1));
      return (c[i] - m) / sd;
    }),
  );
  const kZ = conditionNumber(Z);
  assert.ok(kZ > 10 && kZ < 1e4, `κ = ${kZ}`);
  close(conditionNumber(crossProduct(Z)), kZ ** 2, 1e-9, "κ(Z'Z) = κ(Z)²");
  // Longley with the constant: κ(X) ≈ 4.9e9, κ(X)² ≈ 2.4e19 > 1/ε ≈ 4.5e15
  const X = withConstant(L.X);
  assert.ok(conditionNumber(X) ** 2 > 1 / Number.EPSILON);
  assert.ok(conditionNumber(crossProduct(X)) > 1 / Number.EPSILON);
  // scaling a matrix does not change κ
  close(conditionNumber(Z.map((r) => r.map((v) => 1e6 * v))), kZ, 1e-12, "κ(cA) = κ(A)");
});

test("rank-deficient matrices have κ = ∞; bad input is a DataError", () => {
  assert.equal(
    conditionNumber([
      [1, 2],
      [2, 4],
      [3, 6],
    ]),
    Infinity,
  );
  assert.deepEqual(
    singularValues([
      [1, 1],
      [1, 1],
    ]),
    [2, 0],
  );
  assert.throws(
    () =>
      conditionNumber([
        [0, 0],
        [0, 0],
      ]),
    /is zero/,
  );
  assert.throws(() => conditionNumber([]), /empty/);
  assert.throws(() => conditionNumber([[1, 2], [3]]), /row 2 of A has 1 entries, expected 2/);
  assert.throws(
    () => conditionNumber([[1, NaN]], { name: "X" }),
    (e: unknown) => e instanceof DataError && /X\[1, 2\] is NaN/.test(e.message),
  );
});
