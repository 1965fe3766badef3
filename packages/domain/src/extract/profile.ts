import { canonicalProfileUrl, isProfileUrl } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { jsonLdScripts } from "./json-ld.ts";
import { looksLikePersonName } from "./names.ts";
import type { Source } from "./source.ts";
import { none, person } from "./types.ts";

// Alternatives per field, newest markup first; each comment says where the markup comes from.
const NAME = [
  "h1.text-heading-xlarge", // LinkedIn, signed-in profile (2021–)
  "h1.top-card-layout__title", // LinkedIn, public (signed-out) profile
  ".pv-text-details__left-panel h1", // LinkedIn, 2022 layout
  "span.p-name.vcard-fullname", // GitHub user page
  '[data-testid="UserName"] span', // X profile header
  "h1",
];
const HEADLINE = [
  "div.text-body-medium.break-words", // LinkedIn, signed-in profile
  "h2.top-card-layout__headline", // LinkedIn, public profile
  "div.p-note.user-profile-bio", // GitHub bio
  '[data-testid="UserDescription"]', // X bio
];
const LOCATION = [
  "span.text-body-small.inline.t-black--light.break-words", // LinkedIn, signed-in profile
  ".top-card-layout__first-subline .top-card__subline-item", // LinkedIn, public profile
  "span.p-label", // GitHub "home location"
  '[data-testid="UserLocation"]', // X
];
const COMPANY = [
  // LinkedIn, signed-in: "Current company: Acme. Click to skip to experience card"
  'button[aria-label^="Current company"]',
  'a[data-tracking-control-name="public_profile_topcard-current-company"]', // LinkedIn, public profile
  "span.p-org", // GitHub organisation
];

function first(doc: Document, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    if (el && textOf(el)) return el;
  }
  return null;
}

/**
 * Whether the page is one person's profile: a social profile address, `og:type=profile`, or a
 * schema.org ProfilePage.
 */
function isProfilePage(ctx: PageContext): boolean {
  if (
    isProfileUrl(ctx.url) &&
    /linkedin\.com\/in\/|^https?:\/\/(www\.)?(github|x|twitter)\.com\/[^/]+\/?$/i.test(ctx.url)
  )
    return true;
  if (ctx.meta("og:type")?.toLowerCase() === "profile") return true;
  for (const script of jsonLdScripts(ctx)) {
    if (/"@type"\s*:\s*"ProfilePage"/.test(script.textContent ?? "")) return true;
  }
  return false;
}

/** Profile pages: the person's name, headline (title and current company), location and profile URL. */
export const profile: Source = {
  id: "profile",
  extract(ctx: PageContext) {
    if (!isProfilePage(ctx)) return none();
    const doc = ctx.doc;
    const nameEl = first(doc, NAME);
    const name = textOf(nameEl);
    if (!looksLikePersonName(name)) return none();
    let headline = textOf(first(doc, HEADLINE));
    if (!headline && nameEl) {
      // Unknown markup: the first short text after the name is the headline.
      let next = nameEl.nextElementSibling ?? nameEl.parentElement?.nextElementSibling ?? null;
      while (next && !textOf(next)) next = next.nextElementSibling;
      const candidate = textOf(next);
      if (candidate && candidate.length <= 160) headline = candidate;
    }
    const split = splitHeadline(headline);
    const companyEl = first(doc, COMPANY);
    const companyLabel = companyEl?.getAttribute("aria-label")?.match(/^Current company:\s*(.+?)\.\s/)?.[1] ?? null;
    const companyName = companyLabel ?? textOf(companyEl)?.replace(/^@/, "") ?? split.company;
    const canonical = ctx.meta("og:url") ?? doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? ctx.url;
    const url = ctx.resolve(canonical);
    const profileUrl = url ? (canonicalProfileUrl(url) ?? url) : null;
    return {
      people: [
        person("profile", {
          name,
          title: split.title ?? (split.company ? null : headline),
          companyName,
          urls: profileUrl && /^https?:/.test(profileUrl) ? [profileUrl] : [],
          location: textOf(first(doc, LOCATION)),
        }),
      ],
      companies: [],
    };
  },
};
