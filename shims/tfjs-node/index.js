/* global module, console */
"use strict";
/**
 * tfjs-lite: the part of TensorFlow.js that danfojs-node calls, in plain double-precision
 * JavaScript, installed in place of "@tensorflow/tfjs-node" (package.json `overrides`).
 *
 * Why: danfojs-node 1.2.0 requires "@tensorflow/tfjs-node", whose install downloads a native
 * library; the full "@tensorflow/tfjs" that replaced it weighs 267 MB (every backend, layers,
 * converter, data) and prints an "install the node backend" banner. danfo uses tensors only as
 * containers for a few element-wise operations, so this file gives it exactly those:
 *
 * - creation: `tensor`, `tensor1d`, `tensor2d`, `scalar` (dtype inferred from the first value as
 *   tfjs does: number → "float32", string → "string", boolean → "bool"; "int32" truncates like
 *   an Int32Array, "bool" stores 1/0), and the `Tensor` class (danfo's `instanceof` checks);
 * - element-wise with NumPy broadcasting: add, sub, mul, div (int32 ÷ int32 floors, as in
 *   tfjs), divNoNan (0 where the divisor is 0), pow, mod (sign of the divisor, as tf.mod),
 *   floorDiv, maximum, minimum, greater, greaterEqual, less, lessEqual, equal, notEqual (1/0);
 * - unary: abs, neg, sqrt, square, exp, log, round, floor, ceil, cast;
 * - reductions over all elements or one axis: sum, mean, max, min, prod, argMax, argMin;
 *   `moments(x, axis)` → { mean, variance } with variance = mean((x − mean)²), as tfjs;
 * - shape: reshape, transpose (reversed axes or a permutation), clone, arraySync/array,
 *   dataSync/data, print, dispose (no-op);
 * - `data.array(items).shuffle(n, seed).take(k).toArray()` for `sample()`: a seeded
 *   Fisher–Yates shuffle (deterministic, but not the permutation tfjs-data would give).
 *
 * Values are JavaScript doubles throughout, so DataFrame-level arithmetic in danfo
 * (`df.add(df2)`, `df.mul(2)`, …) is exact in double precision instead of rounded to float32.
 * Anything else throws an Error naming the operation. Nothing is ever printed.
 */

const shapeSize = (shape) => shape.reduce((a, b) => a * b, 1);

function inferShape(values) {
  const shape = [];
  let v = values;
  while (Array.isArray(v) || ArrayBuffer.isView(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

function flatten(values, out = []) {
  if (Array.isArray(values) || ArrayBuffer.isView(values)) {
    for (const v of values) flatten(v, out);
  } else {
    out.push(values);
  }
  return out;
}

function inferDtype(values) {
  if (Array.isArray(values)) return values.length === 0 ? "float32" : inferDtype(values[0]);
  if (values instanceof Int32Array || values instanceof Uint8Array) return "int32";
  if (typeof values === "string") return "string";
  if (typeof values === "boolean") return "bool";
  return "float32";
}

function coerce(value, dtype) {
  switch (dtype) {
    case "string":
      return String(value);
    case "bool":
      return value ? 1 : 0;
    case "int32":
      return Number(value) | 0;
    case "float32":
    case "float64":
      if (value === null) return 0;
      return typeof value === "number" ? value : Number(value);
    default:
      throw new Error(`tfjs-lite: unknown dtype "${dtype}"`);
  }
}

function nest(flat, shape, offset = 0) {
  if (shape.length === 0) return flat[offset];
  if (shape.length === 1) return flat.slice(offset, offset + shape[0]);
  const inner = shapeSize(shape.slice(1));
  const out = new Array(shape[0]);
  for (let i = 0; i < shape[0]; i++) out[i] = nest(flat, shape.slice(1), offset + i * inner);
  return out;
}

function stridesOf(shape) {
  const strides = new Array(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

class Tensor {
  /** @param values flat array (already coerced) @param shape @param dtype */
  constructor(values, shape, dtype) {
    this.values = values;
    this.shape = shape.slice();
    this.dtype = dtype;
  }
  get rank() {
    return this.shape.length;
  }
  get size() {
    return this.values.length;
  }
  arraySync() {
    return nest(this.values, this.shape);
  }
  array() {
    return Promise.resolve(this.arraySync());
  }
  dataSync() {
    if (this.dtype === "string") return this.values.slice();
    if (this.dtype === "int32") return Int32Array.from(this.values);
    if (this.dtype === "bool") return Uint8Array.from(this.values);
    return Float64Array.from(this.values);
  }
  data() {
    return Promise.resolve(this.dataSync());
  }
  clone() {
    return new Tensor(this.values.slice(), this.shape, this.dtype);
  }
  dispose() {}
  toString() {
    return `Tensor (${this.dtype}, shape [${this.shape.join(",")}])\n${JSON.stringify(this.arraySync())}`;
  }
  print() {
    // tfjs prints to the console; a notebook output would show it, so it is kept.
    console.log(this.toString());
  }
  reshape(shape) {
    const known = shape.filter((d) => d !== -1);
    const target = shape.map((d) => (d === -1 ? this.size / shapeSize(known) : d));
    if (shapeSize(target) !== this.size) {
      throw new Error(`tfjs-lite: cannot reshape [${this.shape}] to [${shape}]`);
    }
    return new Tensor(this.values.slice(), target, this.dtype);
  }
  transpose(perm) {
    const rank = this.rank;
    const p = perm ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    const outShape = p.map((axis) => this.shape[axis]);
    const inStrides = stridesOf(this.shape);
    const out = new Array(this.size);
    const index = new Array(rank).fill(0);
    for (let k = 0; k < this.size; k++) {
      let src = 0;
      for (let d = 0; d < rank; d++) src += index[d] * inStrides[p[d]];
      out[k] = this.values[src];
      for (let d = rank - 1; d >= 0; d--) {
        if (++index[d] < outShape[d]) break;
        index[d] = 0;
      }
    }
    return new Tensor(out, outShape, this.dtype);
  }
  cast(dtype) {
    return new Tensor(
      this.values.map((v) => coerce(v, dtype)),
      this.shape,
      dtype,
    );
  }
}

function toTensor(x) {
  if (x instanceof Tensor) return x;
  return tensor(x);
}

/** `tf.tensor(values, shape?, dtype?)`. */
function tensor(values, shape, dtype) {
  if (values instanceof Tensor) return values.clone();
  const type = dtype ?? inferDtype(Array.isArray(values) ? values : [values]);
  const inferred = Array.isArray(values) || ArrayBuffer.isView(values) ? inferShape(values) : [];
  const flat = flatten(values).map((v) => coerce(v, type));
  const finalShape = shape ?? inferred;
  if (shapeSize(finalShape) !== flat.length) {
    throw new Error(
      `tfjs-lite: ${flat.length} values do not fill a tensor of shape [${finalShape}]`,
    );
  }
  return new Tensor(flat, finalShape, type);
}

function tensor1d(values, dtype) {
  const t = tensor(values, undefined, dtype);
  if (t.rank !== 1) throw new Error("tfjs-lite: tensor1d() needs a flat array");
  return t;
}

function tensor2d(values, shape, dtype) {
  const t = tensor(values, shape, dtype);
  if (t.rank !== 2) {
    throw new Error("tfjs-lite: tensor2d() needs a 2-D array or a flat array with a shape");
  }
  return t;
}

function scalar(value, dtype) {
  return tensor(value, [], dtype);
}

/** The dtype of a binary result, as tfjs's makeTypesMatch + upcast. */
function upcast(a, b) {
  if (a === b) return a;
  if (a === "string" || b === "string") {
    throw new Error("tfjs-lite: cannot mix string and numeric tensors");
  }
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}

function broadcastShape(a, b) {
  const rank = Math.max(a.length, b.length);
  const out = new Array(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`tfjs-lite: shapes [${a}] and [${b}] cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

function binary(fn, resultDtype) {
  return function (a, b) {
    const ta = toTensor(a);
    const tb = toTensor(b);
    const common = upcast(ta.dtype, tb.dtype);
    const dtype = resultDtype ?? common;
    const shape = broadcastShape(ta.shape, tb.shape);
    const size = shapeSize(shape);
    const out = new Array(size);
    const rank = shape.length;
    const sa = stridesOf(ta.shape);
    const sb = stridesOf(tb.shape);
    const offA = rank - ta.rank;
    const offB = rank - tb.rank;
    const index = new Array(rank).fill(0);
    for (let k = 0; k < size; k++) {
      let ia = 0;
      let ib = 0;
      for (let d = 0; d < rank; d++) {
        if (d >= offA && ta.shape[d - offA] !== 1) ia += index[d] * sa[d - offA];
        if (d >= offB && tb.shape[d - offB] !== 1) ib += index[d] * sb[d - offB];
      }
      out[k] = fn(ta.values[ia], tb.values[ib], common);
      for (let d = rank - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) break;
        index[d] = 0;
      }
    }
    if (dtype === "int32") for (let k = 0; k < size; k++) out[k] = out[k] | 0;
    return new Tensor(out, shape, dtype);
  };
}

const floorMod = (x, y) => {
  const rem = x % y;
  return (x < 0 && y < 0) || (x >= 0 && y >= 0) ? rem : (rem + y) % y;
};

const ops = {
  add: binary((x, y) => x + y),
  sub: binary((x, y) => x - y),
  mul: binary((x, y) => x * y),
  div: binary((x, y, dtype) => (dtype === "int32" ? Math.floor(x / y) : x / y)),
  floorDiv: binary((x, y) => Math.floor(x / y)),
  divNoNan: binary((x, y) => (y === 0 ? 0 : x / y)),
  pow: binary((x, y) => Math.pow(x, y)),
  mod: binary(floorMod),
  maximum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))),
  minimum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))),
  greater: binary((x, y) => (x > y ? 1 : 0), "bool"),
  greaterEqual: binary((x, y) => (x >= y ? 1 : 0), "bool"),
  less: binary((x, y) => (x < y ? 1 : 0), "bool"),
  lessEqual: binary((x, y) => (x <= y ? 1 : 0), "bool"),
  equal: binary((x, y) => (x === y ? 1 : 0), "bool"),
  notEqual: binary((x, y) => (x !== y ? 1 : 0), "bool"),
};

function unary(fn, dtype) {
  return function (x) {
    const t = toTensor(x);
    return new Tensor(
      t.values.map(fn),
      t.shape,
      dtype ?? (t.dtype === "int32" ? "float32" : t.dtype),
    );
  };
}

Object.assign(ops, {
  abs: (x) => {
    const t = toTensor(x);
    return new Tensor(t.values.map(Math.abs), t.shape, t.dtype);
  },
  neg: (x) => {
    const t = toTensor(x);
    return new Tensor(
      t.values.map((v) => -v),
      t.shape,
      t.dtype,
    );
  },
  sqrt: unary(Math.sqrt),
  square: (x) => {
    const t = toTensor(x);
    return new Tensor(
      t.values.map((v) => v * v),
      t.shape,
      t.dtype,
    );
  },
  exp: unary(Math.exp),
  log: unary(Math.log),
  round: unary((v) => {
    // tf.round rounds half to even
    const r = Math.round(v);
    return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  cast: (x, dtype) => toTensor(x).cast(dtype),
});

/**
 * Reduces over every element (axis undefined) or over one axis (negative counts from the end);
 * `keepDims` keeps the reduced axis with length 1.
 */
function reduction(name, init, step, finish, resultDtype) {
  return function (x, axis, keepDims = false) {
    const t = toTensor(x);
    if (t.dtype === "string") throw new Error(`tfjs-lite: ${name}() of a string tensor`);
    const axes =
      axis === undefined || axis === null
        ? t.shape.map((_, i) => i)
        : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? t.rank + a : a));
    if (axes.some((a) => a < 0 || a >= t.rank) && t.rank > 0) {
      throw new Error(`tfjs-lite: ${name}() axis ${axis} out of range for rank ${t.rank}`);
    }
    const keep = t.shape.map((_, i) => !axes.includes(i));
    const outShape = t.shape.filter((_, i) => keep[i]);
    const outSize = shapeSize(outShape);
    const n = t.size / Math.max(outSize, 1);
    const acc = Array.from({ length: outSize }, () => init());
    const counts = new Array(outSize).fill(0);
    const outStrides = stridesOf(outShape);
    const index = new Array(t.rank).fill(0);
    for (let k = 0; k < t.size; k++) {
      let o = 0;
      let r = 0;
      for (let d = 0, od = 0; d < t.rank; d++) {
        if (keep[d]) o += index[d] * outStrides[od++];
      }
      r = counts[o]++;
      step(acc[o], t.values[k], r);
      for (let d = t.rank - 1; d >= 0; d--) {
        if (++index[d] < t.shape[d]) break;
        index[d] = 0;
      }
    }
    const values = acc.map((a) => finish(a, n));
    const shape = keepDims ? t.shape.map((d, i) => (keep[i] ? d : 1)) : outShape;
    const dtype = resultDtype === "same" ? (t.dtype === "bool" ? "int32" : t.dtype) : resultDtype;
    return new Tensor(values, shape, dtype);
  };
}

Object.assign(ops, {
  sum: reduction(
    "sum",
    () => ({ s: 0 }),
    (a, v) => {
      a.s += v;
    },
    (a) => a.s,
    "same",
  ),
  prod: reduction(
    "prod",
    () => ({ s: 1 }),
    (a, v) => {
      a.s *= v;
    },
    (a) => a.s,
    "same",
  ),
  mean: reduction(
    "mean",
    () => ({ s: 0 }),
    (a, v) => {
      a.s += v;
    },
    (a, n) => a.s / n,
    "float32",
  ),
  max: reduction(
    "max",
    () => ({ m: undefined }),
    (a, v) => {
      if (a.m === undefined || Number.isNaN(v) || v > a.m) a.m = v;
    },
    (a) => a.m,
    "same",
  ),
  min: reduction(
    "min",
    () => ({ m: undefined }),
    (a, v) => {
      if (a.m === undefined || Number.isNaN(v) || v < a.m) a.m = v;
    },
    (a) => a.m,
    "same",
  ),
});

function argReduction(name, better) {
  const inner = reduction(
    name,
    () => ({ m: undefined, i: 0 }),
    (a, v, r) => {
      if (a.m === undefined || better(v, a.m)) {
        a.m = v;
        a.i = r;
      }
    },
    (a) => a.i,
    "int32",
  );
  // tf.argMax/argMin reduce axis 0 by default.
  return (x, axis = 0) => inner(x, axis);
}
ops.argMax = argReduction("argMax", (v, m) => v > m);
ops.argMin = argReduction("argMin", (v, m) => v < m);

for (const [name, fn] of Object.entries(ops)) {
  Tensor.prototype[name] = function (...args) {
    return fn(this, ...args);
  };
}

function moments(x, axis, keepDims = false) {
  const t = toTensor(x);
  const mean = ops.mean(t, axis, true);
  const sq = ops.square(ops.sub(t, mean));
  const variance = ops.mean(sq, axis, keepDims);
  return { mean: keepDims ? mean : ops.mean(t, axis, false), variance };
}

/** A deterministic PRNG from a string seed (cyrb53 hash → mulberry32). */
function seededRandom(seed) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const ch of String(seed)) {
    const c = ch.codePointAt(0);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  let state =
    (Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = state;
    r = Math.imul(r ^ (r >>> 15), r | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

class ArrayDataset {
  constructor(items) {
    this.items = items.slice();
  }
  shuffle(_bufferSize, seed) {
    const random = seededRandom(seed ?? Date.now());
    const items = this.items.slice();
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return new ArrayDataset(items);
  }
  take(count) {
    return new ArrayDataset(count < 0 ? this.items : this.items.slice(0, count));
  }
  toArray() {
    return Promise.resolve(this.items.slice());
  }
}

const env = () => ({ get: () => false, getBool: () => false, set: () => undefined });

module.exports = {
  version: { "tfjs-lite": "1.0.0" },
  Tensor,
  tensor,
  tensor1d,
  tensor2d,
  scalar,
  moments,
  ...ops,
  data: { array: (items) => new ArrayDataset(items) },
  env,
  tidy: (fn) => fn(),
  dispose: () => undefined,
  getBackend: () => "tfjs-lite",
};
