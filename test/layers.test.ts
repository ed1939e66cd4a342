/**
 * The library's layers (lib/src/index.ts): data/ → methods/ → paper/ → present/, bottom to top.
 * A file may import from its own layer or a lower one, never from a higher one; scripts and tests
 * use the package's public exports ("cplib") like a notebook does, never lib/src paths.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const ROOT = resolve(__dirname, "..");
const SRC = join(ROOT, "lib", "src");
const LAYERS = ["data", "methods", "paper", "present"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import|require\()\s*"([^"]+)"/g)].map((m) => m[1]);
}

function layerOf(file: string): number {
  return LAYERS.indexOf(relative(SRC, file).split(sep)[0]);
}

test("every lib file sits in a layer folder and imports only from its layer or below", () => {
  const problems: string[] = [];
  for (const file of tsFiles(SRC)) {
    const rel = relative(SRC, file);
    if (rel === "index.ts") continue;
    const own = layerOf(file);
    if (own < 0) problems.push(`${rel} is not inside ${LAYERS.join("/, ")}/`);
    for (const spec of imports(file)) {
      if (spec === "cplib") problems.push(`${rel} imports the package itself`);
      if (!spec.startsWith(".")) continue;
      const target = layerOf(resolve(dirname(file), spec));
      if (target > own)
        problems.push(`${rel} imports ${spec} (${LAYERS[target]}/ is above ${LAYERS[own]}/)`);
    }
  }
  assert.deepEqual(problems, []);
});

test("scripts and tests import the library as a notebook does, by package name", () => {
  const offenders = [join(ROOT, "scripts"), join(ROOT, "test")]
    .flatMap(tsFiles)
    .filter((file) => imports(file).some((spec) => /(^|\/)lib\/(src|dist)(\/|$)/.test(spec)))
    .map((file) => relative(ROOT, file));
  assert.deepEqual(offenders, []);
});
