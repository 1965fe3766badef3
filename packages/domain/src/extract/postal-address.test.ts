import { describe, expect, it } from "vitest";
import { addressFromParts, parseAddressLines } from "./postal-address.ts";

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
