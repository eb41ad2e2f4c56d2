import { html, type SafeHtml } from "./html.js";

/** What every page passes to {@link renderPage}. */
export interface PageOptions {
  /** Text of the <title>, before " · StudyHall". */
  title: string;
  /** Meta description for search engines and link previews. */
  description?: string;
  /** Which navigation entry is current. */
  section?: "courses" | "chat" | "certificates";
  /** Extra <head> content (social card tags). */
  head?: SafeHtml;
  body: SafeHtml;
}

function navLink(href: string, label: string, current: boolean): SafeHtml {
  return current
    ? html`<a href="${href}" aria-current="page">${label}</a>`
    : html`<a href="${href}">${label}</a>`;
}

/** The shared layout of the server-rendered pages: header, main content and footer. */
export function renderPage(options: PageOptions): string {
  const { title, description, section, head, body } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · StudyHall</title>
${description ? html`<meta name="description" content="${description}">` : ""}
<meta name="theme-color" content="#4338ca">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
${head ?? ""}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <nav class="site-nav" aria-label="Main">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">S</span>StudyHall</a>
    <div class="nav-links">
      ${navLink("/courses", "Courses", section === "courses")}
      ${navLink("/chat", "Web chat", section === "chat")}
    </div>
  </nav>
</header>
<main id="main" class="container">
${body}
</main>
<footer class="site-footer">
  <p>StudyHall: learn in short daily pieces, in the chat you already use.</p>
</footer>
</body>
</html>
`.value;
}
