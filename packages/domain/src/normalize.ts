// The phone and domain rules carry libphonenumber's metadata and the public-suffix list (≈240 KB
// minified together): they live in their own modules, so code that needs only the light helpers here
// (an extension page's first screen) does not load them. Re-exported: importers need not care.
export { normalizePhone } from "./phone-number.ts";
export { emailDomain, registrableDomain } from "./registrable-domain.ts";

/** Lower-cased, trimmed email; null when it is not an address. */
export function normalizeEmail(raw: string): string | null {
  const value = raw
    .trim()
    .replace(/^mailto:/i, "")
    .split("?")[0]!
    .trim()
    .toLowerCase();
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z0-9-]{2,}$/i.test(value) ? value : null;
}

/** Hosts whose profile URLs we canonicalize and treat as identity. */
const PROFILE_RULES: Array<{ host: RegExp; canonical: (path: string[]) => string | null }> = [
  {
    host: /(^|\.)linkedin\.com$/,
    canonical: (p) =>
      p[0] === "in" && p[1] ? `https://www.linkedin.com/in/${decodeURIComponent(p[1]).toLowerCase()}` : null,
  },
  {
    host: /(^|\.)(twitter|x)\.com$/,
    canonical: (p) => {
      // The handle as written (`/@Jane`) is checked, not the raw segment: `/@i` is no profile either.
      const handle = p[0]?.replace(/^@/, "").toLowerCase();
      return handle && !["intent", "share", "home", "i", "search", "hashtag"].includes(handle)
        ? `https://x.com/${handle}`
        : null;
    },
  },
  {
    host: /(^|\.)github\.com$/,
    canonical: (p) =>
      p[0] && !["orgs", "about", "features", "sponsors", "topics"].includes(p[0].toLowerCase())
        ? `https://github.com/${p[0].toLowerCase()}`
        : null,
  },
];

/** Canonical form of a profile URL (LinkedIn /in/<slug>, X, GitHub); other URLs lose query, hash and trailing slash. */
export function canonicalProfileUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter(Boolean);
  for (const rule of PROFILE_RULES) {
    if (rule.host.test(host)) return rule.canonical(segments);
  }
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${host.replace(/^www\./, "")}${path}`;
}

/**
 * The canonical form of a person's profile URL on a social network we recognise, else null: what
 * `isProfileUrl(u) ? canonicalProfileUrl(u) : null` gives, from one parse of the URL.
 */
export function profileUrl(raw: string): string | null {
  try {
    return profileOfParsed(new URL(raw.trim()));
  } catch {
    return null;
  }
}

/** profileUrl of a URL already parsed (a link resolved against its page): no second parse. */
export function profileOfParsed(url: URL): string | null {
  try {
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    const host = url.hostname.toLowerCase();
    const rule = PROFILE_RULES.find((r) => r.host.test(host));
    return rule ? rule.canonical(url.pathname.split("/").filter(Boolean)) : null;
  } catch {
    return null;
  }
}

// The hosts of PROFILE_RULES as written in a link's text: every profile link names one of them.
const PROFILE_HOST_WORDS = ["linkedin.com", "twitter.com", "x.com", "github.com"];

/**
 * Whether a link (absolute or relative) may point at a profile on a network of PROFILE_RULES: it names
 * one of their hosts in its text, or has characters that parsing could turn into one (escapes, non-ASCII,
 * spaces). A cheap test before a link is parsed; false means it never resolves to a profile URL unless
 * its base does (test the base too).
 */
export function mayNameProfileHost(link: string): boolean {
  if (/[^\x21-\x7e]|%/.test(link)) return true;
  const lower = link.toLowerCase();
  return PROFILE_HOST_WORDS.some((host) => lower.includes(host));
}

/** Whether a URL is a person's profile on a social network we recognise. */
export function isProfileUrl(raw: string): boolean {
  try {
    const host = new URL(raw).hostname.toLowerCase();
    return PROFILE_RULES.some((rule) => rule.host.test(host)) && canonicalProfileUrl(raw) !== null;
  } catch {
    return false;
  }
}

/** Collapse whitespace and trim; null for empty. */
export function cleanText(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const value = raw.replace(/\s+/g, " ").trim();
  return value ? value : null;
}

/** A name folded for comparison: lower case, no accents, single spaces. */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
