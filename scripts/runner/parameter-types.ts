/**
 * What a notebook's parameters cell declares, read without a TypeScript compiler: the name, the
 * declared type (or the type TypeScript infers from the default) and the default value, so that
 * `-p NAME=VALUE` can be checked before any kernel starts.
 *
 * The cell is papermill-style: one `let NAME[: TYPE] = LITERAL;` per parameter, where LITERAL is
 * a string, number, boolean, null, array or object literal (keys quoted or not, trailing commas
 * and comments allowed). Types understood: `string`, `number`, `boolean`, literal types
 * (`"entropy" | "equal"`), unions, `T[]`, `Array<T>`, `Record<string, T>`, `any`/`unknown`.
 * A declaration this reader cannot parse gets the type `unknown` (any value; tslab still
 * type-checks the injected cell).
 */

/** A parameter's type, as far as values given on the command line (JSON) can have one. */
export type ParamType =
  | { kind: "string" | "number" | "boolean" | "null" | "unknown" }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "array"; element: ParamType }
  | { kind: "record"; value: ParamType }
  | { kind: "object"; fields: Record<string, ParamType> }
  | { kind: "union"; options: ParamType[] };

export interface ParameterDeclaration {
  name: string;
  keyword: "let" | "var" | "const";
  /** The declared type, else the type TypeScript infers from the default. */
  type: ParamType;
  /** True when the type was written in the cell (`let x: T = ...`). */
  annotated: boolean;
  /** The default value, when it is a literal this reader understands. */
  value?: unknown;
  hasValue: boolean;
}

type Token = { t: "id" | "str" | "num" | "punct"; v: string };

/** Splits TypeScript source into identifiers, strings, numbers and punctuation (no comments). */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (src.startsWith("//", i)) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) {
          const e = src[j + 1];
          text += { n: "\n", t: "\t", r: "\r", "0": "\0" }[e] ?? e;
          j += 2;
        } else {
          if (c === "`" && src.startsWith("${", j)) text += "\u0000"; // a template: not a literal
          text += src[j++];
        }
      }
      out.push({ t: c === "`" && text.includes("\u0000") ? "punct" : "str", v: text });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?)/.exec(src.slice(i));
      const text = m ? m[0] : c;
      out.push({ t: "num", v: text.replace(/_/g, "") });
      i += text.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else {
      out.push({ t: "punct", v: c });
      i++;
    }
  }
  return out;
}

class Reader {
  pos = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  is(v: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok !== undefined && tok.t !== "str" && tok.v === v;
  }
  next(): Token {
    const tok = this.tokens[this.pos++];
    if (!tok) throw new SyntaxError("unexpected end");
    return tok;
  }
  expect(v: string): void {
    if (!this.is(v)) throw new SyntaxError(`expected ${v}`);
    this.pos++;
  }
}

const UNKNOWN: ParamType = { kind: "unknown" };

function parseType(r: Reader): ParamType {
  if (r.is("|")) r.next(); // a leading |
  const options = [parsePostfixType(r)];
  while (r.is("|")) {
    r.next();
    options.push(parsePostfixType(r));
  }
  return options.length === 1 ? options[0] : { kind: "union", options };
}

function parsePostfixType(r: Reader): ParamType {
  let t = parsePrimaryType(r);
  while (r.is("[") && r.is("]", 1)) {
    r.next();
    r.next();
    t = { kind: "array", element: t };
  }
  return t;
}

function parsePrimaryType(r: Reader): ParamType {
  const tok = r.next();
  if (tok.t === "str") return { kind: "literal", value: tok.v };
  if (tok.t === "num") return { kind: "literal", value: Number(tok.v) };
  if (tok.v === "-" && r.peek()?.t === "num")
    return { kind: "literal", value: -Number(r.next().v) };
  if (tok.v === "(") {
    const t = parseType(r);
    r.expect(")");
    return t;
  }
  if (tok.t !== "id") throw new SyntaxError(`unexpected ${tok.v} in a type`);
  switch (tok.v) {
    case "string":
    case "number":
    case "boolean":
    case "null":
      return { kind: tok.v };
    case "true":
    case "false":
      return { kind: "literal", value: tok.v === "true" };
    case "any":
    case "unknown":
      return UNKNOWN;
    case "Array":
    case "ReadonlyArray": {
      r.expect("<");
      const element = parseType(r);
      r.expect(">");
      return { kind: "array", element };
    }
    case "Record": {
      r.expect("<");
      const key = parseType(r);
      if (key.kind !== "string") throw new SyntaxError("Record keys other than string");
      r.expect(",");
      const value = parseType(r);
      r.expect(">");
      return { kind: "record", value };
    }
    case "readonly":
      return parsePostfixType(r);
    default:
      throw new SyntaxError(`type ${tok.v} is not understood`);
  }
}

/** A literal value: JSON plus unquoted keys, single quotes, trailing commas, `-x`. */
function parseLiteral(r: Reader): unknown {
  const tok = r.next();
  if (tok.t === "str") return tok.v;
  if (tok.t === "num") return Number(tok.v);
  if (tok.v === "-" && r.peek()?.t === "num") return -Number(r.next().v);
  if (tok.t === "id") {
    if (tok.v === "true" || tok.v === "false") return tok.v === "true";
    if (tok.v === "null") return null;
    throw new SyntaxError(`${tok.v} is not a literal`);
  }
  if (tok.v === "[") {
    const items: unknown[] = [];
    while (!r.is("]")) {
      items.push(parseLiteral(r));
      if (!r.is("]")) r.expect(",");
    }
    r.next();
    return items;
  }
  if (tok.v === "{") {
    const obj = Object.create(null) as Record<string, unknown>;
    while (!r.is("}")) {
      const key = r.next();
      if (key.t !== "id" && key.t !== "str" && key.t !== "num") throw new SyntaxError("key");
      r.expect(":");
      obj[key.v] = parseLiteral(r);
      if (!r.is("}")) r.expect(",");
    }
    r.next();
    return obj;
  }
  throw new SyntaxError(`unexpected ${tok.v}`);
}

/** The type TypeScript gives `let x = value` (literals widened: "a" → string, [] → unknown[]). */
export function inferType(value: unknown): ParamType {
  if (typeof value === "string") return { kind: "string" };
  if (typeof value === "number") return { kind: "number" };
  if (typeof value === "boolean") return { kind: "boolean" };
  if (Array.isArray(value)) {
    const kinds = uniqueTypes(value.map(inferType));
    const element: ParamType =
      kinds.length === 0
        ? UNKNOWN
        : kinds.length === 1
          ? kinds[0]
          : { kind: "union", options: kinds };
    return { kind: "array", element };
  }
  if (value !== null && typeof value === "object") {
    const fields = Object.create(null) as Record<string, ParamType>;
    for (const [k, v] of Object.entries(value)) fields[k] = inferType(v);
    return { kind: "object", fields };
  }
  return UNKNOWN;
}

function uniqueTypes(types: ParamType[]): ParamType[] {
  const seen = new Map<string, ParamType>();
  for (const t of types) seen.set(describeType(t), t);
  return [...seen.values()];
}

/** The type written as TypeScript, for messages. */
export function describeType(t: ParamType): string {
  switch (t.kind) {
    case "literal":
      return JSON.stringify(t.value);
    case "array": {
      const inner = describeType(t.element);
      return t.element.kind === "union" ? `(${inner})[]` : `${inner}[]`;
    }
    case "record":
      return `Record<string, ${describeType(t.value)}>`;
    case "object":
      return `{ ${Object.entries(t.fields)
        .map(([k, v]) => `${k}: ${describeType(v)}`)
        .join("; ")} }`;
    case "union":
      return t.options.map(describeType).join(" | ");
    default:
      return t.kind;
  }
}

/** Object keys that would change an object's prototype or shadow its methods when assigned. */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Why `value` (parsed from JSON) is not of type `t`, or undefined when it is. `at` names the
 * place inside the value for nested problems (e.g. `[2]`, `.Northeast[0]`).
 */
export function typeProblem(value: unknown, t: ParamType, at = ""): string | undefined {
  const where = at ? ` at ${at}` : "";
  const got = describeValue(value);
  switch (t.kind) {
    case "unknown":
      return plainProblem(value, at);
    case "string":
    case "number":
    case "boolean":
      if (typeof value !== t.kind) return `expected a ${t.kind}${where}, got ${got}`;
      if (typeof value === "number" && !Number.isFinite(value)) {
        return `expected a finite number${where}, got ${got}`;
      }
      return undefined;
    case "null":
      return value === null ? undefined : `expected null${where}, got ${got}`;
    case "literal":
      return value === t.value
        ? undefined
        : `expected ${JSON.stringify(t.value)}${where}, got ${got}`;
    case "union": {
      const literals = t.options.every((o) => o.kind === "literal");
      for (const o of t.options) if (typeProblem(value, o, at) === undefined) return undefined;
      return literals
        ? `expected one of ${t.options.map(describeType).join(", ")}${where}, got ${got}`
        : `expected ${describeType(t)}${where}, got ${got}`;
    }
    case "array": {
      if (!Array.isArray(value))
        return `expected an array (${describeType(t)})${where}, got ${got}`;
      for (let i = 0; i < value.length; i++) {
        const p = typeProblem(value[i], t.element, `${at}[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    case "record":
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return `expected an object (${describeType(t)})${where}, got ${got}`;
      }
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) return `the key "${key}"${where} is not allowed`;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      if (t.kind === "record") {
        for (const [k, v] of entries) {
          const p = typeProblem(v, t.value, `${at}.${k}`);
          if (p) return p;
        }
        return undefined;
      }
      for (const [k, ft] of Object.entries(t.fields)) {
        if (!Object.hasOwn(value, k)) return `missing key "${k}"${where}`;
        const p = typeProblem((value as Record<string, unknown>)[k], ft, `${at}.${k}`);
        if (p) return p;
      }
      for (const [k] of entries) {
        if (!Object.hasOwn(t.fields, k)) return `unexpected key "${k}"${where}`;
      }
      return undefined;
    }
  }
}

/** Any JSON value is fine for an unknown type, but not ±Infinity/NaN nor prototype keys. */
function plainProblem(value: unknown, at: string): string | undefined {
  if (typeof value === "number" && !Number.isFinite(value)) {
    return `expected a finite number${at ? ` at ${at}` : ""}, got ${describeValue(value)}`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = plainProblem(value[i], `${at}[${i}]`);
      if (p) return p;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) return `the key "${k}"${at ? ` at ${at}` : ""} is not allowed`;
      const p = plainProblem(v, `${at}.${k}`);
      if (p) return p;
    }
  }
  return undefined;
}

/** A value for a message: JSON, cut to 60 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text =
    typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}

/** The declarations of a parameters cell's source (see the module comment). */
export function parseParameterCell(source: string): ParameterDeclaration[] {
  const r = new Reader(tokenize(source));
  const found: ParameterDeclaration[] = [];
  while (r.peek()) {
    const tok = r.next();
    if (tok.t !== "id" || !["let", "var", "const"].includes(tok.v)) continue;
    const keyword = tok.v as ParameterDeclaration["keyword"];
    // One statement may declare several names: let a = 1, b = 2;
    for (;;) {
      const name = r.peek();
      if (!name || name.t !== "id") break;
      r.next();
      const decl: ParameterDeclaration = {
        name: name.v,
        keyword,
        type: UNKNOWN,
        annotated: false,
        hasValue: false,
      };
      found.push(decl);
      try {
        if (r.is(":")) {
          r.next();
          decl.type = parseType(r);
          decl.annotated = true;
        }
        if (r.is("=")) {
          r.next();
          decl.value = parseLiteral(r);
          decl.hasValue = true;
          if (!decl.annotated) decl.type = inferType(decl.value);
        }
      } catch {
        // Not understood: any value, and skip to the end of the statement.
        decl.type = UNKNOWN;
        delete decl.value;
        decl.hasValue = false;
        let depth = 0;
        while (r.peek()) {
          const t = r.peek() as Token;
          if (t.t === "punct" && "([{".includes(t.v)) depth++;
          if (t.t === "punct" && ")]}".includes(t.v)) depth--;
          if (depth <= 0 && t.t === "punct" && (t.v === ";" || t.v === ",")) break;
          if (depth <= 0 && t.t === "id" && ["let", "var", "const"].includes(t.v)) break;
          r.next();
        }
      }
      if (r.is(",")) {
        r.next();
        continue;
      }
      break;
    }
  }
  return found;
}
