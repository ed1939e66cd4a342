/**
 * HTML escaping shared by the lib's renderers (display.ts, render-regression-table.ts) and the
 * reader's edition (scripts/site).
 */

/**
 * Escapes text for HTML element content and attribute values.
 *
 * Formula: & → &amp;, < → &lt;, > → &gt;, " → &quot;, and ' → &#39; unless
 * `opts.singleQuote` is false (for writers whose attributes are all double-quoted and whose
 * published output keeps a literal apostrophe, e.g. the regression-table `toHtml`).
 * Throws: nothing.
 * @example
 * escapeHtml(`<a title="x">Tom's</a>`); // "&lt;a title=&quot;x&quot;&gt;Tom&#39;s&lt;/a&gt;"
 * escapeHtml("Model 6's R²", { singleQuote: false }); // "Model 6's R²"
 */
export function escapeHtml(text: string, opts: { singleQuote?: boolean } = {}): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return opts.singleQuote === false ? escaped : escaped.replace(/'/g, "&#39;");
}

/**
 * Serialises a value as JSON that is safe inside a `<script>` element: `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026` (so no `</script>` or `<!--` can end the element early), and the
 * line separators U+2028/U+2029 are escaped (they end a line in older JavaScript parsers).
 * `JSON.parse` of the result gives back the value.
 * Throws: what `JSON.stringify` throws (a cyclic value, a BigInt).
 * @example
 * jsonForScript({ s: "</script>" }); // '{"s":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
