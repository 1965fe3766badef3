import { registrableDomain } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { textOf } from "./dom.ts";
import { isHostedPage, isSocialUrl, mayNameSocialHost } from "../hosts.ts";
import type { Source } from "./source.ts";
import { company, none } from "./types.ts";

const TITLE_SEPARATORS = /\s+[|–—·•:-]\s+|\s+-\s+/;
const GENERIC_PAGE_WORDS = new RegExp(
  "^(home|homepage|about|about us|team|our team|contact|contact us|" +
    "people|leadership|speakers|careers|blog|news|welcome)$",
  "i",
);

/** The company behind the page: name (application-name, title), domain, website, logo, address, social links. */
export const companyPage: Source = {
  id: "company",
  extract(ctx: PageContext) {
    let parsed: URL;
    try {
      parsed = new URL(ctx.url);
    } catch {
      return none();
    }
    if (!parsed.protocol.startsWith("http") || isHostedPage(ctx.url)) return none();
    const doc = ctx.doc;
    const domain = registrableDomain(parsed.hostname);
    const name = ctx.meta("application-name", "apple-mobile-web-app-title") ?? nameFromTitle(doc.title, domain);
    const social = new Set<string>();
    // Company social links live in the header and footer; body links are often about other people.
    // The cheap tests first and the parse last: most links name no network, and a network's link in the page's body
    // (a person's profile) is not the company's.
    for (const { a, href } of ctx.anchors()) {
      if (
        !href.startsWith("http") ||
        !mayNameSocialHost(href) ||
        /\/(share|sharer|intent|home)\b|shareArticle/i.test(href) ||
        !a.closest('footer, header, [class*="social" i], [class*="footer" i]') ||
        !isSocialUrl(href)
      )
        continue;
      social.add(href.replace(/\/+$/, ""));
    }
    // Structured addresses belong to the json-ld, microdata and h-card sources and to whoever they describe.
    const addressEl = ctx
      .tagged("address")
      .find(
        (el) =>
          !el.closest("[itemscope], .h-card, .vcard, .h-adr, .adr") &&
          !el.querySelector("[itemscope], .h-card, .vcard, .h-adr, .adr"),
      );
    const address = addressEl ? textOf(addressEl) : null;
    // One pass over the images instead of descendant selectors, which are slow on large pages; read from the
    // document's own list and stopped at the first logo (the pass often ends at the first images).
    const images = doc.getElementsByTagName("img");
    let logoEl: Element | undefined;
    for (let i = 0; i < images.length && !logoEl; i++) {
      const img = images[i]!;
      const marks =
        `${img.getAttribute("class") ?? ""} ${img.getAttribute("alt") ?? ""} ` +
        `${img.parentElement?.getAttribute("class") ?? ""}`;
      if (/logo/i.test(marks)) logoEl = img;
    }
    // The site icon stands in for a logo only when the page shows none.
    const logo =
      logoEl?.getAttribute("src") ??
      ctx
        .tagged("link")
        .find((link) => isIconLink(link.getAttribute("rel")))
        ?.getAttribute("href");
    return {
      people: [],
      companies: [
        company("page", {
          name,
          domain,
          website: `${parsed.protocol}//${parsed.host}`,
          address: address && address.length <= 200 ? address : null,
          urls: [...social],
          logo: ctx.resolve(logo),
        }),
      ],
    };
  },
};

/** `rel~="icon"` or `rel="apple-touch-icon"`, case-insensitive. */
function isIconLink(rel: string | null): boolean {
  const value = rel?.toLowerCase();
  return value !== undefined && (value === "apple-touch-icon" || value.split(/[ \t\n\f\r]+/).includes("icon"));
}

// A section of the site after its name: "Kestrel Labs Newsroom", "Tidewater Engineering Blog".
const SITE_SECTION =
  /\s+(?:engineering\s+)?(?:newsroom|news|blog|press(?:\s+room)?|media\s+centre|media\s+center|careers|jobs|help\s+center|help\s+centre|support|docs|status)$/i;

function withoutSection(name: string): string {
  const stripped = name.replace(SITE_SECTION, "").trim();
  return stripped || name;
}

/** The site name in a document title ("About us | Acme Inc" → "Acme Inc"), when one segment is plausibly the brand. */
export function nameFromTitle(title: string | null | undefined, domain: string | null): string | null {
  const parts = (title ?? "")
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const label = domain?.split(".")[0]?.toLowerCase() ?? "";
  // Prefer the segment that matches the domain's label, else the last short segment.
  const byDomain = parts.find(
    (p) =>
      label &&
      p
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
        .includes(label.replace(/[^a-z0-9]/g, "")),
  );
  if (byDomain && byDomain.split(" ").length <= 5) return withoutSection(byDomain);
  const last = parts[parts.length - 1]!;
  return last.split(" ").length <= 4 && !GENERIC_PAGE_WORDS.test(last) ? withoutSection(last) : null;
}
