/**
 * Influence diagnostics (lib/src/methods/ols-influence.ts) against R's hatvalues, rstandard,
 * rstudent, cooks.distance and dffits (fixture: test/fixtures/reference/influence.R) and
 * statsmodels' OLSInfluence (test/fixtures/reference/statsmodels-methods.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError, olsInfluence, ols } from "cplib";

interface RInfluence {
  data: Record<string, number[]>;
  resid: number[];
  hat: number[];
  rstandard: number[];
  rstudent: number[];
  cooks: number[];
  dffits: number[];
  sigma: number;
}
const R = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/influence.json"), "utf8"),
) as {
  grunfeld: RInfluence;
  small: RInfluence;
};
const sm = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/statsmodels-methods.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  influence: {
    hat: number[];
    internal: number[];
    external: number[];
    cooks: number[];
    dffits: number[];
  };
};

function closeAll(actual: number[], expected: number[], rel: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((v, i) => {
    const tol = rel * Math.max(Math.abs(expected[i]), 1e-12);
    assert.ok(Math.abs(v - expected[i]) <= tol, `${what}[${i}]: ${v} vs ${expected[i]}`);
  });
}

for (const key of ["grunfeld", "small"] as const) {
  test(`olsInfluence matches R's hatvalues, rstandard, rstudent, cooks.distance, dffits (${key})`, () => {
    const c = R[key];
    const X = c.data.y.map((_, i) => [c.data.x1[i], c.data.x2[i]]);
    const fit = ols(c.data.y, X);
    const inf = olsInfluence(X, fit.resid);
    closeAll(inf.hatMatrixDiag, c.hat, 1e-10, "hat");
    closeAll(inf.residStudentizedInternal, c.rstandard, 1e-9, "rstandard");
    closeAll(inf.residStudentizedExternal, c.rstudent, 1e-9, "rstudent");
    closeAll(inf.cooksDistance, c.cooks, 1e-9, "Cook's D");
    closeAll(inf.dffits, c.dffits, 1e-9, "DFFITS");
    assert.ok(Math.abs(Math.sqrt(inf.sigma2) - c.sigma) < 1e-10 * c.sigma);
    // the leverages sum to k and lie in [1/n, 1)
    const sum = inf.hatMatrixDiag.reduce((s, h) => s + h, 0);
    assert.ok(Math.abs(sum - 3) < 1e-12, `Σh = ${sum}`);
    const n = X.length;
    inf.hatMatrixDiag.forEach((h) => assert.ok(h >= 1 / n - 1e-15 && h < 1));
  });
}

test("olsInfluence matches statsmodels' OLSInfluence", () => {
  const d = sm.data;
  const X = d.y.map((_, i) => [d.x1[i], d.x2[i], d.x3[i], d.d[i]]);
  const inf = olsInfluence(X, ols(d.y, X).resid);
  closeAll(inf.hatMatrixDiag, sm.influence.hat, 1e-10, "hat");
  closeAll(inf.residStudentizedInternal, sm.influence.internal, 1e-9, "internal");
  closeAll(inf.residStudentizedExternal, sm.influence.external, 1e-9, "external");
  closeAll(inf.cooksDistance, sm.influence.cooks, 1e-9, "Cook's D");
  closeAll(inf.dffits, sm.influence.dffits, 1e-9, "DFFITS");
});

test("Cook's distance equals the refit change in β̂ when the row is dropped (the definition)", () => {
  const c = R.small;
  const X = c.data.y.map((_, i) => [c.data.x1[i], c.data.x2[i]]);
  const fit = ols(c.data.y, X);
  const inf = olsInfluence(X, fit.resid);
  const k = 3;
  for (const i of [0, 11]) {
    const keep = X.map((_, r) => r).filter((r) => r !== i);
    const b = ols(
      keep.map((r) => c.data.y[r]),
      keep.map((r) => X[r]),
    ).params;
    // D_i = Σ_j (ŷ_j − ŷ_j(i))² / (k s²)
    let ss = 0;
    X.forEach((row, r) => {
      const full = fit.fitted[r];
      const drop = b[0] + b[1] * row[0] + b[2] * row[1];
      ss += (full - drop) ** 2;
    });
    const D = ss / (k * inf.sigma2);
    assert.ok(
      Math.abs(inf.cooksDistance[i] - D) < 1e-9 * D,
      `row ${i + 1}: ${inf.cooksDistance[i]} vs ${D}`,
    );
  }
  // the far-out x of row 12 is the most influential row
  assert.equal(inf.cooksDistance.indexOf(Math.max(...inf.cooksDistance)), 11);
});

test("olsInfluence refuses residuals of another design, leverage 1 and bad input", () => {
  const c = R.small;
  const X = c.data.y.map((_, i) => [c.data.x1[i], c.data.x2[i]]);
  const e = ols(c.data.y, X).resid;
  // residuals of a smaller model (x1 only; no constant) are not orthogonal to the full design
  const eSmall = ols(
    c.data.y,
    X.map((r) => [r[0]]),
  ).resid;
  assert.throws(
    () => olsInfluence(X, eSmall),
    (err: unknown) =>
      err instanceof DataError && /not those of a least-squares fit/.test(err.message),
  );
  const eNoConst = ols(c.data.y, X, { intercept: false }).resid;
  assert.throws(() => olsInfluence(X, eNoConst), /intercept: false if X already has a constant/);
  assert.doesNotThrow(() => olsInfluence(X, eNoConst, { intercept: false }));
  assert.throws(() => olsInfluence(X.slice(1), e), /12 residuals but 11 rows/);
  assert.throws(
    () =>
      olsInfluence(
        X,
        e.map((v, i) => (i === 3 ? NaN : v)),
      ),
    /residual 4 is NaN/,
  );
  assert.throws(
    () =>
      olsInfluence(
        X.map((r) => [r[0], 2 * r[0]]),
        e,
      ),
    /rank-deficient/,
  );
  // a dummy for row 1 alone: leverage 1
  const Xd = X.map((r, i) => [...r, i === 0 ? 1 : 0]);
  const ed = ols(c.data.y, Xd).resid;
  assert.throws(() => olsInfluence(Xd, ed), /row 1 has leverage 1/);
});

test("olsInfluence takes a formula fit", () => {
  const c = R.small;
  const inf = olsInfluence(ols("y ~ x1 + x2", c.data));
  closeAll(inf.cooksDistance, c.cooks, 1e-9, "Cook's D from a formula fit");
  const noConst = ols("y ~ x1 + x2 - 1", c.data);
  assert.equal(olsInfluence(noConst).kParams, 2);
});
