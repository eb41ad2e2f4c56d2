import { createHmac } from "node:crypto";

/** Signs a request body the way Slack does (v0 scheme): `v0=` HMAC-SHA256 of `v0:ts:body`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return `v0=${digest}`;
}

/** Options of a signed post; defaults sign correctly with the current time. */
export interface SignedPostOptions {
  /** Seconds since the epoch put in X-Slack-Request-Timestamp. */
  timestamp?: number;
  /** Secret used for signing (a wrong one tests rejection). */
  secret: string;
  /** Extra headers (X-Slack-Retry-Num). */
  headers?: Record<string, string>;
}

/** A signed request, kept so it can be replayed byte for byte. */
export interface SignedRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** Builds a signed request for `path` of the app at `baseUrl`. */
export function signedRequest(
  baseUrl: string,
  path: string,
  body: string,
  contentType: string,
  options: SignedPostOptions,
): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    url: `${baseUrl}${path}`,
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret, timestamp, body),
      ...options.headers,
    },
  };
}

/** Sends a signed request; returns the status and body text. */
export async function send(request: SignedRequest): Promise<{ status: number; body: string }> {
  const response = await fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
  });
  return { status: response.status, body: await response.text() };
}

const FORM = "application/x-www-form-urlencoded";

/** A signed slash command (form-encoded). */
export function commandRequest(
  baseUrl: string,
  fields: Record<string, string>,
  options: SignedPostOptions,
): SignedRequest {
  return signedRequest(
    baseUrl,
    "/slack/commands",
    new URLSearchParams(fields).toString(),
    FORM,
    options,
  );
}

/** A signed interaction (`payload=<JSON>`, form-encoded). */
export function interactionRequest(
  baseUrl: string,
  payload: unknown,
  options: SignedPostOptions,
): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedRequest(baseUrl, "/slack/interactions", body, FORM, options);
}

/** A signed Events API callback (JSON). */
export function eventRequest(
  baseUrl: string,
  envelope: unknown,
  options: SignedPostOptions,
): SignedRequest {
  return signedRequest(
    baseUrl,
    "/slack/events",
    JSON.stringify(envelope),
    "application/json",
    options,
  );
}
