import { isHostedPage } from "../hosts.ts";
import { registrableDomain } from "../normalize.ts";
import { postalAddressLine } from "../postal-address.ts";
import type { PageContext } from "./context.ts";
import { textLines } from "./dom.ts";
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
// Lines that can be a city line or a Japanese address start: a digit or a 〒 somewhere.
const MAY_BE_ADDRESS = /[\d〒]/;

/**
 * The company's postal address written as text on its own pages: a legal notice (Impressum, mentions
 * légales, aviso legal), a contact page ("Address: …", `<address>`), a footer, a Japanese 所在地. It is
 * the page's company's (the site speaks for itself there); an address inside a person's or another
 * organisation's structured card is left to that card's source. The first address of the page wins.
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
    // Computed only once a line may be an address: most pages have none, and the query is not free.
    let structured: Set<string> | null = null;
    const address = findAddress(lines, () => (structured ??= structuredLines(ctx)), ctx.region);
    if (!address) return none();
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

/** The first address in a page's lines, read around each line that may be its city line. */
export function findAddress(lines: readonly string[], structured: () => ReadonlySet<string>, region: string) {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!MAY_BE_ADDRESS.test(line) || line.length > 160) continue;
    // Most lines are no city line (nor a 〒 postcode): the window around one is read only for those that may be.
    if (!mayBeCityLine(line.replace(LABEL, ""), region)) continue;
    const skip = structured();
    if (skip.has(line)) continue;
    // The lines before it may hold the street (and a suite), the next one the country.
    const window: string[] = [];
    for (let j = Math.max(0, i - 3); j <= Math.min(lines.length - 1, i + 1); j++) {
      const text = lines[j]!;
      if (skip.has(text)) continue;
      window.push(text.replace(LABEL, ""));
    }
    const address = parseAddressLines(window, region);
    // Anchored here: the city line (or 〒 postcode) is on this line, not on one a later window reaches.
    if (address && anchoredAt(address, line)) return address;
  }
  return null;
}

function anchoredAt(address: { postalCode?: string; locality?: string; region?: string }, line: string): boolean {
  return Boolean(
    (address.postalCode && line.includes(address.postalCode.slice(0, 3))) ||
      (address.region && line.includes(address.region)),
  );
}

/** The lines of the page's structured items (schema.org, h-card), whose addresses this source leaves alone. */
function structuredLines(ctx: PageContext): Set<string> {
  const out = new Set<string>();
  const root = ctx.doc.body ?? ctx.doc.documentElement;
  if (!root) return out;
  for (const el of root.querySelectorAll(STRUCTURED)) {
    if (el.parentElement?.closest(STRUCTURED)) continue;
    for (const line of textLines(el)) out.add(line);
  }
  return out;
}
