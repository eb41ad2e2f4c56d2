import { describe, expect, it } from "vitest";
import { createGuessLimit } from "../../core/account-link/guess-limit.js";

const at = (minutes: number) => new Date(Date.parse("2026-03-02T10:00:00Z") + minutes * 60_000);

describe("the wrong-code limit", () => {
  it("lets an account try again once its oldest miss leaves the window", () => {
    const limit = createGuessLimit({ perAccount: 2, overall: 100, windowMs: 10 * 60_000 });
    limit.recordMiss("a", at(0));
    limit.recordMiss("a", at(4));

    expect(limit.waitMs("a", at(5))).toBe(5 * 60_000);
    expect(limit.waitMs("b", at(5))).toBe(0);
    expect(limit.waitMs("a", at(10))).toBe(0);
  });

  it("stops everyone when too many accounts guess at once", () => {
    const limit = createGuessLimit({ perAccount: 5, overall: 3, windowMs: 60_000 });
    for (const account of ["x", "y", "z"]) limit.recordMiss(account, at(0));

    expect(limit.waitMs("fresh", at(0.5))).toBe(30_000);
    expect(limit.waitMs("fresh", at(1))).toBe(0);
  });
});
