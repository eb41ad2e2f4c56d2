import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { backoffDelay } from "../../core/delivery/backoff.js";
import { PerKeySpacing, TokenBucket } from "../../core/delivery/token-bucket.js";

describe("token bucket", () => {
  it("lets a burst through, then spaces tokens at the rate", () => {
    const clock = new ManualClock("2027-01-01T00:00:00Z");
    const bucket = new TokenBucket(10, 3, clock);
    const waits = Array.from({ length: 6 }, () => bucket.reserve());
    expect(waits).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it("refills while idle but never beyond the burst", () => {
    const clock = new ManualClock("2027-01-01T00:00:00Z");
    const bucket = new TokenBucket(10, 2, clock);
    bucket.reserve();
    bucket.reserve();
    clock.advance(10_000);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
  });

  it("holds every token back after a 429", () => {
    const clock = new ManualClock("2027-01-01T00:00:00Z");
    const bucket = new TokenBucket(10, 1, clock);
    bucket.pause(3_000);
    expect(bucket.reserve()).toBe(3_000);
    expect(bucket.reserve()).toBe(3_100);
  });

  it("spaces messages to the same chat", () => {
    const clock = new ManualClock("2027-01-01T00:00:00Z");
    const spacing = new PerKeySpacing(1, clock);
    expect([spacing.reserve("a"), spacing.reserve("b"), spacing.reserve("a")]).toEqual([
      0, 0, 1000,
    ]);
  });
});

describe("backoff", () => {
  it("doubles from the base, stays within its upper half, and is capped", () => {
    const policy = { baseMs: 1_000, maxMs: 10_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(20, policy, () => 1)).toBe(10_000);
  });
});
