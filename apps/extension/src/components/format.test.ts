import { afterEach, describe, expect, it, vi } from "vitest";
import { phoneRegion, statusLabel } from "./format.ts";

describe("phoneRegion", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is the workspace's region when the settings are known", () => {
    vi.stubGlobal("navigator", { language: "en-GB" });
    expect(phoneRegion({ defaultRegion: "DE" })).toBe("DE");
  });

  it("falls back to the browser's locale before the first sync, then to the US", () => {
    vi.stubGlobal("navigator", { language: "en-GB" });
    expect(phoneRegion(null)).toBe("GB");
    vi.stubGlobal("navigator", { language: "" });
    expect(phoneRegion(undefined)).toBe("US");
  });
});

describe("statusLabel", () => {
  it("reads a status key as words", () => {
    expect(statusLabel("unqualified")).toBe("Unqualified");
    expect(statusLabel("closed_won")).toBe("Closed won");
    expect(statusLabel("")).toBe("");
  });
});
