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

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * Whether a link may point at a social network (see isSocialUrl): it names one of their hosts in its text, or has
 * characters that parsing could turn into one (escapes, non-ASCII, spaces and control characters). A cheap test
 * before the parse: false means isSocialUrl is false, as a parsed host is the link's own text, lower-cased, unless
 * one of those characters is in it.
 */
export function mayNameSocialHost(link: string): boolean {
  if (/[^\x21-\x7e]|%/.test(link)) return true;
  const lower = link.toLowerCase();
  return SOCIAL_NETWORKS.some((host) => lower.includes(host));
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
