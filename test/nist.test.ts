/**
 * The NIST StRD loader (lib/src/data/nist.ts) and data/nist/: the CSV files give exactly the
 * data of test/fixtures/nist/nist-lls.json (verified with exact arithmetic by make_nist.py),
 * the certified values are NIST's printed strings, and ols() reproduces them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { DataError, NIST_DATASETS, loadNistDataset, ols } from "cplib";

interface Fixture {
  name: string;
  y: number[];
  X: number[][];
  certified: { params: number[]; sd: number[]; residualSd: number; rsquared: number };
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, "fixtures/nist/nist-lls.json"), "utf8"),
) as { datasets: Fixture[] };

const lre = (est: number, cert: number) =>
  Math.min(16, -Math.log10(Math.abs(est - cert) / Math.abs(cert) || 1e-16));

for (const name of NIST_DATASETS) {
  test(`loadNistDataset("${name}") gives the verified data and certified values`, () => {
    const d = loadNistDataset(name);
    const f = fixture.datasets.find((x) => x.name === name) as Fixture;
    assert.deepEqual(d.y, f.y);
    assert.deepEqual(d.X, f.X); // Filip's powers: correctly rounded, bit for bit
    assert.deepEqual(d.certified.params, f.certified.params);
    assert.deepEqual(d.certified.sd, f.certified.sd);
    assert.equal(d.certified.residualSd, f.certified.residualSd);
    assert.equal(d.certified.rsquared, f.certified.rsquared);
    assert.equal(d.parameters.length, d.X[0].length + 1);
    assert.match(d.url, /^https:\/\/www\.itl\.nist\.gov\/div898\/strd\/lls\/data\//);
  });
}

test("certified values are kept as NIST prints them", () => {
  const L = loadNistDataset("Longley");
  assert.equal(L.certified.printed.params[0], "-3482258.63459582");
  assert.equal(L.certified.printed.params[2], "-0.358191792925910E-01");
  assert.equal(L.certified.printed.rsquared, "0.995479004577296");
  const F = loadNistDataset("Filip");
  assert.deepEqual(F.names.slice(0, 3), ["x", "x^2", "x^3"]);
  assert.equal(F.certified.printed.sd[10], "0.896632837373868E-05");
});

test("ols (QR) recovers the certified values: Longley ≥ 12 digits, Filip ≥ 7 (tol 1e-10)", () => {
  const L = loadNistDataset("Longley");
  ols(L.y, L.X).params.forEach((b, j) =>
    assert.ok(lre(b, L.certified.params[j]) >= 12, `Longley B${j}: ${b}`),
  );
  const F = loadNistDataset("Filip");
  assert.throws(() => ols(F.y, F.X), /rank-deficient/); // at R's default tolerance, as lm
  ols(F.y, F.X, { tol: 1e-10 }).params.forEach((b, j) =>
    assert.ok(lre(b, F.certified.params[j]) >= 7, `Filip B${j}: ${b}`),
  );
});

test("loadNistDataset: unknown names, missing files and bad cells are DataErrors", () => {
  assert.throws(
    () => loadNistDataset("Norris"),
    (e: unknown) => e instanceof DataError && /one of Longley, Filip/.test(e.message),
  );
  const dir = mkdtempSync(join(tmpdir(), "nist-"));
  assert.throws(() => loadNistDataset("Longley", { dir }), /cannot read the file/);
  const src = join(__dirname, "..", "data", "nist");
  copyFileSync(join(src, "certified.csv"), join(dir, "certified.csv"));
  const text = readFileSync(join(src, "Filip.csv"), "utf8").replace("0.9072", "0,9072");
  writeFileSync(join(dir, "Filip.csv"), text);
  assert.throws(
    () => loadNistDataset("Filip", { dir }),
    (e: unknown) => e instanceof DataError && /line 3/.test(e.message),
  );
});
