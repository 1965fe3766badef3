// The never-capture list: sites where Leadpane reads nothing. Dependency-free on purpose: the
// always-on mail content scripts import it (through `@leadpane/domain/never-capture`), so no tldts
// here.

/**
 * A never-capture entry as the user typed it (`https://www.Acme.com/x`, `*.acme.com`,
 * `acme.com:8080`) reduced to the host it blocks: scheme, path, port, `*.` and `www.` dropped.
 */
export function neverCaptureHost(entry: string): string {
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
 * Whether capture must not run on this address. An entry blocks its host and every subdomain
 * (`acme.com` covers `www.acme.com` and `mail.acme.com`, not `notacme.com` or `acme.com.evil.org`),
 * on every path and port: a path in an entry is ignored, so `acme.com/private` blocks all of
 * acme.com (the list protects privacy, so it errs on blocking more). A subdomain entry
 * (`mail.google.com`) blocks only that subdomain and those under it. Addresses that are not URLs
 * are never blocked.
 */
export function isNeverCaptureUrl(url: string, sites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return sites.map(neverCaptureHost).some((site) => site !== "" && (host === site || host.endsWith(`.${site}`)));
}
