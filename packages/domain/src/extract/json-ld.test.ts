import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { jsonLd, parseLenientJson } from "./json-ld.ts";

const script = (json: string) => `<script type="application/ld+json">${json}</script>`;

describe("parseLenientJson", () => {
  it("reads strict JSON", () => {
    expect(parseLenientJson('{"a":1}')).toEqual({ a: 1 });
  });
  it("repairs comments, trailing commas, raw newlines and HTML comments", () => {
    expect(parseLenientJson('{"a": "x", // note\n "b": [1,2,], /* c */ "c": "line\nbreak", }')).toEqual({
      a: "x",
      b: [1, 2],
      c: "line\nbreak",
    });
    expect(parseLenientJson('<!-- hi -->\n{"a": "<!-- kept -->"}')).toEqual({ a: "<!-- kept -->" });
  });
  it("gives up on garbage without throwing", () => {
    expect(parseLenientJson("{not json")).toBeNull();
    expect(parseLenientJson("")).toBeNull();
  });
});

describe("json-ld source", () => {
  it("reads a Person with worksFor, email and phone", () => {
    const found = jsonLd.extract(
      context(
        script(
          '{"@context":"https://schema.org","@type":"Person","name":"Jane ' +
            'Doe","jobTitle":"CTO","email":"mailto:Jane@Acme.com","telephone":"(425) ' +
            '123-4567","worksFor":{"@type":"Organization","name":"Acme"},"sameAs":["https://www.linkedin.com/in/jan' +
            'edoe"]}',
        ),
      ),
    );
    expect(found.people).toEqual([
      expect.objectContaining({
        name: "Jane Doe",
        title: "CTO",
        companyName: "Acme",
        emails: ["jane@acme.com"],
        phones: ["+14251234567"],
        urls: ["https://www.linkedin.com/in/janedoe"],
      }),
    ]);
    expect(found.companies.map((c) => c.name)).toEqual(["Acme"]);
  });

  it("follows @graph references and gives employees their employer", () => {
    const found = jsonLd.extract(
      context(
        script(
          '{"@graph":[{"@type":"Organization","@id":"#o","name":"Acme","url":"https://acme.io","founder":{"@id":"' +
            '#p"},"contactPoint":{"@type":"ContactPoint","telephone":"+1 206 555 ' +
            '0100","email":"sales@acme.io"}},{"@type":"Person","@id":"#p","name":"Ann Lee"}]}',
        ),
      ),
    );
    expect(found.people).toEqual([expect.objectContaining({ name: "Ann Lee", companyName: "Acme" })]);
    expect(found.companies[0]).toMatchObject({
      name: "Acme",
      domain: "acme.io",
      phones: ["+12065550100"],
      emails: ["sales@acme.io"],
    });
  });

  it("reads LocalBusiness subtypes and arrays of blocks, and skips broken and null blocks", () => {
    const found = jsonLd.extract(
      context(
        script("null") +
          script("{broken") +
          script(
            '[{"@type":"Dentist","name":"Smile Co","address":{"@type":"PostalAddress","streetAddress":"1 ' +
              'Main St","addressLocality":"Springfield"}}]',
          ),
      ),
    );
    expect(found.companies).toEqual([expect.objectContaining({ name: "Smile Co", address: "1 Main St, Springfield" })]);
  });

  it("passes the employer through an OrganizationRole", () => {
    const found = jsonLd.extract(
      context(
        script(
          '{"@type":"Organization","name":"Club","member":{"@type":"OrganizationRole","roleName":"Treasurer","mem' +
            'ber":{"@type":"Person","name":"Bo Chan"}}}',
        ),
      ),
    );
    expect(found.people).toEqual([expect.objectContaining({ name: "Bo Chan", companyName: "Club" })]);
  });
});

describe("json-ld: people typed as businesses", () => {
  it("reads a RealEstateAgent, Attorney or InsuranceAgency naming a person as that person, with firm and title", () => {
    const found = jsonLd.extract(
      context(
        script(
          '[{"@context":"https://schema.org","@type":"RealEstateAgent","name":"Dana Whitfield","jobTitle":"Broker Associate",' +
            '"telephone":"(707) 555-0148","parentOrganization":{"@type":"RealEstateAgent","name":"Vinehill Realty"}},' +
            '{"@context":"https://schema.org","@type":"Attorney","name":"Margaret Hollis","jobTitle":"Partner","branchOf":{"@type":"LegalService","name":"Castellan & Reyes LLP"}},' +
            '{"@context":"https://schema.org","@type":"InsuranceAgency","name":"Gonzalez Agency","givenName":"Maria","familyName":"Gonzalez","brand":{"@type":"Brand","name":"Brightshield Insurance"}}]',
        ),
      ),
    );
    expect(found.people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["Dana Whitfield", "Broker Associate", "Vinehill Realty"],
      ["Margaret Hollis", "Partner", "Castellan & Reyes LLP"],
      ["Maria Gonzalez", null, "Brightshield Insurance"],
    ]);
    expect(found.companies.map((c) => c.name)).toEqual(["Vinehill Realty", "Castellan & Reyes LLP"]);
  });

  it("keeps a practice or a firm named as a business a company", () => {
    const found = jsonLd.extract(
      context(
        script(
          '{"@context":"https://schema.org","@type":"Dentist","name":"Lakeshore Family Dentistry","employee":[{"@type":"Person","name":"Hannah Iverson","jobTitle":"Dentist"}]}',
        ),
      ),
    );
    expect(found.companies.map((c) => c.name)).toEqual(["Lakeshore Family Dentistry"]);
    expect(found.people.map((p) => [p.name, p.companyName])).toEqual([
      ["Hannah Iverson", "Lakeshore Family Dentistry"],
    ]);
  });
});
