/**
 * Robustness checks of notebook 06: the regional interaction and Chow test
 * (lib/src/interaction-test.ts), first-principal-component weights (lib/src/pca-weights.ts) and
 * leave-one-city-out (lib/src/leave-one-out.ts). Reference values from R (lm, anova, eigen),
 * made by test/fixtures/reference/robustness.R.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chowTest, olsBy, wildClusterBootstrap } from "cplib";
import { pcaIndexWeights, pcaWeights } from "cplib";
import { leaveOneOut } from "cplib";
import { ols } from "cplib";
import { DataError } from "cplib";

const ref = JSON.parse(
  readFileSync(join(__dirname, "fixtures/reference/robustness.json"), "utf8"),
) as {
  data: Record<string, (number | string)[]>;
  chow: { F: number; df1: number; df2: number; p: number; ssr_pooled: number; ssr_full: number };
  interaction: { estimate: number; t: number; p: number };
  full_interaction: { estimate: number; t: number; p: number };
  slopes: { Northeast: number; Southwest: number };
  pca: { Z: number[][]; eigenvalues: number[]; weights: number[]; share: number };
  pca2: { Z: number[][]; weights: number[] };
};
const MODEL6 = ["NQP", "TRADE", "UIS", "GOV", "RCY"];
const frame = ref.data;

function close(actual: number, expected: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

test("Chow test equals R's anova of the pooled against the fully interacted model", () => {
  const y = frame.CO as number[];
  const X = y.map((_, i) => MODEL6.map((v) => frame[v][i] as number));
  const chow = chowTest(y, X, frame.region, { names: MODEL6 });
  assert.equal(chow.df1, ref.chow.df1);
  assert.equal(chow.df2, ref.chow.df2);
  close(chow.F, ref.chow.F, 1e-9, "F");
  close(chow.ssrPooled, ref.chow.ssr_pooled, 1e-10, "SSR pooled");
  close(chow.ssrSplit, ref.chow.ssr_full, 1e-10, "SSR split = SSR fully interacted");
  close(chow.pValue, ref.chow.p, 1e-6, "p (tiny, computed without cancellation)");
});

test("interaction t tests equal R's lm; fully interacted NQP×D = β_SW − β_NE", () => {
  // R's fixture codes D = 1 for the Northeast; the formula's reference level is the first in
  // alphabetical order (Northeast), so its interaction is the Southwest's: signs flip, p stays.
  const rest = MODEL6.filter((v) => v !== "NQP").join(" + ");
  const term = "NQP:C(region)[T.Southwest]";
  const pooled = ols(`CO ~ NQP * C(region) + ${rest}`, frame);
  close(pooled.params[term], -ref.interaction.estimate, 1e-10, "pooled γ");
  close(pooled.tvalues[term], -ref.interaction.t, 1e-9, "pooled t");
  close(pooled.pvalues[term], ref.interaction.p, 1e-6, "pooled p");
  const full = ols(`CO ~ (${MODEL6.join(" + ")}) * C(region)`, frame);
  close(full.params[term], -ref.full_interaction.estimate, 1e-10, "full γ");
  close(full.tvalues[term], -ref.full_interaction.t, 1e-9, "full t");
  const slopes = olsBy(`CO ~ ${MODEL6.join(" + ")}`, frame, "region");
  close(slopes.Northeast.params.NQP, ref.slopes.Northeast, 1e-10, "NE slope");
  close(slopes.Southwest.params.NQP, ref.slopes.Southwest, 1e-10, "SW slope");
  close(
    full.params[term],
    slopes.Southwest.params.NQP - slopes.Northeast.params.NQP,
    1e-9,
    "difference",
  );
  // The formula form of the chow test equals the matrix form.
  const chow = chowTest(`CO ~ ${MODEL6.join(" + ")}`, frame, "region");
  close(chow.F, ref.chow.F, 1e-9, "Chow F from a formula");
  // The bootstrap tests the same coefficient, with its own p-value and interval.
  const b = wildClusterBootstrap(`CO ~ NQP * C(region) + ${rest}`, frame, {
    param: term,
    cluster: "city",
    draws: 999,
    seed: 3,
  });
  assert.equal(b.coef, term);
  assert.ok(Math.abs(b.estimate - pooled.params[term]) < 1e-12);
  assert.ok(b.pValue >= 0 && b.pValue <= 1);
  assert.ok(b.confInt !== null && b.confInt[0] < b.estimate && b.estimate < b.confInt[1]);
  const cr1 = ols(`CO ~ NQP * C(region) + ${rest}`, frame, { cov: "cluster", groups: "city" });
  assert.ok(Math.abs(cr1.bse[term] - b.seCR1) < 1e-12);
});

test("the formula forms refuse what they cannot do, by name", () => {
  assert.throws(() => chowTest("CO ~ NQP | city", frame, "region"), DataError);
  assert.throws(
    () => wildClusterBootstrap("CO ~ NQP", frame, { param: "FDI", cluster: "city", draws: 9 }),
    (e: unknown) => e instanceof DataError && /"FDI" is not a parameter/.test(e.message),
  );
  assert.throws(
    () =>
      wildClusterBootstrap("CO ~ NQP | region", frame, { param: "NQP", cluster: "city", draws: 9 }),
    (e: unknown) =>
      e instanceof DataError && /first one must be the cluster column/.test(e.message),
  );
});

test("PCA weights equal |first eigenvector of cor(Z)| / sum, as computed by R's eigen", () => {
  const p = pcaWeights(ref.pca.Z, ["z1", "z2", "z3"]);
  p.weights.forEach((w, j) => close(w, ref.pca.weights[j], 1e-9, `w${j + 1}`));
  p.eigenvalues.forEach((l, j) => close(l, ref.pca.eigenvalues[j], 1e-9, `λ${j + 1}`));
  close(p.varianceShare, ref.pca.share, 1e-9, "share");
  close(
    p.weights.reduce((s, w) => s + w, 0),
    1,
    1e-14,
    "weights sum to 1",
  );
  const row0 = ref.pca.Z[0].reduce((s, z, j) => s + p.weights[j] * z, 0);
  close(p.scores[0], row0, 1e-14, "score");
  assert.ok(p.loadings.reduce((s, a) => s + a, 0) >= 0, "sign convention");
});

test("with two indicators PCA weights are equal weights (TRADE)", () => {
  const p = pcaWeights(ref.pca2.Z);
  close(p.weights[0], 0.5, 1e-12, "w1");
  close(ref.pca2.weights[0], 0.5, 1e-12, "R agrees");
  const w = pcaIndexWeights({ TRADE: { normalized: ref.pca2.Z, names: ["ts", "tc"] } });
  assert.deepEqual(Object.keys(w), ["TRADE"]);
});

test("PCA weights reject a constant indicator, naming it", () => {
  const Z = ref.pca.Z.map((r) => [r[0], 0.5, r[2]]);
  assert.throws(
    () => pcaWeights(Z, ["a", "flat", "c"]),
    (e: unknown) => e instanceof DataError && /flat/.test(e.message),
  );
});

test("leave-one-out: each fit equals OLS on the other cities; ranges are right", () => {
  const loo = leaveOneOut(`CO ~ ${MODEL6.join(" + ")}`, frame, { group: "city" });
  assert.equal(loo.rows.length, 11);
  const c = "c04";
  const keep = (frame.city as string[]).map((v, i) => (v === c ? -1 : i)).filter((i) => i >= 0);
  const y = keep.map((i) => frame.CO[i] as number);
  const X = keep.map((i) => MODEL6.map((v) => frame[v][i] as number));
  const direct = ols(y, X, { names: MODEL6 });
  const row = loo.rows.find((r) => r.dropped === c);
  assert.ok(row);
  assert.equal(row.fit.nobs, 100);
  close(row.fit.params.NQP, direct.params[1], 1e-12, "NQP without c04");
  close(row.fit.params.TRADE, direct.params[2], 1e-12, "TRADE without c04");
  const nqp = loo.rows.map((r) => r.fit.params.NQP);
  assert.equal(loo.ranges.NQP.min, Math.min(...nqp));
  assert.equal(loo.ranges.NQP.max, Math.max(...nqp));
  assert.equal(
    loo.rows.find((r) => r.dropped === loo.ranges.NQP.maxDropped)?.fit.params.NQP,
    loo.ranges.NQP.max,
  );
  assert.ok(loo.ranges.NQP.min < loo.ranges.NQP.full && loo.ranges.NQP.full < loo.ranges.NQP.max);
});

test("leave-one-out uses the rebuild callback when given", () => {
  const calls: string[] = [];
  const loo = leaveOneOut(`CO ~ ${MODEL6.join(" + ")}`, frame, {
    group: "city",
    rebuild: (dropped) => {
      calls.push(dropped);
      const keep = (frame.city as string[])
        .map((v, i) => (v === dropped ? -1 : i))
        .filter((i) => i >= 0);
      return Object.fromEntries(
        Object.entries(frame).map(([k, col]) => [k, keep.map((i) => col[i])]),
      );
    },
  });
  assert.equal(calls.length, 11);
  assert.equal(loo.rows[0].dropped, "c01");
  assert.throws(() => leaveOneOut("CO ~ NQP", frame, { group: "town" }), DataError);
});
