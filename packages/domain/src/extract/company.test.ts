import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { companyPage, nameFromTitle } from "./company.ts";
import { createContext } from "./context.ts";

describe("nameFromTitle", () => {
  it("picks the brand segment", () => {
    expect(nameFromTitle("Contact us | Northwind Analytics", "northwind-analytics.com")).toBe("Northwind Analytics");
    expect(nameFromTitle("Our team – Brightwater Consulting", "brightwater.co.uk")).toBe("Brightwater Consulting");
    expect(nameFromTitle("Welcome", "acme.com")).toBeNull();
  });
});

describe("company source", () => {
  it("reads the company behind the page", () => {
    const { doc, url } = fixture("company-page.html");
    const [found] = companyPage.extract(createContext(doc, url)).companies;
    expect(found).toMatchObject({
      name: "Northwind Analytics",
      domain: "northwind-analytics.com",
      website: "https://www.northwind-analytics.com",
      logo: "https://www.northwind-analytics.com/assets/logo.svg",
    });
    expect(found!.urls).toContain("https://www.linkedin.com/company/northwind-analytics");
    expect(found!.address).toContain("500 Howard Street");
  });

  it("does not claim platforms' or local files' pages", () => {
    expect(
      companyPage.extract(context("<title>Jane | LinkedIn</title>", "https://www.linkedin.com/in/jane")).companies,
    ).toEqual([]);
    expect(companyPage.extract(context("<title>x</title>", "file:///tmp/page.html")).companies).toEqual([]);
  });
});
