// The Householder QR building blocks (qr.ts) and the @stdlib distribution wrappers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyQ, applyQt, backSubstitute, householderQR, invertUpperTriangular } from "cplib";
import { dot2 } from "cplib";
import {
  fCdf,
  fQuantile,
  normalCdf,
  normalQuantile,
  tCdf,
  tQuantile,
  twoSidedPValueT,
} from "cplib";
import { DataError } from "cplib";

// a 6×3 row-major matrix
const n = 6;
const k = 3;
const rows = [
  [1, 2, 0.5],
  [1, -1, 2],
  [1, 0.3, -1],
  [1, 4, 1],
  [1, 1.5, 0],
  [1, -2, 3],
];
const X = Float64Array.from(rows.flat());

test("Q'Q = I and Q·R reproduces X (R upper triangular, column-major storage)", () => {
  const f = householderQR(X, n, k);
  assert.equal(f.rank, 3);
  assert.deepEqual(Array.from(f.pivot), [0, 1, 2]);
  for (let j = 0; j < k; j++) {
    // column j of Q·R = Q·[R_0j … R_jj, 0 …]
    const v = new Float64Array(n);
    for (let i = 0; i <= j; i++) v[i] = f.qr[j * n + i];
    applyQ(f.qr, f.tau, n, f.rank, v);
    v.forEach((x, i) => assert.ok(Math.abs(x - rows[i][j]) < 1e-14, `QR[${i},${j}] = ${x}`));
  }
  // Q is orthogonal: Q'(Q e_i) = e_i
  for (let c = 0; c < n; c++) {
    const e = new Float64Array(n);
    e[c] = 1;
    applyQ(f.qr, f.tau, n, f.rank, e);
    assert.ok(Math.abs(Math.hypot(...e) - 1) < 1e-14);
    applyQt(f.qr, f.tau, n, f.rank, e);
    e.forEach((x, i) => assert.ok(Math.abs(x - (i === c ? 1 : 0)) < 1e-14));
  }
  // |R_00| is the length of the first column
  assert.ok(Math.abs(Math.abs(f.qr[0]) - Math.sqrt(6)) < 1e-14);
});

test("back substitution and the triangular inverse", () => {
  const f = householderQR(X, n, k);
  const Rinv = new Float64Array(k * k);
  invertUpperTriangular(f.qr, n, k, Rinv);
  // R·R⁻¹ = I (R⁻¹ column-major k×k)
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let l = a; l <= b; l++) s += f.qr[l * n + a] * Rinv[b * k + l];
      assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-14);
    }
  }
  const c = Float64Array.from([1, 2, 3]);
  const b = new Float64Array(3);
  backSubstitute(f.qr, n, k, c, b);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let l = a; l < k; l++) s += f.qr[l * n + a] * b[l];
    assert.ok(Math.abs(s - c[a]) < 1e-13);
  }
});

test("a dependent column is moved to the end and the rank drops", () => {
  // column 2 is twice column 1: it goes to the end, column 3 moves up
  const dep = Float64Array.from(rows.flatMap((r) => [r[0], r[1], 2 * r[1], r[2]]));
  const f = householderQR(dep, n, 4);
  assert.equal(f.rank, 3);
  assert.deepEqual(Array.from(f.pivot), [0, 1, 3, 2]);
  assert.equal(f.tau[3], 0);
  const zero = Float64Array.from(rows.flatMap((r) => [r[0], 0, r[1]]));
  const g = householderQR(zero, n, 3);
  assert.equal(g.rank, 2);
  assert.deepEqual(Array.from(g.pivot), [0, 2, 1]);
  assert.throws(() => householderQR(X, n, 4), DataError);
});

test("dot2 is exact where a naive sum cancels", () => {
  const a = Float64Array.from([1e16, 1, -1e16]);
  const ones = Float64Array.from([1, 1, 1]);
  assert.equal(a[0] + a[1] + a[2], 0);
  assert.equal(dot2(a, 0, 1, ones, 0, 1, 3, 0), 1);
  const x = Float64Array.from([1 + 2 ** -30, 1 - 2 ** -30]);
  assert.equal(dot2(x, 0, 1, x, 0, 1, 1, -1) * 2 ** 30, 2 + 2 ** -30); // (1+ε)² − 1 exactly
});

test("distribution wrappers agree with textbook values and reject bad arguments", () => {
  assert.ok(Math.abs(tQuantile(0.975, 10) - 2.228138851986274) < 1e-12);
  assert.ok(Math.abs(tCdf(2.228138851986274, 10) - 0.975) < 1e-12);
  assert.ok(Math.abs(twoSidedPValueT(2.228138851986274, 10) - 0.05) < 1e-12);
  assert.equal(twoSidedPValueT(0, 5), 1);
  assert.ok(twoSidedPValueT(40, 100) > 0, "tiny p-values do not cancel to 0");
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-12);
  assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-12);
  assert.ok(Math.abs(fQuantile(0.95, 2, 20) - 3.492828476735632) < 1e-9);
  assert.ok(Math.abs(fCdf(3.492828476735632, 2, 20) - 0.95) < 1e-12);
  assert.throws(() => tCdf(1, 0), DataError);
  assert.throws(() => tCdf(NaN, 3), DataError);
  assert.throws(() => tQuantile(1.5, 3), DataError);
  assert.throws(() => fCdf(1, 2, -1), DataError);
});
