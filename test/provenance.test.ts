// data/provenance.csv: one row per panel cell, each real cell equal to its source value in
// data/real/, interpolated cells empty between real neighbours, and the helpers that count
// how much of a selection is real.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DataError,
  loadCodebook,
  loadPanel,
  loadProvenance,
  loadRealSources,
  realShare,
  realShareOfVariables,
  variableColumns,
} from "cplib";

const DATA = join(__dirname, "..", "data");
const cb = loadCodebook(join(DATA, "codebook.json"));
const prov = loadProvenance(join(DATA, cb.provenanceFile), cb);
const panel = loadPanel(join(DATA, "zhejiang_panel.csv"), cb);
const real = loadRealSources(join(DATA, "real"), cb);

test("every one of the 2,750 raw cells has a provenance; at least 1,650 are real", () => {
  assert.equal(prov.cells.length, 2750);
  const s = realShare(prov);
  assert.equal(s.total, 2750);
  assert.equal(s.real + s.interpolated + s.reconstructed, 2750);
  assert.ok(s.real >= 1650, `${s.real} real cells`);
  assert.equal(s.real, 1767);
  assert.ok(Math.abs(s.share - 1767 / 2750) < 1e-12);
});

test("each real cell equals its source value in data/real/, and names that file", () => {
  let checked = 0;
  panel.rows.forEach((row, i) => {
    for (const column of panel.columns) {
      const p = prov.at(row.city, row.year, column);
      assert.ok(p, `${row.city} ${row.year} ${column}`);
      const source = real.panel[column]?.[i] ?? null;
      if (p.kind === "real") {
        assert.notEqual(source, null, `${row.city} ${row.year} ${column}: real without a source`);
        assert.equal(row.values[column], source, `${row.city} ${row.year} ${column}`);
        assert.equal(p.source, `real/${real.file[column][i]}`);
        checked++;
      } else {
        assert.equal(source, null, `${row.city} ${row.year} ${column}: a source value not used`);
      }
      if (p.kind === "interpolated") {
        assert.equal(row.values[column], null, "interpolated cells are left empty");
        assert.match(p.source, /^linear interpolation between \d{4} and \d{4}$/);
      }
      if (p.kind === "reconstructed") assert.notEqual(row.values[column], null);
    }
  });
  assert.equal(checked, 1767);
  // the empty cells of the panel are exactly the interpolated ones
  assert.equal(panel.missing.length, realShare(prov).interpolated);
});

test("GOV is real in all 110 city-years; UIS too; NQP and TRADE partly", () => {
  assert.deepEqual(variableColumns(cb, ["GOV"]), ["gdp", "fiscal_expenditure"]);
  assert.deepEqual(realShareOfVariables(prov, cb, ["GOV", "UIS"]).share, 1);
  const nqp = realShareOfVariables(prov, cb, ["NQP", "TRADE"]);
  assert.ok(nqp.byVariable.NQP.share > 0.5 && nqp.byVariable.NQP.share < 1);
  assert.equal(nqp.byVariable.TRADE.real, 66 * 2 + 110);
  // selections by city and year
  const trade2018 = realShare(prov, { columns: ["exports", "imports"], years: [2018, 2019] });
  assert.equal(trade2018.share, 1);
  const trade2014 = realShare(prov, { columns: ["exports"], years: [2014], cities: ["Ningbo"] });
  assert.deepEqual([trade2014.real, trade2014.reconstructed], [0, 1]);
  assert.throws(() => variableColumns(cb, ["XYZ"]), DataError);
});

test("a provenance file with a missing cell or an unknown kind is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "prov-"));
  try {
    const text = readFileSync(join(DATA, cb.provenanceFile), "utf8");
    const lines = text.trim().split("\n");
    const short = join(dir, "short.csv");
    writeFileSync(short, lines.slice(0, -1).join("\n") + "\n");
    assert.throws(() => loadProvenance(short, cb), /no provenance for Lishui 2023/);
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      [lines[0], lines[1].replace(",real,", ",guessed,"), ...lines.slice(2)].join("\n"),
    );
    assert.throws(
      () => loadProvenance(bad, cb),
      (e: unknown) => e instanceof DataError && e.where.line === 2 && e.where.column === "kind",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
