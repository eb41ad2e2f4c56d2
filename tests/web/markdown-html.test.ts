import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw, safeUrl } from "../../web/pages/html.js";
import { markdownToHtml } from "../../web/pages/markdown-html.js";

describe("html template", () => {
  it("escapes every interpolated value and keeps SafeHtml as it is", () => {
    const title = `<script>alert("x")</script> & 'quotes'`;

    const out = html`<h1 title="${title}">${title}</h1>${raw("<hr>")}${[1, "<2>"]}${null}`;

    expect(out.value).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1><hr>1&lt;2&gt;",
    );
    expect(escapeHtml("a<b")).toBe("a&lt;b");
  });

  it("lets only http(s), mailto and site-relative links through", () => {
    expect(safeUrl("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
    expect(safeUrl("/courses/sql")).toBe("/courses/sql");
    expect(safeUrl("mailto:team@example.org")).toBe("mailto:team@example.org");
    expect(safeUrl("javascript:alert(1)")).toBe("#");
    expect(safeUrl(" JavaScript:alert(1)")).toBe("#");
    expect(safeUrl("//evil.example/x")).toBe("#");
    expect(safeUrl("data:text/html,<b>")).toBe("#");
  });
});

describe("markdownToHtml", () => {
  it("renders bold, italic, code, links, lists and code blocks with escaped text", () => {
    const source = [
      "Use **SELECT** and _WHERE_ on `a<b`; see [docs](https://example.org/?a=1&b=2).",
      "",
      "- one <i>",
      "- two",
      "",
      "```sql",
      "SELECT * FROM t WHERE a < 3;",
      "```",
      "",
      "## Next",
    ].join("\n");

    const out = markdownToHtml(source).value;

    expect(out).toContain(
      '<p>Use <strong>SELECT</strong> and <em>WHERE</em> on <code>a&lt;b</code>; see <a href="https://example.org/?a=1&amp;b=2" rel="nofollow noopener">docs</a>.</p>',
    );
    expect(out).toContain("<ul><li>one &lt;i&gt;</li><li>two</li></ul>");
    expect(out).toContain("<pre><code>SELECT * FROM t WHERE a &lt; 3;</code></pre>");
    expect(out).toContain("<h4>Next</h4>");
  });

  it("neutralises script links and raw HTML", () => {
    const out = markdownToHtml("[click](javascript:alert(1)) <img src=x onerror=alert(1)>").value;

    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("<img");
    expect(out).toContain('href="#"');
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
