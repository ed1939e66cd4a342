// Accuracy of ols() on the NIST StRD linear least-squares problems, against NIST's certified
// values (fixtures: test/fixtures/nist/nist-lls.json, built and verified with exact rational
// arithmetic by test/fixtures/nist/make_nist.py; the provenance of each dataset is stated there).
//
// Accuracy is measured as NIST does, by the log relative error LRE = −log10(|est − cert|/|cert|)
// (the number of correct significant digits; −log10|est| when the certified value is 0).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ols } from "cplib";
import { DataError } from "cplib";

interface Dataset {
  name: string;
  model: string;
  difficulty: string;
  intercept: boolean;
  y: number[];
  X: number[][];
  certified: { params: number[]; sd: number[]; residualSd: number; rsquared: number };
}
const fixture: { datasets: Dataset[] } = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "nist", "nist-lls.json"), "utf8"),
);
const byName = new Map(fixture.datasets.map((d) => [d.name, d]));

function lre(estimate: number, certified: number): number {
  const err =
    certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  return err === 0 ? 16 : Math.min(16, -Math.log10(err));
}

function fit(d: Dataset, tol?: number) {
  return ols(d.y, d.X, { intercept: d.intercept, tol });
}

/** Checks params, SEs, residual SD and R² against the certified values to `digits` digits. */
function assertDigits(d: Dataset, digits: number, tol?: number) {
  const r = fit(d, tol);
  const c = d.certified;
  r.params.forEach((b, j) => {
    assert.ok(
      lre(b, c.params[j]) >= digits,
      `${d.name} B${j}: ${b} vs ${c.params[j]} (LRE ${lre(b, c.params[j]).toFixed(1)})`,
    );
  });
  r.bse.forEach((s, j) => {
    if (c.sd[j] === 0) {
      // exact fits (Wampler1, 2): the SE must be at rounding level relative to the coefficient
      assert.ok(
        s <= 1e-9 * Math.max(1, Math.abs(c.params[j])),
        `${d.name} SD${j} = ${s}, certified 0`,
      );
    } else {
      assert.ok(
        lre(s, c.sd[j]) >= digits,
        `${d.name} SD${j}: ${s} vs ${c.sd[j]} (LRE ${lre(s, c.sd[j]).toFixed(1)})`,
      );
    }
  });
  const rsd = Math.sqrt(r.sigma2);
  if (c.residualSd === 0) assert.ok(rsd < 1e-9, `${d.name} residual SD ${rsd}, certified 0`);
  else
    assert.ok(lre(rsd, c.residualSd) >= digits, `${d.name} residual SD ${rsd} vs ${c.residualSd}`);
  assert.ok(lre(r.rsquared, c.rsquared) >= digits, `${d.name} R² ${r.rsquared} vs ${c.rsquared}`);
}

test("the fixture holds the eleven NIST linear-regression problems", () => {
  assert.deepEqual([...byName.keys()].sort(), [
    "Filip",
    "Longley",
    "NoInt1",
    "NoInt2",
    "Norris",
    "Pontius",
    "Wampler1",
    "Wampler2",
    "Wampler3",
    "Wampler4",
    "Wampler5",
  ]);
});

for (const name of ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley"]) {
  test(`${name}: ≥ 9 significant digits for every certified value`, () =>
    assertDigits(byName.get(name)!, 9));
}

for (const name of ["Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]) {
  test(`${name} (degree-5 polynomial): ≥ 9 significant digits`, () =>
    assertDigits(byName.get(name)!, 9));
}

test("NoInt1/NoInt2 use the uncentred R² of a model without constant", () => {
  const r = fit(byName.get("NoInt2")!);
  assert.deepEqual(r.names, ["x1"]);
  assert.equal(r.hasConstant, false);
});

test("Filip (degree-10 polynomial): a clear rank error at the default tolerance …", () => {
  const d = byName.get("Filip")!;
  assert.throws(
    () => fit(d),
    (e: unknown) =>
      e instanceof DataError &&
      /rank-deficient.*"x10" is a linear combination of "const", "x1"/.test(e.message),
  );
});

test("… and ≥ 7 digits when the tolerance is lowered (never silently wrong)", () => {
  assertDigits(byName.get("Filip")!, 7, 1e-10);
});

test("the accuracy tests can fail: a perturbed coefficient is caught", () => {
  const d = byName.get("Longley")!;
  const wrong = {
    ...d,
    certified: {
      ...d.certified,
      params: d.certified.params.map((p, j) => (j === 2 ? p * (1 + 1e-8) : p)),
    },
  };
  assert.throws(() => assertDigits(wrong, 9), /Longley B2/);
});
