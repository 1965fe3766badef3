import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { prose, splitRole } from "./prose.ts";

const people = (markup: string) =>
  prose.extract(context(markup)).people.map((p) => ({ name: p.name, title: p.title, company: p.companyName }));

describe("prose source", () => {
  it("reads a legal notice's managing directors without their degrees, titled by the label", () => {
    const { doc, url } = fixture("legal-notice.html");
    expect(prose.extract(createContext(doc, url)).people.map((p) => [p.name, p.title])).toEqual([
      ["Henrike Voss", "Geschäftsführer"],
      ["Malte Brandt", "Geschäftsführer"],
    ]);
  });

  it("reads mentions légales and aviso legal, a title written after the name winning over the label", () => {
    expect(
      people(
        "<p>Gérant : M. Julien Perrot</p><p>Directrice de la publication : Mme Hélène Marchetti, Présidente</p>" +
          "<ul><li>Administrador único: D. Javier Ortega Ruiz</li><li>Domicilio: Calle Mayor 4, Madrid</li></ul>" +
          "<p>Verantwortlich nach § 18 Abs. 2 MStV: Jörg Wendt, Anschrift wie oben</p>",
      ),
    ).toEqual([
      { name: "Julien Perrot", title: "Gérant", company: null },
      { name: "Hélène Marchetti", title: "Présidente", company: null },
      { name: "Javier Ortega Ruiz", title: "Administrador único", company: null },
      { name: "Jörg Wendt", title: null, company: null },
    ]);
  });

  it("reads a podcast's guest and host, and the people a press release quotes", () => {
    expect(
      people(
        "<p>March 19 · Hosted by Marcus Lee</p><p>Our guest today is Priya Raman, VP of Engineering at Fabrikam. " +
          "Priya joins us to talk about platforms.</p>" +
          '<p>"This round lets us close that gap," said Tomasz Nowak, CEO of Kestrel Labs.</p>' +
          '<p>"It was the culture," says Ilse de Vries, Director of Infrastructure.</p>',
      ),
    ).toEqual([
      { name: "Marcus Lee", title: null, company: null },
      { name: "Priya Raman", title: "VP of Engineering", company: "Fabrikam" },
      { name: "Tomasz Nowak", title: "CEO", company: "Kestrel Labs" },
      { name: "Ilse de Vries", title: "Director of Infrastructure", company: null },
    ]);
  });

  it("reads an article's byline", () => {
    expect(
      people(
        '<div class="post-byline">By <a href="/a/hc" rel="author">Hannah Cole</a>, Staff Engineer · <time>Feb 6, 2024</time></div>',
      ),
    ).toEqual([{ name: "Hannah Cole", title: "Staff Engineer", company: null }]);
  });

  it("names nobody from everyday sentences", () => {
    expect(
      people(
        "<p>By clicking Accept All you agree to our cookies.</p><p>Our guest house is open all year.</p>" +
          "<p>The report, said Northwind Traders, was late.</p><p>Vertreten durch: unsere Geschäftsleitung</p>",
      ),
    ).toEqual([]);
  });
});

describe("splitRole", () => {
  it("splits title and company at 'at' or 'of', not at a department", () => {
    expect(splitRole("VP of Engineering at Fabrikam")).toEqual({ title: "VP of Engineering", company: "Fabrikam" });
    expect(splitRole("CEO of Kestrel Labs")).toEqual({ title: "CEO", company: "Kestrel Labs" });
    expect(splitRole("Director of Infrastructure")).toEqual({ title: "Director of Infrastructure", company: null });
  });
});
