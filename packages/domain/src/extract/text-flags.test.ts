import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../property-runs.ts";
import { context } from "./__fixtures__/load.ts";
import { mayHoldCityLine } from "./postal-address.ts";
import { hasWordAt } from "./text.ts";
import {
  AT_SIGN,
  CITY_HINT,
  DIGIT_OR_CUE,
  flagsOf,
  LABEL_OR_DASH,
  COMMA_OR_BRACKET,
  NOT_BLANK,
  SEVEN_DIGITS,
  textFlags,
  WORD_AT,
} from "./text-flags.ts";

// Two capitals, a capital beside a digit, a digit where postal-address.ts's whole postcode may start, a Japanese cue.
const CITY_HINT_PATTERN =
  /[A-Z]{2}|[A-Z]\d|\d[A-Z]|(?:^|[,·•|:：]|[\s\u200b][–—-])[\s\u200b]*(?:[A-Za-z]{1,2}[-‑\s\u200b])?\d|[〒所住本東北京大県]/;

/** The flags as each source asked them with its own test before the shared pass. */
function direct(value: string): number {
  return (
    (/\S/.test(value) ? NOT_BLANK : 0) |
    (value.includes("@") ? AT_SIGN : 0) |
    ((value.match(/\d/g)?.length ?? 0) >= 7 ? SEVEN_DIGITS : 0) |
    (hasWordAt(value) ? WORD_AT : 0) |
    (/[\d〒所住本東北京大県]/.test(value) ? DIGIT_OR_CUE : 0) |
    (/[:：—–]/.test(value) ? LABEL_OR_DASH : 0) |
    (/[,(]/.test(value) ? COMMA_OR_BRACKET : 0) |
    (CITY_HINT_PATTERN.test(value) ? CITY_HINT : 0)
  );
}

// Texts as pages write them, and the characters each flag turns on: every kind of whitespace, digits, the
// marks, the word "at" among words holding its letters, Japanese address cues beside other CJK characters.
const piece = fc.constantFrom(
  "at",
  "AT",
  "aT",
  "cat",
  "at_",
  "Watanabe",
  "(at)",
  " ",
  "\n",
  "\t",
  "\u00a0",
  "\u3000",
  "\u200b",
  "\ufeff",
  "\u2028",
  "0",
  "7",
  "12",
  "555 0142",
  "@",
  ",",
  "(",
  ":",
  "：",
  "—",
  "–",
  "-",
  ".",
  "〒",
  "東京都",
  "県",
  "所在地",
  "会社",
  "é",
  "Jane",
  "MA",
  "EC2R",
  "8EJ",
  "D-",
  "10115",
  "753",
  "D",
  "-",
  "‑",
  "·",
  "•",
  "|",
  "Sitz:",
  "Since 2014",
  "region 3",
  "t",
  "a",
  "_",
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

describe("text flags: the sources' first tests of a text node, in one pass", () => {
  it("answers each test as the direct test does", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(flagsOf(value)).toBe(direct(value));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("answers for any string, whatever its characters", () => {
    // Any UTF-16 unit, weighted toward ASCII and toward the characters `\s` matches beyond it.
    const unit = fc
      .oneof(
        fc.integer({ min: 0, max: 127 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.constantFrom(0x85, 0xa0, 0x1680, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff),
      )
      .map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (value) => {
        expect(flagsOf(value)).toBe(direct(value));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("never leaves out a piece of text that may hold a city line", () => {
    // The address source reads only the values with both flags: every one mayHoldCityLine accepts must have them.
    const both = DIGIT_OR_CUE | CITY_HINT;
    const city = fc.constantFrom(
      "MA 02210",
      "Boston, MA 02210",
      "EC2R 8EJ",
      "D-10115 Berlin",
      "753 20 Uppsala",
      "1012 AB",
      "Sitz: 1010 Wien",
      "00-950 Warszawa",
      ", 10115 Berlin",
      " – 75001 Paris",
      "ch‑8001 Zürich",
      "nl\u200b1012",
      "02210",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          city,
          fc.tuple(text, city, text).map((p) => p.join("")),
        ),
        (value) => {
          if (mayHoldCityLine(value)) expect(flagsOf(value) & both, value).toBe(both);
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
    for (const value of ["MA 02210", "EC2R 8EJ", "〒100-0005", "2T6", "Sitz: 1010 Wien", "ch‑8001 Zürich"])
      expect(mayHoldCityLine(value), value).toBe(true);
    for (const value of ["Since 2014", "Partner Company 12", "region 3"])
      expect(flagsOf(value) & CITY_HINT, value).toBe(0);
  });

  it("gives every value's flags at its index", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), (values) => {
        expect([...textFlags(values)]).toEqual(values.map(direct));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it("is shared by the page context, index for index with the text values", () => {
    const ctx = context("<p>Call <b>at</b> 555 0142 0199</p>\n<p>mail: jane@acme.com</p><p>〒100-0005</p>");
    expect([...ctx.textFlags()]).toEqual(ctx.textValues().map(direct));
    expect(ctx.textFlags()).toBe(ctx.textFlags());
    expect(ctx.textValues()[3]).toBe("\n");
    expect(ctx.textFlags()[3]).toBe(0);
  });
});
