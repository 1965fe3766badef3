import { emailDomain, normalizeEmail, registrableDomain } from "../normalize.ts";
import { isFreeMailDomain } from "../free-mail.ts";
import type { PageContext } from "./context.ts";
import { parseMicroformats, type MfItem, type MfValue } from "./microformats.ts";
import { sameName } from "./names.ts";
import { isHostedPage } from "../hosts.ts";
import type { Source } from "./source.ts";
import { company, none, person, type Candidates } from "./types.ts";
import { addressFromParts } from "./postal-address.ts";
import type { PostalAddress } from "../postal-address.ts";

/** An h-card and whether it was found as someone's organisation (`p-org h-card`). */
interface FoundCard {
  card: MfItem;
  asOrg: boolean;
}

/**
 * Every h-card in a parse, wherever it sits: top level, children, or property values such as
 * `p-author` and `p-org`.
 */
function allCards(items: MfItem[]): FoundCard[] {
  const out: FoundCard[] = [];
  const stack: FoundCard[] = items.map((card) => ({ card, asOrg: false }));
  while (stack.length > 0) {
    const found = stack.pop()!;
    if (found.card.type.includes("h-card")) out.push(found);
    for (const [key, values] of Object.entries(found.card.properties)) {
      for (const v of values)
        if (typeof v !== "string") stack.push({ card: v, asOrg: key === "org" || key === "affiliation" });
    }
    if (found.card.children) stack.push(...found.card.children.map((card) => ({ card, asOrg: false })));
  }
  return out.reverse();
}

function strings(values: MfValue[] | undefined): string[] {
  return (values ?? [])
    .map((v) => (typeof v === "string" ? v : (v.value ?? "")))
    .map((v) => v.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

function emailOf(raw: string): string | null {
  // A classic email written as text ends up URL-resolved in some parsers; keep only the address.
  const value = raw.replace(/^mailto:/i, "").split("?")[0]!;
  return normalizeEmail(value.includes("/") ? value.slice(value.lastIndexOf("/") + 1) : value);
}

/** A card's address on one line, from a nested h-adr/adr or the card's own address properties. */
function addressOf(card: MfItem): string | null {
  const adr = card.properties["adr"]?.[0];
  const source = adr && typeof adr !== "string" ? adr.properties : card.properties;
  if (typeof adr === "string") return adr;
  const region = [strings(source["region"])[0], strings(source["postal-code"])[0]].filter(Boolean).join(" ");
  const parts = [
    strings(source["street-address"])[0],
    strings(source["extended-address"])[0],
    strings(source["locality"])[0],
    region || undefined,
    strings(source["country-name"])[0],
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(", ") : null;
}

/** A card's address in its parts: a nested h-adr/adr, or the card's own flat `p-street-address`, `p-locality`… */
function postalAddressOf(card: MfItem, region: string): PostalAddress | null {
  const adr = card.properties["adr"]?.[0];
  if (typeof adr === "string") return addressFromParts({ street: adr }, region);
  const source = adr ? adr.properties : card.properties;
  const first = (key: string) => strings(source[key])[0] ?? null;
  return addressFromParts(
    {
      street: first("street-address"),
      extended: first("extended-address"),
      poBox: first("post-office-box"),
      locality: first("locality"),
      region: first("region"),
      postalCode: first("postal-code"),
      country: first("country-name"),
    },
    region,
  );
}

/**
 * Turn cards into candidates: a card whose name is its organisation (or an h-org, or an org without
 * a name) is a company.
 */
function cardsToCandidates(cards: FoundCard[], ctx: PageContext): Candidates {
  const out = none();
  for (const { card, asOrg } of cards) {
    const name = strings(card.properties["name"])[0] ?? null;
    const orgValue = card.properties["org"]?.[0];
    const org =
      orgValue === undefined
        ? null
        : typeof orgValue === "string"
          ? orgValue.replace(/\s+/g, " ").trim() || null
          : (orgValue.value ?? strings(orgValue.properties["name"])[0] ?? null);
    const emails = strings(card.properties["email"])
      .map(emailOf)
      .filter((e): e is string => e !== null);
    const phones = strings(card.properties["tel"]).map((p) => ctx.phone(p));
    const urls = strings(card.properties["url"]).filter((u) => /^https?:/i.test(u));
    const isOrg =
      asOrg ||
      card.type.includes("h-org") ||
      (!name && org !== null) ||
      (name !== null && org !== null && sameName(name, org));
    if (isOrg) {
      // A LinkedIn or X page is one of the organisation's links, never its website.
      const websiteAt = urls.findIndex((u) => !isHostedPage(u));
      const website = urls[websiteAt] ?? null;
      const domain =
        (website && registrableDomain(website)) ||
        emails.map((e) => (isFreeMailDomain(e) ? null : emailDomain(e))).find(Boolean) ||
        null;
      out.companies.push(
        company("h-card", {
          name: name ?? org,
          domain,
          website,
          emails,
          phones,
          address: addressOf(card),
          postalAddress: postalAddressOf(card, ctx.region),
          urls: urls.filter((_, i) => i !== websiteAt),
          logo: strings(card.properties["logo"])[0] ?? null,
        }),
      );
    } else if (name && !(name.startsWith("@") && emails.length + phones.length === 0)) {
      // A card named by a handle alone ("@figma" in a post) is a mention of an account, not a person's card.
      out.people.push(
        person("h-card", {
          name,
          emails,
          phones,
          title: strings(card.properties["job-title"])[0] ?? strings(card.properties["role"])[0] ?? null,
          companyName: org,
          urls,
          location: addressOf(card),
          postalAddress: postalAddressOf(card, ctx.region),
          photo: strings(card.properties["photo"])[0] ?? null,
        }),
      );
    }
  }
  return out;
}

/** microformats2 h-card and classic hCard (`vcard`), including cards nested in other formats and `p-org h-card`. */
export const hCard: Source = {
  id: "h-card",
  extract(ctx: PageContext) {
    // Cheap pre-check: most pages have no cards at all, and every card is rooted at an `h-card` or `vcard` class
    // (matching class tokens is far cheaper than matching attribute substrings on every element).
    if (!ctx.doc.getElementsByClassName("h-card")[0] && !ctx.doc.getElementsByClassName("vcard")[0]) return none();
    return cardsToCandidates(allCards(parseMicroformats(ctx.doc, ctx.base)), ctx);
  },
};
