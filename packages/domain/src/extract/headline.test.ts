import { describe, expect, it } from "vitest";
import { forgetHeadlineAnswers, splitHeadline } from "./headline.ts";

describe("splitHeadline", () => {
  it("splits a headline into title and company", () => {
    expect(splitHeadline("VP Sales at Acme")).toEqual({ title: "VP Sales", company: "Acme" });
    expect(splitHeadline("Engineer, Acme Corp")).toEqual({ title: "Engineer", company: "Acme Corp" });
    expect(splitHeadline(null)).toEqual({ title: null, company: null });
  });

  it("gives each caller its own answer: changing one leaves the next as the headline reads", () => {
    const first = splitHeadline("CTO @ Kestrel Labs");
    first.title = null;
    first.company = "Changed";
    expect(splitHeadline("CTO @ Kestrel Labs")).toEqual({ title: "CTO", company: "Kestrel Labs" });
    forgetHeadlineAnswers();
    expect(splitHeadline("CTO @ Kestrel Labs")).toEqual({ title: "CTO", company: "Kestrel Labs" });
  });
});
