// An independent recomputation of Tables 3–6 in R (test/fixtures/independent/recompute.R),
// written from data/codebook.json, data/README.md and the article alone, without reading the
// library: its 113 values, stored in recompute.json, must equal what the library computes from
// the same panel. If the panel, the codebook's method or the library changes, re-run
// `Rscript test/fixtures/independent/recompute.R` from the repository root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildVariables, loadPanel, loadPublished, reproducePublished } from "cplib";

const ROOT = join(__dirname, "..");
const independent = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "independent", "recompute.json"), "utf8"),
) as Record<string, number>;
const published = loadPublished(join(ROOT, "data", "published", "tables.csv"));
const { frame } = buildVariables(loadPanel(join(ROOT, "data", "zhejiang_panel.csv")));
const results = reproducePublished(frame, published);

test("the R recomputation from the codebook covers every published id", () => {
  assert.deepEqual(Object.keys(independent).sort(), results.map((r) => r.id).sort());
});

for (const r of results) {
  test(`${r.id}: library equals the independent R recomputation`, () => {
    const x = independent[r.id];
    assert.ok(Number.isFinite(r.reproduced) && Number.isFinite(x), `${r.reproduced} vs ${x}`);
    const scale = Math.max(1, Math.abs(x));
    assert.ok(Math.abs(r.reproduced - x) <= 1e-9 * scale, `library ${r.reproduced}, R ${x}`);
  });
}
