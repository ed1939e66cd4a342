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
