import { describe, expect, it } from "vitest";
import { methodsInWords } from "./capture-methods.ts";

describe("methodsInWords", () => {
  it("says where a capture found a person, in a rep's words", () => {
    expect(methodsInWords(["layout", "mailto"])).toBe("Found in the page's team section and an email link");
    expect(methodsInWords(["signature"])).toBe("Found in the email signature");
    expect(methodsInWords(["json-ld", "microdata", "tel", "text"])).toBe(
      "Found in the page's structured data, a phone link and the page's text",
    );
  });

  it("reads provenance's joined form and leaves unknown methods out", () => {
    expect(methodsInWords("h-card+opengraph")).toBe("Found in a contact card in the page and the page's link preview");
    expect(methodsInWords(["mystery", "mailto"])).toBe("Found in an email link");
    expect(methodsInWords(["mystery"])).toBeNull();
    expect(methodsInWords([])).toBeNull();
  });
});
