import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ActivityFieldsSchema } from "./activity.ts";
import {
  argsWalkError,
  brokenTextPath,
  hasUnsafeCharacters,
  isPhoneLike,
  isSafeLink,
  jsonBoundError,
  jsonSurelyWithin,
  LinkSchema,
  MAX_JSON_BYTES,
  PhoneSchema,
  ShortText,
  stripUnsafeCharacters,
  TagSchema,
} from "./common.ts";
import { LeadFieldsSchema } from "./lead.ts";
import { plainErrors } from "./plain-errors.ts";
import { propertyRuns } from "./property-runs.ts";

// Issue 14: what the schemas let into a workspace.

describe("names and labels", () => {
  it("refuse NUL, other control characters, direction overrides and lone surrogates", () => {
    for (const bad of ["Jane\u0000", "Ja\u202Ene", "\u2066x\u2069", "Jane \ud800", "\udc00Jane", "a\nb", "a\u0085b"]) {
      expect(ShortText.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(TagSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    for (const good of ["Jane Doe", "Zoë O'Brien-Łukasz", "𝒳 Æsir", "👩‍👩‍👧 family", "محمد", "a\u200db"])
      expect(ShortText.safeParse(good).success, good).toBe(true);
  });

  it("say so in plain words beside the field", () => {
    const parsed = LeadFieldsSchema.safeParse({ name: "Jane\u202Eeod" });
    expect(parsed.success).toBe(false);
    expect(plainErrors(parsed.error!, { name: "Jane\u202Eeod" }).name).toContain(
      "must not contain control characters, text-direction overrides or broken characters",
    );
  });

  it("are what the extractor keeps of a page's text once unsafe characters are stripped", () => {
    expect(stripUnsafeCharacters(" Ja\u202Ene\u0000\nDoe \ud800")).toBe("Jane Doe");
    expect(hasUnsafeCharacters(stripUnsafeCharacters("\u2066A\u0007B\r\nC\udfff"))).toBe(false);
  });

  // The unsafe characters as common.ts lists them, written out again here.
  const UNSAFE_SOURCE =
    "[\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
  it("strip every text as the two replacements do, texts without unsafe characters too", () => {
    const text = fc
      .array(
        fc.constantFrom(
          ..."J a n e D o e".split(" "),
          " ",
          "\t",
          "\n",
          "\r\n",
          "\u0000",
          "\u202e",
          "\u2066",
          "\ud800",
          "\udfff",
          "\u00a0",
        ),
        { maxLength: 8 },
      )
      .map((p) => p.join(""));
    fc.assert(
      fc.property(text, (value) => {
        const unsafe = new RegExp(UNSAFE_SOURCE, "g");
        expect(stripUnsafeCharacters(value)).toBe(
          value
            .replace(/[\t\n\r]+/g, " ")
            .replace(unsafe, "")
            .trim(),
        );
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe("phones", () => {
  it("look like phones: digits with the usual separators, an optional + and extension", () => {
    for (const good of [
      "+1 415 555 0100",
      "(415) 555-0100",
      "020 7946 0958",
      "+49 30/1234567",
      "415.555.0100 x7",
      "+1 415 555 0100 ext. 12",
      "555-0100 #33",
      "tel:+14155550100",
    ])
      expect(isPhoneLike(good), good).toBe(true);
    for (const bad of ["call me maybe", "=1+1", "+1+1", "@123", "12", "1-800-FLOWERS", "555 0100 ext", "--", "+ ()"])
      expect(isPhoneLike(bad), bad).toBe(false);
  });

  it("refuse anything else with a clear message", () => {
    const parsed = LeadFieldsSchema.safeParse({ name: "P", phones: ["call me maybe"] });
    expect(parsed.success).toBe(false);
    expect(plainErrors(parsed.error!, { name: "P", phones: ["call me maybe"] }).phones).toBe(
      "'call me maybe' is not a phone number: use digits with spaces, dashes, dots or brackets, an optional + and extension",
    );
    expect(PhoneSchema.safeParse("=1+1").success).toBe(false);
  });
});

describe("links", () => {
  it("are http(s), mailto or tel: never javascript:, data: or vbscript:", () => {
    for (const good of ["https://acme.test/team", "http://x.test", "mailto:a@b.test", "tel:+14155550100"])
      expect(isSafeLink(good), good).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "//evil.test",
      "https:",
    ])
      expect(LinkSchema.safeParse(bad).success, bad).toBe(false);
    expect(LeadFieldsSchema.safeParse({ name: "L", source: { kind: "web", url: "javascript:alert(1)" } }).success).toBe(
      false,
    );
  });
});

describe("free-form values", () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it("are bounded in depth and size, without recursion even at 100,000 levels", () => {
    expect(jsonBoundError(nested(7))).toBeNull();
    expect(jsonBoundError(nested(9))).toContain("nested too deeply");
    expect(jsonBoundError(nested(100_000))).toContain("nested too deeply");
    expect(jsonBoundError({ blob: "x".repeat(MAX_JSON_BYTES) })).toContain("too large");
    expect(jsonBoundError(Array.from({ length: MAX_JSON_BYTES }, () => []))).toContain("too large");
  });

  it("hold an activity's data to those bounds and its url to a safe link", () => {
    const activity = (data: unknown) =>
      ActivityFieldsSchema.safeParse({
        type: "capture",
        subject: { type: "lead", id: "01890a5d-ac96-774b-bcce-b302099a8057" },
        occurredAt: "2026-01-01T00:00:00.000Z",
        data,
      }).success;
    expect(activity({ url: "https://acme.test", from: "new", to: "working" })).toBe(true);
    expect(activity({ a: nested(1001) })).toBe(false);
    expect(activity({ blob: "x".repeat(1_900_000) })).toBe(false);
    expect(activity({ url: "javascript:alert(1)" })).toBe(false);
    expect(activity({ url: 5 })).toBe(false);
  });
});

describe("links and custom values", () => {
  it("hold no control characters or broken characters either", () => {
    expect(LinkSchema.safeParse("https://ok.test/\u202Ecod.exe").success).toBe(false);
    expect(LeadFieldsSchema.safeParse({ name: "L", urls: ["https://ok.test/a\u0000b"] }).success).toBe(false);
    expect(LeadFieldsSchema.safeParse({ name: "L", custom: { note: "two\nlines" } }).success).toBe(true);
    expect(LeadFieldsSchema.safeParse({ name: "L", custom: { note: "nul\u0000" } }).success).toBe(false);
  });
});

describe("brokenTextPath", () => {
  it("names where a broken character sits: in a nested value, a list item or a key; null when none does", () => {
    expect(brokenTextPath({ type: "lead", fields: { name: "Ann 😀", emails: ["a@b.test"] } })).toBeNull();
    expect(brokenTextPath({ type: "lead", fields: { emails: ["a@b.test", "c\ud800@d.test"] } })).toEqual([
      "fields",
      "emails",
      1,
    ]);
    expect(brokenTextPath({ fields: { custom: { "k\udc00": "v" } } })).toEqual(["fields", "custom", "k\udc00"]);
    expect(brokenTextPath("\udfff")).toEqual([]);
  });
});

describe("argsWalkError", () => {
  const nest = (levels: number, leaf: unknown): unknown => {
    let value = leaf;
    for (let i = 0; i < levels; i++) value = { a: [value] };
    return value;
  };

  it("passes clean arguments, lists and keys included", () => {
    expect(argsWalkError({ type: "lead", fields: { name: "Ada", emails: ["a@b.test"], custom: { k: 1 } } }, 32)).toBe(
      null,
    );
  });

  it("finds a broken character in a string deep in a list, and in a key", () => {
    expect(argsWalkError({ fields: { tags: ["ok", "bad\ud800"] } }, 32)).toBe("broken");
    expect(argsWalkError({ fields: { custom: { ["k\udc00"]: 1 } } }, 32)).toBe("broken");
  });

  it("refuses an object or list at maxDepth, before a broken character seen first", () => {
    // nest(n) puts the leaf 2n levels down; an object at depth 4 is refused with maxDepth 4, a string is not.
    expect(argsWalkError(nest(2, "x"), 4)).toBe(null);
    expect(argsWalkError(nest(2, {}), 4)).toBe("deep");
    expect(argsWalkError({ a: "bad\ud800", b: nest(2, {}) }, 5)).toBe("deep");
    expect(argsWalkError(nest(100_000, {}), 32)).toBe("deep");
  });
});

describe("jsonSurelyWithin", () => {
  // Any UTF-16 unit, lone surrogates and control characters included: the ones JSON escapes longest.
  const text = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      text,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value")),
      fc.dictionary(text, tie("value")),
    ),
  })).value;

  it("never says a value fits when its JSON text is longer, in characters or in UTF-8 bytes", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        expect(jsonSurelyWithin(value, text.length - 1)).toBe(false);
        expect(jsonSurelyWithin(value, new TextEncoder().encode(text).length - 1)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("says a short record fits without measuring, and leaves anything but plain JSON values to be measured", () => {
    expect(jsonSurelyWithin({ name: "Ada", emails: ["ada@b.test"], amount: 12.5, custom: {} }, 1000)).toBe(true);
    expect(jsonSurelyWithin({ at: new Date(0) }, 1000)).toBe(false);
    expect(jsonSurelyWithin({ n: 1n }, 1000)).toBe(false);
  });

  it("bounds the longest numbers JSON writes, the decimal ones just above 1e-6 included", () => {
    // A property run found this one (25 characters) once in about a thousand values.
    for (const n of [-0.0000012345678901234567, -0.0000010000000238020952, -2.2250738585072014e-308]) {
      expect(jsonSurelyWithin(n, JSON.stringify(n).length - 1)).toBe(false);
      expect(jsonSurelyWithin(n, 25)).toBe(true);
    }
  });
});
