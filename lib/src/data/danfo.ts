/**
 * danfo.js (danfojs-node), the notebooks' data container, loaded on first use.
 *
 * The library does not load danfo at import: the first call of `danfo()` (e.g. through
 * `loadPaperData()`) does, in about 50 ms, and leaves mathjs, which danfo requires at load but
 * uses only for median, mode, std, var and describe, to load when first used (0.6 s). A
 * TensorFlow.js "install the node backend" banner would be printed the first time danfo makes a
 * tensor; production mode silences it, so it never reaches a notebook.
 *
 * Precision (see test/danfo-precision.test.ts): danfo keeps JavaScript doubles in its columns, and
 * Series operations (add, sub, mul, div, mean, std, describe, groupby(...).mean()) are exact in
 * double precision; DataFrame-level arithmetic (df.add(df2)) goes through float32 tensors and is
 * not used for anything numeric. Estimators read columns with `toColumns` (data/frame.ts).
 */
import Module from "node:module";
import path from "node:path";
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
 * danfo requires mathjs when it loads (about 0.6 s) but calls it only in a few statistics
 * (median, mode, std, var, describe). Until someone uses mathjs, the module cache holds a
 * stand-in for it: the first property read loads the real mathjs, which then replaces the
 * stand-in in the cache, so every later `require("mathjs")` gets the real module. Does nothing
 * when mathjs is already loaded.
 *
 * Throws: whatever loading mathjs throws, at the first use.
 */
function deferMathjs(from: string): void {
  const id = require.resolve("mathjs", { paths: [from] });
  if (require.cache[id]) return;
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete require.cache[id];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(id) as object;
    }
    return real;
  };
  const standIn = new Module(id);
  standIn.filename = id;
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(load(), key) as unknown,
      has: (_, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
  require.cache[id] = standIn;
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
  deferMathjs(path.dirname(require.resolve("danfojs-node")));
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
