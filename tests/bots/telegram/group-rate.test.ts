import { describe, expect, it } from "vitest";
import { createGroupRate } from "../../../bots/telegram/group-rate.js";

describe("per-group pacing", () => {
  it("lets 20 messages a minute into one group and holds the 21st until the window moves", async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const rate = createGroupRate({
      perMinute: 20,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });

    for (let i = 0; i < 20; i++) {
      await rate.take("-100");
      now += 100;
    }
    await rate.take("-200");
    const before = now;
    await rate.take("-100");

    expect(waits).toEqual([60_000 - 2_000]);
    expect(now - before).toBe(58_000);
  });
});
