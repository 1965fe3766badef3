import { describe, expect, it } from "vitest";
import { context, fixture, html } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { isEventPage } from "./event-page.ts";
import { rdfa, readRdfa } from "./rdfa.ts";

const resolve = (href: string | null) => (href ? new URL(href, "https://x.org/").href : null);

describe("readRdfa", () => {
  it("reads RDFa Lite under a schema.org vocab: nested items, content before text, links as values", () => {
    const doc = html(
      '<div vocab="http://schema.org/" typeof="Person"><span property="name">Jane Doe</span>' +
        '<a property="telephone" href="tel:+15550100" content="+1 555 0100">call</a>' +
        '<a property="url" href="/jane">home</a>' +
        '<span property="worksFor" typeof="Organization"><span property="name">Acme</span></span></div>',
    );
    const [person] = readRdfa(doc, resolve);
    expect(person!.types).toEqual(["Person"]);
    expect(person!.props.get("name")).toEqual(["Jane Doe"]);
    expect(person!.props.get("telephone")).toEqual(["+1 555 0100"]);
    expect(person!.props.get("url")).toEqual(["https://x.org/jane"]);
    const org = person!.props.get("worksFor")![0] as { types: string[]; props: Map<string, unknown[]> };
    expect(org.types).toEqual(["Organization"]);
    // The organisation's name is its own, not the person's.
    expect(org.props.get("name")).toEqual(["Acme"]);
  });
  it("reads prefixed terms (schema: by default or declared) and leaves other vocabularies alone", () => {
    const doc = html(
      '<div prefix="s: https://schema.org/ foaf: http://xmlns.com/foaf/0.1/" typeof="s:Person">' +
        '<span property="s:name">Ann Lee</span><span property="foaf:nick">annie</span>' +
        '<span property="schema:jobTitle">CTO</span></div>' +
        '<div typeof="foaf:Person"><span property="foaf:name">Not Schema</span></div>',
    );
    const roots = readRdfa(doc, resolve);
    expect(roots[0]!.types).toEqual(["Person"]);
    expect([...roots[0]!.props.keys()]).toEqual(["name", "jobTitle"]);
    expect(roots[1]?.types ?? []).toEqual([]);
  });
  it("reads terms without a vocab as nothing", () => {
    const doc = html('<div typeof="Person"><span property="name">Jane Doe</span></div>');
    expect(readRdfa(doc, resolve)).toEqual([]);
  });
});

describe("rdfa source", () => {
  it("finds the person of an RDFa profile page with their company, phone, email and profile", () => {
    const { doc, url } = fixture("rdfa-profile.html");
    const found = rdfa.extract(createContext(doc, url));
    expect(found.people).toHaveLength(1);
    expect(found.people[0]).toMatchObject({
      method: "rdfa",
      name: "Priya Raman",
      title: "VP of Engineering",
      companyName: "Fabrikam Robotics",
      emails: ["priya.raman@fabrikam-robotics.com"],
      phones: ["+16175550188"],
      urls: ["https://www.linkedin.com/in/priya-raman-fab/"],
    });
    expect(found.companies.map((c) => c.name)).toEqual(["Fabrikam Robotics"]);
  });
  it("marks a page typed as an RDFa Event as an event page", () => {
    const ctx = context(
      '<main vocab="https://schema.org/" typeof="BusinessEvent"><h1 property="name">Forum 2024</h1>' +
        '<li property="performer" typeof="Person"><span property="name">Tobias Reinholt</span></li></main>',
    );
    expect(isEventPage(ctx)).toBe(true);
  });
});
