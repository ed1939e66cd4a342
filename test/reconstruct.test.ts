/**
 * The reconstructed panel (data/zhejiang_panel.csv) and the script that makes it.
 *
 * One full run of the reconstruction (`time npm run reconstruct`: 38.7 s wall, 23.6 s CPU on the
 * 2-core machine under load; see data/README.md) writes to a temporary file; the committed panel
 * must be byte-identical to it. The other checks read the committed file through the project's
 * pipeline. Every input is read from inside the repository (data/), so the test runs the same in
 * a fresh clone anywhere.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { loadPanel } from "cplib";
import { buildVariables } from "cplib";
import { reproducePublished } from "cplib";
import { loadPublished } from "cplib";
import { reconstruct } from "../scripts/reconstruct";
import { GAP_CELLS } from "../scripts/reconstruct/run";
import { REAL_CSV } from "../scripts/reconstruct/real";

const ROOT = join(__dirname, "..");
const PANEL = join(ROOT, "data/zhejiang_panel.csv");
type Rec = Record<string, string>;
const read = (path: string): Rec[] =>
  parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Rec[];

test("npm run reconstruct reproduces the committed panel byte for byte", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconstruct-"));
  try {
    const out = join(dir, "panel.csv");
    const res = reconstruct({ out });
    assert.equal(res.matched, res.total, "every published number matches on the stored file");
    assert.ok(res.worst < 1);
    assert.equal(readFileSync(out, "utf8"), readFileSync(PANEL, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the pipeline on the committed panel reproduces all 113 published numbers", () => {
  const published = loadPublished(join(ROOT, "data/published/tables.csv"));
  const { frame } = buildVariables(loadPanel(PANEL));
  const cmp = reproducePublished(frame, published);
  assert.equal(cmp.length, 113);
  assert.deepEqual(
    cmp.filter((c) => !c.match).map((c) => `${c.id}: ${c.published} vs ${c.reproduced}`),
    [],
  );
});

test("the inputs live in the repository: data/real/, no absolute paths in the sources", () => {
  assert.equal(REAL_CSV, join(ROOT, "data", "real", "zhejiang_gdp_structure_2014_2023.csv"));
  assert.equal(read(REAL_CSV).length, 110);
  const dir = join(ROOT, "scripts", "reconstruct");
  const files = [
    join(ROOT, "scripts", "reconstruct.ts"),
    ...readdirSync(dir).map((f) => join(dir, f)),
    join(ROOT, "data", "README.md"),
    join(ROOT, "data", "real", "README.md"),
    join(ROOT, "data", "published", "README.md"),
  ];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    assert.doesNotMatch(text, /(^|[\s`"'(])\/(work|tmp)\//m, `${f} names an absolute path`);
  }
});

test("real columns are copied verbatim; Hangzhou 2017 keeps the revised GDP", () => {
  const real = read(REAL_CSV);
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

test("a few interior cells are left empty and the pipeline interpolates exactly those", () => {
  const panel = read(PANEL);
  const empty: string[] = [];
  for (const r of panel)
    for (const [k, v] of Object.entries(r)) if (v === "") empty.push(`${k}/${r.city}/${r.year}`);
  const expected = GAP_CELLS.map((g) => `${g.column}/${g.city}/${g.year}`);
  assert.deepEqual(empty.sort(), [...expected].sort());
  assert.ok(empty.length >= 3 && empty.length <= 6);
  for (const g of GAP_CELLS) assert.ok(g.year > 2014 && g.year < 2023, "interior");
  const { filled } = buildVariables(loadPanel(PANEL));
  assert.equal(filled.length, GAP_CELLS.length);
});

test("values are stored at yearbook precision", () => {
  const codebook = JSON.parse(readFileSync(join(ROOT, "data/codebook.json"), "utf8")) as {
    columns: { name: string; decimals?: number; provenance?: { kind: string } }[];
  };
  const panel = read(PANEL);
  for (const col of codebook.columns) {
    if (col.provenance?.kind !== "reconstructed") continue;
    const d = col.decimals ?? 0;
    for (const r of panel) {
      const v = r[col.name];
      if (v === "") continue;
      const dot = v.indexOf(".");
      assert.equal(dot < 0 ? 0 : v.length - dot - 1, d, `${col.name} ${r.city} ${r.year}: ${v}`);
    }
  }
});

test("the reconstruction looks like Zhejiang: sizes, ranks and trends", () => {
  const panel = read(PANEL);
  const { frame } = buildVariables(loadPanel(PANEL));
  const cities = [...new Set(panel.map((r) => r.city))];
  const cityMean = (v: "CO" | "NQP" | "RCY" | "GOV") =>
    Object.fromEntries(
      cities.map((c) => {
        const xs = (frame[v] as number[]).filter((_, i) => frame.city[i] === c);
        return [c, xs.reduce((a, b) => a + b, 0) / xs.length];
      }),
    );
  for (const v of ["CO", "NQP"] as const) {
    const m = cityMean(v);
    const ranked = [...cities].sort((a, b) => m[b] - m[a]);
    assert.ok(ranked.slice(0, 3).includes("Hangzhou"), `${v}: Hangzhou among the leaders`);
    assert.ok(ranked.slice(0, 4).includes("Ningbo"), `${v}: Ningbo among the leaders`);
    for (const c of ["Lishui", "Quzhou"])
      assert.ok(ranked.indexOf(c) >= cities.length - 4, `${v}: ${c} trails`);
  }
  const gov = cityMean("GOV");
  for (const c of ["Lishui", "Quzhou", "Zhoushan"])
    assert.ok(gov[c] > gov.Hangzhou && gov[c] > gov.Ningbo, `GOV: ${c} above the big cities`);
  // indices rise over the decade in every city
  for (const c of cities) {
    for (const v of ["CO", "NQP"] as const) {
      const xs = (frame[v] as number[]).filter((_, i) => frame.city[i] === c);
      assert.ok(xs[xs.length - 1] > xs[0], `${v} rises in ${c}`);
    }
  }
  // magnitudes and units
  const num = (r: Rec, k: string) => Number(r[k]);
  for (const r of panel) {
    assert.ok(num(r, "rural_income_pc") < num(r, "income_pc"), `${r.city} ${r.year} rural < all`);
    assert.ok(num(r, "income_pc") < num(r, "urban_income_pc"), `${r.city} ${r.year} all < urban`);
    assert.ok(num(r, "income_pc") > 15000 && num(r, "income_pc") < 100000);
    if (r.city === "Hangzhou") assert.ok(num(r, "population") > 800 && num(r, "population") < 1300);
    if (r.city === "Zhoushan") assert.ok(num(r, "population") > 90 && num(r, "population") < 160);
    assert.ok(
      Number.isInteger(num(r, "higher_ed_institutions")) && num(r, "higher_ed_institutions") < 80,
    );
    assert.ok(num(r, "patents_granted") > 1000 && num(r, "patents_granted") < 200000);
  }
});
