// Types of tfjs-lite (index.js): the subset of TensorFlow.js that danfojs-node calls.
export type DataType = "float32" | "int32" | "bool" | "string";
type Nested = unknown;
type Operand = Tensor | number | boolean | string | Nested[];

export declare class Tensor {
  constructor(values: unknown[], shape: number[], dtype: DataType);
  readonly values: unknown[];
  readonly shape: number[];
  readonly dtype: DataType;
  readonly rank: number;
  readonly size: number;
  arraySync(): Nested;
  array(): Promise<Nested>;
  dataSync(): Float64Array | Int32Array | Uint8Array | string[];
  data(): Promise<Float64Array | Int32Array | Uint8Array | string[]>;
  clone(): Tensor;
  dispose(): void;
  print(): void;
  reshape(shape: number[]): Tensor;
  transpose(perm?: number[]): Tensor;
  cast(dtype: DataType): Tensor;
  add(b: Operand): Tensor;
  sub(b: Operand): Tensor;
  mul(b: Operand): Tensor;
  div(b: Operand): Tensor;
  floorDiv(b: Operand): Tensor;
  divNoNan(b: Operand): Tensor;
  pow(b: Operand): Tensor;
  mod(b: Operand): Tensor;
  maximum(b: Operand): Tensor;
  minimum(b: Operand): Tensor;
  greater(b: Operand): Tensor;
  greaterEqual(b: Operand): Tensor;
  less(b: Operand): Tensor;
  lessEqual(b: Operand): Tensor;
  equal(b: Operand): Tensor;
  notEqual(b: Operand): Tensor;
  abs(): Tensor;
  neg(): Tensor;
  sqrt(): Tensor;
  square(): Tensor;
  exp(): Tensor;
  log(): Tensor;
  round(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  sum(axis?: number | number[], keepDims?: boolean): Tensor;
  prod(axis?: number | number[], keepDims?: boolean): Tensor;
  mean(axis?: number | number[], keepDims?: boolean): Tensor;
  max(axis?: number | number[], keepDims?: boolean): Tensor;
  min(axis?: number | number[], keepDims?: boolean): Tensor;
  argMax(axis?: number): Tensor;
  argMin(axis?: number): Tensor;
}

export declare function tensor(values: Operand, shape?: number[], dtype?: DataType): Tensor;
export declare function tensor1d(values: Nested[], dtype?: DataType): Tensor;
export declare function tensor2d(
  values: Nested[],
  shape?: [number, number],
  dtype?: DataType,
): Tensor;
export declare function scalar(value: number | boolean | string, dtype?: DataType): Tensor;
export declare function moments(
  x: Operand,
  axis?: number | number[],
  keepDims?: boolean,
): { mean: Tensor; variance: Tensor };
export declare const data: {
  array<T>(items: T[]): {
    shuffle(bufferSize: number, seed?: string): ReturnType<typeof data.array<T>>;
    take(count: number): ReturnType<typeof data.array<T>>;
    toArray(): Promise<T[]>;
  };
};
