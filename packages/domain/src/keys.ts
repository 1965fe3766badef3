import type { RecordType } from "./common.ts";
import { isFreeMailDomain } from "./free-mail.ts";
import { isHostedPage } from "./hosts.ts";
import { canonicalProfileUrl, emailDomain, foldName, isProfileUrl, registrableDomain } from "./normalize.ts";

/** A lookup key: `email:…`, `phone:…`, `url:…`, `domain:…`, `subject:<type>:<id>`. */
export type MatchKey = string;

/**
 * The keys under which a record can be found: by its emails, phones, profile URLs and company
 * domain, and (for activities and tasks) by the record they are about. Stored in an index on both
 * sides so the side panel and the API answer lookups without scanning. Fields are read by name,
 * any record type's: a field the type lacks adds nothing.
 */
export function recordKeys(type: RecordType, record: Readonly<Record<string, unknown>>): MatchKey[] {
  const keys = new Set<MatchKey>();
  const r = record;
  for (const email of strings(r.emails)) {
    keys.add(`email:${email.toLowerCase()}`);
    const domain = emailDomain(email);
    if (domain && !isFreeMailDomain(domain)) keys.add(`domain:${domain}`);
  }
  for (const phone of strings(r.phones)) keys.add(`phone:${phone}`);
  for (const url of strings(r.urls)) {
    if (!isProfileUrl(url)) continue;
    const canonical = canonicalProfileUrl(url);
    if (canonical) keys.add(`url:${canonical}`);
  }
  for (const field of ["website", "domain"] as const) {
    const value = r[field];
    if (typeof value === "string" && value) {
      const domain = registrableDomain(value);
      if (domain) keys.add(`domain:${domain}`);
    }
  }
  if (type === "lead") {
    const url = propertyOf(r.source, "url");
    if (typeof url === "string" && url) {
      const canonical = canonicalProfileUrl(url);
      if (canonical && isProfileUrl(url)) keys.add(`url:${canonical}`);
    }
  }
  const subject = r.subject;
  if (subject) keys.add(`subject:${String(propertyOf(subject, "type"))}:${String(propertyOf(subject, "id"))}`);
  return [...keys];
}

/** The keys a page or email is looked up by. */
export function lookupKeys(query: {
  email?: string | undefined;
  domain?: string | undefined;
  url?: string | undefined;
}): MatchKey[] {
  const keys: MatchKey[] = [];
  if (query.email) keys.push(`email:${query.email.trim().toLowerCase()}`);
  if (query.domain) {
    const domain = registrableDomain(query.domain);
    if (domain && !isFreeMailDomain(domain)) keys.push(`domain:${domain}`);
  }
  if (query.url) {
    const canonical = canonicalProfileUrl(query.url);
    if (canonical && isProfileUrl(query.url)) keys.push(`url:${canonical}`);
    const domain = registrableDomain(query.url);
    // A page on a social network or platform is not the platform company's: its domain finds nobody.
    if (domain && !isFreeMailDomain(domain) && !isHostedPage(query.url)) keys.push(`domain:${domain}`);
  }
  return keys;
}

/** Fields that point at another record, and the type they point at. */
export const REFERENCE_FIELDS = {
  companyId: "company",
  contactId: "contact",
  leadId: "lead",
  convertedContactId: "contact",
  convertedCompanyId: "company",
  convertedDealId: "deal",
  sourceLeadIds: "lead",
} as const satisfies Record<string, RecordType>;

/**
 * Every key a replica's index should hold for a record: `recordKeys` (email, phone, url, domain,
 * subject) plus `name:person:<folded>` / `name:company:<folded>` for name matching and
 * `ref:<type>:<id>` for each record it points at (so merges can re-point references).
 */
export function indexKeys(type: RecordType, data: Readonly<Record<string, unknown>>): MatchKey[] {
  const keys = new Set(recordKeys(type, data));
  if (typeof data.name === "string") {
    const folded = foldName(data.name);
    if (folded && (type === "lead" || type === "contact")) keys.add(`name:person:${folded}`);
    if (folded && type === "company") keys.add(`name:company:${folded}`);
  }
  for (const [field, target] of Object.entries(REFERENCE_FIELDS)) {
    const value = data[field];
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) if (typeof id === "string" && id) keys.add(`ref:${target}:${id}`);
  }
  return [...keys];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A property of a nested object value (a lead's source, a task's subject), if it is an object. */
function propertyOf(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? Reflect.get(value, key) : undefined;
}
