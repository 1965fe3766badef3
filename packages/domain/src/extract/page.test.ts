import { describe, expect, it } from "vitest";
import { fixture, html } from "./__fixtures__/load.ts";
import { extractPage, extractPageDetailed } from "./page.ts";
import { CaptureResultSchema } from "./result.ts";

describe("extractPage", () => {
  it("returns the contract shape", () => {
    const { doc, url } = fixture("company-page.html");
    const result = extractPage(doc, url);
    expect(CaptureResultSchema.parse(result)).toEqual(result);
    expect(result.email).toBeNull();
  });

  it("captures a company page: JSON-LD organisation and founder, mailto contact, one company", () => {
    const { doc, url } = fixture("company-page.html");
    const result = extractPage(doc, url);
    expect(result.people.map((p) => p.name).sort()).toEqual(["Marcus Oyelaran", "Priya Raman"]);
    expect(result.people.find((p) => p.name === "Marcus Oyelaran")).toMatchObject({
      title: "Head of Partnerships",
      companyName: "Northwind Analytics",
      emails: ["marcus.oyelaran@northwind-analytics.com"],
    });
    expect(result.companies).toHaveLength(1);
    expect(result.companies[0]).toMatchObject({
      name: "Northwind Analytics",
      domain: "northwind-analytics.com",
      emails: ["sales@northwind-analytics.com", "press@northwind-analytics.com"],
    });
  });

  it("captures every person of a team page with the page's company", () => {
    const { doc, url } = fixture("team-page.html");
    const result = extractPage(doc, url);
    expect(result.people).toHaveLength(7);
    expect(result.people.find((p) => p.name === "Tom Okafor")).toMatchObject({
      phones: ["+442079460123"],
      companyName: "Brightwater Consulting",
    });
    expect(result.companies[0]).toMatchObject({
      name: "Brightwater Consulting",
      emails: ["hello@brightwater.co.uk"],
      phones: ["+442079460000"],
    });
  });

  it("recognises obfuscated emails and German numbers", () => {
    const { doc, url } = fixture("obfuscated-emails.html");
    const result = extractPage(doc, url);
    expect(result.people.find((p) => p.name.endsWith("Katrin Feldmann"))).toMatchObject({
      emails: ["katrin.feldmann@feldmann-architekten.de"],
      phones: ["+493012345678"],
    });
    expect(result.people.find((p) => p.name === "Jonas Weber")).toMatchObject({
      emails: ["j.weber@feldmann-architekten.de"],
      title: "Projektleiter",
    });
    expect(result.companies[0]!.emails.sort()).toEqual([
      "info@feldmann-architekten.de",
      "jobs@feldmann-architekten.de",
    ]);
  });

  it("captures a profile page's person once", () => {
    const { doc, url } = fixture("linkedin-profile.html");
    const result = extractPage(doc, url);
    expect(result.people).toEqual([
      expect.objectContaining({ name: "Jordan Ellis", companyName: "Stackfield", sources: ["profile", "opengraph"] }),
    ]);
    expect(result.companies).toEqual([]);
  });

  it("keeps provenance per field in the detailed result", () => {
    const { doc, url } = fixture("personal-site.html");
    const detailed = extractPageDetailed(doc, url);
    const maya = detailed.people.find((p) => p.name === "Maya Lindgren")!;
    expect(maya.evidence).toContainEqual({ field: "emails", value: "maya@mayalindgren.dev", method: "h-card" });
    expect(maya.evidence).toContainEqual({ field: "emails", value: "maya@mayalindgren.dev", method: "mailto" });
  });

  it("survives empty and odd documents", () => {
    expect(extractPage(html(""), "not a url")).toEqual({ people: [], companies: [], email: null });
  });

  // Speed lives in the bench (`npm run bench -- capture.bench`: ≤ 10× one plain walk, measured in the same run);
  // this only checks that a large page still yields its people. The long timeout is no speed goal: the test runner
  // shares two cores with other files.
  it("extracts the people of a 10,000-element page", { timeout: 60_000 }, () => {
    const cards = Array.from(
      { length: 2500 },
      (_, i) => `<div class="row"><span class="cell">Item ${i}</span><a href="/p/${i}">more</a><em>${i * 7}</em></div>`,
    ).join("");
    const team = Array.from(
      { length: 30 },
      (_, i) =>
        `<div class="card"><h3>Person ${String.fromCharCode(65 + (i % 26))}` +
        `${String.fromCharCode(97 + Math.floor(i / 26))}son</h3><p>Engineer</p><a href="mailto:p${i}` +
        `@acme.com">mail</a></div>`,
    ).join("");
    const doc = html(
      `<main>${cards}<section>${team}</section><footer>Call +1 206 555 0100 · info@acme.com</footer></main>`,
    );
    expect(doc.querySelectorAll("*").length).toBeGreaterThan(10_000);
    expect(extractPage(doc, "https://acme.com/").people.length).toBe(30);
  });

  it("keeps a social network's page out of a company's website and domain", () => {
    const ld = {
      "@context": "https://schema.org",
      "@type": "Person",
      name: "Priya Raman",
      url: "https://www.linkedin.com/in/priya-raman-4b1a2c3",
      worksFor: [
        { "@type": "Organization", name: "Globex Logistics", url: "https://www.linkedin.com/company/globex-logistics" },
        { "@type": "Organization", name: "Initech", url: "https://www.linkedin.com/company/initech" },
      ],
    };
    const doc = html(
      `<html><head><meta property="og:site_name" content="LinkedIn"><meta ` +
        `property="og:type" content="profile"><script type="application/ld+json">` +
        `${JSON.stringify(ld)}</script></head><body><h1>Priya Raman</h1></body></html>`,
    );
    const result = extractPage(doc, "https://www.linkedin.com/in/priya-raman-4b1a2c3/");
    expect(result.people.map((p) => p.companyName)).toEqual(["Globex Logistics"]);
    expect(result.companies.map((c) => [c.name, c.domain, c.website, c.urls])).toEqual([
      ["Globex Logistics", null, null, ["https://www.linkedin.com/company/globex-logistics"]],
      ["Initech", null, null, ["https://www.linkedin.com/company/initech"]],
    ]);
  });
});
