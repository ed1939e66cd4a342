// data/published/: the 113 printed cells of Tables 3–6 and the numeric claims of the text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadClaims, loadPublished, PUBLISHED_KINDS } from "cplib";
import { DataError } from "cplib";
import { decimalsOf } from "cplib";

const ROOT = join(__dirname, "..");
const TABLES = join(ROOT, "data", "published", "tables.csv");
const CLAIMS = join(ROOT, "data", "published", "claims.csv");
const PAPER = join(ROOT, "data", "published", "paper.txt");

const rows = loadPublished(TABLES);
const byId = new Map(rows.map((r) => [r.id, r]));

test("tables.csv holds 113 cells: Table 3 30, Table 4 11, Table 5 62, Table 6 10", () => {
  assert.equal(rows.length, 113);
  const count = (t: number) => rows.filter((r) => r.table === t).length;
  assert.deepEqual([3, 4, 5, 6].map(count), [30, 11, 62, 10]);
});

test("Table 5's 62 cells: coef and t for each printed regressor, plus N, R², adj. R² per model", () => {
  const t5 = rows.filter((r) => r.table === 5);
  const coefs = t5.filter((r) => r.kind === "coef");
  const ts = t5.filter((r) => r.kind === "t");
  assert.equal(coefs.length, 22); // NQP 5, TRADE 5, UIS 3, GOV 2, RCY 1, _cons 6
  assert.equal(ts.length, 22);
  for (const c of coefs) assert.ok(byId.has(c.id.replace(/\.coef$/, ".t")), `${c.id} has a t`);
  for (const kind of ["n", "r2", "adj_r2"]) {
    assert.deepEqual(
      t5.filter((r) => r.kind === kind).map((r) => r.model),
      ["m1", "m2", "m3", "m4", "m5", "m6"],
    );
  }
  const perVariable = (v: string) => coefs.filter((r) => r.variable === v).map((r) => r.model);
  assert.deepEqual(perVariable("NQP"), ["m1", "m3", "m4", "m5", "m6"]);
  assert.deepEqual(perVariable("TRADE"), ["m2", "m3", "m4", "m5", "m6"]);
  assert.deepEqual(perVariable("UIS"), ["m4", "m5", "m6"]);
  assert.deepEqual(perVariable("GOV"), ["m5", "m6"]);
  assert.deepEqual(perVariable("RCY"), ["m6"]);
  assert.deepEqual(perVariable("_cons"), ["m1", "m2", "m3", "m4", "m5", "m6"]);
});

test("ids are unique, kinds valid, every printed value parses", () => {
  assert.equal(byId.size, rows.length);
  for (const r of rows) {
    assert.ok(PUBLISHED_KINDS.includes(r.kind), `${r.id}: kind ${r.kind}`);
    assert.ok(Number.isFinite(Number(r.printed)), `${r.id}: "${r.printed}" is not a number`);
    assert.ok(decimalsOf(r.printed) >= 0);
    assert.match(r.id, /^T[3-6]\./);
    assert.ok(r.id.startsWith(`T${r.table}.`), `${r.id} is in table ${r.table}`);
  }
});

test("printed strings keep the paper's decimals", () => {
  assert.equal(byId.get("T3.TRADE.sd")?.printed, "0.18");
  assert.equal(byId.get("T3.UIS.mean")?.printed, "1.19");
  assert.equal(byId.get("T4.TRADE.vif")?.printed, "1.06");
  assert.equal(byId.get("T4.mean.vif")?.printed, "2.101");
  assert.equal(byId.get("T5.m3.TRADE.coef")?.printed, "0.190");
  assert.equal(byId.get("T5.m4.NQP.coef")?.printed, "1.010");
  assert.equal(byId.get("T5.m2.adj_r2")?.printed, "-0.00");
  assert.equal(byId.get("T6.southwest.n")?.printed, "50");
});

test("every Table 3–4 row and every Table 5–6 cell appears in the paper's text", () => {
  const lines = readFileSync(PAPER, "utf8").split("\n");
  for (const r of rows.filter((x) => x.table <= 4)) {
    const start = lines.findIndex((l) => l.startsWith(`Table ${r.table}. `));
    assert.ok(start >= 0, `the caption "Table ${r.table}. " is not in data/published/paper.txt`);
    const line = lines.slice(start).find((l) => l.startsWith(`${r.row}\t`));
    assert.ok(line, `row "${r.row}" of Table ${r.table} not found`);
    const cells = line.split("\t").slice(1);
    const index =
      r.table === 3
        ? ["n", "mean", "sd", "min", "max"].indexOf(r.kind)
        : r.kind === "inv_vif"
          ? 1
          : 0;
    assert.equal(cells[index], r.printed, r.id);
  }
  const text = lines.join("\n");
  for (const r of rows.filter((x) => x.table >= 5 && (x.kind === "coef" || x.kind === "t"))) {
    const shown = r.kind === "t" ? `(${r.printed})` : r.printed;
    assert.ok(text.includes(shown), `${r.id}: ${shown} not in the paper`);
  }
});

const claims = loadClaims(CLAIMS, byId.keys());

test("claims.csv: unique ids, numbers in their sentences, references resolve", () => {
  assert.ok(claims.length >= 30);
  assert.equal(new Set(claims.map((c) => c.id)).size, claims.length);
  for (const c of claims) {
    assert.ok(c.sentence.includes(c.printed), c.id);
    for (const ref of c.refersTo) assert.ok(byId.has(ref), `${c.id} → ${ref}`);
  }
  const printed = new Set(claims.map((c) => c.printed));
  for (const p of ["0.79", "0.19", "0.629", "0.438", "4.81", "76.3%", "2.101", "0.734", "0.864"]) {
    assert.ok(printed.has(p), `claim ${p} is listed`);
  }
  // The "maximum VIF" of 2.101 is Table 4's mean VIF.
  assert.deepEqual(claims.find((c) => c.id === "C.3.2.vif.max")?.refersTo, ["T4.mean.vif"]);
});

test("claims repeat the table cells they refer to (at the claim's precision)", () => {
  for (const c of claims.filter((x) => x.refersTo.length === 1 && !x.printed.endsWith("%"))) {
    if (c.id === "C.3.2.vif.mean_below") continue; // a threshold, not a reported value
    const cell = byId.get(c.refersTo[0]);
    assert.ok(cell);
    const d = decimalsOf(c.printed);
    assert.equal(Number(cell.printed).toFixed(d), c.printed, `${c.id} vs ${cell.id}`);
  }
  const mean = Number(byId.get("T3.TRADE.mean")?.printed);
  const sd = Number(byId.get("T3.TRADE.sd")?.printed);
  assert.equal(((100 * sd) / mean).toFixed(1), "76.3");
  const ratio =
    Number(byId.get("T5.m6.NQP.coef")?.printed) / Number(byId.get("T5.m6.TRADE.coef")?.printed);
  assert.equal(ratio.toFixed(2), "4.81");
});

test("the loaders reject malformed files, naming file, line and column", () => {
  const dir = mkdtempSync(join(tmpdir(), "published-"));
  try {
    const header = "id,table,row,column,printed,kind,model,variable,label";
    const ok = "T3.CO.mean,3,CO,Mean,0.367,mean,,CO,x";
    const cases: [string, string, RegExp][] = [
      ["dup.csv", `${header}\n${ok}\n${ok}\n`, /line 3, column "id": duplicate id/],
      ["text.csv", `${header}\nT3.CO.mean,3,CO,Mean,abc,mean,,CO,x\n`, /line 2, column "printed"/],
      [
        "kind.csv",
        `${header}\nT3.CO.mean,3,CO,Mean,0.367,average,,CO,x\n`,
        /line 2, column "kind"/,
      ],
      ["nocol.csv", `id,table,row\nT3.CO.mean,3,CO\n`, /line 1, column "column": missing column/],
    ];
    for (const [name, body, re] of cases) {
      const p = join(dir, name);
      writeFileSync(p, body);
      assert.throws(
        () => loadPublished(p),
        (e: unknown) => e instanceof DataError && re.test(e.message) && e.message.includes(p),
      );
    }
    const claimsPath = join(dir, "claims.csv");
    writeFileSync(
      claimsPath,
      `id,section,sentence,printed,refers_to\nC.1,3.1,It is 0.5.,0.5,T9.nope\n`,
    );
    assert.throws(
      () => loadClaims(claimsPath, byId.keys()),
      /line 2, column "refers_to": refers to unknown/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
