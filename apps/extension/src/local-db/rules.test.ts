import { describe, expect, it } from "vitest";
import { loadedRules, loadRules } from "./rules.ts";

describe("the domain rules a page loads on demand", () => {
  it("are refused to synchronous code until a read loaded them, then given to it", async () => {
    expect(() => loadedRules()).toThrow(/not loaded/);
    const [first, second] = await Promise.all([loadRules(), loadRules()]);
    expect(second).toBe(first);
    expect(loadedRules()).toBe(first);
    expect(loadedRules().displayPhone("+14155550100", "US").text).toBe("(415) 555-0100");
  });
});
