import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PostalAddress } from "../postal-address.ts";
import { propertyRuns } from "../property-runs.ts";
import { context } from "./__fixtures__/load.ts";
import { HEADINGS, LINE_BLOCKS, OWN_PLACES, STRUCTURED, addressOnLine, postalAddressText } from "./address.ts";
import type { PageContext } from "./context.ts";
import { blockText, textLines } from "./dom.ts";
import { isEventPage } from "./event-page.ts";
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

/**
 * The address as read over every line of the page's text (the source reads only the lines around the text
 * that may hold a postcode): each line that may be a city line, in order; the first in the footer, an
 * `<address>`, a contact block or after a label, else the first.
 */
function wholePageAddress(ctx: PageContext): PostalAddress | null {
  const root = ctx.doc.body!;
  const linesOf = (selector: string, from: ParentNode): Set<string> => {
    const out = new Set<string>();
    for (const el of from.querySelectorAll(selector)) {
      if (el.parentElement?.closest(selector)) continue;
      for (const line of textLines(el)) out.add(line);
    }
    return out;
  };
  const structured = linesOf(STRUCTURED, root);
  const own = linesOf(OWN_PLACES, root);
  const headings = linesOf(HEADINGS, ctx.doc);
  const lines = textLines(root);
  let first: PostalAddress | null = null;
  for (let k = 0; k < lines.length; k++) {
    const found = addressOnLine(lines, k, (line) => structured.has(line) || headings.has(line), ctx.region);
    if (!found) continue;
    if (found.labelled || own.has(lines[k]!)) return found.address;
    first ??= found.address;
  }
  return first;
}

// Pages made of address blocks (each address written once, so that no two places share a line), numbers that
// are no address, and the elements pages wrap them in: blocks, inline runs, lists, tables, footers, contact
// blocks, structured cards, headings, hidden parts, <pre>, directories with an address a row.
let serial = 0;
const INWARD = "ABDEFGHJLNPQRSTUWXYZ";
const addressLines = fc.constantFrom(
  (n: number) => ["Kestrel Werke GmbH", `Lindenallee ${n}`, `${10000 + n} Leipzig`],
  (n: number) => [`Kestrel Werke GmbH · Lindenallee ${n} · ${20000 + n} Hamburg`, "Deutschland"],
  (n: number) => [`${n} Harbor Way`, "Suite 5", `Boston, MA ${String(2100 + n).padStart(5, "0")}`],
  (n: number) => [`Address: ${n} Harbour Lane, Portland, ME ${String(4100 + n).padStart(5, "0")}`],
  (n: number) => ["Anschrift", `Hafenweg ${n}`, `${30000 + n} Hannover`],
  (n: number) => [`${n} rue de la Paix`, `${75000 + n} Paris`, "France"],
  // The inward code's letters follow n's tens, so that no two addresses of one page share their postcode line.
  (n: number) => [
    "Weaver's Barn",
    "Mill Lane",
    `Town${String.fromCharCode(65 + (n % 26))}`,
    `HX${n % 10} ${n % 10}${INWARD[Math.floor(n / 10) % 20]}${INWARD[Math.floor(n / 200) % 20]}`,
  ],
  (n: number) => ["所在地", `〒530-${String(n).padStart(4, "0")}`, `大阪府大阪市北区梅田3-1-${n}`],
  (n: number) => [`${n} George Street`, `Sydney NSW ${2000 + n}`],
);
const noise = fc.constantFrom("Since 2010", "Tier 2", "Tel: 030 1234567", "© 2024 Kestrel", "Preis: 1.250 €", "10:30");
const layout = fc.constantFrom("br", "divs", "list", "table", "spans", "glued");
const wrapper = fc.constantFrom(
  "",
  "div",
  "section",
  "footer",
  'div class="site-contact"',
  'div class="h-card"',
  "h2",
  "a",
  "span",
  'div style="display:none"',
  "pre",
  "script",
);
const gap = fc.constantFrom("", "\n  ", " ", "Contact ", "<span>Tier 3</span>");

/** One address written in a layout: lines as <br>-separated text, elements per line, a list, a table, spans. */
function render(lines: string[], how: string): string {
  const words = (line: string, glue: string) =>
    line
      .split(" ")
      .map((w) => `<span>${w}</span>`)
      .join(glue);
  switch (how) {
    case "br":
      return `<p>${lines.join("<br>\n")}</p>`;
    case "divs":
      return lines.map((l) => `<div>${l}</div>`).join("\n");
    case "list":
      return `<ul>${lines.map((l) => `<li>${l}</li>`).join("")}</ul>`;
    case "table":
      return `<table>${lines.map((l, i) => `<tr><th>${i}</th><td>${l}</td></tr>`).join("")}</table>`;
    case "spans":
      return `<div>${lines.map((l) => words(l, " ")).join("<br>")}</div>`;
    default:
      return `<p>${lines.map((l) => words(l, "")).join("<br>")}</p>`;
  }
}

/** A directory of addresses, one a row: a table, a list of cards, blocks of lines. */
function directory(rows: ReadonlyArray<(n: number) => string[]>, how: string): string {
  const each = rows.map((lines) => lines(++serial));
  if (how === "table")
    return `<table>${each.map((l) => `<tr><td>Office</td>${l.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</table>`;
  if (how === "list") return `<ul>${each.map((l) => `<li><a href="#">${render(l, "br")}</a></li>`).join("")}</ul>`;
  return each.map((l) => `<div class="office">${render(l, "divs")}</div>`).join("\n");
}

interface Part {
  lines?: (n: number) => string[];
  noise?: string;
  rows?: Array<(n: number) => string[]>;
  how: string;
  wrap: string;
  before: string;
}
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ lines: addressLines, how: layout, wrap: wrapper, before: gap }),
  fc.record({ noise, how: layout, wrap: wrapper, before: gap }),
  fc.record({ rows: fc.array(addressLines, { minLength: 2, maxLength: 14 }), how: layout, wrap: wrapper, before: gap }),
);
const page = fc.record({
  parts: fc.array(part, { minLength: 1, maxLength: 7 }),
  // Parts grouped in sections, a long list before some, the body itself marked.
  grouping: fc.array(fc.constantFrom("", "<div>", "</div>", "<section>", "</section>", "<main>", "</main>"), {
    maxLength: 7,
  }),
  filler: fc.nat(40),
  body: fc.constantFrom("", ' class="page-contact"', " itemscope"),
  site: fc.constantFrom(
    ["https://www.kestrel-werke.de/impressum", "de"],
    ["https://www.tidewater-sail.com/contact", "en"],
    ["https://www.hikari-kogyo.co.jp/company/", "ja"],
    ["https://www.weaversbarn.co.uk/contact", "en-GB"],
  ),
});

type Page = typeof page extends fc.Arbitrary<infer T> ? T : never;

function pageHtml(p: Page): string {
  const parts = p.parts.map((item, i) => {
    const inner = item.rows
      ? directory(item.rows, item.how)
      : render(item.lines ? item.lines(++serial) : [item.noise!], item.how);
    const [tag] = item.wrap.split(" ");
    const wrapped = item.wrap ? `<${item.wrap}>${inner}</${tag}>` : inner;
    return `${item.before}${wrapped}${p.grouping[i] ?? ""}`;
  });
  const filler = `<ul>${Array.from({ length: p.filler }, (_, i) => `<li>Footer link ${i}</li>`).join("\n")}</ul>`;
  return `<html lang="${p.site[1]}"><body${p.body}>${filler}${parts.join("\n")}</body></html>`;
}

describe("the address source reads only around the text that may hold a postcode", () => {
  // The long timeout is no speed goal: each run parses its page twice, and the test runner shares a busy machine.
  it("finds what reading every line of the page finds, however the page lays its lines out", {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(page, (p) => {
        const markup = pageHtml(p);
        const ctx = context(markup, p.site[0]);
        const whole = isEventPage(ctx) ? null : wholePageAddress(context(markup, p.site[0]));
        const found = postalAddressText.extract(ctx).companies[0]?.postalAddress ?? null;
        expect(found, markup).toEqual(whole);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("reads the street from the paragraph before, when the city line's paragraph opens a long section", () => {
    const legal = Array.from({ length: 30 }, (_, i) => `<p>Clause ${i + 1}: terms apply.</p>`).join("");
    const found = at(
      `<main><h1>Impressum</h1><p>Kestrel Werke GmbH</p><p>Lindenallee 7</p><section><p>04109 Leipzig</p>${legal}</section></main>`,
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "Lindenallee 7",
      postalCode: "04109",
      locality: "Leipzig",
      country: "DE",
    });
  });

  it("reads a city line written in several elements, and the country on the block after it", () => {
    const found = at(
      "<footer><div><span>Kestrel Werke GmbH</span></div><div><span>Lindenallee</span> <b>7</b></div>" +
        "<div><span>04109</span><span>Leipzig</span></div></footer><div>Deutschland</div>",
      "https://www.kestrel-werke.com/contact",
      "en",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "Lindenallee 7",
      postalCode: "04109",
      locality: "Leipzig",
      country: "DE",
    });
  });

  it("reads the whole line when text stands beside the block (the line before is not the block's alone)", () => {
    const found = at("<div>Lindenallee 7<p>04109 Leipzig</p></div>");
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "Lindenallee 7",
      postalCode: "04109",
      locality: "Leipzig",
      country: "DE",
    });
  });

  it("reads every row of a long directory: the head office named in its eleventh row", () => {
    const rows = Array.from(
      { length: 14 },
      (_, i) =>
        `<tr><td>Branch ${i + 1}</td><td>Mon–Fri 9–5</td><td>branch${i + 1}@harbor-logistics.com</td><td>` +
        (i === 10
          ? "Headquarters: 1 Harbor Way, Boston, MA 02210"
          : `${100 + i} Main Street, Springfield, IL ${62701 + i}`) +
        "</td></tr>",
    );
    const found = at(
      `<main><h1>Our offices</h1><table>${rows.join("")}</table></main>`,
      "https://www.harbor-logistics.com/offices",
      "en",
    );
    expect(found.companies[0]?.postalAddress).toEqual({
      street: "1 Harbor Way",
      locality: "Boston",
      region: "MA",
      postalCode: "02210",
      country: "US",
    });
  });

  it("lists only elements the page's text walk starts a line at", () => {
    for (const name of LINE_BLOCKS) {
      if (["html", "body", "br", "hr", "table", "tbody", "thead", "tr", "dl", "ol", "ul"].includes(name)) continue;
      const doc = html(`<div>before<${name}>inside</${name}>after</div>`);
      expect(blockText(doc.body).split("\n").filter(Boolean), name).toEqual(["before", "inside", "after"]);
    }
  });
});
