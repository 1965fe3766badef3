import { describe, expect, it } from "vitest";
import { looksLikePersonName } from "./names.ts";

describe("looksLikePersonName", () => {
  it("refuses street lines and organisations' names", () => {
    for (const text of [
      "Carlton Street",
      "Victoria Square",
      "Rue Oberkampf",
      "Calle Mayor",
      "Hauptstraße",
      "Am Lindenplatz",
      "Orla Systems",
      "Stellan Ventures",
      "Northpoint Capital",
    ])
      expect(looksLikePersonName(text), text).toBe(false);
  });
  it("still takes names that share words with places", () => {
    for (const text of ["Jennifer Park", "Benjamin Hill", "Lois Lane", "Ana Street-Ruiz"])
      expect(looksLikePersonName(text), text).toBe(true);
  });
});
