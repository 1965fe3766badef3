import { describe, expect, it } from "vitest";
import { deterministicId } from "./ids.ts";

describe("deterministicId", () => {
  it("gives the same UUID for the same input and different ones for different inputs", () => {
    const id = deterministicId("status:x:1");
    expect(id).toBe(deterministicId("status:x:1"));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set(Array.from({ length: 5000 }, (_, i) => deterministicId(`status:x:${i}`)));
    expect(ids.size).toBe(5000);
  });
});
