/**
 * Breusch–Pagan (lib/src/methods/breusch-pagan.ts) and White (lib/src/methods/white-test.ts)
 * tests against lmtest::bptest (fixture: test/fixtures/reference/heteroskedasticity.R) and
 * statsmodels' het_breuschpagan / het_white (test/fixtures/reference/statsmodels-methods.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError, breuschPagan, ols, whiteTest } from "cplib";

interface Lm {
  statistic: number;
  df: number;
  p: number;
}
interface AuxF {
  F: number;
  df1: number;
  df2: number;
  p: number;
}
interface RCase {
  data: Record<string, number[]>;
  names: string[];
  resid: number[];
  bp_model: { koenker: Lm; original: Lm; f: AuxF };
  bp_other: { z: string | string[]; koenker: Lm; original: Lm; f: AuxF };
  white: { koenker: Lm; f: AuxF };
}
const R = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/heteroskedasticity.json"), "utf8"),
) as { grunfeld: RCase; sim: RCase };
const sm = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/statsmodels-methods.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  het_breuschpagan: {
    z: string[];
    robust: { lm: number; lm_p: number; F: number; F_p: number };
    original: { lm: number; lm_p: number; F: number; F_p: number };
  };
  het_white: { lm: number; lm_p: number; F: number; F_p: number };
};

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}
const cols = (d: Record<string, number[]>, xs: string[]) =>
  d[xs[0]].map((_, i) => xs.map((x) => d[x][i]));

for (const key of ["grunfeld", "sim"] as const) {
  test(`breuschPagan matches lmtest::bptest on ${key} (Koenker and original, F variant)`, () => {
    const c = R[key];
    const X = cols(c.data, c.names);
    const fit = ols(c.data.y, X, { names: c.names });
    fit.resid.forEach((e, i) => close(e, c.resid[i], 1e-8, `resid ${i}`));
    const zOther = Array.isArray(c.bp_other.z) ? c.bp_other.z : [c.bp_other.z];
    for (const [z, ref] of [
      [X, c.bp_model],
      [cols(c.data, zOther), c.bp_other],
    ] as const) {
      const k = breuschPagan(fit.resid, z as number[][]);
      assert.equal(k.robust, true);
      assert.equal(k.df, ref.koenker.df);
      close(k.statistic, ref.koenker.statistic, 1e-9, "Koenker LM");
      close(k.pValue, ref.koenker.p, 1e-7, "Koenker p");
      const o = breuschPagan(fit.resid, z as number[][], { robust: false });
      close(o.statistic, ref.original.statistic, 1e-9, "original LM");
      close(o.pValue, ref.original.p, 1e-7, "original p");
      for (const r of [k, o]) {
        assert.equal(r.dfNum, ref.f.df1);
        assert.equal(r.dfDenom, ref.f.df2);
        close(r.fvalue, ref.f.F, 1e-9, "aux F");
        close(r.fPvalue, ref.f.p, 1e-7, "aux F p");
      }
    }
  });

  test(`whiteTest matches bptest with the full quadratic formula on ${key}`, () => {
    const c = R[key];
    const X = cols(c.data, c.names);
    const fit = ols(c.data.y, X, { names: c.names });
    const w = whiteTest(fit.resid, X, { names: c.names });
    assert.equal(w.df, c.white.koenker.df);
    close(w.statistic, c.white.koenker.statistic, 1e-9, "White LM");
    close(w.pValue, c.white.koenker.p, 1e-7, "White p");
    close(w.fvalue, c.white.f.F, 1e-9, "White F");
    close(w.fPvalue, c.white.f.p, 1e-7, "White F p");
    assert.equal(w.dfDenom, c.white.f.df2);
  });
}

test("whiteTest drops the square of a dummy (d² = d) and counts the rank, as R and statsmodels", () => {
  const c = R.sim;
  const X = cols(c.data, c.names);
  const w = whiteTest(ols(c.data.y, X).resid, X, { names: c.names });
  assert.deepEqual(w.dropped, ["d^2"]);
  assert.equal(w.auxNames.length, 13);
  assert.deepEqual(w.auxNames.slice(0, 6), ["x1", "x2", "x3", "d", "x1^2", "x1*x2"]);
});

test("breuschPagan and whiteTest match statsmodels' het_breuschpagan and het_white", () => {
  const d = sm.data;
  const xs = ["x1", "x2", "x3", "d"];
  const X = cols(d, xs);
  const e = ols(d.y, X).resid;
  const z = cols(d, sm.het_breuschpagan.z);
  for (const [robust, ref] of [
    [true, sm.het_breuschpagan.robust],
    [false, sm.het_breuschpagan.original],
  ] as const) {
    const r = breuschPagan(e, z, { robust });
    close(r.statistic, ref.lm, 1e-9, `LM robust=${robust}`);
    close(r.pValue, ref.lm_p, 1e-7, "p");
    close(r.fvalue, ref.F, 1e-9, "F");
    close(r.fPvalue, ref.F_p, 1e-7, "F p");
  }
  const w = whiteTest(e, X, { names: xs });
  close(w.statistic, sm.het_white.lm, 1e-9, "White LM");
  close(w.pValue, sm.het_white.lm_p, 1e-7, "White p");
  close(w.fvalue, sm.het_white.F, 1e-9, "White F");
  close(w.fPvalue, sm.het_white.F_p, 1e-7, "White F p");
});

test("Breusch–Pagan: homoskedastic noise is not rejected, variance growing with x is", () => {
  // deterministic pseudo-random normal draws (Box–Muller on a linear congruential generator)
  let s = 12345;
  const unif = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const normal = () => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  const n = 400;
  const x = Array.from({ length: n }, () => 3 * unif());
  const X = x.map((v) => [v]);
  const homo = ols(
    x.map((v) => 1 + v + normal()),
    X,
  ).resid;
  const hetero = ols(
    x.map((v) => 1 + v + v * v * normal()),
    X,
  ).resid;
  assert.ok(breuschPagan(homo, X).pValue > 0.01);
  assert.ok(breuschPagan(hetero, X).pValue < 1e-6);
  // the LM statistic is invariant to rescaling the residuals (n·R² of e² on z)
  const a = breuschPagan(hetero, X).statistic;
  close(
    breuschPagan(
      hetero.map((e) => 7 * e),
      X,
    ).statistic,
    a,
    1e-10,
    "scale invariance",
  );
});

test("breuschPagan and whiteTest reject bad input with a DataError", () => {
  const X = [[1], [2], [3], [4], [5]];
  const e = [0.1, -0.2, 0.05, 0.1, -0.05];
  assert.throws(() => breuschPagan(e.slice(1), X), /4 residuals but 5 rows/);
  assert.throws(() => breuschPagan([0.1, NaN, 0, 0, 0], X), /residual 2 is NaN/);
  assert.throws(() => breuschPagan([0, 0, 0, 0, 0], X), /every residual is 0/);
  assert.throws(() => breuschPagan([1, -1, 1, -1, 1], X), /every squared residual is the same/);
  assert.throws(
    () =>
      breuschPagan(
        e,
        X.map(() => []),
      ),
    /no regressor/,
  );
  assert.throws(() => breuschPagan(e.slice(0, 2), X.slice(0, 2)), /not enough/);
  assert.throws(
    () =>
      whiteTest(e, [
        [1, 2],
        [1, 3],
        [2, 1],
        [3, 3],
        [4, 1],
      ]),
    DataError,
  ); // n < columns
  assert.throws(
    () =>
      whiteTest(
        e,
        X.map((r) => [r[0], Infinity]),
      ),
    /row 1 has Infinity/,
  );
});

test("breuschPagan and whiteTest take a formula fit; absorbed effects are refused", () => {
  const c = R.grunfeld;
  const res = ols("y ~ x1 + x2", c.data);
  close(breuschPagan(res).statistic, c.bp_model.koenker.statistic, 1e-9, "BP from a fit");
  close(
    breuschPagan(res, { robust: false }).statistic,
    c.bp_model.original.statistic,
    1e-9,
    "BP original",
  );
  const w = whiteTest(res);
  close(w.statistic, c.white.koenker.statistic, 1e-9, "White from a fit");
  assert.deepEqual(w.dropped, []);
  const g = Array.from({ length: c.data.y.length }, (_, i) => `f${Math.floor(i / 20)}`);
  const fe = ols("y ~ x1 + x2 | g", { ...c.data, g });
  assert.throws(() => breuschPagan(fe), /absorbed fixed effects/);
  assert.throws(() => whiteTest(fe), /absorbed fixed effects/);
});
