import { afterEach, describe, expect, it } from "vitest";
import { RateLimitedError, TransientError, UnreachableError } from "../../../core/errors.js";
import { type DiscordWorld, startDiscordWorld } from "./harness.js";

const conversation = { commands: () => [], handle: async () => [] };

let world: DiscordWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("DiscordAdapter.send for deliveries", () => {
  it("posts a long lesson to a channel as several valid messages", async () => {
    world = await startDiscordWorld({ conversation });
    const text = Array.from({ length: 30 }, (_, i) => `Part ${i}: ${"data ".repeat(80)}`).join(
      "\n\n",
    );

    await world.adapter.send(world.general.id, [
      { text, actions: [{ id: "next", label: "Next" }] },
    ]);

    const posted = world.fake.channelMessages(world.general.id);
    expect(posted.length).toBeGreaterThan(1);
    expect(posted.at(-1)!.components).toHaveLength(1);
  });

  it("turns a 429 into RateLimitedError with Discord's retry_after", async () => {
    world = await startDiscordWorld({ conversation });
    world.fake.rateLimitNext(1, 1.5, /\/messages$/);

    const error = await world.adapter
      .send(world.general.id, [{ text: "hi" }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1500);
    expect(world.fake.channelMessages(world.general.id)).toHaveLength(0);
  });

  it("turns 50007 Cannot send messages to this user into UnreachableError", async () => {
    world = await startDiscordWorld({ conversation });
    const closed = world.fake.state.addUser("private", { dmsClosed: true });
    const dm = world.fake.state.addChannel({ type: 1, name: "", recipientId: closed });

    const error = await world.adapter
      .send(dm.id, [{ text: "Your lesson" }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toContain("50007");
  });

  it("turns 10003 Unknown Channel (a deleted channel) into UnreachableError", async () => {
    world = await startDiscordWorld({ conversation });
    world.general.deleted = true;

    const error = await world.adapter
      .send(world.general.id, [{ text: "Today's lesson" }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toContain("10003");
  });

  it("turns a 5xx answer into TransientError without retrying on its own", async () => {
    world = await startDiscordWorld({ conversation });
    world.fake.failNext(1, 502, /\/messages$/);

    const error = await world.adapter
      .send(world.general.id, [{ text: "hi" }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect(world.fake.calls.filter((call) => call.path.endsWith("/messages"))).toHaveLength(1);
  });

  it("turns a network failure into TransientError", async () => {
    world = await startDiscordWorld({ conversation });
    await world.fake.close();
    const port = new URL(world.fake.apiBase).port;
    const { createDiscordAdapter } = await import("../../../bots/discord/adapter.js");
    const { memoryTokens } = await import("./memory-tokens.js");
    const { silentLogger } = await import("../../../core/logger.js");
    const offline = createDiscordAdapter({
      token: "t",
      apiBase: `http://127.0.0.1:${port}/api`,
      connectGateway: false,
      conversation,
      accounts: { identify: async () => ({}) as never },
      tokens: memoryTokens(),
      catalog: { listCourses: async () => [] },
      logger: silentLogger,
    });

    const error = await offline
      .send("123456789012345678", [{ text: "hi" }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    await world.adapter.stop();
    world = undefined;
  });
});
