import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.js";
import {
  insertCertificate,
  insertCourse,
  insertWebLearner,
  startWebTestApp,
  type WebTestApp,
} from "./web-test-app.js";

describe.each(DATABASE_KINDS)("on %s", (kind) => {
  let app: WebTestApp;

  beforeAll(async () => {
    app = await startWebTestApp(kind);
    await insertCourse(
      app,
      { id: "c-sql", slug: "sql-basics", title: "SQL for data analysis" },
      {
        attribution: "Adapted from Software Carpentry, by the Carpentries community",
        license: "CC-BY 4.0",
        sourceUrl: "https://example.org/sql-novice",
      },
    );
    await insertCourse(app, {
      id: "c-evil",
      slug: "evil",
      title: "<script>alert('x')</script> Hacking",
      summary: "A summary with <b>tags</b> & ampersands",
      topics: ["security"],
    });
    await insertWebLearner(app, "l-ada", "Grace Hopper", "web-grace");
    await insertWebLearner(app, "l-bob", "Bob <img src=x>", "web-bob");
    await app.hall.db.review.createMany({
      data: [
        {
          id: "r1",
          courseId: "c-sql",
          learnerId: "l-ada",
          rating: 5,
          text: "Clear and short.",
          verified: true,
        },
        { id: "r2", courseId: "c-sql", learnerId: "l-bob", rating: 4, text: "Good <pace>" },
      ],
    });
    await insertCertificate(app, {
      id: "CERT123",
      learnerId: "l-ada",
      courseId: "c-sql",
      learnerName: "Grace Hopper",
    });
    await insertCertificate(app, {
      id: "CERTEVIL",
      learnerId: "l-bob",
      courseId: "c-evil",
      learnerName: "Bob <img src=x>",
    });
  });

  afterAll(async () => {
    await app.close();
  });

  async function get(path: string) {
    const response = await fetch(`${app.base}${path}`, { redirect: "manual" });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: await response.text(),
      response,
    };
  }

  describe("GET /courses", () => {
    it("lists every published course with level, language, workload, lessons and rating", async () => {
      const page = await get("/courses");

      expect(page.status).toBe(200);
      expect(page.type).toContain("text/html");
      expect(page.body).toContain('href="/courses/sql-basics"');
      expect(page.body).toContain("SQL for data analysis");
      expect(page.body).toContain("Beginner");
      expect(page.body).toContain("English");
      expect(page.body).toContain("1 h 35 min");
      expect(page.body).toContain("3 lessons");
      expect(page.body).toContain("4.5 out of 5, 2 ratings");
      expect(page.body).toContain("2 courses");
    });

    it("filters with ?q= on title, summary and topics, case-insensitively", async () => {
      const bySummary = await get("/courses?q=GROUP%20by");
      const byTopic = await get("/courses?q=security");
      const none = await get("/courses?q=knitting");

      expect(bySummary.body).toContain("sql-basics");
      expect(bySummary.body).not.toContain('href="/courses/evil');
      expect(byTopic.body).toContain('href="/courses/evil?ref=search"');
      expect(byTopic.body).not.toContain("sql-basics");
      expect(none.body).toContain("No course matches “knitting”");
    });

    it("escapes course titles, summaries and the query", async () => {
      const page = await get("/courses?q=%3Cscript%3E");

      expect(page.body).not.toContain("<script>");
      expect(page.body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Hacking");
      expect(page.body).toContain('value="&lt;script&gt;"');
    });
  });

  describe("GET /courses/:slug", () => {
    it("shows the card: description, syllabus with objectives, instructor, reviews, licence", async () => {
      const page = await get("/courses/sql-basics");

      expect(page.status).toBe(200);
      expect(page.body).toContain("<h1>SQL for data analysis</h1>");
      expect(page.body).toContain("<strong>SQL</strong>");
      expect(page.body).toContain("<li>Group and count</li>");
      expect(page.body).toContain("Getting started");
      expect(page.body).toContain("<h4>Filtering with WHERE</h4>");
      expect(page.body).toContain("<li>Combine conditions</li>");
      expect(page.body).toContain("Ada Lovelace");
      expect(page.body).toContain("Clear and short.");
      expect(page.body).toContain("Verified learner");
      expect(page.body).toContain("Good &lt;pace&gt;");
      expect(page.body).toContain("Bob &lt;img src=x&gt;");
      expect(page.body).toContain("Adapted from Software Carpentry");
      expect(page.body).toContain("CC-BY 4.0");
      expect(page.body).toContain('href="https://example.org/sql-novice"');
      expect(page.body).toContain('href="/chat?start=sql-basics"');
      expect(page.body).toContain("Study it in the web chat");
    });

    it("escapes a course title containing <script>", async () => {
      const page = await get("/courses/evil");

      expect(page.body).not.toContain("<script>");
      expect(page.body).toContain(
        "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Hacking</h1>",
      );
      expect(page.body).toContain("A summary with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands");
    });

    it("answers an unknown slug with a 404 page that says so and links to /courses", async () => {
      const page = await get("/courses/no-such-course");

      expect(page.status).toBe(404);
      expect(page.type).toContain("text/html");
      expect(page.body).toContain("Course not found");
      expect(page.body).toContain("no-such-course");
      expect(page.body).toContain('href="/courses"');
    });
  });

  describe("GET /certificates/:id", () => {
    it("shows learner, course, date, issuer and a checked signature", async () => {
      const page = await get("/certificates/CERT123");

      expect(page.status).toBe(200);
      expect(page.body).toContain("Grace Hopper");
      expect(page.body).toContain("SQL for data analysis");
      expect(page.body).toContain("3 December 2026");
      expect(page.body).toContain("StudyHall");
      expect(page.body).toContain("✓ Verified");
      expect(page.body).toContain("checked against");
      expect(page.body).toContain("has not been revoked");
      expect(page.body).toContain("CC-BY 4.0");
    });

    it("says so when the certificate was revoked", async () => {
      await app.hall.db.certificate.update({
        where: { id: "CERTEVIL" },
        data: { revokedAt: new Date("2026-12-04T00:00:00Z"), revokedReason: "issued by mistake" },
      });

      const page = await get("/certificates/CERTEVIL");

      expect(page.body).toContain("⚠ Revoked");
      expect(page.body).toContain("4 December 2026 (issued by mistake)");
      expect(page.body).toContain("Bob &lt;img src=x&gt;");
      expect(page.body).not.toContain("<img src=x>");
    });

    it("flags a certificate whose stored content no longer matches its signature", async () => {
      await app.hall.db.certificate.update({
        where: { id: "CERT123" },
        data: { learnerName: "Mallory" },
      });

      const page = await get("/certificates/CERT123");

      expect(page.body).toContain("✗ Not verified");
      await app.hall.db.certificate.update({
        where: { id: "CERT123" },
        data: { learnerName: "Grace Hopper" },
      });
    });

    it("serves the signed credential as JSON that verifies with the published key", async () => {
      const { createPublicKey, verify } = await import("node:crypto");
      const credential = (await (await fetch(`${app.base}/certificates/CERT123.json`)).json()) as {
        credential: Record<string, string>;
        proof: { signature: string };
        verification: Record<string, unknown>;
      };
      const key = await (await fetch(`${app.base}/certificates/issuer-key.pem`)).text();

      const payload = Buffer.from(JSON.stringify(credential.credential));
      const signature = Buffer.from(credential.proof.signature, "base64url");
      expect(credential.credential.learnerName).toBe("Grace Hopper");
      expect(credential.credential.courseSlug).toBe("sql-basics");
      expect(credential.verification).toMatchObject({ signatureValid: true, revoked: false });
      expect(verify(null, payload, createPublicKey(key), signature)).toBe(true);
    });

    it("answers an unknown id with a 404 page, and 404 JSON for .json", async () => {
      const page = await get("/certificates/NOPE42");
      const json = await fetch(`${app.base}/certificates/NOPE42.json`);

      expect(page.status).toBe(404);
      expect(page.body).toContain("Certificate not found");
      expect(page.body).toContain("NOPE42");
      expect(page.body).toContain('href="/courses"');
      expect(json.status).toBe(404);
      expect(await json.json()).toEqual({ error: 'Certificate "NOPE42" not found.' });
    });
  });

  describe("home, chat page and assets", () => {
    it("redirects / to the catalog", async () => {
      const page = await get("/");

      expect(page.status).toBe(302);
      expect(page.response.headers.get("location")).toBe("/courses");
    });

    it("serves the chat page, its script and the Markdown-lite parser as a browser module", async () => {
      const chat = await get("/chat");
      const script = await get("/assets/chat.js");
      const markdown = await get("/assets/markdown.js");

      expect(chat.status).toBe(200);
      expect(chat.body).toContain('<ol id="messages"');
      expect(chat.body).toContain('aria-live="polite"');
      expect(script.type).toContain("javascript");
      expect(markdown.type).toContain("javascript");
      expect(markdown.body).toMatch(/export \{[^}]*parseMarkdown/);
    });

    it("keeps /healthz", async () => {
      const health = await (await fetch(`${app.base}/healthz`)).json();

      expect(health).toMatchObject({ status: "ok", database: "ok" });
    });
  });

  describe("page analytics", () => {
    it("records course page views and catalog searches, marked as coming from a web page", async () => {
      await get("/courses/sql-basics");
      await get("/courses?q=security");

      const events = await app.hall.db.analyticsEvent.findMany({ orderBy: { createdAt: "asc" } });
      const view = events.find((e) => e.name === "course_view" && e.courseId === "c-sql");
      const search = events.filter((e) => e.name === "search").at(-1);
      expect(view && JSON.parse(view.props)).toEqual({ via: "web_page" });
      expect(search && JSON.parse(search.props)).toEqual({
        query: "security",
        results: 1,
        via: "web_page",
      });
    });

    it("links search results with ref=search and counts the click on the course page", async () => {
      const results = await get("/courses?q=sql");
      await get("/courses/sql-basics?ref=search");

      const clicks = await app.hall.db.analyticsEvent.count({
        where: { name: "search_click", courseId: "c-sql" },
      });
      expect(results.body).toContain('href="/courses/sql-basics?ref=search"');
      expect(clicks).toBe(1);
    });
  });
});
