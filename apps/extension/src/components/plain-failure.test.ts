import { LeadFieldsSchema } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { plainFailure } from "./plain-failure.ts";

describe("failures in words a rep can act on", () => {
  it("a validation failure: its first problem in plain words", () => {
    const parsed = LeadFieldsSchema.safeParse({ name: "" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(plainFailure(parsed.error, "x")).toBe("Name is required");
  });

  it("zod's or the runtime's own wording never passes: the fallback does", () => {
    expect(plainFailure(new Error("name: Too small: expected string to have >=1 characters"), "Not saved")).toBe(
      "Not saved",
    );
    expect(plainFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), "Not saved")).toBe(
      "Not saved",
    );
    expect(plainFailure(undefined, "Not saved")).toBe("Not saved");
  });

  it("a network failure says so; a message meant for people is kept", () => {
    expect(plainFailure(new TypeError("Failed to fetch"), "x")).toBe("Could not reach the server");
    expect(plainFailure(new Error("Name is required"), "x")).toBe("Name is required");
  });
});
