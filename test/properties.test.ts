// Property tests on random designs (fast-check, fixed seed so failures reproduce).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ols } from "cplib";
import { entropyWeights, type Direction } from "cplib";

const SEED = 20260101;
const RUNS = 150;

/** Numbers on a grid (no denormals or 1e-300s, which test the float format, not the method). */
const gridDouble = (min: number, max: number, step: number) =>
  fc.integer({ min: Math.round(min / step), max: Math.round(max / step) }).map((i) => i * step);

/** A random well-posed regression: n rows, p regressors in [−10, 10], y with noise. */
const design = fc
  .record({ n: fc.integer({ min: 8, max: 40 }), p: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, p }) =>
    fc.record({
      X: fc.array(fc.array(gridDouble(-10, 10, 0.01), { minLength: p, maxLength: p }), {
        minLength: n,
        maxLength: n,
      }),
      beta: fc.array(gridDouble(-5, 5, 0.001), { minLength: p + 1, maxLength: p + 1 }),
      noise: fc.array(gridDouble(-1, 1, 0.001), { minLength: n, maxLength: n }),
      perm: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      c: fc.double({ min: 0.01, max: 100, noNaN: true }),
      sign: fc.boolean(),
    }),
  )
  .map((d) => ({
    ...d,
    y: d.X.map(
      (row, i) => d.beta[0] + row.reduce((s, x, j) => s + x * d.beta[j + 1], 0) + d.noise[i],
    ),
  }))
  // skip collinear draws (e.g. a column of zeros): rank errors are tested in ols.test.ts
  .filter((d) => {
    try {
      ols(d.y, d.X);
      return true;
    } catch {
      return false;
    }
  });

const close = (a: number, b: number, rel: number) =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

test("row order does not matter", () => {
  fc.assert(
    fc.property(design, (d) => {
      const a = ols(d.y, d.X);
      const b = ols(
        d.perm.map((i) => d.y[i]),
        d.perm.map((i) => d.X[i]),
      );
      return (
        a.params.every((v, j) => close(v, b.params[j], 1e-8)) &&
        a.bse.every((v, j) => close(v, b.bse[j], 1e-8)) &&
        close(a.rsquared, b.rsquared, 1e-10)
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test("scaling a regressor by c scales its coefficient (and SE) by 1/c and leaves t unchanged", () => {
  fc.assert(
    fc.property(design, (d) => {
      const c = d.sign ? d.c : -d.c;
      const a = ols(d.y, d.X);
      const b = ols(
        d.y,
        d.X.map((row) => [row[0] * c, ...row.slice(1)]),
      );
      return (
        close(b.params[1] * c, a.params[1], 1e-8) &&
        close(b.bse[1] * Math.abs(c), a.bse[1], 1e-8) &&
        close(b.tvalues[1] * Math.sign(c), a.tvalues[1], 1e-7) &&
        close(b.params[0], a.params[0], 1e-8)
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test("residuals are orthogonal to every column (X'e = 0) and R² lies in [0, 1]", () => {
  fc.assert(
    fc.property(design, (d) => {
      const r = ols(d.y, d.X);
      const sumE = r.resid.reduce((s, e) => s + e, 0);
      const scale = Math.sqrt(r.ssr) * Math.sqrt(d.y.length) * 10 + 1;
      const orth = d.X[0].every(
        (_, j) => Math.abs(r.resid.reduce((s, e, i) => s + e * d.X[i][j], 0)) < 1e-10 * scale,
      );
      return (
        Math.abs(sumE) < 1e-10 * scale && orth && r.rsquared >= -1e-12 && r.rsquared <= 1 + 1e-12
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

/** A random indicator table: n rows × m columns, each column non-constant, with directions. */
const indicators = fc
  .record({ n: fc.integer({ min: 2, max: 30 }), m: fc.integer({ min: 1, max: 9 }) })
  .chain(({ n, m }) =>
    fc.record({
      X: fc.array(fc.array(gridDouble(-1e3, 1e3, 0.1), { minLength: m, maxLength: m }), {
        minLength: n,
        maxLength: n,
      }),
      directions: fc.array(fc.constantFrom<Direction>("+", "-"), { minLength: m, maxLength: m }),
    }),
  )
  .filter(({ X }) => X[0].every((_, j) => new Set(X.map((row) => row[j])).size > 1));

test("entropy weights are non-negative and sum to 1; composites and normalised values lie in [0, 1]", () => {
  fc.assert(
    fc.property(indicators, ({ X, directions }) => {
      const names = directions.map((_, j) => `x${j}`);
      const r = entropyWeights(X, directions, names);
      const sum = r.weights.reduce((a, b) => a + b, 0);
      return (
        r.weights.every((w) => w >= 0) &&
        Math.abs(sum - 1) < 1e-12 &&
        r.entropy.every((e) => e >= -1e-12 && e <= 1 + 1e-12) &&
        r.scores.every((s) => s >= 0 && s <= 1 + 1e-12) &&
        r.normalized.every((row) => row.every((z) => z >= 0 && z <= 1))
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test("entropy weights do not depend on row order or on the units of an indicator", () => {
  fc.assert(
    fc.property(
      indicators,
      fc.double({ min: 0.001, max: 1000, noNaN: true }),
      ({ X, directions }, unit) => {
        const names = directions.map((_, j) => `x${j}`);
        const a = entropyWeights(X, directions, names);
        const b = entropyWeights(
          [...X].reverse().map((row) => [row[0] * unit, ...row.slice(1)]),
          directions,
          names,
        );
        return a.weights.every((w, j) => Math.abs(w - b.weights[j]) < 1e-9);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

test("the property checks can fail (a deliberately wrong claim is refuted)", () => {
  assert.throws(() =>
    fc.assert(
      fc.property(design, (d) => ols(d.y, d.X).params[0] >= 0),
      { seed: SEED, numRuns: RUNS },
    ),
  );
});
