// The one list of sites whose pages are about their users rather than about the company running
// them. Every rule that asks "is this page (or link) the company's own?" reads it: extraction (the
// page's company, a company's social links), lookup keys (a page's domain), capture (a lead's
// website) and the extension's mail pages (which web mail sites it reads).

/** Social networks: a person's or company's profile there is one of their links. */
const SOCIAL_NETWORKS = [
  "linkedin.com",
  "x.com",
  "twitter.com",
  "facebook.com",
  "instagram.com",
  "youtube.com",
  "github.com",
  "tiktok.com",
  "xing.com",
  "mastodon.social",
  "threads.net",
  "bsky.app",
  "crunchbase.com",
  "pinterest.com",
];

/** The web mail sites: their pages show the reader's mailbox, not the company of the message open. */
export const WEBMAIL_HOSTS = [
  "mail.google.com",
  "outlook.office.com",
  "outlook.live.com",
  "outlook.office365.com",
] as const;

/** Other platforms whose pages show their users: profiles, portfolios, events and blogs. */
const OTHER_PLATFORMS = [
  "medium.com",
  "about.me",
  "angel.co",
  "wellfound.com",
  "gitlab.com",
  "dribbble.com",
  "behance.net",
  "sessionize.com",
  "meetup.com",
  // Every country site of Eventbrite.
  "eventbrite.*",
];

/** Matches a hostname that is one of `hosts` or under one (`www.linkedin.com`); `name.*` is any suffix. */
function hostPattern(hosts: readonly string[]): RegExp {
  const alternatives = hosts.map((host) => host.replace(/\./g, "\\.").replace(/\\\.\*$/, "\\.[a-z.]+"));
  return new RegExp(`(^|\\.)(${alternatives.join("|")})$`, "i");
}

const SOCIAL = hostPattern(SOCIAL_NETWORKS);
const HOSTED = hostPattern([...SOCIAL_NETWORKS, ...OTHER_PLATFORMS, ...WEBMAIL_HOSTS]);

// An http(s) URL whose host is dotted labels of letters, digits and hyphens, followed by its path, query, fragment
// or end: its hostname is that host in lower case. A label that reads as a number (an IPv4 address's) or an
// internationalised one (`xn--`) is left to the parser, which rewrites or checks those.
const PLAIN_HOST = /^https?:\/\/((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)(?=[/?#]|$)/;
const REWRITTEN_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)(?:\.|$)|xn--/i;

/** The hostname of a URL as parsing gives it; a plain web address's without a parse (pages hold many links). */
export function hostnameOf(url: string): string | null {
  const plain = PLAIN_HOST.exec(url)?.[1];
  if (plain !== undefined && !REWRITTEN_LABEL.test(plain)) return plain.toLowerCase();
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Whether a URL points at a social network (a profile there is a person's or company's link). */
export function isSocialUrl(url: string): boolean {
  const host = hostnameOf(url);
  return host !== null && SOCIAL.test(host);
}

/**
 * Whether a URL is a page on a social network or another platform (webmail included): it may
 * describe a person or a company, but is never a company's website, and its domain says nothing
 * about whom it shows.
 */
export function isHostedPage(url: string): boolean {
  const host = hostnameOf(url);
  return host !== null && HOSTED.test(host);
}
