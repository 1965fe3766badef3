import { describe, expect, it } from "vitest";
import { MAX_RECORD_BYTES } from "../common.ts";
import type { ApplyContext } from "./context.ts";
import { createRecord } from "./fields.ts";
import { formatHlc } from "./hlc.ts";

const T0 = 1_700_000_000_000;
const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
const ctx: ApplyContext = {
  now: new Date(T0).toISOString(),
  hlc: formatHlc({ wall: T0, counter: 0, node: "a" }),
  actorId: null,
  defaultRegion: "US",
};

/** Custom values of 200 fields, each `text` repeated to 1,200 characters (the most each may hold). */
const custom = (text: string) =>
  Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`field_${i}`, text.repeat(1200 / text.length)]));

describe("a record's size", () => {
  it("refuses a record whose data is larger than MAX_RECORD_BYTES of UTF-8", () => {
    // 240,000 characters of two bytes each: 480 KB.
    const result = createRecord("lead", ID, { name: "Ada", custom: custom("é") }, ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid",
        message: expect.stringMatching(/^record is too large: [\d,]+ bytes, at most 262,144$/),
      },
    });
    expect(MAX_RECORD_BYTES).toBe(262_144);
  });

  it("takes one just under it, though too long to be known short without measuring", () => {
    // 240,000 one-byte characters and their keys: about 245 KB.
    const result = createRecord("lead", ID, { name: "Ada", custom: custom("e") }, ctx);
    expect(result.ok).toBe(true);
  });
});
