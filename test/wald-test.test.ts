/**
 * Wald χ² and F tests of linear hypotheses (lib/src/methods/wald-test.ts) against
 * car::linearHypothesis with classical, HC1 and CR1 covariances (fixture made by
 * test/fixtures/reference/wald-test.R) and statsmodels' f_test / wald_test with string
 * hypotheses (test/fixtures/reference/statsmodels-methods.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DataError, ols, parseLinearHypotheses, waldTest, type CovType } from "cplib";

interface CarTest {
  hypothesis: string;
  cov: "classical" | "HC1" | "cluster";
  q: number;
  chisq: number;
  chisq_p: number;
  F: number;
  F_df2: number;
  F_p: number;
  F_p_G1: number | null;
  hypothesis_matrix: number[][];
}
interface CarCase {
  data: Record<string, (number | string)[]>;
  names: string[];
  coef: number[];
  df_resid: number;
  G: number;
  tests: CarTest[];
}
const car = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/wald-test.json"), "utf8"),
) as { grunfeld: CarCase; sim: CarCase };
const sm = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/statsmodels-methods.json"), "utf8"),
) as {
  data: Record<string, (number | string)[]>;
  names: string[];
  wald: {
    hypothesis: string;
    cov: "classical" | "HC1" | "cluster";
    F: number;
    F_p: number;
    df_num: number;
    df_denom: number;
    chisq: number;
    chisq_p: number;
  }[];
};

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

function fit(data: Record<string, (number | string)[]>, xs: string[], cov: string) {
  const y = data.y as number[];
  const X = y.map((_, i) => xs.map((x) => data[x][i] as number));
  const c: CovType =
    cov === "cluster" ? { type: "cluster", groups: data.group } : (cov as "classical" | "HC1");
  return ols(y, X, { names: xs, cov: c });
}

for (const key of ["grunfeld", "sim"] as const) {
  test(`waldTest matches car::linearHypothesis on ${key} (classical, HC1, CR1)`, () => {
    const cs = car[key];
    const xs = cs.names.slice(1);
    for (const t of cs.tests) {
      const f = fit(cs.data, xs, t.cov);
      const what = `${t.hypothesis} [${t.cov}]`;
      // car refers F to F(q, n − k) whatever the covariance
      const w = waldTest(f, t.hypothesis, { dfDenom: f.dfResid });
      assert.equal(w.df, t.q, what);
      assert.equal(w.dfDenom, t.F_df2, what);
      close(w.statistic, t.chisq, 1e-9, `${what} χ²`);
      close(w.pValue, t.chisq_p, 1e-7, `${what} χ² p`);
      close(w.fvalue, t.F, 1e-9, `${what} F`);
      close(w.fPvalue, t.F_p, 1e-7, `${what} F p`);
      w.value.forEach((v, i) => close(v, t.hypothesis_matrix[i][0], 1e-9, `${what} Rβ − r`));
      if (t.cov === "cluster") {
        // default: F(q, G − 1) for a cluster-robust covariance
        const wc = waldTest(f, t.hypothesis);
        assert.equal(wc.dfDenom, cs.G - 1);
        close(wc.fPvalue, t.F_p_G1 as number, 1e-7, `${what} F p (G − 1)`);
        assert.equal(wc.covType, "cluster");
      }
    }
  });
}

test("waldTest matches statsmodels' f_test and wald_test, chained hypotheses included", () => {
  const xs = sm.names.slice(1);
  for (const t of sm.wald) {
    const f = fit(sm.data, xs, t.cov);
    const w = waldTest(f, t.hypothesis);
    const what = `${t.hypothesis} [${t.cov}]`;
    assert.equal(w.dfNum, t.df_num, what);
    assert.equal(w.dfDenom, t.df_denom, what); // n − k, or G − 1 when clustered
    close(w.fvalue, t.F, 1e-9, `${what} F`);
    close(w.fPvalue, t.F_p, 1e-7, `${what} F p`);
    close(w.statistic, t.chisq, 1e-9, `${what} χ²`);
    close(w.pValue, t.chisq_p, 1e-7, `${what} χ² p`);
  }
});

test("classical Wald F equals the restricted-vs-unrestricted SSR F", () => {
  const cs = car.sim;
  const full = fit(cs.data, ["x1", "x2", "x3", "d"], "classical");
  const restricted = fit(cs.data, ["x1"], "classical");
  const q = 3;
  const F = (restricted.ssr - full.ssr) / q / (full.ssr / full.dfResid);
  const w = waldTest(full, "x2 = 0, x3 = 0, d = 0");
  close(w.fvalue, F, 1e-10, "F");
  close(w.statistic, q * F, 1e-10, "W = qF");
  // a single restriction: F = t²
  const one = waldTest(full, "x3");
  close(one.fvalue, full.tvalues[3] ** 2, 1e-10, "F = t²");
  close(one.fPvalue, full.pvalues[3], 1e-9, "p(F) = p(t)");
});

test("parseLinearHypotheses: R and r, chains, constants on both sides, longest names", () => {
  const names = ["const", "x1", "x10", "x2"];
  const h = parseLinearHypotheses("x1 = x2 = 0", names);
  assert.deepEqual(h.R, [
    [0, 1, 0, -1],
    [0, 0, 0, 1],
  ]);
  assert.deepEqual(h.r, [0, 0]);
  assert.deepEqual(h.labels, ["x1 = x2", "x2 = 0"]);
  const g = parseLinearHypotheses(["2*x10 - x1/4 + 1 = 3 + const", "x2"], names);
  assert.deepEqual(g.R, [
    [-1, -0.25, 2, 0],
    [0, 0, 0, 1],
  ]);
  assert.deepEqual(g.r, [2, 0]);
  assert.deepEqual(parseLinearHypotheses("-x1 + -x2 = .5e1; x10 * 3 = 0", names).R, [
    [0, -1, 0, -1],
    [0, 0, 3, 0],
  ]);
  const names2 = ["const", "NQP:D", "NQP"];
  assert.deepEqual(parseLinearHypotheses("NQP:D = NQP", names2).R, [[0, 1, -1]]);
});

test("parseLinearHypotheses rejects what it cannot read, naming the problem", () => {
  const names = ["const", "x1", "x2"];
  const bad: [string, RegExp][] = [
    ["x3 = 0", /unknown parameter "x3"/],
    ["x1*x2 = 0", /product of two parameters/],
    ["x1 + = 0", /unknown parameter|ends with an operator/],
    ["x1 +", /ends with an operator/],
    ["1 = 2", /involves no parameter/],
    ["x1 - x1 = 0", /involves no parameter/],
    ["2 x1 = 0", /expected \+ or -/],
    ["1/x1 = 0", /divide by the parameter/],
    ["x1 / 0 = 1", /not finite/],
    ["", /no hypothesis/],
  ];
  for (const [text, re] of bad) {
    assert.throws(
      () => parseLinearHypotheses(text, names),
      (e: unknown) => e instanceof DataError && re.test(e.message),
      text,
    );
  }
});

test("waldTest: a matrix hypothesis equals the string one; bad input is a DataError", () => {
  const f = fit(car.sim.data, ["x1", "x2", "x3", "d"], "HC1");
  const s = waldTest(f, "x1 - x2 = 0.1, d = 0");
  const m = waldTest(f, {
    R: [
      [0, 1, -1, 0, 0],
      [0, 0, 0, 0, 1],
    ],
    r: [0.1, 0],
  });
  close(m.statistic, s.statistic, 1e-14, "same W");
  assert.deepEqual(m.hypothesis.labels, ["x1 - x2 = 0.1", "d = 0"]);
  assert.throws(() => waldTest(f, { R: [[1, 0]] }), /row 1 of R has 2 columns, expected 5/);
  assert.throws(() => waldTest(f, { R: [[0, NaN, 0, 0, 0]] }), DataError);
  // dependent restrictions: RVR' singular
  assert.throws(
    () => waldTest(f, "x1 = 0, 2*x1 = 0"),
    (e: unknown) => e instanceof DataError && /singular/.test(e.message),
  );
});

test("waldTest: with a cluster-robust covariance at most G − 1 restrictions are testable", () => {
  // 3 clusters: the CR1 covariance has rank ≤ 2, so a joint test of 3 slopes is refused.
  const n = 30;
  const groups = Array.from({ length: n }, (_, i) => `g${i % 3}`);
  const X = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
  const y = X.map((r, i) => r[0] - r[1] + 0.3 * Math.sin(5 * i + 1));
  const f = ols(y, X, { cov: { type: "cluster", groups } });
  assert.equal(f.dfInference, 2);
  assert.ok(Number.isFinite(waldTest(f, "x1 = 0, x2 = 0").statistic));
  assert.throws(
    () => waldTest(f, "x1 = 0, x2 = 0, x3 = 0"),
    (e: unknown) => e instanceof DataError && /G − 1/.test(e.message),
  );
});

test("waldTest takes a formula fit (Intercept) and fixed-effects results directly", () => {
  const cs = car.grunfeld;
  const t = cs.tests.find((x) => x.hypothesis === "x1 = x2" && x.cov === "cluster") as CarTest;
  const res = ols("y ~ x1 + x2", cs.data, { cov: "cluster", groups: "group" });
  const w = waldTest(res, "x1 = x2", { dfDenom: res.dfResid });
  close(w.statistic, t.chisq, 1e-9, "χ² from a formula fit");
  close(waldTest(res, "x1 = x2").fPvalue, t.F_p_G1 as number, 1e-7, "F(q, G − 1)");
  const c = waldTest(ols("y ~ x1 + x2", cs.data), "Intercept = 0");
  close(c.fvalue, ols("y ~ x1 + x2", cs.data).tvalues.Intercept ** 2, 1e-10, "Intercept by name");
  const fe = ols("y ~ x1 + x2 | group", cs.data);
  close(waldTest(fe, "x2 = 0").fvalue, fe.tvalues.x2 ** 2, 1e-10, "fixed-effects fit");
  assert.throws(() => waldTest({} as never, "x1 = 0"), /needs a fitted model/);
});
