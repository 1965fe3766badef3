// Pure and dependency-free: the always-on mail content scripts import it, so no tldts here.

/** A never-capture entry as the user typed it (`https://www.Acme.com/x`, `*.acme.com`) reduced to a host. */
export function siteHost(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/:\d+$/, "")
    .replace(/^\*\./, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

/**
 * Whether capture must not run on this address: its host is a listed site or under one
 * (`acme.com` also covers `mail.acme.com`). Addresses that are not URLs are never blocked.
 */
export function isBlockedUrl(url: string, sites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return sites.map(siteHost).some((site) => site !== "" && (host === site || host.endsWith(`.${site}`)));
}
