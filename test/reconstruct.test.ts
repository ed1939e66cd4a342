/**
 * The panel (data/zhejiang_panel.csv), its per-cell provenance (data/provenance.csv), the list
 * of published numbers it does not reproduce (data/conflicts.csv), and the script that makes
 * them (`npm run reconstruct`).
 *
 * One full run of the reconstruction writes to a temporary folder; the committed files must be
 * byte-identical to its output. The other checks read the committed files through the
 * project's pipeline. Every input is read from inside the repository (data/).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  buildVariables,
  loadCodebook,
  loadPanel,
  loadProvenance,
  loadPublished,
  reproducePublished,
} from "cplib";
import { reconstruct } from "../scripts/reconstruct";

const ROOT = join(__dirname, "..");
const DATA = join(ROOT, "data");
const PANEL = join(DATA, "zhejiang_panel.csv");
const REAL_GDP = join(DATA, "real", "zhejiang_gdp_structure_2014_2023.csv");
type Rec = Record<string, string>;
const read = (path: string): Rec[] =>
  parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Rec[];
const cb = loadCodebook(join(DATA, "codebook.json"));

test("npm run reconstruct reproduces the panel, its provenance and its conflicts byte for byte", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconstruct-"));
  try {
    const out = join(dir, "panel.csv");
    const res = reconstruct({ out });
    assert.deepEqual(res.lost, [], "every number the fit reached is reproduced on the stored file");
    assert.equal(readFileSync(out, "utf8"), readFileSync(PANEL, "utf8"));
    for (const f of ["provenance.csv", "conflicts.csv"]) {
      assert.equal(readFileSync(join(dir, f), "utf8"), readFileSync(join(DATA, f), "utf8"), f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the committed panel reproduces every published number not listed in data/conflicts.csv", () => {
  const published = loadPublished(join(DATA, "published", "tables.csv"));
  const { frame } = buildVariables(loadPanel(PANEL));
  const cmp = reproducePublished(frame, published);
  assert.equal(cmp.length, 113);
  const listed = read(join(DATA, "conflicts.csv"));
  assert.deepEqual(
    cmp.filter((c) => !c.match).map((c) => c.id),
    listed.map((c) => c.id),
  );
  for (const c of listed) {
    const got = cmp.find((x) => x.id === c.id);
    assert.equal(c.printed, got?.published);
    assert.ok(
      Math.abs(Number(c.half_units)) >= 1,
      `${c.id} is listed, so it misses by ≥ 1 half-unit`,
    );
  }
  // what the real data alone pin down is reproduced: UIS and GOV rows, the sample sizes
  const ok = new Set(cmp.filter((c) => c.match).map((c) => c.id));
  for (const v of ["UIS", "GOV"])
    for (const k of ["n", "mean", "sd", "min", "max"])
      assert.ok(ok.has(`T3.${v}.${k}`), `T3.${v}.${k}`);
  assert.ok(ok.has("T3.RCY.max"));
  assert.ok(cmp.filter((c) => c.match).length >= 39);
});

test("the inputs live in the repository: data/real/, no absolute paths in the sources", () => {
  assert.equal(read(REAL_GDP).length, 110);
  const dir = join(ROOT, "scripts", "reconstruct");
  const files = [
    join(ROOT, "scripts", "reconstruct.ts"),
    ...readdirSync(dir).map((f) => join(dir, f)),
    join(DATA, "README.md"),
    join(DATA, "real", "README.md"),
    join(DATA, "published", "README.md"),
  ];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    assert.doesNotMatch(text, /(^|[\s`"'(])\/(work|tmp)\//m, `${f} names an absolute path`);
  }
});

test("scripts/reconstruct has no least squares, formula list, entropy, min–max or interpolation of its own", () => {
  const dir = join(ROOT, "scripts", "reconstruct");
  const all = readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
  assert.doesNotMatch(all, /from "mathjs"/, "linear algebra comes from cplib");
  assert.doesNotMatch(
    all,
    /function\s+(lstsq|solve\w*|normali[sz]e\w*|minMax\w*|entropy\w*|interpolat\w*|levenberg\w*|minimax\w*)\s*\(/i,
    "no private copy of a method lib provides",
  );
  assert.doesNotMatch(all, /Math\.log\(p\)|p \* Math\.log/, "no entropy formula");
  // the pieces come from lib, and the formulas from the codebook
  for (const name of [
    "entropyWeights",
    "formulaValue",
    "levenbergMarquardt",
    "minimaxLevenbergMarquardt",
    "interpolateLinear",
    "compilePublishedFromMoments",
  ]) {
    assert.match(all, new RegExp(`\\b${name}\\b`), `uses lib's ${name}`);
  }
  assert.doesNotMatch(all, /CO_INDICATORS|NQP_INDICATORS|TRADE_INDICATORS/, "no indicator list");
});

test("real columns are copied verbatim; Hangzhou 2017 keeps the revised GDP", () => {
  const real = read(REAL_GDP);
  const panel = read(PANEL);
  assert.equal(panel.length, 110);
  for (const r of real) {
    const p = panel.find((x) => x.city === r.city && x.year === r.year);
    assert.ok(p, `${r.city} ${r.year} in the panel`);
    for (const c of ["gdp", "primary_va", "secondary_va", "tertiary_va"])
      assert.equal(p[c], r[c], `${r.city} ${r.year} ${c}`);
  }
  const hz = panel.find((x) => x.city === "Hangzhou" && x.year === "2017") as Rec;
  assert.equal(hz.gdp, "13160.72");
  const sectors = Number(hz.primary_va) + Number(hz.secondary_va) + Number(hz.tertiary_va);
  assert.ok(Math.abs(sectors - 12556.16) < 1e-6, "the sectors still sum to the first release");
});

test("the pipeline interpolates exactly the cells the provenance calls interpolated", () => {
  const prov = loadProvenance(join(DATA, "provenance.csv"), cb);
  const { filled } = buildVariables(loadPanel(PANEL));
  const interpolated = prov.cells.filter((c) => c.kind === "interpolated");
  assert.deepEqual(
    filled.map((f) => `${f.column}/${f.city}/${f.year}`).sort(),
    interpolated.map((c) => `${c.column}/${c.city}/${c.year}`).sort(),
  );
});

test("reconstructed values are stored at the codebook's precision", () => {
  const prov = loadProvenance(join(DATA, "provenance.csv"), cb);
  const panel = read(PANEL);
  for (const c of prov.cells.filter((x) => x.kind === "reconstructed")) {
    const col = cb.columns.find((x) => x.name === c.column);
    const v = panel.find((r) => r.city === c.city && Number(r.year) === c.year)?.[c.column] ?? "";
    const dot = v.indexOf(".");
    assert.equal(
      dot < 0 ? 0 : v.length - dot - 1,
      col?.decimals ?? 0,
      `${c.column} ${c.city} ${c.year}: ${v}`,
    );
  }
});

test("what remains reconstructed looks like Zhejiang: ranks, rising indices, smooth city paths", () => {
  const panel = loadPanel(PANEL);
  const prov = loadProvenance(join(DATA, "provenance.csv"), cb);
  const { frame } = buildVariables(panel);
  const cities = panel.cities;
  const cityMean = (v: string) =>
    Object.fromEntries(
      cities.map((c) => {
        const xs = (frame[v] as number[]).filter((_, i) => frame.city[i] === c);
        return [c, xs.reduce((a, b) => a + b, 0) / xs.length];
      }),
    );
  for (const v of ["CO", "NQP"]) {
    const m = cityMean(v);
    const ranked = [...cities].sort((a, b) => m[b] - m[a]);
    assert.deepEqual(
      ranked.slice(0, 2),
      ["Hangzhou", "Ningbo"],
      `${v}: the two largest economies lead`,
    );
    for (const c of ["Lishui", "Quzhou"])
      assert.ok(ranked.indexOf(c) >= cities.length - 4, `${v}: ${c} trails`);
    for (const c of cities) {
      const xs = (frame[v] as number[]).filter((_, i) => frame.city[i] === c);
      assert.ok(xs[xs.length - 1] > xs[0], `${v} rises in ${c}`);
    }
  }
  // incomes: all residents between rural and urban, consumption below income
  for (const r of panel.rows) {
    const v = r.values;
    if (v.urban_income_pc !== null && v.rural_income_pc !== null) {
      assert.ok((v.rural_income_pc as number) < (v.income_pc as number), `${r.city} ${r.year}`);
      assert.ok((v.income_pc as number) < (v.urban_income_pc as number), `${r.city} ${r.year}`);
    }
    assert.ok((v.consumption_pc as number) < (v.income_pc as number), `${r.city} ${r.year}`);
  }
  // no year-to-year change of more than 30% touches a reconstructed cell, except where the
  // neighbouring real value itself breaks (the 2020 census, the source's odd sports counts)
  const exempt = new Set(["population", "sports_facilities"]);
  for (const column of panel.columns) {
    if (exempt.has(column)) continue;
    for (const c of cities) {
      const rows = panel.rows.filter((r) => r.city === c);
      for (let t = 1; t < rows.length; t++) {
        const kinds = [rows[t - 1], rows[t]].map((r) => prov.at(c, r.year, column)?.kind);
        if (!kinds.includes("reconstructed")) continue;
        const a = rows[t - 1].values[column] as number;
        const b = rows[t].values[column] as number;
        if (a === null || b === null) continue;
        assert.ok(
          Math.abs(Math.log(b / a)) < Math.log(1.3),
          `${column} ${c} ${rows[t].year}: ${a} → ${b}`,
        );
      }
    }
  }
});
