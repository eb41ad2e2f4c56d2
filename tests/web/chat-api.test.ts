import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebTestApp, type WebTestApp } from "./web-test-app.js";

describe("POST /api/chat contract", () => {
  let app: WebTestApp;
  beforeAll(async () => {
    app = await startWebTestApp();
  });
  afterAll(() => app.close());

  it("answers a GET with 405 and the contract", async () => {
    const response = await fetch(`${app.base}/api/chat`);

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect((await response.json()).error).toContain('{ "user": "<id>", "text": "/start" }');
  });

  it("asks for JSON when the content type is missing", async () => {
    const response = await fetch(`${app.base}/api/chat`, {
      method: "POST",
      body: '{"user":"u1","text":"/help"}',
    });

    expect(response.status).toBe(415);
    expect((await response.json()).error).toContain("Content-Type: application/json");
  });

  it("answers a whitespace-only message with what to send", async () => {
    const response = await fetch(`${app.base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: "u2", text: "   " }),
    });

    expect(response.status).toBe(200);
    expect((await response.json()).replies[0].text).toBe(
      "That message was empty. Send a command such as /next, or /help for the list.",
    );
  });
});
