/**
 * Panel estimators: between (lib/src/methods/between-estimator.ts), random effects with
 * Swamy–Arora components (random-effects.ts) and the Hausman test (hausman-test.ts), against
 * R's plm on the Grunfeld data (balanced, and with 23 firm-years dropped) and a simulated
 * unbalanced panel (fixture: test/fixtures/reference/panel-estimators.R).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DataError,
  betweenEstimator,
  fixedEffects,
  hausmanTest,
  ols,
  panelGroups,
  randomEffects,
} from "cplib";

interface Results {
  names: string[];
  between: {
    coef: number[];
    se: number[];
    df_resid: number;
    ssr: number;
    r2: number;
    nobs: number;
  };
  random: {
    coef: number[];
    se: number[];
    vcov: number[][];
    df_resid: number;
    ssr: number;
    r2: number;
    r2_adj: number;
    sigma2_idios: number;
    sigma2_id: number;
    theta_by_group: number[];
    groups: string[];
    se_cluster_sss: number[];
  };
  within: { coef: number[]; se: number[] };
  hausman: { statistic: number; df: number; p: number };
}
type Panel = { data: Record<string, (number | string)[]>; results: Results };
const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/panel-estimators.json"), "utf8"),
) as { grunfeld: Panel; grunfeld_u: Panel; sim_u: Panel };

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}
function panel(p: Panel) {
  const xs = p.results.names.slice(1);
  const y = p.data.y as number[];
  const X = y.map((_, i) => xs.map((x) => p.data[x][i] as number));
  return { xs, y, X, group: p.data.group };
}

for (const key of ["grunfeld", "grunfeld_u", "sim_u"] as const) {
  test(`betweenEstimator matches plm model = "between" on ${key}`, () => {
    const { xs, y, X, group } = panel(ref[key]);
    const r = ref[key].results.between;
    const b = betweenEstimator(y, X, group, { names: xs });
    assert.equal(b.result.nobs, r.nobs);
    assert.equal(b.result.dfResid, r.df_resid);
    assert.equal(b.nobs, y.length);
    b.result.params.forEach((v, j) => close(v, r.coef[j], 1e-10, `coef ${j}`));
    b.result.bse.forEach((v, j) => close(v, r.se[j], 1e-9, `se ${j}`));
    close(b.result.ssr, r.ssr, 1e-10, "ssr");
    close(b.result.rsquared, r.r2, 1e-10, "R²");
  });

  test(`randomEffects (Swamy–Arora) matches plm model = "random" on ${key}`, () => {
    const { xs, y, X, group } = panel(ref[key]);
    const r = ref[key].results.random;
    const re = randomEffects(y, X, group, { names: xs });
    close(re.sigma2Idios, r.sigma2_idios, 1e-10, "σ²_e");
    close(re.sigma2Id, r.sigma2_id, 1e-9, "σ²_u");
    assert.equal(re.sigma2IdTruncated, false);
    r.groups.forEach((g, i) =>
      close(re.thetaByGroup[re.groups.indexOf(g)], r.theta_by_group[i], 1e-10, `θ ${g}`),
    );
    assert.equal(re.balanced, key === "grunfeld");
    if (re.balanced) close(re.theta as number, r.theta_by_group[0], 1e-10, "θ");
    else assert.equal(re.theta, null);
    assert.deepEqual(re.result.names, ["const", ...xs]);
    assert.equal(re.result.dfResid, r.df_resid);
    re.result.params.forEach((v, j) => close(v, r.coef[j], 1e-9, `coef ${j}`));
    re.result.bse.forEach((v, j) => close(v, r.se[j], 1e-8, `se ${j}`));
    re.result.covParams.forEach((row, a) =>
      row.forEach((v, b) => close(v, r.vcov[a][b], 1e-8, `V ${a},${b}`)),
    );
    close(re.result.ssr, r.ssr, 1e-10, "ssr");
    close(re.result.rsquared, r.r2, 1e-9, "R² (plm: corr²)");
    close(re.result.rsquaredAdj, r.r2_adj, 1e-9, "adjusted R²");
    const cl = randomEffects(y, X, group, { names: xs, cov: "cluster" });
    cl.result.bse.forEach((v, j) => close(v, r.se_cluster_sss[j], 1e-8, `cluster se ${j}`));
    assert.equal(cl.result.dfInference, re.nGroups - 1);
  });

  test(`hausmanTest(fixed, random) matches plm::phtest on ${key}`, () => {
    const { xs, y, X, group } = panel(ref[key]);
    const r = ref[key].results;
    const fe = fixedEffects(y, X, group, null, { names: xs });
    fe.result.params.forEach((v, j) => close(v, r.within.coef[j], 1e-10, `within ${j}`));
    const re = randomEffects(y, X, group, { names: xs });
    const h = hausmanTest(fe, re);
    assert.deepEqual(h.names, xs);
    assert.equal(h.df, r.hausman.df);
    close(h.statistic, r.hausman.statistic, 1e-8, "H");
    close(h.pValue, r.hausman.p, 1e-6, "p");
  });
}

test("random effects sits between pooled OLS (θ = 0) and fixed effects (θ → 1)", () => {
  const { xs, y, X, group } = panel(ref.grunfeld);
  const re = randomEffects(y, X, group, { names: xs });
  const pooled = ols(y, X, { names: xs });
  const fe = fixedEffects(y, X, group, null, { names: xs });
  // the capital slope of random effects lies between those of pooled OLS and fixed effects
  const cap = (v: number[]) => v[v.length - 1];
  const lo = Math.min(cap(pooled.params), cap(fe.result.params));
  const hi = Math.max(cap(pooled.params), cap(fe.result.params));
  assert.ok(cap(re.result.params) >= lo && cap(re.result.params) <= hi);
  // Noise that sums to 0 within every firm leaves no between variation: σ̂²_u < 0 is set to 0,
  // θ = 0, and random effects is pooled OLS.
  const noEffect = y.map((_, i) => 1 + 0.1 * X[i][0] + 0.3 * X[i][1] + 5 * (i % 2 === 0 ? 1 : -1));
  const re0 = randomEffects(noEffect, X, group, { names: xs });
  assert.equal(re0.sigma2IdTruncated, true);
  assert.equal(re0.sigma2Id, 0);
  re0.thetaByGroup.forEach((t) => assert.equal(t, 0));
  const p0 = ols(noEffect, X, { names: xs });
  re0.result.params.forEach((v, j) => close(v, p0.params[j], 1e-10, `pooled ${j}`));
  // θᵢ rises with Tᵢ in an unbalanced panel
  const sim = panel(ref.sim_u);
  const u = randomEffects(sim.y, sim.X, sim.group, { names: sim.xs });
  const order = u.counts.map((T, g) => [T, u.thetaByGroup[g]]).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < order.length; i++) assert.ok(order[i][1] >= order[i - 1][1]);
});

test("hausmanTest: H is invariant to the order of the names; robust fits are refused", () => {
  const { xs, y, X, group } = panel(ref.sim_u);
  const fe = fixedEffects(y, X, group, null, { names: xs });
  const re = randomEffects(y, X, group, { names: xs });
  const h = hausmanTest(fe.result, re.result);
  const perm = [2, 0, 1];
  const fe2 = fixedEffects(
    y,
    X.map((r) => perm.map((j) => r[j])),
    group,
    null,
    {
      names: perm.map((j) => xs[j]),
    },
  );
  close(hausmanTest(fe2.result, re.result).statistic, h.statistic, 1e-9, "permuted");
  // a formula fit with absorbed effects ("Intercept"-free names) works as the consistent fit
  const d = { ...ref.sim_u.data };
  const feFormula = ols(`y ~ ${xs.join(" + ")} | group`, d);
  close(hausmanTest(feFormula, re).statistic, h.statistic, 1e-8, "formula FE");
  const feCl = fixedEffects(y, X, group, null, { names: xs, cov: "cluster" });
  assert.throws(() => hausmanTest(feCl.result, re.result), /classical/);
  assert.throws(
    () => hausmanTest({ ...fe.result, names: ["a", "b", "c"] }, re.result),
    /share no coefficient/,
  );
});

test("panel estimators reject bad input with a DataError naming the problem", () => {
  const { xs, y, X, group } = panel(ref.grunfeld);
  assert.throws(() => betweenEstimator(y.slice(1), X, group), /199 values but X has 200 rows/);
  assert.throws(() => randomEffects(y, X, group.slice(1)), /199 group labels for 200 rows/);
  const yNaN = [...y];
  yNaN[4] = NaN;
  assert.throws(() => randomEffects(yNaN, X, group, { names: xs }), /row 5 has NaN/);
  const gBad = [...group];
  gBad[2] = "";
  assert.throws(() => betweenEstimator(y, X, gBad), /row 3 has no valid group label/);
  // three groups cannot identify σ²_u with two regressors (G − K − 1 = 0)
  const three = group.map((g) => String(g) < "firm04");
  const rows = y.map((_, i) => i).filter((i) => three[i]);
  assert.throws(
    () =>
      randomEffects(
        rows.map((i) => y[i]),
        rows.map((i) => X[i]),
        rows.map((i) => group[i]),
      ),
    (e: unknown) => e instanceof DataError && /3 groups are not enough/.test(e.message),
  );
  // a regressor constant within groups has no within slope
  const firmSize = X.map((r, i) => [r[0], Number(String(group[i]).slice(4))]);
  assert.throws(() => randomEffects(y, firmSize, group, { names: ["value", "firmno"] }), DataError);
  assert.deepEqual(panelGroups([1, 2, 3], [[0], [1], [2]], ["a", "b", "a"]).counts, [2, 1]);
});

test("the formula forms equal the matrix forms (and refuse absorbed effects)", () => {
  const { xs, y, X, group } = panel(ref.grunfeld);
  const d = ref.grunfeld.data;
  const f = `y ~ ${xs.join(" + ")}`;
  assert.deepEqual(
    betweenEstimator(f, d, { group: "group" }).result.params,
    betweenEstimator(y, X, group, { names: xs }).result.params,
  );
  assert.deepEqual(
    randomEffects(f, d, { group: "group" }).result.params,
    randomEffects(y, X, group, { names: xs }).result.params,
  );
  assert.throws(() => randomEffects(`${f} | group`, d, { group: "group" }), DataError);
});
