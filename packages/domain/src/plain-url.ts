// Web addresses as pages mostly write them, read without the URL parser (a page holds many links, and each parse
// costs): an http(s) scheme, a host of dotted labels of letters, digits and hyphens, and (for plainUrl) a path of
// letters, digits and `-._~/`, then anything after `?` or `#`. What parsing would rewrite is left to the parser:
// a label that reads as a number (an IPv4 address's) or an internationalised one (`xn--`), escapes, dot segments.

const PLAIN_HOST = /^https?:\/\/((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)(?=[/?#]|$)/;
const PLAIN_URL = /^(https?):\/\/((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)(\/[A-Za-z0-9._~/-]*)?(?=[?#]|$)/;
const REWRITTEN_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)(?:\.|$)|xn--/i;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** What parsing a plain web address gives (see above): its scheme, its host in lower case and its path. */
export interface PlainUrl {
  protocol: "http:" | "https:";
  hostname: string;
  pathname: string;
}

/** The hostname parsing gives a plain web address (its path may be anything); null for any other URL. */
export function plainHostname(url: string): string | null {
  const host = PLAIN_HOST.exec(url)?.[1];
  return host === undefined || REWRITTEN_LABEL.test(host) ? null : host.toLowerCase();
}

/** The parts parsing gives a plain web address with a plain path; null for any other URL. */
export function plainUrl(url: string): PlainUrl | null {
  const match = PLAIN_URL.exec(url);
  if (!match || REWRITTEN_LABEL.test(match[2]!)) return null;
  const pathname = match[3] ?? "/";
  if (DOT_SEGMENT.test(pathname)) return null;
  return { protocol: match[1] === "https" ? "https:" : "http:", hostname: match[2]!.toLowerCase(), pathname };
}
