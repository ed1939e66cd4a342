/**
 * Model formulas in the style of R, patsy (statsmodels' formula API) and fixest:
 *
 *   "CO ~ NQP + TRADE + UIS + GOV + RCY"    response ~ regressors; a constant ("Intercept") is added
 *   "CO ~ NQP + TRADE - 1"                  no constant (also "+ 0")
 *   "CO ~ NQP:TRADE"                        interaction: the product NQP·TRADE
 *   "CO ~ NQP * TRADE"                      NQP + TRADE + NQP:TRADE
 *   "CO ~ NQP + C(city)"                    categorical dummies (treatment coding, first level is
 *                                           the reference): C(city)[T.Ningbo], …
 *   "CO ~ NQP * C(region)"                  NQP, C(region)[T.Southwest], NQP:C(region)[T.Southwest]
 *   "log(CO) ~ log(GDP)"                    log, exp and sqrt of a column
 *   "CO ~ NQP + TRADE | city + year"        fixest: city and year fixed effects absorbed
 *
 * Coding follows patsy's full-rank rule: a categorical factor of a term gets reduced (treatment)
 * coding when the term without that factor is also in the model (the intercept counts as the
 * empty term), and full coding (a dummy per level) otherwise — so "y ~ C(g) - 1" gives one dummy
 * per group and "y ~ x:C(g)" one slope per group. Levels are sorted (numbers numerically, text
 * alphabetically) and the first is the reference, as in patsy and R. Column names follow patsy:
 * "x", "x:z", "C(g)[T.b]", "x:C(g)[T.b]", "log(x)".
 *
 * A text column must be wrapped in C() to be used as a regressor (a clear error says so); every
 * value a formula uses must be present and finite — no row is dropped silently.
 *
 * The file reads top to bottom: types → `parseFormula` (tokens, then recursive descent) →
 * `designMatrices` (the model frame: y, X and the absorbed factors) → error helpers.
 */
import { DataError } from "../data/errors";
import { frameRowWhere, toColumns, type DataLike } from "../data/frame";

// ─── Types ──────────────────────────────────────────────────────────────────────────────────

/** One factor of a term: a column used as a number, a transformed column, or C(column). */
export interface FormulaFactor {
  /** "numeric": the column's values; "categorical": dummies from C(column). */
  kind: "numeric" | "categorical";
  /** The data column the factor reads. */
  column: string;
  /** A transformation of a numeric column (none by default). */
  transform?: "log" | "exp" | "sqrt";
  /** How the factor is written in names: "NQP", "log(GDP)", "C(city)". */
  label: string;
}

/** A term: the product of its factors ("NQP:TRADE" has two); the intercept has none. */
export interface FormulaTerm {
  factors: FormulaFactor[];
  /** The term as written in names, e.g. "NQP:C(region)". */
  label: string;
}

/** A parsed formula. */
export interface ParsedFormula {
  /** The formula as given (trimmed). */
  text: string;
  /** The dependent variable. */
  response: FormulaFactor;
  /** Whether the model has a constant ("Intercept"). Always false with fixed effects. */
  intercept: boolean;
  /** The regressor terms: main effects first, then two-way interactions, … (R's order). */
  terms: FormulaTerm[];
  /** Columns whose fixed effects are absorbed (after "|"), fixest style. */
  absorb: string[];
}

/** The model frame: what an estimator needs, built from a formula and data. */
export interface DesignMatrices {
  formula: ParsedFormula;
  /** Name of the dependent variable as written ("CO", "log(GDP)"). */
  yName: string;
  y: number[];
  /** Regressor names without the intercept, e.g. ["NQP", "C(city)[T.Ningbo]"]. */
  xNames: string[];
  /** Rows of the regressors (without the constant column). */
  X: number[][];
  intercept: boolean;
  /** Labels of each absorbed factor, one array per name in `formula.absorb`. */
  absorb: (string | number)[][];
  /** For each column of X, the term it belongs to (index into formula.terms). */
  termOfColumn: number[];
  nobs: number;
}

// ─── Parsing ────────────────────────────────────────────────────────────────────────────────

const FUNCTIONS = new Set(["C", "log", "exp", "sqrt"]);

interface Token {
  kind: "name" | "number" | "op" | "end";
  text: string;
  pos: number;
}

function formulaError(text: string, pos: number, problem: string, hint?: string): DataError {
  return new DataError(`${problem} at position ${pos + 1} of the formula`, {
    excerpt: `    ${text}\n    ${" ".repeat(pos)}^`,
    hint: hint ?? 'write it like "y ~ x1 + x2", "y ~ x * C(group)" or "y ~ x | group"',
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[A-Za-z_.]/.test(ch)) {
      const m = /^[A-Za-z_.][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: "name", text: m[0], pos: i });
      i += m[0].length;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+/.exec(text.slice(i))!;
      tokens.push({ kind: "number", text: m[0], pos: i });
      i += m[0].length;
    } else if ("~+-*:|()".includes(ch)) {
      tokens.push({ kind: "op", text: ch, pos: i });
      i += 1;
    } else if (ch === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw formulaError(text, i, "unclosed backtick");
      tokens.push({ kind: "name", text: text.slice(i + 1, close), pos: i });
      i = close + 1;
    } else {
      throw formulaError(
        text,
        i,
        `unexpected character "${ch}"`,
        "formulas use names, + - * : ~ | ( ) and C(), log(), exp(), sqrt(); quote other names in backticks",
      );
    }
  }
  tokens.push({ kind: "end", text: "", pos: text.length });
  return tokens;
}

/** A term as a set of factor labels with its factors (for deduplication and removal). */
type TermSet = FormulaTerm[];

function termKey(t: FormulaTerm): string {
  return t.factors
    .map((f) => f.label)
    .sort()
    .join(":");
}

function makeTerm(factors: FormulaFactor[]): FormulaTerm {
  const seen = new Map<string, FormulaFactor>();
  for (const f of factors) if (!seen.has(f.label)) seen.set(f.label, f);
  const list = [...seen.values()];
  return { factors: list, label: list.map((f) => f.label).join(":") };
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.i];
  }
  next(): Token {
    return this.tokens[this.i++];
  }
  expectOp(op: string, what: string): void {
    const t = this.next();
    if (t.kind !== "op" || t.text !== op) {
      throw formulaError(this.text, t.pos, `expected ${what}, found ${describe(t)}`);
    }
  }

  /** A factor: name, number 0/1 (intercept switches), f(name), or a parenthesised sum. */
  atom(): TermSet | "zero" | "one" {
    const t = this.next();
    if (t.kind === "number") {
      if (t.text === "0") return "zero";
      if (t.text === "1") return "one";
      throw formulaError(
        this.text,
        t.pos,
        `the number ${t.text} cannot be a regressor`,
        "use 1 or 0 to add or remove the constant",
      );
    }
    if (t.kind === "op" && t.text === "(") {
      const inner = this.sum();
      this.expectOp(")", 'a closing ")"');
      return inner.terms;
    }
    if (t.kind !== "name") {
      throw formulaError(this.text, t.pos, `expected a variable name, found ${describe(t)}`);
    }
    const after = this.peek();
    if (after.kind === "op" && after.text === "(") {
      if (!FUNCTIONS.has(t.text)) {
        throw formulaError(
          this.text,
          t.pos,
          `unknown function ${t.text}()`,
          "formulas support C(column) for categorical dummies and log(), exp(), sqrt() of a column",
        );
      }
      this.next();
      const arg = this.next();
      if (arg.kind !== "name") {
        throw formulaError(
          this.text,
          arg.pos,
          `expected a column name inside ${t.text}(), found ${describe(arg)}`,
        );
      }
      this.expectOp(")", `a closing ")" after ${t.text}(${arg.text}`);
      const factor: FormulaFactor =
        t.text === "C"
          ? { kind: "categorical", column: arg.text, label: `C(${arg.text})` }
          : {
              kind: "numeric",
              column: arg.text,
              transform: t.text as "log" | "exp" | "sqrt",
              label: `${t.text}(${arg.text})`,
            };
      return [makeTerm([factor])];
    }
    return [makeTerm([{ kind: "numeric", column: t.text, label: t.text }])];
  }

  /** a:b:c — the product of every combination of the operands' terms. */
  interaction(): TermSet | "zero" | "one" {
    let left = this.atom();
    while (this.peek().kind === "op" && this.peek().text === ":") {
      const op = this.next();
      const right = this.atom();
      if (typeof left === "string" || typeof right === "string") {
        throw formulaError(this.text, op.pos, "0 and 1 cannot be interacted");
      }
      const l = left;
      left = l.flatMap((a) => right.map((b) => makeTerm([...a.factors, ...b.factors])));
    }
    return left;
  }

  /** a*b — a + b + a:b. */
  product(): TermSet | "zero" | "one" {
    let left = this.interaction();
    while (this.peek().kind === "op" && this.peek().text === "*") {
      const op = this.next();
      const right = this.interaction();
      if (typeof left === "string" || typeof right === "string") {
        throw formulaError(this.text, op.pos, "0 and 1 cannot be multiplied");
      }
      const l = left;
      left = [
        ...l,
        ...right,
        ...l.flatMap((a) => right.map((b) => makeTerm([...a.factors, ...b.factors]))),
      ];
    }
    return left;
  }

  /** Terms joined by + and −, with 0/1 switching the constant. */
  sum(): { terms: FormulaTerm[]; intercept: boolean | null } {
    const terms: FormulaTerm[] = [];
    let intercept: boolean | null = null;
    let sign = 1;
    const first = this.peek();
    if (first.kind === "op" && (first.text === "-" || first.text === "+")) {
      this.next();
      sign = first.text === "-" ? -1 : 1;
    }
    for (;;) {
      const part = this.product();
      if (part === "zero" || part === "one") {
        intercept = (part === "one") === sign > 0;
      } else if (sign > 0) {
        for (const t of part) if (!terms.some((u) => termKey(u) === termKey(t))) terms.push(t);
      } else {
        for (const t of part) {
          const k = terms.findIndex((u) => termKey(u) === termKey(t));
          if (k >= 0) terms.splice(k, 1);
        }
      }
      const t = this.peek();
      if (t.kind === "op" && (t.text === "+" || t.text === "-")) {
        this.next();
        sign = t.text === "-" ? -1 : 1;
        continue;
      }
      return { terms, intercept };
    }
  }
}

function describe(t: Token): string {
  if (t.kind === "end") return "the end of the formula";
  return `"${t.text}"`;
}

/**
 * Parses a model formula (see the file header for the grammar).
 *
 * Formula: response ~ term + term … [- 1] [| fe1 + fe2]; a*b = a + b + a:b; terms are ordered
 * as R orders them: main effects, then two-way interactions, … (appearance order within each).
 * Throws: DataError showing the formula with a caret under the position of the problem for a
 * missing "~", an empty side, an unknown function, a stray operator or an unclosed parenthesis.
 * @example
 * parseFormula("y ~ x * C(g) + z - 1").terms.map((t) => t.label);
 * // ["x", "C(g)", "z", "x:C(g)"]; .intercept → false
 */
export function parseFormula(formula: string): ParsedFormula {
  if (typeof formula !== "string") {
    throw new DataError("a formula must be a string", { hint: 'write e.g. "y ~ x1 + x2"' });
  }
  const text = formula.trim();
  const tokens = tokenize(text);
  const tilde = tokens.findIndex((t) => t.kind === "op" && t.text === "~");
  if (tilde < 0) {
    throw formulaError(
      text,
      text.length,
      'a formula needs "~" between the response and the regressors',
    );
  }
  const parser = new Parser(text, tokens);
  const lhs = parser.atom();
  if (typeof lhs === "string" || lhs.length !== 1 || lhs[0].factors.length !== 1) {
    throw formulaError(text, tokens[0].pos, "the left of ~ must be one variable");
  }
  const response = lhs[0].factors[0];
  if (response.kind === "categorical") {
    throw formulaError(
      text,
      tokens[0].pos,
      "the response cannot be categorical",
      "use a numeric column on the left of ~",
    );
  }
  parser.expectOp("~", '"~" after the response');
  if (parser.peek().kind === "end" || (parser.peek().kind === "op" && parser.peek().text === "|")) {
    throw formulaError(
      text,
      parser.peek().pos,
      "no regressor after ~",
      'write "y ~ 1" for a constant-only model',
    );
  }
  const rhs = parser.sum();
  const absorb: string[] = [];
  if (parser.peek().kind === "op" && parser.peek().text === "|") {
    parser.next();
    for (;;) {
      const t = parser.next();
      if (t.kind !== "name") {
        throw formulaError(
          text,
          t.pos,
          `expected a fixed-effect column after "|", found ${describe(t)}`,
        );
      }
      if (!absorb.includes(t.text)) absorb.push(t.text);
      const sep = parser.peek();
      if (sep.kind === "op" && sep.text === "+") {
        parser.next();
        continue;
      }
      break;
    }
  }
  const end = parser.peek();
  if (end.kind !== "end") {
    throw formulaError(text, end.pos, `unexpected ${describe(end)}`);
  }
  if (absorb.length > 2) {
    throw formulaError(
      text,
      text.indexOf("|"),
      "at most two fixed effects can be absorbed",
      'e.g. "| unit + period"',
    );
  }
  if (absorb.length > 0 && rhs.intercept === true) {
    throw formulaError(
      text,
      text.indexOf("|"),
      "a model with fixed effects has no separate constant",
      'drop the "+ 1"',
    );
  }
  const intercept = absorb.length > 0 ? false : (rhs.intercept ?? true);
  // R's rule (terms(keep.order = FALSE)): terms sorted by degree, in order of appearance within it.
  const terms = rhs.terms
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.factors.length - b.t.factors.length || a.i - b.i)
    .map(({ t }) => t);
  if (rhs.terms.length === 0 && !intercept) {
    throw formulaError(text, text.length, "the model has no regressor and no constant");
  }
  return { text, response, intercept, terms, absorb };
}

// ─── The model frame ────────────────────────────────────────────────────────────────────────

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/**
 * Columns whose names are close to `name` (case-insensitive match, prefix, or at most two edits).
 *
 * Formula: Levenshtein distance ≤ 2 on lower-cased names, or one name a prefix of the other.
 * Throws: never.
 * @example
 * closeMatches("nqp", ["CO", "NQP", "TRADE"]); // ["NQP"]
 */
export function closeMatches(name: string, columns: readonly string[]): string[] {
  const lower = name.toLowerCase();
  return columns
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(
      ({ c, d }) =>
        d <= Math.min(2, Math.max(1, Math.floor(name.length / 2))) ||
        (lower.length >= 3 && c.toLowerCase().startsWith(lower)),
    )
    .sort((a, b) => a.d - b.d)
    .map(({ c }) => c);
}

function unknownColumn(name: string, columns: string[], formula: string): DataError {
  const close = closeMatches(name, columns);
  const hint = close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(" or ")}? ` : "";
  return new DataError(`no column "${name}" in the data (formula "${formula}")`, {
    variable: name,
    hint: `${hint}available columns: ${columns.join(", ")}`,
  });
}

function sortLevels(values: (string | number)[]): (string | number)[] {
  const distinct = [...new Set(values)];
  return distinct.every((v) => typeof v === "number")
    ? (distinct as number[]).sort((a, b) => a - b)
    : distinct.map(String).sort();
}

function numericValues(
  cols: Record<string, (number | string)[]>,
  f: FormulaFactor,
  formula: string,
): number[] {
  const raw = cols[f.column];
  return raw.map((v, i) => {
    if (typeof v === "string") {
      throw new DataError(`column "${f.column}" holds text ("${v}" in row ${i + 1}), not numbers`, {
        ...frameRowWhere(cols, f.column, i),
        hint: `write C(${f.column}) in the formula "${formula}" to use it as categorical dummies`,
      });
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DataError(`row ${i + 1} has ${String(v)}, not a number`, {
        ...frameRowWhere(cols, f.column, i),
        hint: "fill or drop missing values before estimating (e.g. df.dropNa())",
      });
    }
    if (!f.transform) return v;
    const out =
      f.transform === "log" ? Math.log(v) : f.transform === "exp" ? Math.exp(v) : Math.sqrt(v);
    if (!Number.isFinite(out)) {
      throw new DataError(`${f.label} is not defined for the value ${v} in row ${i + 1}`, {
        ...frameRowWhere(cols, f.column, i),
        hint: f.transform === "exp" ? "the value is too large" : "the column must be positive here",
      });
    }
    return out;
  });
}

function labelValues(
  cols: Record<string, (number | string)[]>,
  column: string,
): (string | number)[] {
  return cols[column].map((v, i) => {
    if (
      (typeof v !== "string" && typeof v !== "number") ||
      v === "" ||
      (typeof v === "number" && !Number.isFinite(v))
    ) {
      throw new DataError(`row ${i + 1} has no label`, {
        ...frameRowWhere(cols, column, i),
        hint: "every row needs a value in a categorical or fixed-effect column",
      });
    }
    return v;
  });
}

/** The columns one factor contributes to a term: names and values. */
interface FactorColumns {
  names: string[];
  values: number[][]; // one array per column
}

function factorColumns(
  f: FormulaFactor,
  full: boolean,
  cols: Record<string, (number | string)[]>,
  formula: string,
): FactorColumns {
  if (f.kind === "numeric") return { names: [f.label], values: [numericValues(cols, f, formula)] };
  const labels = labelValues(cols, f.column);
  const levels = sortLevels(labels);
  const used = full ? levels : levels.slice(1);
  return {
    names: used.map((l) => `${f.label}[${full ? "" : "T."}${String(l)}]`),
    values: used.map((l) => labels.map((v) => (String(v) === String(l) ? 1 : 0))),
  };
}

/**
 * Builds the model frame of a formula on data: the response y, the regressor matrix X (without
 * the constant), their names, and the labels of the absorbed fixed effects.
 *
 * Formula: each term's columns are the products of its factors' columns (numbers, transformed
 * numbers, or 0/1 dummies with patsy's full-rank coding — see the file header).
 * Throws: DataError for an unknown column (naming it, with close matches and the list of
 * columns), a text column used as a number (suggesting C(…)), a missing or non-finite value
 * (naming variable, row, city and year), log/sqrt of a non-positive value, and as `parseFormula`.
 * @example
 * const d = designMatrices("CO ~ NQP + C(region)", df);
 * d.xNames; // ["NQP", "C(region)[T.Southwest]"]; d.X.length → 110
 */
export function designMatrices(formula: string | ParsedFormula, data: DataLike): DesignMatrices {
  const parsed = typeof formula === "string" ? parseFormula(formula) : formula;
  const cols = toColumns(data);
  const names = Object.keys(cols);
  const needed = [
    parsed.response.column,
    ...parsed.terms.flatMap((t) => t.factors.map((f) => f.column)),
    ...parsed.absorb,
  ];
  for (const c of needed) if (!(c in cols)) throw unknownColumn(c, names, parsed.text);
  const n = cols[parsed.response.column].length;

  const y = numericValues(cols, parsed.response, parsed.text);
  const present = new Set(parsed.terms.map(termKey));
  if (parsed.intercept || parsed.absorb.length > 0) present.add("");
  const xNames: string[] = [];
  const columns: number[][] = [];
  const termOfColumn: number[] = [];
  parsed.terms.forEach((term, ti) => {
    // patsy's rule: reduced coding for a categorical factor when the term without it is present.
    let parts: FactorColumns = { names: [""], values: [new Array<number>(n).fill(1)] };
    for (const f of term.factors) {
      const rest = makeTerm(term.factors.filter((g) => g !== f));
      const full = f.kind === "categorical" && !present.has(termKey(rest));
      const fc = factorColumns(f, full, cols, parsed.text);
      const combined: FactorColumns = { names: [], values: [] };
      parts.names.forEach((pn, a) =>
        fc.names.forEach((fn, b) => {
          combined.names.push(pn === "" ? fn : `${pn}:${fn}`);
          combined.values.push(parts.values[a].map((v, i) => v * fc.values[b][i]));
        }),
      );
      parts = combined;
    }
    parts.names.forEach((nm, k) => {
      xNames.push(nm);
      columns.push(parts.values[k]);
      termOfColumn.push(ti);
    });
  });
  const X = Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
  const absorb = parsed.absorb.map((a) => labelValues(cols, a));
  return {
    formula: parsed,
    yName: parsed.response.label,
    y,
    xNames,
    X,
    intercept: parsed.intercept,
    absorb,
    termOfColumn,
    nobs: n,
  };
}
