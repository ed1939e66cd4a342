// Markdown for the reader's edition: markdown-it with server-side KaTeX math and highlight.js.
//
// Math is protected from markdown-it by two rules of its own, so that `_`, `*` and `\\` inside
// $…$ never turn into emphasis or escapes:
//   inline  $…$   (pandoc's rule: no space after the opening or before the closing dollar, and
//                  no digit right after the closing one, so "$5 and $10" stays text; the math
//                  ends at the first unescaped dollar and holds no backtick) and $$…$$;
//   block   $$ … $$ on lines of their own, and \begin{equation|align|gather|alignat}…\end{…}.
import MarkdownIt from "markdown-it";
import katex from "katex";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import bash from "highlight.js/lib/languages/bash";
import latex from "highlight.js/lib/languages/latex";
import { escapeHtml } from "cplib";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("bash", bash);
hljs.registerLanguage("latex", latex);
hljs.registerAliases(["ts"], { languageName: "typescript" });
hljs.registerAliases(["js"], { languageName: "javascript" });
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
hljs.registerAliases(["tex"], { languageName: "latex" });

/** Collects problems found while rendering (bad LaTeX, unknown output types), with where they are. */
export interface RenderEnv {
  where: string;
  problems: string[];
}

/** A heading met while rendering: its anchor id, plain text and level (1 for #). */
export interface Heading {
  id: string;
  text: string;
  level: number;
}

/** Per-page markdown state: heading ids already used on the page, and the headings seen. */
export interface MarkdownEnv extends RenderEnv {
  ids?: Set<string>;
  headings?: Heading[];
}

/** Highlights code as HTML (class names of highlight.js); unknown languages come back escaped. */
export function highlightCode(code: string, language = "typescript"): string {
  if (language && hljs.getLanguage(language)) {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  }
  return escapeHtml(code);
}

/** Typesets TeX with KaTeX; a parse error is recorded in env and shown as marked-up source. */
export function renderMath(tex: string, displayMode: boolean, env?: RenderEnv): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      strict: "ignore",
      output: "htmlAndMathml",
      trust: false,
    });
  } catch (err) {
    const message = (err as Error).message;
    env?.problems.push(`${env.where}: LaTeX error in ${JSON.stringify(tex)}: ${message}`);
    const tag = displayMode ? "pre" : "code";
    return `<${tag} class="cp-math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</${tag}>`;
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function precededByOddBackslashes(src: string, index: number, floor: number): boolean {
  let count = 0;
  for (let k = index - 1; k >= floor && src.charCodeAt(k) === 0x5c; k--) count++;
  return count % 2 === 1;
}

function mathInlineRule(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  if (precededByOddBackslashes(src, start, 0)) return false;
  const display = src.charCodeAt(start + 1) === 0x24;
  const delim = display ? "$$" : "$";
  const contentStart = start + delim.length;
  if (!display && (contentStart >= state.posMax || isSpace(src.charCodeAt(contentStart)))) {
    return false;
  }
  let search = contentStart;
  let end = -1;
  while (search < state.posMax) {
    const found = src.indexOf(delim, search);
    if (found < 0 || found >= state.posMax) break;
    if (precededByOddBackslashes(src, found, contentStart)) {
      search = found + 1;
      continue;
    }
    if (!display) {
      // The first unescaped $ decides: it closes the math or the opener was a plain dollar.
      // A backtick before it means a code span starts inside: not math either.
      if (found === contentStart || src.slice(contentStart, found).includes("`")) return false;
      const before = src.charCodeAt(found - 1);
      const after = src.charCodeAt(found + 1);
      if (isSpace(before) || isDigit(after) || after === 0x24) return false;
    }
    end = found;
    break;
  }
  if (end < 0 || end === contentStart) return false;
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(contentStart, end);
    token.markup = delim;
  }
  state.pos = end + delim.length;
  return true;
}

const ENVIRONMENT = /^\\begin\{((?:equation|align|gather|alignat)\*?)\}/;

function mathBlockRule(
  state: MarkdownIt.StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const lineText = (line: number): string =>
    state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  const first = lineText(startLine);
  let content: string;
  let last = startLine;
  if (first.startsWith("$$")) {
    const rest = first.slice(2);
    const inner = rest.indexOf("$$");
    if (inner >= 0) {
      if (rest.slice(inner + 2).trim() !== "") return false; // "$$a$$ text": inline math
      content = rest.slice(0, inner);
    } else {
      const lines = [rest];
      let closed = false;
      for (let line = startLine + 1; line < endLine; line++) {
        const text = lineText(line);
        if (text.trim() === "" || state.sCount[line] < state.blkIndent) return false;
        const close = text.indexOf("$$");
        if (close >= 0) {
          if (text.slice(close + 2).trim() !== "") return false;
          lines.push(text.slice(0, close));
          last = line;
          closed = true;
          break;
        }
        lines.push(text);
      }
      if (!closed) return false;
      content = lines.join("\n");
    }
  } else {
    const env = ENVIRONMENT.exec(first);
    if (!env) return false;
    const endMarker = `\\end{${env[1]}}`;
    const lines: string[] = [];
    let closed = false;
    for (let line = startLine; line < endLine; line++) {
      const text = lineText(line);
      if (line > startLine && text.trim() === "") return false;
      lines.push(text);
      if (text.includes(endMarker)) {
        if (text.slice(text.indexOf(endMarker) + endMarker.length).trim() !== "") return false;
        last = line;
        closed = true;
        break;
      }
    }
    if (!closed) return false;
    content = lines.join("\n");
  }
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content.trim();
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

/** "04-benchmark.ipynb#x" or "../notebooks/04-benchmark.ipynb" → "04-benchmark.html#x"; others unchanged. */
export function rewriteNotebookLink(href: string): string {
  const m = /^(?:\.\/|\.\.\/notebooks\/|notebooks\/)?(\d{2}-[^/#?]+)\.ipynb(#.*)?$/.exec(href);
  return m ? `${m[1]}.html${m[2] ?? ""}` : href;
}

/** The env markdown-it hands to render rules is the one passed to render(): ours. */
function envOf(env: unknown): MarkdownEnv | undefined {
  return env as MarkdownEnv | undefined;
}

function createMarkdown() {
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, lang) => {
      const language = lang && hljs.getLanguage(lang) ? lang : "";
      const body = language ? highlightCode(code, language) : escapeHtml(code);
      return `<pre class="cp-code"><code class="hljs${language ? ` language-${language}` : ""}">${body}</code></pre>`;
    },
  });
  md.inline.ruler.before("escape", "math_inline", mathInlineRule);
  md.block.ruler.before("fence", "math_block", mathBlockRule, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) =>
    renderMath(tokens[idx].content, false, envOf(env));
  md.renderer.rules.math_inline_display = (tokens, idx, _options, env) =>
    renderMath(tokens[idx].content, true, envOf(env));
  md.renderer.rules.math_block = (tokens, idx, _options, env) =>
    `<div class="cp-math-display">${renderMath(tokens[idx].content, true, envOf(env))}</div>\n`;

  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet("href");
    if (typeof href === "string") token.attrSet("href", rewriteNotebookLink(href));
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  // Wrap tables so that a wide one scrolls inside the column instead of widening the page.
  md.renderer.rules.table_open = () => `<div class="cp-table-wrap"><table>\n`;
  md.renderer.rules.table_close = () => `</table></div>\n`;

  // Stable ids on headings so sections can be linked to.
  const defaultHeadingOpen =
    md.renderer.rules.heading_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.heading_open = (tokens, idx, options, rawEnv, self) => {
    const env = envOf(rawEnv) ?? { where: "", problems: [] };
    const inline = tokens[idx + 1];
    const text =
      inline?.children
        ?.map((t) => (["text", "code_inline", "math_inline"].includes(t.type) ? t.content : ""))
        .join("") ?? "";
    const ids = (env.ids ??= new Set<string>());
    const base = slugify(text);
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    tokens[idx].attrSet("id", id);
    env.headings?.push({ id, text, level: Number(tokens[idx].tag.slice(1)) });
    return defaultHeadingOpen(tokens, idx, options, rawEnv, self);
  };
  return md;
}

const markdown = createMarkdown();

/**
 * Renders markdown (with $…$ / $$…$$ math) to HTML. `env.ids` carries heading ids across calls
 * on one page, so that two cells with the same heading get distinct anchors.
 */
export function renderMarkdown(source: string, env: MarkdownEnv): string {
  return markdown.render(source, env as unknown as MarkdownIt.Env);
}

/** Renders a single line of markdown without the surrounding <p> (for titles). */
export function renderMarkdownInline(source: string, env: RenderEnv): string {
  return markdown.renderInline(source, env as unknown as MarkdownIt.Env);
}
