import { describe, expect, it } from "vitest";
import { retryDelay } from "./worker.ts";

describe("retryDelay", () => {
  it("doubles from the base, in the upper half of each step (jitter), and never waits more than an hour", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 1000, low))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 1000, high))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(40, 30_000, high)).toBe(3_600_000);
    expect(retryDelay(40, 30_000, low)).toBe(1_800_000);
  });
});
