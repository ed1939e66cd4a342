/**
 * The committed notebooks read like a statsmodels or fixest user's code, and every cell stays
 * true to the parameters cell after a re-run (issues 11, 12 and 14):
 *
 * - a parameters cell (papermill tag `parameters`) is the first code cell;
 * - no code line over 100 characters, no code cell over 15 lines;
 * - no stale cell: a cell may use what the parameters cell, imports, functions and literal
 *   constants of earlier cells define, but not a value an earlier cell computed (a frame, a fit):
 *   after the parameters change, re-running the parameters cell and then that one cell would show
 *   results for the old parameters. Found statically, with the TypeScript parser. A self-check
 *   cell (only `check(...)` calls) may read the answer the cell before it computed;
 * - every exercise is followed by a cell tagged `solution`, collapsed in JupyterLab/Notebook;
 * - the reconstructed-data banner comes before the first table of the notebook;
 * - danfo (the data container) is used in at least four notebooks.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const DIR = join(__dirname, "..", "notebooks");

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[]; jupyter?: { source_hidden?: boolean; outputs_hidden?: boolean } };
  outputs?: { output_type: string; data?: Record<string, unknown> }[];
}

const notebooks = readdirSync(DIR)
  .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .sort()
  .map((file) => ({
    file,
    cells: (JSON.parse(readFileSync(join(DIR, file), "utf8")) as { cells: Cell[] }).cells,
  }));
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const tags = (c: Cell) => c.metadata?.tags ?? [];

/** How a top-level name was declared: safe to share across cells, or a computed value. */
type Kind = "parameter" | "import" | "function" | "literal" | "value";

function isLiteral(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  if (ts.isAsExpression(e) || ts.isParenthesizedExpression(e)) return isLiteral(e.expression);
  if (
    ts.isStringLiteral(e) ||
    ts.isNumericLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))
  ) {
    return true;
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => isLiteral(x as ts.Expression));
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every((p) => ts.isPropertyAssignment(p) && isLiteral(p.initializer));
  }
  return false;
}

/** Whether a cell is only `check(...)` calls: it checks the answer the previous cell computed. */
function isCheckCell(source: string): boolean {
  const sf = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  return (
    sf.statements.length > 0 &&
    sf.statements.every(
      (st) =>
        ts.isExpressionStatement(st) &&
        ts.isCallExpression(st.expression) &&
        ts.isIdentifier(st.expression.expression) &&
        st.expression.expression.text === "check",
    )
  );
}

/** Top-level declarations of a cell and the free identifiers it reads. */
function analyse(source: string): { declared: Map<string, Kind>; free: Set<string> } {
  const sf = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const declared = new Map<string, Kind>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const b = st.importClause;
      if (b?.name) declared.set(b.name.text, "import");
      const nb = b?.namedBindings;
      if (nb && ts.isNamedImports(nb))
        nb.elements.forEach((el) => declared.set(el.name.text, "import"));
      if (nb && ts.isNamespaceImport(nb)) declared.set(nb.name.text, "import");
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      declared.set(st.name.text, "function");
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const init = d.initializer;
        const fn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
        declared.set(d.name.text, fn ? "function" : isLiteral(init) ? "literal" : "value");
      }
    } else if (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) {
      declared.set(st.name.text, "literal");
    }
  }
  const local = new Set<string>();
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) return; // types are erased; they cannot be stale
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) &&
      ts.isIdentifier(node.name)
    ) {
      local.add(node.name.text);
    }
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        ts.isImportSpecifier(p) ||
        ts.isImportClause(p) ||
        ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) &&
          p.name === node) ||
        (ts.isFunctionDeclaration(p) && p.name === node);
      if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const free = new Set(
    [...used].filter((n) => !local.has(n) && !declared.has(n) && !(n in globalThis)),
  );
  return { declared, free };
}

test("a parameters cell comes first; no code line over 100 characters, no cell over 15 lines", () => {
  const problems: string[] = [];
  for (const { file, cells } of notebooks) {
    const code = cells.filter((c) => c.cell_type === "code");
    if (!tags(code[0] ?? ({} as Cell)).includes("parameters")) {
      problems.push(`${file}: the first code cell is not tagged "parameters"`);
    }
    code.forEach((c) => {
      const lines = text(c).split("\n");
      const first = lines[0].slice(0, 50);
      if (lines.length > 15)
        problems.push(`${file}: a cell has ${lines.length} lines ("${first}…")`);
      for (const l of lines) {
        if (l.length > 100)
          problems.push(`${file}: a line has ${l.length} characters: ${l.slice(0, 60)}…`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

test("no stale cell: later cells use earlier cells' functions and constants, not their results", () => {
  const problems: string[] = [];
  for (const { file, cells } of notebooks) {
    const known = new Map<string, { kind: Kind; cell: number }>();
    cells.forEach((c, i) => {
      if (c.cell_type !== "code") return;
      const { declared, free } = analyse(text(c));
      for (const name of isCheckCell(text(c)) ? [] : free) {
        const d = known.get(name);
        if (d && d.kind === "value") {
          problems.push(
            `${file}, cell ${i + 1} uses "${name}" computed in cell ${d.cell + 1}: recompute it in the cell or make it a function`,
          );
        }
      }
      const isParameters = tags(c).includes("parameters");
      declared.forEach((kind, name) =>
        known.set(name, { kind: isParameters ? "parameter" : kind, cell: i }),
      );
    });
  }
  assert.deepEqual(problems, []);
});

test("every exercise is followed by a collapsed solution cell", () => {
  const problems: string[] = [];
  let solutions = 0;
  for (const { file, cells } of notebooks) {
    cells.forEach((c, i) => {
      if (tags(c).includes("solution")) {
        solutions += 1;
        const j = c.metadata?.jupyter;
        if (!j?.source_hidden || !j?.outputs_hidden) {
          problems.push(
            `${file}, cell ${i + 1}: a solution cell must be collapsed (jupyter.source_hidden, outputs_hidden)`,
          );
        }
      }
      if (c.cell_type !== "markdown" || !/^###\s+Exercise\b/m.test(text(c))) return;
      const next = cells.slice(i + 1).find((d) => d.cell_type === "code");
      if (!next || !tags(next).includes("solution")) {
        problems.push(`${file}, cell ${i + 1}: an exercise without a solution cell after it`);
      }
    });
  }
  assert.deepEqual(problems, []);
  assert.ok(solutions >= 35, `${solutions} solution cells (at least 35)`);
});

test("the reconstructed-data banner comes before the first table", () => {
  const problems: string[] = [];
  for (const { file, cells } of notebooks) {
    const outputs = cells
      .flatMap((c) => c.outputs ?? [])
      .map((o) => String(o.data?.["text/html"] ?? ""));
    const firstTable = outputs.findIndex((h) => /<table/.test(h));
    const banner = outputs.findIndex((h) => /cp-banner-reconstructed/.test(h));
    if (firstTable >= 0 && (banner < 0 || banner > firstTable)) {
      problems.push(`${file}: the first table comes before the reconstructed-data banner`);
    }
  }
  assert.deepEqual(problems, []);
});

test("danfo is the data container in at least four notebooks", () => {
  const using = notebooks.filter(({ cells }) =>
    cells.some(
      (c) =>
        c.cell_type === "code" && /\bloadPaperData\(|\.groupby\(|\.query\(|\bpivot\(/.test(text(c)),
    ),
  );
  assert.ok(using.length >= 4, `danfo used in ${using.map((n) => n.file).join(", ")}`);
});
