import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { postalAddressText } from "./address.ts";
import { extractPage } from "./page.ts";
import { html } from "./__fixtures__/load.ts";

const at = (body: string, url = "https://www.kestrel-werke.de/impressum", lang = "de") =>
  postalAddressText.extract(context(`<html lang="${lang}"><body>${body}</body></html>`, url));

describe("address source", () => {
  it("reads a legal notice's address as the page company's, in its parts", () => {
    const found = at(
      "<h1>Impressum</h1><p>Kestrel Werke GmbH<br>Lindenallee 7<br>04109 Leipzig</p><p>Telefon: +49 341 99 00 12</p>",
    );
    expect(found.people).toEqual([]);
    expect(found.companies).toHaveLength(1);
    expect(found.companies[0]).toMatchObject({
      domain: "kestrel-werke.de",
      postalAddress: { street: "Lindenallee 7", postalCode: "04109", locality: "Leipzig", country: "DE" },
      address: "Lindenallee 7, 04109 Leipzig, Germany",
    });
  });

  it("reads a labelled one-line address without the label", () => {
    const found = at(
      "<p>Address: 88 Harbour Lane, Suite 5, Portland, ME 04101</p>",
      "https://www.tidewater-sail.com/contact",
      "en",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "88 Harbour Lane, Suite 5",
      locality: "Portland",
      region: "ME",
      postalCode: "04101",
      country: "US",
    });
  });

  it("reads 所在地 with its 〒 postcode", () => {
    const found = at(
      "<table><tr><th>所在地</th><td>〒530-0001<br>大阪府大阪市北区梅田3-1-3 ノースビル8F</td></tr></table>",
      "https://www.hikari-kogyo.co.jp/company/",
      "ja",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      postalCode: "530-0001",
      region: "大阪府",
      locality: "大阪市北区",
      street: "梅田3-1-3 ノースビル8F",
      country: "JP",
    });
  });

  it("leaves an address inside a person's structured card to that card", () => {
    const found = at(
      '<div class="h-card"><span class="p-name">Ida Brandt</span><p>Lindenallee 7<br>04109 Leipzig</p></div>',
    );
    expect(found.companies).toEqual([]);
  });

  it("finds nothing in registry numbers, years and prices", () => {
    const found = at(
      "<p>Amtsgericht Leipzig HRB 28841</p><p>Seit 1998 in 3 Generationen</p><p>Preis: 1.250 € zzgl. MwSt.</p>",
    );
    expect(found.companies).toEqual([]);
  });

  it("takes the site's own address from its footer, not the listing's in the heading", () => {
    const found = at(
      "<h1>48 Orchard Lane, Petaluma, CA 94952</h1><p>3 bd · 2 ba · $1,150,000</p>" +
        "<footer><p>Redwood Key Realty · 900 B Street, Santa Rosa, CA 95401</p></footer>",
      "https://www.redwoodkey.com/listings/48-orchard-lane",
      "en",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "900 B Street",
      locality: "Santa Rosa",
      region: "CA",
      postalCode: "95401",
      country: "US",
    });
  });

  it("leaves an event page's venue to nobody: it is not the organiser's address", () => {
    const found = at(
      "<h1>DataOps Summit 2026</h1><p>Venue: 10 Queen Street Place, London EC4R 1BE</p><h2>Speakers</h2>" +
        "<p>Agenda and tickets below.</p>",
      "https://www.dataopssummit.com/",
      "en",
    );
    expect(found.companies).toEqual([]);
  });

  it("takes a British street written without a number", () => {
    const found = at(
      "<address>Weaver's Barn<br>Mill Lane<br>Hebden Bridge<br>HX7 8AD</address>",
      "https://www.weaversbarn.co.uk/contact",
      "en-GB",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "Mill Lane",
      locality: "Hebden Bridge",
      postalCode: "HX7 8AD",
      country: "GB",
    });
  });

  it("reads nothing on a page hosted for someone else (a profile on a social network)", () => {
    const found = at("<p>Lindenallee 7<br>04109 Leipzig</p>", "https://www.linkedin.com/in/ida-brandt");
    expect(found.companies).toEqual([]);
  });
});

describe("addresses on the capture", () => {
  it("gives a person's h-card address to the person and the page's legal notice to the company", () => {
    const doc = html(
      '<html lang="de"><head><title>Kontakt | Kestrel Werke</title></head><body>' +
        '<div class="h-card"><span class="p-name">Ida Brandt</span> <span class="p-job-title">Vertrieb</span>' +
        '<p class="p-adr h-adr"><span class="p-street-address">Am Markt 3</span>, <span class="p-postal-code">04109</span> ' +
        '<span class="p-locality">Leipzig</span></p></div>' +
        "<footer><p>Kestrel Werke GmbH · Lindenallee 7 · 04109 Leipzig</p></footer></body></html>",
    );
    const result = extractPage(doc, "https://www.kestrel-werke.de/kontakt");
    const ida = result.people.find((p) => p.name === "Ida Brandt");
    expect(ida?.postalAddress).toEqual({
      street: "Am Markt 3",
      postalCode: "04109",
      locality: "Leipzig",
      country: "DE",
    });
    const home = result.companies.find((c) => c.domain === "kestrel-werke.de");
    expect(home?.postalAddress).toEqual({
      street: "Lindenallee 7",
      postalCode: "04109",
      locality: "Leipzig",
      country: "DE",
    });
  });

  it("reads a schema.org PostalAddress of an organisation and of a person", () => {
    const doc = html(
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Person","name":"Rosa Lind",' +
        '"address":{"@type":"PostalAddress","streetAddress":"Storgatan 12","addressLocality":"Uppsala",' +
        '"postalCode":"753 20","addressCountry":"Sweden"},"worksFor":{"@type":"Organization","name":"Lind Konsult AB",' +
        '"address":{"@type":"PostalAddress","streetAddress":"Kungsgatan 4","addressLocality":"Stockholm",' +
        '"postalCode":"111 43","addressCountry":{"@type":"Country","name":"SE"}}}}</script>',
    );
    const result = extractPage(doc, "https://lindkonsult.se/om-oss");
    expect(result.people[0]?.postalAddress).toEqual({
      street: "Storgatan 12",
      locality: "Uppsala",
      postalCode: "753 20",
      country: "SE",
    });
    expect(result.companies.find((c) => c.name === "Lind Konsult AB")?.postalAddress).toEqual({
      street: "Kungsgatan 4",
      locality: "Stockholm",
      postalCode: "111 43",
      country: "SE",
    });
  });

  it("reads microdata's PostalAddress on an organisation", () => {
    const doc = html(
      '<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Brisa Textil</span>' +
        '<div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">' +
        '<span itemprop="streetAddress">Rua Augusta 100</span> <span itemprop="postalCode">1100-053</span> ' +
        '<span itemprop="addressLocality">Lisboa</span> <span itemprop="addressCountry">PT</span></div></div>',
    );
    const result = extractPage(doc, "https://brisatextil.pt/contactos");
    expect(result.companies.find((c) => c.name === "Brisa Textil")?.postalAddress).toEqual({
      street: "Rua Augusta 100",
      postalCode: "1100-053",
      locality: "Lisboa",
      country: "PT",
    });
  });
});
