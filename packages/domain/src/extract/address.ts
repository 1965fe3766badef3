import { isHostedPage } from "../hosts.ts";
import { registrableDomain } from "../normalize.ts";
import { postalAddressLine, type PostalAddress } from "../postal-address.ts";
import type { PageContext } from "./context.ts";
import { textLines } from "./dom.ts";
import { isEventPage } from "./event-page.ts";
import { mayBeCityLine, parseAddressLines } from "./postal-address.ts";
import type { Source } from "./source.ts";
import { company, none } from "./types.ts";

// A label before an address on the same line ("Address: …", "Anschrift: …", "Siège social : …").
const LABEL = new RegExp(
  "^(?:(?:our |mailing |postal |street |office |business |registered |head |visiting )?address|adresse|anschrift|" +
    "postanschrift|hausanschrift|firmensitz|sitz(?: der gesellschaft)?|dirección|direccion|domicilio(?: social)?|" +
    "indirizzo|sede(?: legale| operativa)?|siège(?: social)?|siege social|adres|bezoekadres|postadres|" +
    "head ?office|headquarters|hq|registered office|office|visit us|find us|location)\\s*[:：]\\s*",
  "i",
);
// Structured items: their addresses belong to the json-ld, microdata and h-card sources and to whom they describe.
const STRUCTURED = "[itemscope], .h-card, .vcard, .h-adr, .adr, [typeof]";
// Where a site writes its own address: its footer, an `<address>`, a contact block.
const OWN_PLACES =
  'footer, address, [class*="footer" i], [id*="footer" i], [class*="contact" i], [class*="impressum" i]';
// Headings: an address there is what the page is about (a listing, a venue), not who runs the site.
const HEADINGS = "h1, h2";
// Lines that can be a city line or a Japanese address start: a digit or a 〒 somewhere.
const MAY_BE_ADDRESS = /[\d〒]/;

/**
 * The company's postal address written as text on its own pages: a legal notice (Impressum, mentions
 * légales, aviso legal), a contact page ("Address: …", `<address>`), a footer, a Japanese 所在地. It is
 * the page's company's (the site speaks for itself there); an address inside a person's or another
 * organisation's structured card is left to that card's source, an address in a heading is the page's
 * subject (a listing, a venue), and an event's page gives its venue's. One in the footer, an `<address>`
 * or after a label wins over one elsewhere.
 */
export const postalAddressText: Source = {
  id: "address",
  extract(ctx: PageContext) {
    let parsed: URL;
    try {
      parsed = new URL(ctx.url);
    } catch {
      return none();
    }
    // A profile or listing on someone else's site: whose address it is, the page does not say.
    if (!parsed.protocol.startsWith("http") || isHostedPage(ctx.url)) return none();
    const lines = ctx
      .visibleText()
      .split("\n")
      .map((line) => line.replace(/[\s\u00a0\u200b]+/g, " ").trim())
      .filter(Boolean);
    // Computed only once a line may be an address: most pages have none, and the queries are not free.
    let places: Places | null = null;
    const address = findAddress(lines, () => (places ??= placesOf(ctx)), ctx.region);
    // An event's page gives its venue's address, not its organiser's.
    if (!address || isEventPage(ctx)) return none();
    const domain = registrableDomain(parsed.hostname);
    return {
      people: [],
      companies: [
        company("text", {
          domain,
          website: `${parsed.protocol}//${parsed.host}`,
          address: postalAddressLine(address),
          postalAddress: address,
        }),
      ],
    };
  },
};

/** The lines of a page that say whose an address is. */
interface Places {
  /** Lines of structured items (schema.org, h-card): their addresses are their sources' and their subjects'. */
  structured: ReadonlySet<string>;
  /** Lines of the footer, `<address>` and contact blocks: where a site writes its own address. */
  own: ReadonlySet<string>;
  /** Heading lines: an address there is the page's subject (a listing, a venue). */
  headings: ReadonlySet<string>;
}

/**
 * The site's own address among a page's lines: read around each line that may be a city line, never in a
 * structured item or a heading; one in the footer, an `<address>`, a contact block or after a label
 * ("Address:", "Sitz:", 所在地) before any other, else the first.
 */
function findAddress(lines: readonly string[], places: () => Places, region: string): PostalAddress | null {
  let first: PostalAddress | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!MAY_BE_ADDRESS.test(line) || line.length > 160) continue;
    // Most lines are no city line (nor a 〒 postcode): the window around one is read only for those that may be.
    const unlabelled = line.replace(LABEL, "");
    if (!mayBeCityLine(unlabelled, region)) continue;
    const { structured, own, headings } = places();
    if (structured.has(line) || headings.has(line)) continue;
    // The lines before it may hold the street (and a suite), the next one the country.
    const window: string[] = [];
    for (let j = Math.max(0, i - 3); j <= Math.min(lines.length - 1, i + 1); j++) {
      const text = lines[j]!;
      if (structured.has(text) || headings.has(text)) continue;
      window.push(text.replace(LABEL, ""));
    }
    const address = parseAddressLines(window, region);
    // Anchored here: the city line (or 〒 postcode) is on this line, not on one a later window reaches.
    if (!address || !anchoredAt(address, line)) continue;
    const labelled = unlabelled !== line || (i > 0 && LABEL.test(`${lines[i - 1]!}:`));
    if (own.has(line) || labelled) return address;
    first ??= address;
  }
  return first;
}

function anchoredAt(address: { postalCode?: string; locality?: string; region?: string }, line: string): boolean {
  return Boolean(
    (address.postalCode && line.includes(address.postalCode.slice(0, 3))) ||
      (address.region && line.includes(address.region)),
  );
}

/** The lines of the page's structured items, of the places a site writes its own address, and of its headings. */
function placesOf(ctx: PageContext): Places {
  const root = ctx.doc.body ?? ctx.doc.documentElement;
  const linesOf = (selector: string, from: ParentNode | null = root): Set<string> => {
    const out = new Set<string>();
    if (!from) return out;
    for (const el of from.querySelectorAll(selector)) {
      if (el.parentElement?.closest(selector)) continue;
      for (const line of textLines(el)) out.add(line);
    }
    return out;
  };
  return {
    structured: linesOf(STRUCTURED),
    own: linesOf(OWN_PLACES),
    headings: linesOf(HEADINGS, ctx.doc),
  };
}
