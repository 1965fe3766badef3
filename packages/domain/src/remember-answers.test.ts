import { describe, expect, it } from "vitest";
import { rememberAnswers } from "./remember-answers.ts";

/** A pure function that counts how often it is computed. */
function counted() {
  const asked: string[] = [];
  const compute = (text: string): string | null => {
    asked.push(text);
    return text.length > 3 ? text.toUpperCase() : null;
  };
  return { asked, compute };
}

describe("rememberAnswers", () => {
  it("answers each text as the function does, computing it once", () => {
    const { asked, compute } = counted();
    const remembered = rememberAnswers(compute);
    // Texts that differ by a space are two texts.
    const texts = ["Jane Doe", "CTO", "Jane Doe", "CTO", "Jane Doe ", "Jane Doe"];
    const answers = texts.map((text) => remembered(text));
    expect(answers).toEqual(["JANE DOE", null, "JANE DOE", null, "JANE DOE ", "JANE DOE"]);
    expect(asked).toEqual(["Jane Doe", "CTO", "Jane Doe "]);
  });

  it("remembers an answer of null or undefined too", () => {
    const asked: string[] = [];
    const remembered = rememberAnswers((text: string) => {
      asked.push(text);
      return text === "CTO" ? null : undefined;
    });
    for (const text of ["CTO", "CTO", "Email", "Email"]) remembered(text);
    expect(asked).toEqual(["CTO", "Email"]);
  });

  it("computes again once it was told to forget", () => {
    const { asked, compute } = counted();
    const remembered = rememberAnswers(compute);
    remembered("Jane Doe");
    remembered.forget();
    remembered("Jane Doe");
    expect(asked).toEqual(["Jane Doe", "Jane Doe"]);
  });

  it("keeps at most its limit of answers, and still answers right past it", () => {
    const { asked, compute } = counted();
    const remembered = rememberAnswers(compute, 3);
    for (const text of ["Anna", "Bert", "Cleo", "Dora", "Anna"]) expect(remembered(text)).toBe(text.toUpperCase());
    // The fourth text filled the store past its limit: the first answer was forgotten and computed again.
    expect(asked).toEqual(["Anna", "Bert", "Cleo", "Dora", "Anna"]);
  });
});
