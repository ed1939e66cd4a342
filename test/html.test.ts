import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeHtml } from "cplib";

test("escapeHtml escapes the five HTML specials, & first", () => {
  assert.equal(
    escapeHtml(`<a title="x">Tom's & Jerry's</a>`),
    "&lt;a title=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;",
  );
  assert.equal(escapeHtml("&lt;"), "&amp;lt;");
});

test("escapeHtml with singleQuote: false keeps apostrophes literal", () => {
  assert.equal(
    escapeHtml(`Model 6's "R²" <b>`, { singleQuote: false }),
    "Model 6's &quot;R²&quot; &lt;b&gt;",
  );
});
