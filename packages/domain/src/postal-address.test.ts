import { describe, expect, it } from "vitest";
import { LeadFieldsSchema } from "./lead.ts";
import { CompanySchema } from "./company.ts";
import {
  countryCode,
  postalAddressLine,
  postalAddressLines,
  postalAddressOf,
  PostalAddressSchema,
} from "./postal-address.ts";

describe("PostalAddressSchema", () => {
  it("keeps the parts, trimmed, the country as an upper-case code", () => {
    expect(PostalAddressSchema.parse({ street: " Musterstraße 12 ", postalCode: "10115", country: "de" })).toEqual({
      street: "Musterstraße 12",
      postalCode: "10115",
      country: "DE",
    });
  });

  it("refuses an address with no part, a country that is not a code, and control characters", () => {
    expect(PostalAddressSchema.safeParse({}).success).toBe(false);
    expect(PostalAddressSchema.safeParse({ country: "Germany" }).success).toBe(false);
    expect(PostalAddressSchema.safeParse({ street: "Main St\u0000" }).success).toBe(false);
  });

  it("is optional on records: an old record without it still parses, a new one defaults to null", () => {
    expect(LeadFieldsSchema.parse({ name: "Ana" }).postalAddress).toBeNull();
    const old = {
      id: "0190a1b2-0000-7000-8000-000000000001",
      name: "Acme",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    expect(CompanySchema.safeParse(old).success).toBe(true);
    expect(postalAddressOf(undefined)).toBeNull();
    expect(postalAddressOf({ locality: "Berlin" })).toEqual({ locality: "Berlin" });
  });
});

describe("postalAddressLines", () => {
  it("puts the postcode before the city in Germany", () => {
    expect(
      postalAddressLines({ street: "Musterstraße 12", postalCode: "10115", locality: "Berlin", country: "DE" }),
    ).toEqual(["Musterstraße 12", "10115 Berlin", "Germany"]);
  });

  it("writes city, state and ZIP on one line in the United States", () => {
    expect(
      postalAddressLines({
        street: "500 Market Street, Suite 400",
        locality: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      }),
    ).toEqual(["500 Market Street, Suite 400", "San Francisco, CA 94105", "United States"]);
  });

  it("puts a British postcode on its own line", () => {
    expect(
      postalAddressLines({ street: "1 Poultry", locality: "London", postalCode: "EC2R 8EJ", country: "GB" }),
    ).toEqual(["1 Poultry", "London", "EC2R 8EJ", "United Kingdom"]);
  });

  it("writes a Japanese address from the prefecture down, after its postcode", () => {
    expect(
      postalAddressLines(
        { postalCode: "100-0005", region: "東京都", locality: "千代田区", street: "丸の内1-1-1", country: "JP" },
        { omitCountry: "JP" },
      ),
    ).toEqual(["〒100-0005", "東京都千代田区丸の内1-1-1"]);
  });

  it("joins the lines on one line with commas", () => {
    expect(postalAddressLine({ locality: "Paris", postalCode: "75008", country: "FR" })).toBe("75008 Paris, France");
  });
});

describe("countryCode", () => {
  it.each([
    ["Germany", "DE"],
    ["Deutschland", "DE"],
    ["Österreich", "AT"],
    ["France", "FR"],
    ["España", "ES"],
    ["USA", "US"],
    ["United States", "US"],
    ["UK", "GB"],
    ["United Kingdom", "GB"],
    ["日本", "JP"],
    ["de", "DE"],
  ])("%s → %s", (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it("names no country for other words and private-use codes", () => {
    expect(countryCode("Berlin")).toBeNull();
    expect(countryCode("ZZ")).toBeNull();
    expect(countryCode("XX")).toBeNull();
    expect(countryCode("")).toBeNull();
  });
});
