import { getDomain, parse } from "tldts";
import { rememberAnswers } from "./remember-answers.ts";

// registrableDomain's answers: a page's people and companies ask it of the same few hosts again and again (each
// address's domain, whether it is a free mail provider's, each website). The answer depends on the input alone.
const domainAnswers = rememberAnswers(readRegistrableDomain, 2000);

/** The domain part of an email address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : registrableDomain(email.slice(at + 1));
}

/** The registrable domain (eTLD+1) of a host, URL or email domain, e.g. `www.acme.co.uk` → `acme.co.uk`. */
export function registrableDomain(hostOrUrl: string): string | null {
  return domainAnswers(hostOrUrl);
}

function readRegistrableDomain(hostOrUrl: string): string | null {
  const input = hostOrUrl.trim().toLowerCase();
  if (!input) return null;
  const domain = getDomain(input.includes("://") ? input : `http://${input}`, { allowPrivateDomains: false });
  if (domain) return domain;
  // localhost and bare hosts have no public suffix: keep the hostname so local pages still group.
  const host = parse(input.includes("://") ? input : `http://${input}`).hostname;
  return host && !host.includes(" ") ? host : null;
}
