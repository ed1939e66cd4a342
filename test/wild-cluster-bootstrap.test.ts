/**
 * Wild cluster restricted bootstrap (lib/src/wild-cluster-bootstrap.ts).
 * (a) the fast algorithm against a naive refit-per-draw implementation written here;
 * (b) against an independent naive R implementation (lm + sandwich::vcovCL), kept as a fixture
 *     with the script that made it (test/fixtures/reference/wild-cluster-bootstrap.R): all 2^11
 *     Rademacher sign vectors (the exact, enumerated distribution) and 999 Webb draws from R;
 * (c) the confidence interval is where the (naively recomputed) p-value crosses alpha.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  bootstrapWeights,
  wcrPValue,
  wcrPrecompute,
  wcrStatistics,
  wcrTStat,
  wildClusterBootstrap,
} from "cplib";
import { ols } from "cplib";
import { DataError } from "cplib";

interface RCase {
  param: string;
  null: number;
  estimate: number;
  se_cr1: number;
  t_stat: number;
  t_enum: number[];
  p_enum: number;
  t_webb: number[];
  p_webb: number;
}
const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/wild-cluster-bootstrap.json"), "utf8"),
) as {
  data: Record<string, (number | string)[]>;
  names: string[];
  webb_weights: number[][];
  cases: RCase[];
};
const y = ref.data.y as number[];
const cl = ref.data.cl as string[];
const X = y.map((_, i) => ref.names.map((nm) => ref.data[nm][i] as number));
const G = new Set(cl).size;
const clusterIndex = cl.map((c) => [...new Set(cl)].indexOf(c));

/** Naive WCR: impose the null, rebuild y* for each draw, refit with ols(), CR1 t statistic. */
function naiveT(coef: string, r: number, v: Float64Array): number[] {
  const j = ref.names.indexOf(coef);
  const others = X.map((row) => row.filter((_, l) => l !== j));
  const restricted = ols(
    y.map((yi, i) => yi - r * X[i][j]),
    others,
  );
  const out: number[] = [];
  for (let b = 0; b < v.length / G; b++) {
    const ystar = y.map(
      (_, i) =>
        restricted.fitted[i] + r * X[i][j] + restricted.resid[i] * v[b * G + clusterIndex[i]],
    );
    const fit = ols(ystar, X, { names: ref.names, cov: { type: "cluster", groups: cl } });
    out.push((fit.params[j + 1] - r) / fit.bse[j + 1]);
  }
  return out;
}

test("(a) fast WCR t statistics equal a naive refit per draw to 1e-10 (199 Webb draws)", () => {
  for (const [coef, r] of [
    ["x4", 0],
    ["x1", 0.5],
    ["x3", -0.1],
  ] as const) {
    const problem = wcrPrecompute(y, X, cl, { coef, names: ref.names });
    const v = bootstrapWeights(G, 199, { weights: "webb", seed: 11 });
    const st = wcrStatistics(problem, v);
    const naive = naiveT(coef, r, v);
    naive.forEach((t, b) => {
      const fast = wcrTStat(problem, st, b, r);
      assert.ok(Math.abs(fast - t) <= 1e-10, `${coef} draw ${b}: ${fast} vs ${t}`);
    });
  }
});

test("(b) enumerated Rademacher distribution matches the naive R implementation", () => {
  for (const c of ref.cases) {
    const wb = wildClusterBootstrap(y, X, cl, {
      coef: c.param,
      names: ref.names,
      null: c.null,
      weights: "rademacher",
      enumerate: true,
      confInt: false,
    });
    assert.equal(wb.draws, 2 ** G);
    assert.ok(Math.abs(wb.estimate - c.estimate) < 1e-12);
    assert.ok(Math.abs(wb.seCR1 - c.se_cr1) < 1e-12, "CR1 standard error as sandwich::vcovCL");
    assert.ok(Math.abs(wb.tStat - c.t_stat) < 1e-9);
    c.t_enum.forEach((t, b) => {
      assert.ok(Math.abs(wb.tBoot[b] - t) <= 1e-9 * Math.max(1, Math.abs(t)), `draw ${b}`);
    });
    // Deterministic: the exact p-value is a multiple of 1/2^G and equals R's.
    assert.equal(wb.pValue, c.p_enum, `${c.param}: p = ${wb.pValue} vs R ${c.p_enum}`);
    assert.equal(Math.round(wb.pValue * 2 ** G), wb.pValue * 2 ** G);
  }
});

test("(b) Webb weights drawn in R give R's bootstrap t statistics and p-value", () => {
  const v = Float64Array.from(ref.webb_weights.flat());
  for (const c of ref.cases) {
    const problem = wcrPrecompute(y, X, cl, { coef: c.param, names: ref.names });
    const st = wcrStatistics(problem, v);
    c.t_webb.forEach((t, b) => {
      const fast = wcrTStat(problem, st, b, c.null);
      assert.ok(Math.abs(fast - t) <= 1e-9 * Math.max(1, Math.abs(t)), `draw ${b}`);
    });
    // Compare counts of more extreme draws (R's JSON keeps 15 significant digits).
    assert.equal(Math.round(wcrPValue(problem, st, c.null) * 999), Math.round(c.p_webb * 999));
  }
});

test("(c) the confidence interval ends are where the naive p-value crosses alpha", () => {
  const alpha = 0.1;
  const wb = wildClusterBootstrap(y, X, cl, {
    coef: "x4",
    names: ref.names,
    weights: "rademacher",
    enumerate: true,
    alpha,
  });
  assert.ok(wb.confInt !== null);
  const [lo, hi] = wb.confInt;
  assert.ok(lo < wb.estimate && wb.estimate < hi);
  const v = bootstrapWeights(G, 0, { weights: "rademacher", enumerate: true });
  const naiveP = (r: number): number => {
    const t0 = Math.abs((wb.estimate - r) / wb.seCR1);
    const ts = naiveT("x4", r, v);
    return ts.filter((t) => Math.abs(t) > t0 * (1 + 1e-10)).length / ts.length;
  };
  const eps = 1e-5 * wb.seCR1;
  assert.ok(naiveP(lo - eps) < alpha, "just outside the lower end: rejected");
  assert.ok(naiveP(lo + eps) >= alpha, "just inside the lower end: not rejected");
  assert.ok(naiveP(hi + eps) < alpha, "just outside the upper end: rejected");
  assert.ok(naiveP(hi - eps) >= alpha, "just inside the upper end: not rejected");
});

test("seeded: same seed, same draws; another seed, other draws", () => {
  const opts = { coef: "x4", names: ref.names, draws: 999, seed: 5, confInt: false } as const;
  const a = wildClusterBootstrap(y, X, cl, opts);
  const b = wildClusterBootstrap(y, X, cl, opts);
  const c = wildClusterBootstrap(y, X, cl, { ...opts, seed: 6 });
  assert.deepEqual(Array.from(a.tBoot), Array.from(b.tBoot));
  assert.equal(a.pValue, b.pValue);
  assert.notDeepEqual(Array.from(a.tBoot), Array.from(c.tBoot));
});

test("Webb weights take six values with probability 1/6, mean 0, variance 1", () => {
  const v = bootstrapWeights(10, 60000, { weights: "webb", seed: 1 });
  const counts = new Map<number, number>();
  let sum = 0;
  let sq = 0;
  for (const w of v) {
    counts.set(w, (counts.get(w) ?? 0) + 1);
    sum += w;
    sq += w * w;
  }
  assert.equal(counts.size, 6);
  for (const cnt of counts.values()) assert.ok(Math.abs(cnt / v.length - 1 / 6) < 0.005);
  assert.ok(Math.abs(sum / v.length) < 0.01);
  assert.ok(Math.abs(sq / v.length - 1) < 0.01);
  const rad = bootstrapWeights(10, 60000, { weights: "rademacher", seed: 1 });
  let pos = 0;
  for (const w of rad) if (w === 1) pos += 1;
  assert.ok(Math.abs(pos / rad.length - 0.5) < 0.005);
});

test("a false null is rejected and a true one is not (simulated design)", () => {
  const wb = wildClusterBootstrap(y, X, cl, { coef: "x1", names: ref.names, draws: 1999 });
  assert.ok(wb.pValue < 0.05, `x1 has a large effect: p = ${wb.pValue}`);
  assert.ok(wb.confInt && wb.confInt[0] > 0);
  const wb4 = wildClusterBootstrap(y, X, cl, { coef: "x4", names: ref.names, draws: 1999 });
  assert.ok(wb4.pValue > 0.1, `x4 has no effect: p = ${wb4.pValue}`);
  assert.ok(wb4.confInt && wb4.confInt[0] < 0 && wb4.confInt[1] > 0);
});

test("bad inputs throw DataErrors that say what to do", () => {
  assert.throws(
    () => wildClusterBootstrap(y, X, cl, { coef: "nope", names: ref.names }),
    (e: unknown) => e instanceof DataError && /choose one of/i.test(e.message),
  );
  assert.throws(
    () => wildClusterBootstrap(y, X, cl.slice(1), { coef: "x1", names: ref.names }),
    DataError,
  );
  assert.throws(
    () =>
      wildClusterBootstrap(
        y,
        X,
        y.map(() => "one"),
        { coef: "x1", names: ref.names },
      ),
    (e: unknown) => e instanceof DataError && /at least 2 clusters/.test(e.message),
  );
  assert.throws(() => bootstrapWeights(11, 10, { weights: "webb", enumerate: true }), DataError);
});

test("the formula form tests a coefficient as the matrix form does; critical values", () => {
  const opts = { draws: 999, seed: 9 };
  const formula = `y ~ ${ref.names.join(" + ")}`;
  const b = wildClusterBootstrap(formula, ref.data, { ...opts, param: "x4", cluster: "cl" });
  const direct = wildClusterBootstrap(y, X, cl, { ...opts, coef: "x4", names: ref.names });
  assert.equal(b.coef, "x4");
  assert.equal(b.pValue, direct.pValue);
  assert.deepEqual(b.confInt, direct.confInt);
  // The bootstrap critical value is the 95% quantile of |t*|.
  const abs = Array.from(b.tBoot, Math.abs);
  const below = abs.filter((t) => t <= b.criticalValue).length / abs.length;
  assert.ok(below >= 0.95 && below - 1 / abs.length < 0.95);
  assert.ok(Math.abs(b.criticalValueCR1 - 2.228138851986274) < 1e-9, "t(10) 97.5% quantile");
  assert.throws(
    () => wildClusterBootstrap("nope ~ x1", ref.data, { param: "x1", cluster: "cl" }),
    DataError,
  );
});

test("WCR with city / two-way fixed effects equals a naive refit with dummy variables", () => {
  const fe = JSON.parse(
    readFileSync(join(__dirname, "fixtures/reference/fixed-effects.json"), "utf8"),
  ) as { unbalanced: { data: Record<string, (number | string)[]> } };
  const d = fe.unbalanced.data;
  const yy = d.y as number[];
  const city = d.city as string[];
  const year = d.year as number[];
  const cities = [...new Set(city)];
  const years = [...new Set(year)];
  const Gc = cities.length;
  const B = 199;
  const v = bootstrapWeights(Gc, B, { weights: "webb", seed: 4 });
  for (const effects of ["city", "twoway"] as const) {
    const absorbed = effects === "twoway" ? "city + year" : "city";
    const wb = wildClusterBootstrap(`y ~ x1 + x2 + x3 | ${absorbed}`, d, {
      param: "x2",
      cluster: "city",
      draws: B,
      seed: 4,
      confInt: false,
    });
    // Naive: all dummies as regressors, null imposed, refit for every draw.
    const dummies = (i: number): number[] => [
      ...cities.slice(1).map((c) => (city[i] === c ? 1 : 0)),
      ...(effects === "twoway" ? years.slice(1).map((t) => (year[i] === t ? 1 : 0)) : []),
    ];
    const Xfull = yy.map((_, i) => [
      d.x1[i] as number,
      d.x2[i] as number,
      d.x3[i] as number,
      ...dummies(i),
    ]);
    const full = ols(yy, Xfull, { cov: { type: "cluster", groups: city } });
    const restricted = ols(
      yy,
      Xfull.map((row) => row.filter((_, l) => l !== 1)),
    );
    const tHat = full.tvalues[2];
    const ratio = wb.tStat / tHat; // CR1 factors differ ("nested" vs all dummies counted)
    let more = 0;
    for (let b = 0; b < B; b++) {
      const ystar = yy.map(
        (_, i) => restricted.fitted[i] + restricted.resid[i] * v[b * Gc + cities.indexOf(city[i])],
      );
      const fit = ols(ystar, Xfull, { cov: { type: "cluster", groups: city } });
      const t = fit.tvalues[2];
      assert.ok(
        Math.abs(wb.tBoot[b] - ratio * t) <= 1e-9 * Math.max(1, Math.abs(t)),
        `${effects} draw ${b}`,
      );
      if (Math.abs(t) > Math.abs(tHat) * (1 + 1e-10)) more += 1;
    }
    assert.ok(Math.abs(wb.estimate - full.params[2]) < 1e-10);
    assert.equal(wb.pValue, more / B, `${effects}: p-value`);
    const k = 3 + (effects === "twoway" ? years.length - 1 : 0);
    const n = yy.length;
    const cAll = (n - 1) / (n - 1 - Xfull[0].length);
    const cNested = (n - 1) / (n - k);
    assert.ok(Math.abs(ratio - Math.sqrt(cAll / cNested)) < 1e-9, "only the CR1 factor differs");
  }
});
