import fc from "fast-check";
import { type CountryCode, findNumbers, getCountries, getExampleNumber } from "libphonenumber-js/min";
import examples from "libphonenumber-js/examples.mobile.json";
import { describe, expect, it } from "vitest";
import { fewestPhoneDigits, mayHoldPhone, shortestMatch } from "./phone-digits.ts";

const found = (text: string, region: string): number =>
  findNumbers(text, { defaultCountry: region as CountryCode, v2: true }).filter((m) => m.number.isValid()).length;

describe("shortestMatch", () => {
  it("reads the shortest national number a pattern accepts", () => {
    expect(shortestMatch(String.raw`[2-9]\d{9}|3\d{6}`)).toBe(7);
    expect(shortestMatch(String.raw`(?:[2-9]\d|1)?\d{4}(?:\d{2})?`)).toBe(4);
    expect(shortestMatch(String.raw`8\d{7,9}|(?:5[0-2]|6)\d{5}`)).toBe(6);
  });
});

describe("mayHoldPhone", () => {
  it("lets through every country's example number, written nationally and internationally", () => {
    for (const region of getCountries()) {
      const example = getExampleNumber(region, examples);
      if (!example) continue;
      for (const text of [`Tel. ${example.formatNational()}`, `Tel. ${example.formatInternational()}`]) {
        if (found(text, region) > 0) expect(mayHoldPhone(text, region), `${region}: ${text}`).toBe(true);
      }
    }
  });

  it("lets through a number whose national prefix rule writes in digits (San Marino's 0549)", () => {
    expect(found("Tel 891234", "SM")).toBe(1);
    expect(mayHoldPhone("Tel 891234", "SM")).toBe(true);
  });

  it("lets through a number after the region's international prefix", () => {
    expect(found("Tel 00 683 1234", "DE")).toBe(1);
    expect(mayHoldPhone("Tel 00 683 1234", "DE")).toBe(true);
  });

  it("lets through a short international number after a plus, shorter than any national one", () => {
    expect(found("Tel +43 1000", "US")).toBe(1);
    expect(mayHoldPhone("Tel +43 1000", "US")).toBe(true);
  });

  it("counts digits beyond ASCII (full-width), as the finder reads them", () => {
    const text = "Tel ０７４００ １２３４５６";
    expect(found(text, "GB")).toBe(1);
    expect(mayHoldPhone(text, "GB")).toBe(true);
  });

  it("stops an address whose digits are split by words", () => {
    expect(fewestPhoneDigits("US", false)).toBe(7);
    expect(mayHoldPhone("Example Robotics, Inc. · 200 Harbor Way, Boston, MA 02210 · ", "US")).toBe(false);
  });

  it("never stops a text in which the finder finds a valid number", () => {
    const regions = ["US", "GB", "DE", "FR", "SM", "NU", "AT", "JP", "BR", "AR", "IN", "AU"] as const;
    const piece = fc.oneof(
      fc.constantFrom(" ", "-", ".", "(", ")", "/", "+", "ext. ", "x", "Tel ", "MA ", "·", ",", "\u00a0", "０", "٣"),
      fc.stringMatching(/^\d{1,6}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom(...regions), (pieces, region) => {
        const text = pieces.join("");
        if (found(text, region) > 0) expect(mayHoldPhone(text, region)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
