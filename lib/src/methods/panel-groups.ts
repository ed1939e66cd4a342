/**
 * Groups of a panel given row by row, and a formula resolved into a panel design: the shared
 * input of the panel estimators (between, random effects). Labels are mapped to 0…G−1 in the
 * order they first appear.
 */
import { DataError } from "../data/errors";
import { frameColumn, toColumns, type DataLike } from "../data/frame";
import { designMatrices } from "./formula";

/** The groups of a panel: each row's group index, the labels and the rows per group. */
export interface PanelGroups {
  index: Int32Array;
  levels: (string | number)[];
  counts: number[];
}

/**
 * Checks a panel given as rows (y, X, group label) and indexes its groups.
 *
 * Formula: index[i] = position of group[i] among the distinct labels in first-appearance order;
 * counts[g] = Tᵍ, the number of rows of group g.
 * Throws: DataError for y/X/group length mismatches, an empty panel, a missing or non-finite
 * group label, a non-finite value of y or X (named with its row), or ragged rows of X.
 * @example
 * panelGroups([1, 2, 3], [[0], [1], [2]], ["a", "b", "a"]);
 * // { index: Int32Array [0, 1, 0], levels: ["a", "b"], counts: [2, 1] }
 */
export function panelGroups(
  y: number[],
  X: number[][],
  group: (string | number)[],
  opts: { names?: string[]; yName?: string } = {},
): PanelGroups {
  const yName = opts.yName ?? "y";
  const names = opts.names;
  const n = y.length;
  if (X.length !== n) {
    throw new DataError(`${yName} has ${n} values but X has ${X.length} rows`, {
      variable: yName,
      hint: "give y, X and the group labels the same rows, in the same order",
    });
  }
  if (!Array.isArray(group) || group.length !== n) {
    throw new DataError(`${Array.isArray(group) ? group.length : 0} group labels for ${n} rows`, {
      variable: "group",
      hint: "pass one group label (e.g. the firm or city) per row",
    });
  }
  if (n === 0) throw new DataError("the panel has no rows", { variable: yName });
  const k = X[0].length;
  const xNames = names ?? Array.from({ length: k }, (_, j) => `x${j + 1}`);
  if (xNames.length !== k) {
    throw new DataError(`${xNames.length} names given for ${k} columns of X`);
  }
  const map = new Map<string | number, number>();
  const index = new Int32Array(n);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = group[i];
    const bad =
      g === null ||
      g === undefined ||
      g === "" ||
      (typeof g === "number" && !Number.isFinite(g)) ||
      (typeof g !== "number" && typeof g !== "string");
    if (bad) {
      throw new DataError(`row ${i + 1} has no valid group label (got ${String(g)})`, {
        variable: "group",
      });
    }
    if (typeof y[i] !== "number" || !Number.isFinite(y[i])) {
      throw new DataError(`row ${i + 1} has ${String(y[i])}`, {
        variable: yName,
        hint: "remove or impute missing values before estimating",
      });
    }
    const row = X[i];
    if (!row || row.length !== k) {
      throw new DataError(`row ${i + 1} of X has ${row ? row.length : 0} columns, expected ${k}`);
    }
    for (let j = 0; j < k; j++) {
      if (typeof row[j] !== "number" || !Number.isFinite(row[j])) {
        throw new DataError(`row ${i + 1} has ${String(row[j])}`, {
          variable: xNames[j],
          hint: "remove or impute missing values before estimating",
        });
      }
    }
    let id = map.get(g);
    if (id === undefined) {
      id = map.size;
      map.set(g, id);
      counts.push(0);
    }
    index[i] = id;
    counts[id] += 1;
  }
  return { index, levels: [...map.keys()], counts };
}

/** A panel estimator's formula resolved on a data frame: the matrices and the group labels. */
export interface PanelDesign {
  y: number[];
  X: number[][];
  labels: (string | number)[];
  names: string[];
  yName: string;
}

/**
 * The design of a panel estimator given by formula: y and X of `formula` (with its constant)
 * on `data`, and the group label of each row from the column `group`.
 *
 * Formula: as `designMatrices`; a panel estimator's formula must keep the constant and absorb
 * nothing. Throws: DataError for a formula without a constant or with `| effects`, an unknown
 * column, or whatever `designMatrices` throws.
 * @example
 * panelDesign("y ~ x", { y: [1, 2, 3], x: [0, 1, 2], firm: ["a", "b", "a"] }, "firm").labels;
 * // ["a", "b", "a"]
 */
export function panelDesign(formula: string, data: DataLike, group: string): PanelDesign {
  const cols = toColumns(data);
  const dm = designMatrices(formula, cols);
  if (dm.absorb.length > 0 || !dm.intercept) {
    throw new DataError("a panel estimator's formula has a constant and no absorbed effects", {
      hint: 'write e.g. "y ~ x1 + x2" and name the panel unit with { group: "unit" }',
    });
  }
  const labels = frameColumn(cols, group);
  return { y: dm.y, X: dm.X, labels, names: dm.xNames, yName: dm.yName };
}
