import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { extractPage } from "./page.ts";
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

describe("prose source on agendas", () => {
  const agenda =
    '<html><head><meta property="og:type" content="event"><title>Agenda – RevOps Summit</title></head><body>' +
    '<div class="session"><h3>Opening keynote</h3><ul><li><strong>Lena Marsh</strong>, Chief Revenue Officer, Quillmetric</li></ul></div>' +
    '<div class="session"><h3>Panel: Forecasting</h3><p>Moderator: <strong>Omar Haddad</strong>, VP Sales Operations, Hollis Data</p>' +
    "<p>Panelists: <strong>Jia Wen Lim</strong>, Director of RevOps, Kestrel Labs · <strong>Lena Marsh</strong>, Chief Revenue Officer, Quillmetric</p></div>" +
    "<table><tr><td>19:40</td><td>Forms</td><td>Aylin Demir (Accessibility Consultant, Freelance)</td></tr></table>" +
    '<footer><a href="mailto:hello@revopssummit.example">hello@revopssummit.example</a></footer></body></html>';

  it("reads speakers, moderators and panelists once each, with their own title and company, never the event's", () => {
    const people = extractPage(context(agenda).doc, "https://revopssummit.example/agenda").people;
    expect(people.map((p) => [p.name, p.title, p.companyName, p.website])).toEqual([
      ["Lena Marsh", "Chief Revenue Officer", "Quillmetric", null],
      ["Omar Haddad", "VP Sales Operations", "Hollis Data", null],
      ["Jia Wen Lim", "Director of RevOps", "Kestrel Labs", null],
      ["Aylin Demir", "Accessibility Consultant", null, null],
    ]);
  });

  it("takes no entry from a sentence or a byline's 'By'", () => {
    expect(
      people(
        "<p>George W. Bush, the 43rd President of the United States</p><p>By Hannah Cole, Staff Engineer</p>" +
          "<p>Byron Katie, Author, Speaker</p>",
      ).map((p) => p.name),
    ).toEqual(["Hannah Cole"]);
  });
});

describe("prose source: interviews, session dashes and quote attributions", () => {
  it("reads who an interview sat down with, a speaker after a session's dash or before their role's, and a testimonial's <cite>", () => {
    expect(
      people(
        "<p>This month we sat down with Kenji Mori, Chief Scientist at Helix Bio, to talk about robots.</p>" +
          "<dl><dt>08:30</dt><dd>Keynote — Sarah Okoye, CTO, Brightline Payments</dd></dl>" +
          "<ul><li><strong>Ines Haddad</strong> — Revenue Controller, Parkline Foods</li></ul>" +
          '<blockquote>"We stopped firefighting." <cite>Dana Ruiz, Head of Fulfilment, Globex</cite></blockquote>' +
          "<figure><img src='x.jpg' alt=''><figcaption>Sunset over the harbour, Cape Town</figcaption></figure>",
      ),
    ).toEqual([
      { name: "Dana Ruiz", title: "Head of Fulfilment", company: "Globex" },
      { name: "Kenji Mori", title: "Chief Scientist", company: "Helix Bio" },
      { name: "Sarah Okoye", title: "CTO", company: "Brightline Payments" },
      { name: "Ines Haddad", title: "Revenue Controller", company: "Parkline Foods" },
    ]);
  });
});

describe("prose source: attributions and bylines marked by their class", () => {
  it("reads a testimonial's author and a quote's attribution by class, a byline by class or rel=author, and no other class", () => {
    const ctx = context(
      '<div class="testimonial"><p>"It just works."</p><p class="testimonial-author">— Dana Ruiz, Head of Fulfilment, Globex</p></div>' +
        '<blockquote><p>"Fewer surprises."</p><div class="blockquote-attribution">— Omar Haddad, CFO, Parkline Foods</div></blockquote>' +
        '<p class="c-byline">By Hannah Cole</p><p>By <a rel="author" href="/a/mk">Mika Kato</a></p>' +
        '<div class="layout"><span class="button">— Tom Hale, Director of Sales, Acme</span></div>',
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["Hannah Cole", null, null],
      ["Mika Kato", null, null],
      ["Dana Ruiz", "Head of Fulfilment", "Globex"],
      ["Omar Haddad", "CFO", "Parkline Foods"],
    ]);
  });
});

describe("prose source: marked elements in page order", () => {
  it("reads bylines marked by 'byline' and by 'author-name' in the order the page shows them, each once", () => {
    const ctx = context(
      '<span class="author-name">Hannah Cole</span><div class="post-byline">By Tomas Berg</div>' +
        '<p class="byline author-name">Ines Duarte</p><span class="author-name">Lars Nilsson</span>',
    );
    expect(prose.extract(ctx).people.map((p) => p.name)).toEqual([
      "Hannah Cole",
      "Tomas Berg",
      "Ines Duarte",
      "Lars Nilsson",
    ]);
  });
});

describe("prose source: the next guest of the same sentence", () => {
  it("reads a second person introduced with 'and Name, a role with Company' after a quoted one", () => {
    const ctx = context(
      "<p>Our panel was joined by Lena Fisk, Head of Data at Corvo Freight, and Ade Bello, a pricing analyst with Marlow Shipping. " +
        "Later, Tom and Jerry, our mascots, waved.</p>",
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["Lena Fisk", "Head of Data", "Corvo Freight"],
      ["Ade Bello", "pricing analyst", "Marlow Shipping"],
    ]);
  });
});

describe("prose source: whom to contact", () => {
  it("reads the person a page tells its reader to talk to, with the role up to the dash, not a team or a form", () => {
    const ctx = context(
      "<p>New projects: talk to Rosa Lind, Studio Director — rosa@studio.example</p><p>Speak to Ada Fern, Office Manager.</p>" +
        "<p>Contact Customer Care, any weekday.</p><p>Speak to Ben Ode, who knows everything.</p>",
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["Rosa Lind", "Studio Director"],
      ["Ada Fern", "Office Manager"],
    ]);
  });
});

describe("prose source: a bold name and its role", () => {
  it("reads the role after a bold name's comma up to the sentence's end, and no bold text that is no person", () => {
    const ctx = context(
      "<p><strong>Ngozi Eze</strong>, Managing Partner. Admitted to the bar in 2009, Bar No. 24081123.</p>" +
        "<p><b>Tomas Lind</b>, PR Manager (Nordics)<br>tomas@x.example</p>" +
        "<p><strong>Free consultation</strong>, Monday to Friday.</p><p><strong>Ada Berg</strong>, who joined in 2019.</p>" +
        "<p><b>Ivo Marsh</b>, Riverside Rooms, Kelda Hotels Ltd</p>",
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["Ngozi Eze", "Managing Partner"],
      ["Tomas Lind", "PR Manager (Nordics)"],
    ]);
  });
});

describe("splitRole", () => {
  it("splits title and company at 'at' or 'of', not at a department", () => {
    expect(splitRole("VP of Engineering at Fabrikam")).toEqual({ title: "VP of Engineering", company: "Fabrikam" });
    expect(splitRole("CEO of Kestrel Labs")).toEqual({ title: "CEO", company: "Kestrel Labs" });
    expect(splitRole("Director of Infrastructure")).toEqual({ title: "Director of Infrastructure", company: null });
  });
});

describe("a sentence listing a body's members", () => {
  it("reads each member, with the role in brackets", () => {
    const ctx = context(
      "<p>Our trustees are Aoife Kenny (Chair), Patrick Doyle and Dr Niamh Walsh. Trustees are unpaid volunteers.</p>" +
        "<p>The directors are responsible for the accounts.</p><p>Our founders are Lena Marsh and Tom Becker.</p>",
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["Aoife Kenny", "Chair"],
      ["Patrick Doyle", null],
      ["Niamh Walsh", null],
      ["Lena Marsh", null],
      ["Tom Becker", null],
    ]);
  });
  it("reads the members a management's sentence lists in Dutch, German and French, without lower-case degrees", () => {
    const ctx = context(
      "<p>De directie bestaat uit ir. Joost de Rover (technisch directeur) en Marloes Kamp (commercieel directeur).</p>" +
        "<p>Die Geschäftsführung besteht aus Heike Brandt und Jan Ostrowski.</p>" +
        "<p>La direction est composée de Claire Dubois (directrice générale) et Marc Petit.</p>",
    );
    expect(prose.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["Joost de Rover", "technisch directeur"],
      ["Marloes Kamp", "commercieel directeur"],
      ["Heike Brandt", null],
      ["Jan Ostrowski", null],
      ["Claire Dubois", "directrice générale"],
      ["Marc Petit", null],
    ]);
  });
});
