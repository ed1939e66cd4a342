/**
 * Papermill-style parameters for TypeScript notebooks.
 *
 * The code cell tagged `parameters` declares the defaults with `let` (`let dataPath = "...";`).
 * Overrides are injected as a new code cell tagged `injected-parameters` right after it, which
 * assigns the new values as TypeScript literals (JSON is valid TypeScript). tslab type-checks
 * the assignment, so a value of the wrong type fails like any other cell, at that cell.
 */
import { cellTags, type Cell, type Notebook } from "./notebook";
import { parseParameterCell, type ParameterDeclaration } from "./parameter-types";

export const PARAMETERS_TAG = "parameters";
export const INJECTED_TAG = "injected-parameters";

/** Parses a `-p name=value` value: JSON if it parses, else the raw string. */
export function parseParameterValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type DeclaredParameter = ParameterDeclaration;

/** The index of the cell tagged `parameters`, or -1. */
export function parametersCellIndex(nb: Notebook): number {
  return nb.cells.findIndex((c) => c.cell_type === "code" && cellTags(c).includes(PARAMETERS_TAG));
}

/**
 * The parameters the cell tagged `parameters` declares (`let x: T = literal;`), with their types
 * and defaults (see parameter-types.ts); [] when the notebook has no such cell.
 */
export function declaredParameters(nb: Notebook): DeclaredParameter[] {
  const index = parametersCellIndex(nb);
  return index < 0 ? [] : parseParameterCell(nb.cells[index].source);
}

/** Removes a previously injected parameters cell (re-running an executed copy). */
export function removeInjectedCell(nb: Notebook): void {
  nb.cells = nb.cells.filter((c) => !cellTags(c).includes(INJECTED_TAG));
}

/**
 * Injects the overrides this notebook declares; returns the names injected. Throws when a
 * declared override is a `const` (it could not be assigned).
 */
export function injectParameters(
  nb: Notebook,
  notebookName: string,
  overrides: Record<string, unknown>,
): string[] {
  removeInjectedCell(nb);
  const index = parametersCellIndex(nb);
  if (index < 0) return [];
  const declared = new Map(declaredParameters(nb).map((d) => [d.name, d.keyword]));
  const names = Object.keys(overrides).filter((name) => declared.has(name));
  if (names.length === 0) return [];
  for (const name of names) {
    if (declared.get(name) === "const") {
      throw new Error(
        `${notebookName}: parameter "${name}" is declared with const in the parameters cell; ` +
          `declare parameters with let so that they can be overridden`,
      );
    }
  }
  const lines = names.map((name) => `  ${name} = ${JSON.stringify(overrides[name])};`);
  const cell: Cell = {
    id: "injected-parameters",
    cell_type: "code",
    metadata: { tags: [INJECTED_TAG] },
    source: [
      "// Parameters injected by `npm run reproduce`; they override the cell above.",
      "{",
      ...lines,
      "}",
    ].join("\n"),
    outputs: [],
    execution_count: null,
  };
  nb.cells.splice(index + 1, 0, cell);
  return names;
}
