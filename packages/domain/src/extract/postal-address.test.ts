import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../property-runs.ts";
import { addressFromParts, mayBeCityLine, mayHoldCityLine, parseAddressLines } from "./postal-address.ts";

describe("parseAddressLines", () => {
  it("reads a German legal notice: street line, postcode and city, country", () => {
    expect(parseAddressLines(["Kranich Logistik GmbH", "Hafenweg 14a", "20457 Hamburg", "Deutschland"], "DE")).toEqual({
      street: "Hafenweg 14a",
      postalCode: "20457",
      locality: "Hamburg",
      country: "DE",
    });
  });

  it("reads one line with commas and takes the country from the page when the postcode is written its way", () => {
    expect(parseAddressLines(["Musterstraße 12, 10115 Berlin"], "DE")).toEqual({
      street: "Musterstraße 12",
      postalCode: "10115",
      locality: "Berlin",
      country: "DE",
    });
    // The same line on a page of no known country: no country is guessed.
    expect(parseAddressLines(["Musterstraße 12, 10115 Berlin"], "US")?.country).toBeUndefined();
  });

  it("reads a French address with the number first and CEDEX", () => {
    expect(parseAddressLines(["12 rue de la Paix", "75002 Paris Cedex 02", "France"], "FR")).toEqual({
      street: "12 rue de la Paix",
      postalCode: "75002",
      locality: "Paris",
      country: "FR",
    });
  });

  it("reads a US address with a suite, city, state and ZIP", () => {
    expect(parseAddressLines(["500 Market Street, Suite 400, San Francisco, CA 94105"], "US")).toEqual({
      street: "500 Market Street, Suite 400",
      locality: "San Francisco",
      region: "CA",
      postalCode: "94105",
      country: "US",
    });
  });

  it("reads a British address with its postcode on a line of its own", () => {
    expect(parseAddressLines(["3 Wharf Road", "London", "N1 7GR", "United Kingdom"], "GB")).toEqual({
      street: "3 Wharf Road",
      locality: "London",
      postalCode: "N1 7GR",
      country: "GB",
    });
  });

  it("reads a Japanese address after 〒: prefecture, city, the rest as the street line", () => {
    expect(parseAddressLines(["〒100-0005 東京都千代田区丸の内1-1-1 丸の内ビル5F"], "JP")).toEqual({
      postalCode: "100-0005",
      region: "東京都",
      locality: "千代田区",
      street: "丸の内1-1-1 丸の内ビル5F",
      country: "JP",
    });
    expect(parseAddressLines(["所在地", "大阪府大阪市北区梅田2-4-9"], "JP")).toEqual({
      region: "大阪府",
      locality: "大阪市北区",
      street: "梅田2-4-9",
      country: "JP",
    });
  });

  it("finds no address in dates, counts, prices or registry lines", () => {
    expect(parseAddressLines(["Founded 2012", "2024 Berlin Marathon"], "DE")).toBeNull();
    expect(parseAddressLines(["Amtsgericht Charlottenburg HRB 12345", "USt-IdNr. DE123456789"], "DE")).toBeNull();
    expect(parseAddressLines(["Posted on 12 March 2025"], "GB")).toBeNull();
    expect(parseAddressLines(["Our office in 東京都千代田区 is near the station"], "JP")).toBeNull();
  });
});

describe("addressFromParts", () => {
  it("keeps named parts and turns a country name into its code", () => {
    expect(
      addressFromParts(
        { street: "Calle de Alcalá 48", locality: "Madrid", postalCode: "28014", country: "España" },
        "US",
      ),
    ).toEqual({ street: "Calle de Alcalá 48", locality: "Madrid", postalCode: "28014", country: "ES" });
  });

  it("reads a street part that holds the whole address", () => {
    expect(addressFromParts({ street: "Hafenweg 14a, 20457 Hamburg" }, "DE")).toEqual({
      street: "Hafenweg 14a",
      postalCode: "20457",
      locality: "Hamburg",
      country: "DE",
    });
  });

  it("infers the US from a state and ZIP, and leaves an unknown country out", () => {
    expect(addressFromParts({ locality: "Austin", region: "TX", postalCode: "78701" }, "GB")?.country).toBe("US");
    expect(addressFromParts({ locality: "Atlantis", country: "Atlantis" }, "US")).toEqual({ locality: "Atlantis" });
  });
});

// City lines as pages write them, each in a line with the parts around it.
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const upper = fc.constantFrom(..."ABCEGHJKLMNPRSTVWXYZ");
const cityLine = fc.oneof(
  fc
    .tuple(fc.constantFrom("San Francisco", "Boston", "Austin", ""), fc.constantFrom("CA", "MA", "TX", "NY"), digits(5))
    .map(([city, state, zip]) => `${city ? `${city}, ` : ""}${state} ${zip}`),
  fc
    .tuple(
      fc.constantFrom("Toronto", "Montréal"),
      fc.constantFrom("ON", "QC"),
      upper,
      digits(1),
      upper,
      digits(1),
      upper,
      digits(1),
    )
    .map(([city, prov, a, b, c, d, e, f]) => `${city}, ${prov} ${a}${b}${c} ${d}${e}${f}`),
  fc.tuple(fc.constantFrom("Sydney", "Melbourne"), fc.constantFrom("NSW", "VIC"), digits(4)).map((p) => p.join(" ")),
  fc
    .tuple(
      fc.constantFrom("London ", "Hebden Bridge ", ""),
      fc.constantFrom("EC2R", "N1", "HX7", "SW1A"),
      digits(1),
      upper,
      upper,
    )
    .map(([town, out, d, a, b]) => `${town}${out} ${d}${a}${b}`),
  fc
    .tuple(
      fc.constantFrom("", "D-", "F-", "de "),
      fc.oneof(
        digits(5),
        digits(4),
        digits(4).map((d) => `${d} AB`),
        fc.tuple(digits(2), digits(3)).map((p) => p.join("-")),
        fc.tuple(digits(3), digits(2)).map((p) => p.join(" ")),
      ),
      fc.constantFrom("Berlin", "Paris Cedex 02", "Wien", "Amsterdam", "Roma (RM)", "Uppsala", "Warszawa"),
    )
    .map(([prefix, code, city]) => `${prefix}${code} ${city}`),
  fc.constantFrom(
    "〒530-0001 大阪府大阪市北区梅田3-1-3",
    "東京都千代田区丸の内1-1-1",
    "所在地：大阪府大阪市北区梅田2-4-9",
  ),
);
const addressLine = fc
  .tuple(
    fc.constantFrom("", "Address: ", "Sitz: "),
    fc.constantFrom([], ["Kestrel Werke GmbH"], ["Lindenallee 7"], ["Acme Inc.", "500 Market Street", "Suite 4"]),
    cityLine,
    fc.constantFrom([], ["Germany"], ["+1 (617) 555-0142"]),
    fc.constantFrom(", ", " · ", " | ", " – "),
  )
  .map(([label, before, city, after, sep]) => label + [...before, city, ...after].join(sep));

/**
 * A line cut into the pieces (text nodes) a page may write it in: at spaces and separators, never inside a word
 * nor inside a postcode ("753 20", "EC2R 8EJ": a space between two words with digits).
 */
function piecesOf(line: string, cuts: readonly number[], spacing: readonly string[]): string[] {
  const at = new Set<number>();
  const gap = (c: string) => /[\s,·|–:：]/.test(c);
  for (let i = 1; i < line.length; i++) {
    if (gap(line[i - 1]!) === gap(line[i]!)) continue;
    const left = /(\S*)(\s*)$/.exec(line.slice(0, i))!;
    const right = /^(\s*)(\S*)/.exec(line.slice(i))!;
    if (/\d/.test(left[1]!) && /\d/.test(right[2]!) && `${left[2]}${right[1]}`.length > 0) continue;
    at.add(i);
  }
  const points = [...at].filter((_, n) => cuts.includes(n)).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const [n, point] of [...points, line.length].entries()) {
    let piece = line.slice(from, point);
    // A lone space between two elements is often not written: the page's walk puts it back.
    if (spacing[n % spacing.length] === "" && piece.endsWith(" ")) piece = piece.trimEnd();
    pieces.push(`${spacing[n % spacing.length] ?? ""}${piece}`);
    from = point;
  }
  return pieces;
}

describe("mayHoldCityLine", () => {
  it("holds for a piece of every city line, however the page cuts the line into text nodes", () => {
    fc.assert(
      fc.property(
        addressLine,
        fc.array(fc.nat(20), { maxLength: 8 }),
        fc.array(fc.constantFrom("", "\n    ", " ", "\u200b"), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("US", "DE", "FR", "GB", "NL", "PL", "SE", "JP", "IT"),
        (line, cuts, spacing, region) => {
          fc.pre(mayBeCityLine(line.replace(/^(?:Address|Sitz): /, ""), region));
          const pieces = piecesOf(line, cuts, spacing);
          expect(pieces.join("").replace(/[\s\u200b]+/g, "")).toBe(line.replace(/\s+/g, ""));
          expect(pieces.some(mayHoldCityLine), JSON.stringify(pieces)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
  });

  it("holds for none of the numbers most pages are full of", () => {
    for (const text of [
      "Since 2010",
      "Tier 2",
      "Section 12",
      "Partner Company 120",
      "10:30",
      "region 5.",
      "© 2024 Acme",
    ])
      expect(mayHoldCityLine(text), text).toBe(false);
    expect(mayHoldCityLine("+1 (617) 555-0142")).toBe(false);
  });
});
