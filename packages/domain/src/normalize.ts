import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
import { getDomain, parse } from "tldts";

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

/** The domain part of an email address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : registrableDomain(email.slice(at + 1));
}

/** The registrable domain (eTLD+1) of a host, URL or email domain, e.g. `www.acme.co.uk` → `acme.co.uk`. */
export function registrableDomain(hostOrUrl: string): string | null {
  const known = domainAnswers.get(hostOrUrl);
  if (known !== undefined) return known;
  const answer = readRegistrableDomain(hostOrUrl);
  if (domainAnswers.size >= 2000) domainAnswers.clear();
  domainAnswers.set(hostOrUrl, answer);
  return answer;
}

// registrableDomain's answers: a page's people and companies ask it of the same few hosts again and again (each
// address's domain, whether it is a free mail provider's, each website). A bounded number; the answer depends on
// the input alone.
const domainAnswers = new Map<string, string | null>();

function readRegistrableDomain(hostOrUrl: string): string | null {
  const input = hostOrUrl.trim().toLowerCase();
  if (!input) return null;
  const domain = getDomain(input.includes("://") ? input : `http://${input}`, { allowPrivateDomains: false });
  if (domain) return domain;
  // localhost and bare hosts have no public suffix: keep the hostname so local pages still group.
  const host = parse(input.includes("://") ? input : `http://${input}`).hostname;
  return host && !host.includes(" ") ? host : null;
}

/**
 * Phone in E.164 when it parses for the region, else the trimmed input with single spaces.
 * Idempotent: a value this returns comes back unchanged, so replicas never re-normalize a stored
 * phone into something else.
 */
export function normalizePhone(raw: string, defaultRegion: string = "US"): string {
  const trimmed = raw.trim().replace(/^tel:/i, "").trim();
  const asWritten = trimmed.replace(/\s+/g, " ");
  try {
    const parsed = parsePhoneNumberFromString(trimmed, defaultRegion as CountryCode);
    if (parsed?.isValid()) return parsed.number;
    // A possible-but-invalid number keeps its E.164 form only when that form reads back as itself;
    // otherwise re-normalizing would keep shortening it (e.g. national prefixes of short numbers).
    if (parsed?.isPossible()) {
      const again = parsePhoneNumberFromString(parsed.number, defaultRegion as CountryCode);
      if (again?.number === parsed.number) return parsed.number;
    }
  } catch {
    // fall through: keep what was written
  }
  return asWritten;
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
