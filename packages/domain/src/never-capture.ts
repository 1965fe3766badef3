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

/** An entry's check: the form saved in the list, or the plain-words reason it was refused. */
export type NeverCaptureCheck = { ok: true; value: string } | { ok: false; message: string };

/** What the list accepts, in the words the settings page and its errors use. */
export const NEVER_CAPTURE_HINT = "a host such as example.com, or *.example.com for its subdomains";

// Dot-separated labels of letters, digits and inner hyphens, ending in a top-level domain that starts with a letter.
const HOST =
  /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:[\p{L}][\p{L}\p{N}-]{0,62}|xn--[a-z0-9-]{1,59})$/u;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
// The whole entry: an optional scheme, an optional "*.", the host, then an optional port and path.
const SHAPE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[^\s/?#*:]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/**
 * Checks one entry of the never-capture list: a host (`example.com`, `mail.example.com`), a
 * wildcard (`*.example.com`), or a pasted address whose host is kept (`https://www.acme.com/x` →
 * `acme.com`). Anything else is refused with a sentence saying what the list accepts.
 */
export function checkNeverCaptureEntry(raw: string): NeverCaptureCheck {
  const entry = raw.trim();
  const refused = { ok: false as const, message: `"${entry}" is not a site: enter ${NEVER_CAPTURE_HINT}.` };
  if (!entry || !SHAPE.test(entry)) return refused;
  const host = neverCaptureHost(entry);
  if (host === "localhost" || IPV4.test(host)) return { ok: true, value: host };
  if (!HOST.test(host)) {
    return /^[\p{L}][\p{L}\p{N}-]*$/u.test(host)
      ? { ok: false, message: `"${entry}" would block a whole top-level domain: enter ${NEVER_CAPTURE_HINT}.` }
      : refused;
  }
  return { ok: true, value: /^\*\./.test(entry) ? `*.${host}` : host };
}

/**
 * The list as typed (one site per line, or separated by commas), checked: the entries to save,
 * without duplicates, or a message for each refused one.
 */
export function parseNeverCaptureList(text: string): { ok: true; sites: string[] } | { ok: false; errors: string[] } {
  const checks = text
    .split(/[\n,]+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(checkNeverCaptureEntry);
  const errors = checks.flatMap((c) => (c.ok ? [] : [c.message]));
  if (errors.length) return { ok: false, errors };
  return { ok: true, sites: [...new Set(checks.flatMap((c) => (c.ok ? [c.value] : [])))] };
}
