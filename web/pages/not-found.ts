import { html } from "./html.js";
import { renderPage } from "./layout.js";

/** The 404 page: says plainly what was not found and links back to the catalog. */
export function renderNotFoundPage(what: string, detail: string): string {
  const body = html`<section class="card not-found">
  <h1>${what} not found</h1>
  <p>${detail}</p>
  <p><a class="button" href="/courses">Browse the courses</a> <a class="button secondary" href="/chat">Open the web chat</a></p>
</section>`;
  return renderPage({ title: `${what} not found`, body });
}
