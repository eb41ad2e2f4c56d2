import { Client, GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
});

describe("the fake Discord", () => {
  it("brings a discord.js client to ready through /gateway/bot, READY and GUILD_CREATE", async () => {
    fake = await FakeDiscord.start();
    const owner = fake.state.addUser("owner");
    const guild = fake.state.addGuild("Study Server", owner);
    fake.state.addChannel({ type: 0, name: "general", guildId: guild.id });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
    const started = Date.now();

    const ready = new Promise((resolve) => client!.once("clientReady", resolve));
    await client.login("fake-bot-token");
    await ready;

    expect(Date.now() - started).toBeLessThan(5000);
    expect(client.guilds.cache.get(guild.id)?.name).toBe("Study Server");
    expect(fake.gateway.identified).toEqual([GatewayIntentBits.Guilds]);
    expect(fake.calls.find((call) => call.path === "/api/v10/gateway/bot")?.authorized).toBe(true);
  });

  it("answers 50035 Invalid Form Body to content over 2000 characters", async () => {
    fake = await FakeDiscord.start();
    const channel = fake.state.addChannel({ type: 0, name: "general" });

    const response = await fetch(`${fake.apiBase}/v10/channels/${channel.id}/messages`, {
      method: "POST",
      headers: { authorization: "Bot fake-bot-token", "content-type": "application/json" },
      body: JSON.stringify({ content: "x".repeat(2001) }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 50035,
      errors: { content: { _errors: [{ message: "Must be 2000 or fewer in length." }] } },
    });
  });
});
