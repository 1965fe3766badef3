import { describe, expect, it } from "vitest";
import { fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { splitHeadline } from "./headline.ts";
import { profile } from "./profile.ts";

describe("splitHeadline", () => {
  it("splits the common forms", () => {
    expect(splitHeadline("VP Sales at Acme")).toEqual({ title: "VP Sales", company: "Acme" });
    expect(splitHeadline("Senior Account Executive | Lumen Pipeline")).toEqual({
      title: "Senior Account Executive",
      company: "Lumen Pipeline",
    });
    expect(splitHeadline("Director of Sales Strategy, Quarry Labs")).toEqual({
      title: "Director of Sales Strategy",
      company: "Quarry Labs",
    });
  });
});

describe("profile source", () => {
  it("reads a LinkedIn profile: name, headline, current company, location, canonical URL", () => {
    const { doc, url } = fixture("linkedin-profile.html");
    const found = profile.extract(createContext(doc, url));
    expect(found.people).toEqual([
      expect.objectContaining({
        name: "Jordan Ellis",
        title: "Senior Product Manager",
        companyName: "Stackfield",
        location: "Berlin, Berlin, Germany",
        urls: ["https://www.linkedin.com/in/jordan-ellis-0a1b2c3"],
      }),
    ]);
  });

  it("stays silent on pages that are not profiles", () => {
    const { doc } = fixture("company-page.html");
    expect(profile.extract(createContext(doc, "https://www.northwind-analytics.com/contact")).people).toEqual([]);
  });
});
