import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter, type DiscordAdapter } from "../../../bots/discord/adapter.js";
import { discordInteractionsRoute } from "../../../bots/discord/interactions-route.js";
import { ManualClock } from "../../../core/clock.js";
import type { ConversationHandler } from "../../../core/conversation/router.js";
import { silentLogger } from "../../../core/logger.js";
import type { Inbound } from "../../../core/messages.js";
import { createWebApp } from "../../../web/server.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { commandInteraction } from "../../fakes/discord/interactions.js";
import { recordingAccounts } from "./harness.js";
import { memoryTokens } from "./memory-tokens.js";

const NOW = new Date("2026-12-04T12:00:00Z");

interface Endpoint {
  url: string;
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  privateKey: KeyObject;
  received: Inbound[];
  post(
    body: unknown,
    options?: { key?: KeyObject; timestamp?: string; tamper?: boolean },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** The HTTP endpoint alone (no gateway), as a deployment behind a load balancer runs it. */
async function startEndpoint(answer: (inbound: Inbound) => Promise<string>): Promise<Endpoint> {
  const fake = await FakeDiscord.start();
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const rawKey = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
  const received: Inbound[] = [];
  const conversation: ConversationHandler = {
    commands: () => [],
    async handle(inbound) {
      received.push(inbound);
      return [{ text: await answer(inbound) }];
    },
  };
  const adapter = createDiscordAdapter({
    token: "fake-bot-token",
    apiBase: fake.apiBase,
    connectGateway: false,
    conversation,
    accounts: recordingAccounts(),
    tokens: memoryTokens(),
    catalog: { listCourses: async () => [] },
    logger: silentLogger,
    deferAfterMs: 100,
  });
  const route = discordInteractionsRoute({
    publicKey: rawKey,
    interactions: adapter.interactions,
    clock: new ManualClock(NOW),
    logger: silentLogger,
  });
  const app = createWebApp([route], silentLogger);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/discord/interactions`;
  return {
    url,
    fake,
    adapter,
    privateKey,
    received,
    async post(body, options = {}) {
      const text = JSON.stringify(body);
      const timestamp = options.timestamp ?? String(Math.floor(NOW.getTime() / 1000));
      const signed = options.tamper ? `${text} ` : text;
      const signature = sign(
        null,
        Buffer.from(timestamp + signed),
        options.key ?? privateKey,
      ).toString("hex");
      return fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-signature-ed25519": signature,
          "x-signature-timestamp": timestamp,
        },
        body: text,
      });
    },
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

let endpoint: Endpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe("POST /discord/interactions", () => {
  it("answers PING with PONG when the signature is valid", async () => {
    endpoint = await startEndpoint(async () => "");

    const response = await endpoint.post({
      id: "1",
      type: 1,
      token: "t",
      application_id: "2",
      version: 1,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it("refuses a bad signature, another key's signature and a stale timestamp with 401", async () => {
    endpoint = await startEndpoint(async () => "");
    const ping = { id: "1", type: 1, token: "t", application_id: "2", version: 1 };
    const otherKey = generateKeyPairSync("ed25519").privateKey;

    const tampered = await endpoint.post(ping, { tamper: true });
    const foreign = await endpoint.post(ping, { key: otherKey });
    const stale = await endpoint.post(ping, {
      timestamp: String(Math.floor(NOW.getTime() / 1000) - 3600),
    });
    const unsigned = await fetch(endpoint.url, { method: "POST", body: JSON.stringify(ping) });

    expect([tampered.status, foreign.status, stale.status, unsigned.status]).toEqual([
      401, 401, 401, 401,
    ]);
    expect(await tampered.text()).toBe("invalid request signature");
  });

  it("serves a slash command without a gateway: the answer is the HTTP response", async () => {
    endpoint = await startEndpoint(async (inbound) => `Enrolled from ${inbound.chat.kind} chat.`);
    const learner = endpoint.fake.state.addUser("ada");
    const guild = endpoint.fake.state.addGuild("Server", learner);
    const channel = endpoint.fake.state.addChannel({ type: 0, name: "general", guildId: guild.id });
    const place = { userId: learner, channelId: channel.id, guildId: guild.id };
    const interaction = commandInteraction(endpoint.fake.state, place, "enroll", [
      { name: "course", type: 3, value: "sql" },
    ]);

    const response = await endpoint.post(interaction);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      type: 4,
      data: { content: "Enrolled from group chat.", allowed_mentions: { parse: [] } },
    });
    expect(endpoint.received[0]!.text).toBe("/enroll sql");
  });

  it("defers a slow command in the HTTP response and edits the answer in through the webhook", async () => {
    endpoint = await startEndpoint(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return "Here is the tutor's answer.";
    });
    const learner = endpoint.fake.state.addUser("ada");
    const dm = endpoint.fake.state.addChannel({ type: 1, name: "", recipientId: learner });
    const interaction = commandInteraction(
      endpoint.fake.state,
      { userId: learner, channelId: dm.id },
      "ask",
      [{ name: "question", type: 3, value: "What is a JOIN?" }],
    );
    endpoint.fake.interactions.set(interaction.token, {
      payload: interaction,
      callbacks: [],
      followups: [],
    });
    const record = endpoint.fake.record(interaction);
    record.callbacks.push({ type: 5, data: {} });
    record.original = {
      id: "9",
      channel_id: dm.id,
      content: "",
      embeds: [],
      components: [],
      flags: 0,
      author: { id: "b", username: "bot", bot: true },
      interaction: true,
    };

    const response = await endpoint.post(interaction);
    await endpoint.adapter.idle();

    expect(await response.json()).toEqual({ type: 5, data: {} });
    expect(record.original.content).toBe("Here is the tutor's answer.");
    expect(endpoint.received[0]!.chat.kind).toBe("direct");
  });
});

describe("StudyHall with DISCORD_PUBLIC_KEY and no gateway", () => {
  it("mounts /discord/interactions before the 404 handler and serves the real core through it", async () => {
    const { startDiscordApp } = await import("./discord-app.js");
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const rawKey = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
    const d = await startDiscordApp({ DISCORD_PUBLIC_KEY: rawKey, DISCORD_GATEWAY: "0" });
    try {
      const learner = d.fake.state.addUser("ada");
      const place = { userId: learner, channelId: d.general.id, guildId: d.guild.id };
      const interaction = commandInteraction(d.fake.state, place, "course", [
        { name: "course", type: 3, value: "sql-discord" },
      ]);
      const body = JSON.stringify(interaction);
      const record = { payload: interaction, callbacks: [{ type: 5, data: {} }], followups: [] };
      d.fake.interactions.set(interaction.token, {
        ...record,
        original: {
          id: "1",
          channel_id: d.general.id,
          content: "",
          embeds: [],
          components: [],
          flags: 0,
          author: { id: "b", username: "bot", bot: true },
          interaction: true,
        },
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");

      const response = await fetch(`${d.base}/discord/interactions`, {
        method: "POST",
        headers: { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp },
        body,
      });

      expect(response.status).toBe(200);
      const answer = (await response.json()) as { type: number; data: { content?: string } };
      await d.adapter.idle();
      // On a busy machine the first turn may pass the deferral threshold; then the answer
      // arrives as an edit of the deferred original instead of in the HTTP response.
      const original = d.fake.record(interaction).original!;
      const content = answer.type === 4 ? answer.data.content : original.content;
      expect([4, 5]).toContain(answer.type);
      expect(content).toContain("Picking columns with SELECT");
      expect(d.fake.gateway.identified).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
