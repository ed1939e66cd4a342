/**
 * Tests of the audit rules (lib/src/audit). For each rule: a small table that is consistent by
 * construction (estimated with the lib's OLS on a deterministic synthetic data set, then printed
 * at the paper's precision) passes, and the same table with one deliberate inconsistency is
 * caught. Last, the real published tables give the expected headline findings.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import {
  auditAdjustedR2,
  auditBivariateIdentities,
  auditDifferenceZ,
  auditJointMoments,
  auditRecoverJointMoments,
  auditRegionalDifference,
  auditStarsForP,
  auditStarsVsP,
  auditTable6Specification,
  auditTextVsTables,
  auditVifConsistency,
  printedInterval,
  runAudit,
  type AuditCell,
  type AuditCheck,
  type AuditClaim,
} from "cplib";
import { normalCdf, twoSidedPValueT } from "cplib";
import { ols } from "cplib";
import { formatFixed } from "cplib";
import { loadClaims, loadPublished } from "cplib";

// ─── a consistent synthetic table ──────────────────────────────────────────────────────────

/** Deterministic pseudo-random numbers in [0, 1) (a fixed LCG: the fixture never changes). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

interface World {
  Y: number[];
  X1: number[];
  X2: number[];
  X3: number[];
}

function makeWorld(n: number, seed: number, slope1 = 0.8): World {
  const u = lcg(seed);
  const w: World = { Y: [], X1: [], X2: [], X3: [] };
  for (let i = 0; i < n; i++) {
    const x1 = u();
    const x2 = 0.5 * x1 + u();
    const x3 = 0.3 * x1 - 0.4 * x2 + u();
    const y = 0.3 + slope1 * x1 + 0.2 * x2 - 0.3 * x3 + 0.15 * (u() - 0.5);
    w.X1.push(x1);
    w.X2.push(x2);
    w.X3.push(x3);
    w.Y.push(y);
  }
  return w;
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
};
const starsFor = (t: number, df: number) => auditStarsForP(twoSidedPValueT(t, df));

/** Prints one regression as Table 5/6 cells: coef (3 d.p., stars), t (2), N, R² (3), adj (2). */
function regressionCells(
  table: number,
  model: string,
  w: World,
  xs: (keyof World)[],
  rows?: [number, number],
  only?: (keyof World)[],
): AuditCell[] {
  const [a, b] = rows ?? [0, w.Y.length];
  const y = w.Y.slice(a, b);
  const X = y.map((_, i) => xs.map((v) => w[v][a + i]));
  const r = ols(y, X, { names: xs });
  const cells: AuditCell[] = [];
  const df = r.dfResid;
  const names = [...xs, "_cons"];
  for (const v of names) {
    if (only && !only.includes(v as keyof World)) continue;
    const j = r.names.indexOf(v === "_cons" ? "const" : v);
    const coef = formatFixed(r.params[j], 3);
    const t = formatFixed(r.tvalues[j], 2);
    const base = { table, model, variable: v };
    cells.push({
      ...base,
      id: `T${table}.${model}.${v}.coef`,
      kind: "coef",
      printed: coef,
      stars: starsFor(r.tvalues[j], df),
    });
    cells.push({ ...base, id: `T${table}.${model}.${v}.t`, kind: "t", printed: t });
  }
  const base = { table, model, variable: "" };
  cells.push({ ...base, id: `T${table}.${model}.n`, kind: "n", printed: String(y.length) });
  cells.push({
    ...base,
    id: `T${table}.${model}.r2`,
    kind: "r2",
    printed: formatFixed(r.rsquared, 3),
  });
  cells.push({
    ...base,
    id: `T${table}.${model}.adj_r2`,
    kind: "adj_r2",
    printed: formatFixed(r.rsquaredAdj, 2),
  });
  return cells;
}

/** Tables 3–6 for the synthetic world: Table 5 nested m1 (X1), m2 (X2), m3 (X1,X2), m4 (X1..X3). */
function makeTables(opts: { table6Bivariate?: boolean } = {}): AuditCell[] {
  const w = makeWorld(80, 7);
  const cells: AuditCell[] = [];
  for (const v of ["Y", "X1", "X2", "X3"] as (keyof World)[]) {
    const base = { table: 3, model: "", variable: v };
    cells.push({ ...base, id: `T3.${v}.n`, kind: "n", printed: String(w[v].length) });
    cells.push({ ...base, id: `T3.${v}.mean`, kind: "mean", printed: formatFixed(mean(w[v]), 3) });
    cells.push({ ...base, id: `T3.${v}.sd`, kind: "sd", printed: formatFixed(sd(w[v]), 3) });
  }
  // VIFs of m4's regressors: VIF_j = 1/(1 − R²_j), R²_j from x_j on the others (lib OLS)
  const regs: (keyof World)[] = ["X1", "X2", "X3"];
  const vifs = regs.map((v) => {
    const others = regs.filter((o) => o !== v);
    const r = ols(
      w[v],
      w[v].map((_, i) => others.map((o) => w[o][i])),
      { names: others },
    );
    return 1 / (1 - r.rsquared);
  });
  regs.forEach((v, j) => {
    const base = { table: 4, model: "", variable: v };
    cells.push({ ...base, id: `T4.${v}.vif`, kind: "vif", printed: formatFixed(vifs[j], 3) });
    cells.push({
      ...base,
      id: `T4.${v}.inv_vif`,
      kind: "inv_vif",
      printed: formatFixed(1 / vifs[j], 3),
    });
  });
  cells.push({
    id: "T4.mean.vif",
    table: 4,
    kind: "vif_mean",
    model: "",
    variable: "",
    printed: formatFixed(mean(vifs), 3),
  });
  cells.push(...regressionCells(5, "m1", w, ["X1"]));
  cells.push(...regressionCells(5, "m2", w, ["X2"]));
  cells.push(...regressionCells(5, "m3", w, ["X1", "X2"]));
  cells.push(...regressionCells(5, "m4", w, ["X1", "X2", "X3"]));
  const xs6: (keyof World)[] = opts.table6Bivariate ? ["X1"] : ["X1", "X2", "X3"];
  cells.push(...regressionCells(6, "north", w, xs6, [0, 44], ["X1"]));
  cells.push(...regressionCells(6, "south", w, xs6, [44, 80], ["X1"]));
  return cells;
}

/** A copy of the cells with one printed value (or star count) replaced. */
function mutate(cells: AuditCell[], id: string, change: Partial<AuditCell>): AuditCell[] {
  assert.ok(
    cells.some((c) => c.id === id),
    `fixture has no cell ${id}`,
  );
  return cells.map((c) => (c.id === id ? { ...c, ...change } : c));
}

const get = (cells: AuditCell[], id: string) => {
  const c = cells.find((x) => x.id === id);
  assert.ok(c, `missing ${id}`);
  return c;
};
const failed = (checks: AuditCheck[]) => checks.filter((c) => !c.ok);
const bySubject = (checks: AuditCheck[], part: string) => {
  const c = checks.find((x) => x.subject.includes(part));
  assert.ok(c, `no check about "${part}" in ${checks.map((x) => x.subject).join(" | ")}`);
  return c;
};

const CELLS = makeTables();

// ─── interval arithmetic ───────────────────────────────────────────────────────────────────

describe("printed intervals", () => {
  it("a printed number stands for its rounding interval", () => {
    const [lo, hi] = printedInterval("0.190");
    assert.ok(Math.abs(lo - 0.1895) < 1e-15 && Math.abs(hi - 0.1905) < 1e-15);
    assert.deepEqual(printedInterval("-0.00"), [-0.005, 0]);
    const pct = printedInterval("76.3%");
    assert.ok(Math.abs(pct[0] - 76.25) < 1e-12 && Math.abs(pct[1] - 76.35) < 1e-12);
    assert.throws(() => printedInterval("abc"));
  });
});

// ─── rule 1 ───────────────────────────────────────────────────────────────────────────────

describe("rule 1: stars vs p", () => {
  it("passes a consistent table", () => {
    const checks = auditStarsVsP({ cells: CELLS });
    assert.ok(checks.length >= 10);
    assert.deepEqual(failed(checks), []);
  });
  it("catches stars that no t in the rounding interval supports", () => {
    const coef = CELLS.find((c) => c.kind === "coef" && c.stars === 3 && c.table === 5);
    assert.ok(coef);
    // *** on a coefficient whose t is 1.50: p ≈ 0.14 → no stars
    const bad = mutate(CELLS, coef.id.replace(/\.coef$/, ".t"), { printed: "1.50" });
    const f = failed(auditStarsVsP({ cells: bad }));
    assert.equal(f.length, 1);
    assert.match(f[0].subject, new RegExp(coef.variable));
    // and the other direction: no stars on a significant coefficient
    const bad2 = mutate(CELLS, coef.id, { stars: 0 });
    assert.equal(failed(auditStarsVsP({ cells: bad2 })).length, 1);
  });
  it("honours rounding: a t right at the 5% boundary allows either star count", () => {
    // df = 78: t_0.975 ≈ 1.9908. "1.99" covers [1.985, 1.995], p on both sides of 0.05
    const cells: AuditCell[] = [
      { id: "a.coef", table: 5, kind: "coef", model: "m", variable: "X", printed: "0.5", stars: 1 },
      { id: "a.t", table: 5, kind: "t", model: "m", variable: "X", printed: "1.99" },
      { id: "a.n", table: 5, kind: "n", model: "m", variable: "", printed: "80" },
    ];
    assert.equal(failed(auditStarsVsP({ cells })).length, 0);
    assert.equal(failed(auditStarsVsP({ cells: mutate(cells, "a.coef", { stars: 2 }) })).length, 0);
    assert.equal(failed(auditStarsVsP({ cells: mutate(cells, "a.coef", { stars: 3 }) })).length, 1);
  });
  it("reads stars from the label when not given", () => {
    const cells: AuditCell[] = [
      {
        id: "a.coef",
        table: 5,
        kind: "coef",
        model: "m",
        variable: "X",
        printed: "0.091",
        label: "(printed 0.091, no stars)",
      },
      { id: "a.t", table: 5, kind: "t", model: "m", variable: "X", printed: "0.73" },
      { id: "a.n", table: 5, kind: "n", model: "m", variable: "", printed: "110" },
    ];
    assert.equal(failed(auditStarsVsP({ cells })).length, 0);
    const bad = mutate(cells, "a.coef", { label: "(printed 0.091***)" });
    assert.equal(failed(auditStarsVsP({ cells: bad })).length, 1);
  });
});

// ─── rule 2 ───────────────────────────────────────────────────────────────────────────────

describe("rule 2: bivariate identities", () => {
  it("passes a consistent table (4 identities per bivariate model)", () => {
    const checks = auditBivariateIdentities({ cells: CELLS });
    assert.equal(checks.length, 8); // m1 and m2
    assert.deepEqual(failed(checks), []);
  });
  it("catches an R² that does not fit t and N", () => {
    const r2 = Number(get(CELLS, "T5.m1.r2").printed);
    const bad = mutate(CELLS, "T5.m1.r2", { printed: formatFixed(r2 + 0.02, 3) });
    const f = failed(auditBivariateIdentities({ cells: bad }));
    assert.ok(f.some((c) => c.subject.includes("m1") && c.subject.includes("R² from t")));
  });
  it("catches a slope that does not fit Table 3's SDs", () => {
    const s = Number(get(CELLS, "T3.Y.sd").printed);
    const bad = mutate(CELLS, "T3.Y.sd", { printed: formatFixed(s * 1.1, 3) });
    const f = failed(auditBivariateIdentities({ cells: bad }));
    assert.ok(f.some((c) => c.subject.includes("slope")));
    assert.ok(!f.some((c) => c.subject.includes("R² from t")));
  });
  it("catches an intercept that does not pass through Table 3's means", () => {
    const m = Number(get(CELLS, "T3.Y.mean").printed);
    const bad = mutate(CELLS, "T3.Y.mean", { printed: formatFixed(m + 0.01, 3) });
    const f = failed(auditBivariateIdentities({ cells: bad }));
    assert.deepEqual(
      f.map((c) => c.subject.includes("intercept from")),
      [true, true],
    );
  });
});

// ─── rule 3 ───────────────────────────────────────────────────────────────────────────────

describe("rule 3: adjusted R²", () => {
  it("passes a consistent table", () => {
    const checks = auditAdjustedR2({ cells: CELLS });
    assert.equal(checks.length, 6); // 4 models of Table 5, 2 regions
    assert.deepEqual(failed(checks), []);
  });
  it("catches an adjusted R² that does not follow from R², N and k", () => {
    const adj = Number(get(CELLS, "T5.m3.adj_r2").printed);
    const bad = mutate(CELLS, "T5.m3.adj_r2", { printed: formatFixed(adj + 0.02, 2) });
    const f = failed(auditAdjustedR2({ cells: bad }));
    assert.equal(f.length, 1);
    assert.match(f[0].subject, /m3/);
  });
  it("uses k: the same R² with a larger k would not give the printed adj. R²", () => {
    const cells: AuditCell[] = [
      { id: "c", table: 5, kind: "coef", model: "m", variable: "X", printed: "1.0" },
      { id: "n", table: 5, kind: "n", model: "m", variable: "", printed: "50" },
      { id: "r", table: 5, kind: "r2", model: "m", variable: "", printed: "0.874" },
      { id: "a", table: 5, kind: "adj_r2", model: "m", variable: "", printed: "0.87" },
    ];
    assert.equal(failed(auditAdjustedR2({ cells })).length, 0); // k = 1: 0.8714
    assert.equal(
      failed(auditAdjustedR2({ cells: mutate(cells, "a", { printed: "0.86" }) })).length,
      1,
    );
  });
});

// ─── rule 4 ───────────────────────────────────────────────────────────────────────────────

describe("rule 4: VIF consistency", () => {
  it("passes a consistent table", () => {
    const checks = auditVifConsistency({ cells: CELLS });
    assert.equal(checks.length, 4);
    assert.deepEqual(failed(checks), []);
  });
  it("catches a 1/VIF that is not the reciprocal of the VIF", () => {
    const inv = Number(get(CELLS, "T4.X2.inv_vif").printed);
    const bad = mutate(CELLS, "T4.X2.inv_vif", { printed: formatFixed(inv - 0.01, 3) });
    const f = failed(auditVifConsistency({ cells: bad }));
    assert.equal(f.length, 1);
    assert.match(f[0].subject, /X2/);
  });
  it("catches a mean VIF that is not the mean", () => {
    const m = Number(get(CELLS, "T4.mean.vif").printed);
    const bad = mutate(CELLS, "T4.mean.vif", { printed: formatFixed(m + 0.005, 3) });
    const f = failed(auditVifConsistency({ cells: bad }));
    assert.equal(f.length, 1);
    assert.match(f[0].subject, /mean/);
  });
});

// ─── rule 5 ───────────────────────────────────────────────────────────────────────────────

function makeClaims(cells: AuditCell[]): AuditClaim[] {
  const p = (id: string) => get(cells, id).printed;
  const vifs = cells.filter((c) => c.kind === "vif").map((c) => Number(c.printed));
  const maxVif = formatFixed(Math.max(...vifs), 3);
  const cv = formatFixed((100 * Number(p("T3.X1.sd"))) / Number(p("T3.X1.mean")), 1) + "%";
  const ratio = formatFixed(Number(p("T5.m4.X1.coef")) / Number(p("T5.m4.X2.coef")), 2);
  const coef2 = formatFixed(Number(p("T5.m3.X1.coef")), 2);
  const claim = (
    id: string,
    sentence: string,
    printed: string,
    refersTo: string[],
  ): AuditClaim => ({
    id,
    section: "3.2",
    sentence,
    printed,
    refersTo,
  });
  const vifSentence = `The maximum VIF was ${maxVif}, while the average VIF was well below 10.`;
  const r2Sentence = `R² increased from ${p("T5.m1.r2")} in Model (1) to ${p("T5.m4.r2")} in Model (4).`;
  return [
    claim("coef", `In Model (3) the coefficient is ${coef2}.`, coef2, ["T5.m3.X1.coef"]),
    claim("cv", `X1 has a coefficient of variation of ${cv}.`, cv, ["T3.X1.sd", "T3.X1.mean"]),
    claim("ratio", `X1's effect is ${ratio} times that of X2.`, ratio, [
      "T5.m4.X1.coef",
      "T5.m4.X2.coef",
    ]),
    claim(
      "vif.max",
      vifSentence,
      maxVif,
      cells
        .filter((c) => c.kind === "vif" && c.printed === maxVif)
        .map((c) => c.id)
        .slice(0, 1),
    ),
    claim("vif.below", vifSentence, "10", ["T4.mean.vif"]),
    claim("r2.m1", r2Sentence, p("T5.m1.r2"), ["T5.m1.r2"]),
  ];
}

describe("rule 5: text vs tables", () => {
  const claims = makeClaims(CELLS);
  it("passes claims that agree with a consistent table", () => {
    const checks = auditTextVsTables({ cells: CELLS, claims });
    // 6 claims + nested R² steps (m1→m3, m2→m3, m3→m4)
    assert.equal(checks.length, 9);
    assert.deepEqual(failed(checks), []);
  });
  it("catches a repeated number that differs from the table", () => {
    const bad = claims.map((c) =>
      c.id === "coef" ? { ...c, printed: "9.99", sentence: "it is 9.99." } : c,
    );
    assert.deepEqual(
      failed(auditTextVsTables({ cells: CELLS, claims: bad })).map((c) => c.subject.split(":")[0]),
      ["coef (§3.2)"],
    );
  });
  it("catches a wrong coefficient of variation and a wrong ratio", () => {
    const bad = claims.map((c) =>
      c.id === "cv"
        ? { ...c, printed: "12.0%", sentence: "a CV of 12.0%." }
        : c.id === "ratio"
          ? { ...c, printed: "0.10", sentence: "0.10 times that of X2." }
          : c,
    );
    const f = failed(auditTextVsTables({ cells: CELLS, claims: bad }));
    assert.equal(f.length, 2);
  });
  it("catches the mean VIF called the maximum, and a threshold that is not met", () => {
    const meanVif = get(CELLS, "T4.mean.vif").printed;
    const s = `The maximum VIF was ${meanVif}, while the average VIF was well below 1.`;
    const bad = claims.map((c) =>
      c.id === "vif.max"
        ? { ...c, sentence: s, printed: meanVif, refersTo: ["T4.mean.vif"] }
        : c.id === "vif.below"
          ? { ...c, sentence: s, printed: "1" }
          : c,
    );
    const f = failed(auditTextVsTables({ cells: CELLS, claims: bad }));
    assert.equal(f.length, 2);
    assert.ok(f.some((c) => /maximum/.test(c.subject)));
    assert.ok(f.some((c) => /below 1/.test(c.subject)));
  });
  it("catches a nested model with a smaller R²", () => {
    const r2m1 = Number(get(CELLS, "T5.m1.r2").printed);
    const bad = mutate(CELLS, "T5.m3.r2", { printed: formatFixed(r2m1 - 0.05, 3) });
    const f = failed(auditTextVsTables({ cells: bad, claims }));
    assert.ok(f.some((c) => /from m1 to m3/.test(c.subject)));
  });
});

// ─── rule 6 ───────────────────────────────────────────────────────────────────────────────

describe("rule 6: Table 6 specification", () => {
  it("accepts k = 1 for a table that really is bivariate", () => {
    const cells = makeTables({ table6Bivariate: true });
    const checks = auditTable6Specification({ cells });
    assert.deepEqual(failed(checks), []);
    const north = bySubject(checks, "north: regressor counts");
    assert.equal((north.implied as number[])[0], 1);
  });
  it("rejects k = 1 when the regions' R² comes from a model with controls", () => {
    const checks = auditTable6Specification({ cells: CELLS });
    const f = failed(checks);
    assert.ok(f.some((c) => /north: could it be a bivariate/.test(c.subject)));
    const north = bySubject(checks, "north: regressor counts");
    assert.ok(north.ok);
    assert.ok((north.implied as number[])[0] >= 2);
  });
  it("catches regional N that do not add up to the pooled N", () => {
    const bad = mutate(CELLS, "T6.north.n", { printed: "40" });
    const f = failed(auditTable6Specification({ cells: bad }));
    assert.ok(f.some((c) => /add up/.test(c.subject)));
  });
});

// ─── rule 7 ───────────────────────────────────────────────────────────────────────────────

function regional(b1: string, t1: string, b2: string, t2: string): AuditCell[] {
  const cells: AuditCell[] = [];
  for (const [m, b, t, n] of [
    ["north", b1, t1, "60"],
    ["south", b2, t2, "50"],
  ]) {
    cells.push({ id: `${m}.c`, table: 6, kind: "coef", model: m, variable: "X", printed: b });
    cells.push({ id: `${m}.t`, table: 6, kind: "t", model: m, variable: "X", printed: t });
    cells.push({ id: `${m}.n`, table: 6, kind: "n", model: m, variable: "", printed: n });
  }
  return cells;
}

describe("rule 7: regional difference", () => {
  it("z and p follow the formula", () => {
    const z = auditDifferenceZ(0.9, 9, 0.3, 3); // se 0.1 and 0.1
    assert.ok(Math.abs(z - 0.6 / Math.sqrt(0.02)) < 1e-12);
    const [c] = auditRegionalDifference({ cells: regional("0.900", "9.00", "0.300", "3.00") });
    assert.ok(Math.abs((c.implied as number) - 2 * (1 - normalCdf(z))) < 1e-12);
    assert.ok(c.ok); // p ≈ 2e-5: a significant difference
  });
  it("flags a stressed difference that the printed numbers cannot support", () => {
    const [c] = auditRegionalDifference({ cells: regional("0.629", "11.97", "0.438", "3.53") });
    assert.equal(c.ok, false);
    assert.match(c.note, /independent/);
  });
});

// ─── rule 8 ───────────────────────────────────────────────────────────────────────────────

describe("rule 8: joint moments", () => {
  it("recovers moments that reproduce a consistent table within rounding", () => {
    const t0 = Date.now();
    const res = auditRecoverJointMoments({ cells: CELLS });
    assert.ok(Date.now() - t0 < 5000);
    assert.ok(res.maxAbsResidual <= 1, `max residual ${res.maxAbsResidual} at ${res.worst}`);
    const C = res.correlation;
    for (let i = 0; i < C.length; i++) {
      assert.ok(Math.abs(C[i][i] - 1) < 1e-12);
      for (let j = 0; j < C.length; j++) assert.ok(Math.abs(C[i][j] - C[j][i]) < 1e-12);
    }
    assert.deepEqual(failed(auditJointMoments({ cells: CELLS }, res)), []);
  });
  it("cannot reproduce a table with one coefficient changed", () => {
    const c = Number(get(CELLS, "T5.m3.X1.coef").printed);
    const bad = mutate(CELLS, "T5.m3.X1.coef", { printed: formatFixed(c + 0.1, 3) });
    const checks = auditJointMoments({ cells: bad });
    assert.equal(checks[0].ok, false);
    assert.ok((checks[0].implied as number) > 1);
  });
});

// ─── the real published tables ─────────────────────────────────────────────────────────────

describe("the published tables (Bashlai et al. 2026)", () => {
  const dir = path.join(__dirname, "..", "data", "published");
  const cells = loadPublished(path.join(dir, "tables.csv"));
  const claims = loadClaims(
    path.join(dir, "claims.csv"),
    cells.map((c) => c.id),
  );
  const t0 = Date.now();
  const checks = runAudit({ cells, claims });
  const elapsed = Date.now() - t0;

  it("runs at least 15 checks, fast", () => {
    assert.ok(checks.length >= 15, `${checks.length} checks`);
    assert.ok(elapsed < 5000, `${elapsed} ms`);
    for (const c of checks) {
      assert.equal(typeof c.note, "string");
      const ok =
        typeof c.implied === "number"
          ? Number.isFinite(c.implied)
          : c.implied.every(Number.isFinite);
      assert.ok(ok, `${c.subject}: implied ${JSON.stringify(c.implied)}`);
    }
  });
  it("flags the 'maximum VIF' sentence: 2.101 is the mean, the maximum is 2.811", () => {
    const c = bySubject(checks, "C.3.2.vif.max");
    assert.equal(c.ok, false);
    const iv = c.implied as [number, number];
    assert.ok(iv[0] <= 2.811 && 2.811 <= iv[1]);
  });
  it("rejects a bivariate Table 6 in both regions (t = 11.97, N = 60 gives R² 0.712, not 0.923)", () => {
    const ne = bySubject(checks, "northeast: could it be a bivariate");
    assert.equal(ne.ok, false);
    const iv = ne.implied as [number, number];
    assert.ok(iv[0] > 0.711 && iv[1] < 0.713);
    assert.equal(bySubject(checks, "southwest: could it be a bivariate").ok, false);
    assert.deepEqual(bySubject(checks, "northeast: regressor counts").implied, [2, 5]);
    assert.deepEqual(bySubject(checks, "southwest: regressor counts").implied, [4, 5]);
  });
  it("finds the regional difference not significant (p ≈ 0.16)", () => {
    const c = checks.find((x) => x.rule === "regional-difference");
    assert.ok(c && !c.ok);
    assert.ok(Math.abs((c.implied as number) - 0.156) < 0.002);
  });
  it("finds every other check consistent, including the joint moments of Tables 3–5", () => {
    const f = failed(checks).map((c) => c.subject);
    assert.equal(f.length, 4, f.join(" | "));
    const joint = checks.find((x) => x.rule === "joint-moments");
    assert.ok(joint && joint.ok && (joint.implied as number) < 1);
    assert.equal(failed(checks.filter((x) => x.rule === "stars-vs-p")).length, 0);
    assert.equal(checks.filter((x) => x.rule === "stars-vs-p").length, 24);
  });
});
