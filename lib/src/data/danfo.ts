/**
 * danfo.js (danfojs-node), the notebooks' data container, loaded on first use.
 *
 * Loading danfo takes about a second (it brings TensorFlow.js), so the library does not load it at
 * import: the first call of `danfo()` (e.g. through `loadPaperData()`) does. TensorFlow.js prints
 * an "install the node backend" banner the first time it makes a tensor; production mode silences
 * it, so it never reaches a notebook.
 *
 * Precision (see test/danfo-precision.test.ts): danfo keeps JavaScript doubles in its columns, and
 * Series operations (add, sub, mul, div, mean, std, describe, groupby(...).mean()) are exact in
 * double precision; DataFrame-level arithmetic (df.add(df2)) goes through float32 tensors and is
 * not used for anything numeric. Estimators read columns with `toColumns` (data/frame.ts).
 */
import type * as Danfo from "danfojs-node";

/** The danfojs-node module. */
export type DanfoModule = typeof Danfo;
/** A danfo DataFrame. */
export type DataFrame = Danfo.DataFrame;
/** A danfo Series. */
export type Series = Danfo.Series;

let loaded: DanfoModule | null = null;
const hooks: ((dfd: DanfoModule) => void)[] = [];

/**
 * Registers a function to run once danfo is loaded (or now, if it already is). The display layer
 * uses it to teach danfo frames to show themselves as HTML tables in notebooks.
 *
 * Throws: whatever the hook throws.
 * @example
 * onDanfoLoad((dfd) => console.log(dfd.DataFrame.name)); // "DataFrame", once danfo is loaded
 */
export function onDanfoLoad(hook: (dfd: DanfoModule) => void): void {
  hooks.push(hook);
  if (loaded) hook(loaded);
}

/**
 * The danfojs-node module, loaded on the first call (with TensorFlow.js's console banner off).
 *
 * Throws: Error if danfojs-node is not installed (run `npm install`).
 * @example
 * const dfd = danfo();
 * new dfd.DataFrame({ a: [1, 2] }).shape; // [2, 1]
 */
export function danfo(): DanfoModule {
  if (loaded) return loaded;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as DanfoModule;
  const tf = (dfd as unknown as { tensorflow?: { enableProdMode?: () => void } }).tensorflow;
  tf?.enableProdMode?.();
  loaded = dfd;
  for (const hook of hooks) hook(dfd);
  return dfd;
}

/**
 * A danfo DataFrame from column-oriented arrays, keeping the column order given (also for
 * names that look like numbers, e.g. years, which a JavaScript object would sort first).
 *
 * Formula: none (construction; values are kept as JavaScript doubles). Throws: danfo's error
 * when the columns differ in length.
 * @example
 * toDataFrame({ city: ["A", "B"], CO: [0.1, 0.2] }).columns; // ["city", "CO"]
 */
export function toDataFrame(
  columns: Record<string, readonly (number | string)[]> | [string, readonly (number | string)[]][],
): DataFrame {
  const dfd = danfo();
  const entries = Array.isArray(columns) ? columns : Object.entries(columns);
  const n = entries.length > 0 ? entries[0][1].length : 0;
  const rows = Array.from({ length: n }, (_, i) => entries.map(([, v]) => v[i]));
  return new dfd.DataFrame(rows, { columns: entries.map(([k]) => k) });
}
