import { canonicalProfileUrl, normalizeEmail, registrableDomain } from "../normalize.ts";
import type { PageContext } from "./context.ts";
import { isHostedPage } from "../hosts.ts";
import type { Source } from "./source.ts";
import { company, none, person } from "./types.ts";

/** OpenGraph, `profile:` and Twitter-card meta: the site's name and, on profile pages, the person. */
export const openGraph: Source = {
  id: "opengraph",
  extract(ctx: PageContext) {
    const out = none();
    const type = ctx.meta("og:type")?.toLowerCase() ?? null;
    const siteName = ctx.meta("og:site_name");
    const pageUrl = ctx.resolve(ctx.meta("og:url")) ?? ctx.url;
    const twitterSite = handleUrl(ctx.meta("twitter:site"));
    // The old OpenGraph contact properties (og:email, og:phone_number…) describe the site's owner.
    const email = normalizeEmail(ctx.meta("og:email") ?? "");
    const phone = ctx.meta("og:phone_number");
    const street = [
      ctx.meta("og:street-address"),
      ctx.meta("og:locality"),
      ctx.meta("og:region"),
      ctx.meta("og:postal-code"),
      ctx.meta("og:country-name"),
    ]
      .filter(Boolean)
      .join(", ");
    if (type === "profile") {
      const first = ctx.meta("profile:first_name");
      const last = ctx.meta("profile:last_name");
      const title = ctx.meta("og:title");
      const name =
        [first, last].filter(Boolean).join(" ") || (title ? title.split(/\s[|–—·•-]\s|\s\(/)[0]!.trim() : null);
      const profileUrl = canonicalProfileUrl(pageUrl) ?? pageUrl;
      const creator = handleUrl(ctx.meta("twitter:creator"));
      if (name) {
        out.people.push(
          person("opengraph", {
            name,
            emails: email ? [email] : [],
            phones: phone ? [ctx.phone(phone)] : [],
            urls: [profileUrl, ...(creator ? [creator] : [])],
            photo: ctx.resolve(ctx.meta("og:image")),
          }),
        );
      }
    }
    // On a social network or platform the site is the platform, not a company of the page.
    if ((siteName || email || phone || street) && !isHostedPage(pageUrl)) {
      let domain: string | null = null;
      let website: string | null = null;
      try {
        const parsed = new URL(pageUrl);
        if (parsed.protocol.startsWith("http")) {
          domain = registrableDomain(parsed.hostname);
          website = `${parsed.protocol}//${parsed.host}`;
        }
      } catch {
        // not an http page: no domain
      }
      out.companies.push(
        company("opengraph", {
          name: siteName,
          domain,
          website,
          emails: email && type !== "profile" ? [email] : [],
          phones: phone && type !== "profile" ? [ctx.phone(phone)] : [],
          address: street || null,
          urls: twitterSite ? [twitterSite] : [],
          logo: null,
        }),
      );
    }
    return out;
  },
};

/** An X profile URL from `@handle` or a URL; null otherwise. */
function handleUrl(value: string | null): string | null {
  if (!value) return null;
  if (/^@?\w{1,15}$/.test(value)) return `https://x.com/${value.replace(/^@/, "").toLowerCase()}`;
  return canonicalProfileUrl(value);
}
