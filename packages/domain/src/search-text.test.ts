import { describe, expect, it } from "vitest";
import { prepareSearch } from "./search-query.ts";
import { foldForSearch, matchesSearch } from "./search-text.ts";

const find = (typed: string, texts: string[], phones: string[] = [], region = "US") => {
  const query = prepareSearch(typed, region);
  return query !== null && matchesSearch(query, texts, phones);
};

describe("search ignores accents", () => {
  it("folds accents and letters without marks", () => {
    expect(foldForSearch("Aoife Márquez")).toBe("aoife marquez");
    expect(foldForSearch("Jürgen Müller")).toBe("jurgen muller");
    expect(foldForSearch("Søren Łukasz Straße")).toBe("soren lukasz strasse");
    expect(foldForSearch("jane@acme.com")).toBe("jane@acme.com");
  });

  it("finds an accented name typed without accents, and the other way round", () => {
    expect(find("Marquez", ["Aoife Márquez"])).toBe(true);
    expect(find("muller", ["Jürgen Müller"])).toBe(true);
    expect(find("Márquez", ["Aoife Marquez"])).toBe(true);
    expect(find("Marquet", ["Aoife Márquez"])).toBe(false);
  });
});

describe("search finds phones typed in any format", () => {
  const stored = ["+14155550100"];
  it.each(["+1 (415) 555-0100", "415.555.0100", "4155550100", "(415) 555-0100", "555-0100", "5550100"])(
    "finds %s",
    (typed) => {
      expect(find(typed, ["Aoife Márquez"], stored)).toBe(true);
    },
  );

  it("reads a national number with its trunk prefix through the workspace's region", () => {
    expect(find("020 7946 0958", [], ["+442079460958"], "GB")).toBe(true);
    expect(find("020 7946 0958", [], ["+442079460958"], "US")).toBe(false);
    // Digits as typed still count when the region reads them as another country's number.
    expect(find("4155550100", [], ["+14155550100"], "GB")).toBe(true);
  });

  it("does not read short digit strings or words as phones", () => {
    expect(prepareSearch("415", "US")?.phoneDigits).toEqual([]);
    expect(prepareSearch("room 4155", "US")?.phoneDigits).toEqual([]);
    expect(find("4155550199", [], stored)).toBe(false);
  });

  it("looks for nothing when nothing is typed", () => {
    expect(prepareSearch("   ", "US")).toBeNull();
  });
});
