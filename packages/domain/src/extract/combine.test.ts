import { describe, expect, it } from "vitest";
import { combineCandidates } from "./combine.ts";
import { company, person } from "./types.ts";

describe("combineCandidates", () => {
  it("combines one person seen by several sources, keeping provenance per field", () => {
    const { people } = combineCandidates([
      { people: [person("json-ld", { name: "Jane Doe", title: "CTO" })], companies: [] },
      { people: [person("mailto", { name: "Jane Doe", emails: ["jane@acme.com"] })], companies: [] },
      {
        people: [
          person("layout", {
            name: "Dr. Jane Doe",
            title: "Chief Technology Officer",
            urls: ["https://www.linkedin.com/in/JaneDoe/"],
          }),
        ],
        companies: [],
      },
    ]);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      name: "Jane Doe",
      title: "CTO",
      emails: ["jane@acme.com"],
      sources: ["json-ld", "layout", "mailto"],
    });
    expect(people[0]!.evidence).toContainEqual({ field: "title", value: "Chief Technology Officer", method: "layout" });
    expect(people[0]!.confidence).toBeGreaterThan(0.9);
  });

  it("joins people by email or profile URL even when names differ in form", () => {
    const { people } = combineCandidates([
      {
        people: [
          person("h-card", { name: "J. Doe", emails: ["jane@acme.com"] }),
          person("text", { name: "Jane Doe", emails: ["jane@acme.com"] }),
        ],
        companies: [],
      },
    ]);
    expect(people).toHaveLength(1);
  });

  it("keeps different people with similar names apart", () => {
    const { people } = combineCandidates([
      { people: [person("json-ld", { name: "Ana Ruiz" }), person("json-ld", { name: "Ana M. Ruiz" })], companies: [] },
    ]);
    expect(people).toHaveLength(2);
  });

  it("gives unnamed contacts to the person their address spells, else to the page's company", () => {
    const { people, companies } = combineCandidates(
      [
        {
          people: [
            person("layout", { name: "Ann Lee" }),
            person("text", { emails: ["ann.lee@acme.io"] }),
            person("text", { emails: ["info@acme.io"] }),
          ],
          companies: [company("page", { name: "Acme", domain: "acme.io" })],
        },
      ],
      { pageDomain: "acme.io" },
    );
    expect(people[0]!.emails).toEqual(["ann.lee@acme.io"]);
    expect(companies).toEqual([expect.objectContaining({ name: "Acme", emails: ["info@acme.io"] })]);
  });

  it("combines companies by domain and name", () => {
    const { companies } = combineCandidates([
      {
        people: [],
        companies: [
          company("json-ld", { name: "Acme, Inc.", domain: "acme.io", phones: ["+12065550100"] }),
          company("opengraph", { name: "Acme", domain: "acme.io" }),
        ],
      },
    ]);
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({ name: "Acme, Inc.", sources: ["json-ld", "opengraph"] });
  });
  it("keeps degrees and courtesy titles out of a combined person's name", () => {
    const { people } = combineCandidates([
      {
        people: [person("layout", { name: "Prof. Dr.-Ing. Anna Weber", emails: ["anna.weber@hs-rw.de"] })],
        companies: [],
      },
      { people: [person("mailto", { name: "Anna Weber", emails: ["anna.weber@hs-rw.de"] })], companies: [] },
    ]);
    expect(people.map((p) => p.name)).toEqual(["Anna Weber"]);
  });
});
