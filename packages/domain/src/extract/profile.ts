import { canonicalProfileUrl, isProfileUrl, normalizeEmail } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { textOf } from "./dom.ts";
import { splitHeadline } from "./headline.ts";
import { jsonLdScripts } from "./json-ld.ts";
import { looksLikePersonName, looksLikeTitle } from "./names.ts";
import { findEmails } from "./text-patterns.ts";
import type { Source } from "./source.ts";
import { none, person } from "./types.ts";

// Alternatives per field, newest markup first; each comment says where the markup comes from.
const NAME = [
  "h1.text-heading-xlarge", // LinkedIn, signed-in profile (2021–)
  "h1.top-card-layout__title", // LinkedIn, public (signed-out) profile
  ".pv-text-details__left-panel h1", // LinkedIn, 2022 layout
  "span.p-name.vcard-fullname", // GitHub user page
  '[data-testid="UserName"] span', // X profile header
  '[data-testid="profileHeaderDisplayName"]', // Bluesky profile header
  "h1",
];
const HEADLINE = [
  "div.text-body-medium.break-words", // LinkedIn, signed-in profile
  "h2.top-card-layout__headline", // LinkedIn, public profile
  // Personal sites' themes: the line under the name.
  ".tagline",
  ".lede",
  ".headline",
];
// What people write about themselves: a headline only where it opens with "Title at/@ Company".
const BIO = [
  "div.p-note.user-profile-bio", // GitHub bio
  '[data-testid="UserDescription"]', // X bio
  '[data-testid="profileHeaderDescription"]', // Bluesky bio
  ".account__header__content", // Mastodon bio
  ".profile-user-bio", // GitLab bio
  // Other platforms' themes name the bio's element by a class ending in "bio" ("pw-bio", "profile-header__bio").
  '[class$="-bio"]',
  '[class$="__bio"]',
  ".bio",
];
// The website a profile shows behind a link shortener: its text is the address.
const WEBSITE = ['[data-testid="UserUrl"]']; // X
// A profile's labelled fields (Mastodon's metadata, "Work: Design Lead at Quillmetric") that state a job.
const JOB_FIELD = /^(work|job|role|position|occupation|employer|company|arbeit|beruf|job title|poste|trabajo)$/i;
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
  // Bluesky's profiles, and the `/@user` pages of Mastodon and the fediverse.
  if (/^https?:\/\/bsky\.app\/profile\/[^/]+\/?$|^https?:\/\/[^/]+\/@[\w.-]+\/?$/i.test(ctx.url)) return true;
  if (ctx.meta("og:type")?.toLowerCase() === "profile") return true;
  for (const script of jsonLdScripts(ctx)) {
    if (/"@type"\s*:\s*"ProfilePage"/.test(script.textContent ?? "")) return true;
  }
  return isUserPage(ctx);
}

/**
 * A platform's page of one user (`/handle`, `/@handle` or `/~handle`, a person's name as its heading) that says it is
 * theirs: it links their profiles elsewhere as `rel="me"`, or its title names the handle as a handle
 * ("mvillanueva (Mateo Villanueva)", "Name (@handle)"), not as a word ("Founder story" at `/founder`). A company's page at `/about` names no handle and links no `me`.
 */
function isUserPage(ctx: PageContext): boolean {
  const handle = userHandle(ctx.url);
  if (!handle || !looksLikePersonName(textOf(ctx.doc.querySelector("h1")))) return false;
  const title = `${ctx.doc.title ?? ""} ${ctx.meta("og:title") ?? ""}`.toLowerCase();
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (
    new RegExp(`^${escaped}\\s*\\(|\\(@?${escaped}\\)|@${escaped}(?![\\w.-])`).test(title) ||
    ctx.doc.querySelector('a[rel~="me"]') !== null
  );
}

/** The handle a page's address is the user page of (`https://host/handle`, `/@handle`, `/~handle`), lower-cased; else null. */
function userHandle(url: string): string | null {
  try {
    const match = new URL(url).pathname.match(/^\/[@~]?([\w.-]{2,39})\/?$/);
    return match ? match[1]!.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Profile pages: the person's name, headline (title and current company), location and profile URL. */
export const profile: Source = {
  id: "profile",
  extract(ctx: PageContext) {
    if (!isProfilePage(ctx)) return none();
    const doc = ctx.doc;
    let nameEl = first(doc, NAME);
    // A heading that holds the handle beside the name ("Lena Marsh @lena@fosstodon.org"): its first part.
    if (nameEl && !looksLikePersonName(textOf(nameEl)) && looksLikePersonName(textOf(nameEl.firstElementChild)))
      nameEl = nameEl.firstElementChild;
    // A personal site states its owner in its meta data; its heading may say "About me".
    const metaName =
      [ctx.meta("profile:first_name"), ctx.meta("profile:last_name")].filter(Boolean).join(" ") ||
      (ctx.meta("og:title") ?? "").split(/\s[|–—·•-]\s|\s\(/)[0]!.trim();
    const name = looksLikePersonName(textOf(nameEl)) ? textOf(nameEl) : looksLikePersonName(metaName) ? metaName : null;
    if (!name) return none();
    let headline = textOf(first(doc, HEADLINE));
    const bioEl = first(doc, BIO);
    const bio = textOf(bioEl);
    // A bio is no headline: only its opening "CTO @acme" or "VP Sales at Acme" is a job. A platform that
    // shows the bio in markup of its own repeats it as the page's description.
    for (const said of [bio, ctx.meta("description")]) {
      if (headline || !said) continue;
      const opening = splitHeadline(said.split(/\s*[·•|\n]\s*|\.\s/)[0]);
      if (opening.title && opening.company) headline = `${opening.title} at ${opening.company}`;
    }
    if (!headline) headline = jobField(doc);
    if (!headline && nameEl && looksLikePersonName(textOf(nameEl))) {
      // Unknown markup: the first short text after the name is the headline (the handle shown under it is not).
      const handle = userHandle(ctx.url);
      const skip = (el: Element | null): boolean =>
        el !== null && (!textOf(el) || textOf(el)!.replace(/^@/, "").toLowerCase() === handle);
      let next = nameEl.nextElementSibling ?? nameEl.parentElement?.nextElementSibling ?? null;
      while (next && skip(next)) next = next.nextElementSibling;
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
          title: split.title ?? (split.company || !looksLikeTitle(headline) ? null : headline),
          companyName,
          urls: [
            ...new Set([...(profileUrl && /^https?:/.test(profileUrl) ? [profileUrl] : []), ...ownLinks(ctx, nameEl)]),
          ],
          // An address in the bio, or beside the person's own links ("Elsewhere: GitHub · LinkedIn · Email").
          emails: [...new Set([...(bio ? findEmails(bio).map((e) => e.email) : []), ...linkedEmails(ctx)])],
          location: textOf(first(doc, LOCATION)),
        }),
      ],
      companies: [],
    };
  },
};

/**
 * The job a profile's labelled fields state ("Work: Design Lead at Quillmetric"), as a headline: a term
 * and its definition, or a bold label and the element after it.
 */
function jobField(doc: Document): string | null {
  for (const label of doc.querySelectorAll("dt, th, strong, b")) {
    if (!JOB_FIELD.test((textOf(label) ?? "").replace(/:$/, ""))) continue;
    const value = textOf(label.nextElementSibling);
    if (value && value.length <= 100) return value;
  }
  return null;
}

/**
 * The links the page marks as its person's own (`rel="me"`): profiles elsewhere and their site. A page that
 * marks none, when it is a user page (see isUserPage): the other sites linked in the block that holds the
 * name (the list under the user's heading), when it is a short list.
 */
function ownLinks(ctx: PageContext, nameEl: Element | null): string[] {
  const out: string[] = [];
  if (!ctx.doc.querySelector('a[rel~="me"]') && isUserPage(ctx)) {
    const host = hostOf(ctx.url);
    for (
      let block = nameEl?.parentElement ?? null, depth = 0;
      block && depth < 3;
      block = block.parentElement, depth++
    ) {
      const away = [...block.querySelectorAll("a[href]")]
        .map((a) => ctx.resolve(a.getAttribute("href")))
        .filter((u): u is string => !!u && /^https?:/.test(u) && hostOf(u) !== host);
      if (away.length === 0) continue;
      if (away.length <= 8) for (const u of away) out.push(canonicalProfileUrl(u) ?? u);
      break;
    }
  }
  const shown = textOf(first(ctx.doc, WEBSITE));
  if (shown && /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(shown)) out.push(`https://${shown}`);
  for (const el of [...ctx.tagged("a"), ...ctx.tagged("link")]) {
    const rel = el.getAttribute("rel");
    if (!rel || !/(^|\s)me(\s|$)/i.test(rel)) continue;
    const url = ctx.resolve(el.getAttribute("href"));
    if (url && /^https?:/.test(url)) out.push(canonicalProfileUrl(url) ?? url);
  }
  return out;
}

/** Addresses linked in the list that holds the person's own links: theirs too. */
function linkedEmails(ctx: PageContext): string[] {
  const out: string[] = [];
  for (const a of ctx.tagged("a")) {
    const href = a.getAttribute("href");
    if (!href || !/^mailto:/i.test(href)) continue;
    if (!(a.closest("ul, ol, dl") ?? a.parentElement)?.querySelector('a[rel~="me"]')) continue;
    const email = normalizeEmail(href);
    if (email) out.push(email);
  }
  return out;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}
