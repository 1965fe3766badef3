import { canonicalProfileUrl, emailDomain, foldName, profileUrl, registrableDomain } from "../normalize.ts";
import { isPhoneLike, stripUnsafeCharacters } from "../common.ts";
import { isFreeMailDomain } from "../free-mail.ts";
import type { CapturedCompany, CapturedPerson, CaptureResult, CapturedEmail } from "./result.ts";
import { companyFromHandle, emailFitsName, isRoleEmail, stripNamePrefixes } from "./names.ts";
import type { Candidates, CompanyCandidate, FieldEvidence, Method, PersonCandidate } from "./types.ts";
import { postalAddressLine, type PostalAddress } from "../postal-address.ts";

/** A person combined from its candidates, with every value's provenance; the contract's person is a projection of it. */
export interface DetailedPerson extends Omit<CapturedPerson, "sources" | "postalAddress"> {
  sources: Method[];
  postalAddress: PostalAddress | null;
  location: string | null;
  photo: string | null;
  evidence: FieldEvidence[];
}

/** A company combined from its candidates, with every value's provenance. */
export interface DetailedCompany extends Omit<CapturedCompany, "sources" | "postalAddress"> {
  sources: Method[];
  postalAddress: PostalAddress | null;
  logo: string | null;
  evidence: FieldEvidence[];
}

/** The full capture with provenance per field: what the extension stores. */
export interface DetailedCapture {
  people: DetailedPerson[];
  companies: DetailedCompany[];
  email: CapturedEmail | null;
}

// Which method wins a single-valued field (name, title, company) when sources disagree.
const PRIORITY: Method[] = [
  "json-ld",
  "microdata",
  "rdfa",
  "h-card",
  "email-header",
  "profile",
  "signature",
  "layout",
  "opengraph",
  "mailto",
  "tel",
  "text",
  "page",
];
// How much one method's word counts toward confidence.
const WEIGHT: Record<Method, number> = {
  "json-ld": 0.85,
  microdata: 0.85,
  rdfa: 0.85,
  "h-card": 0.85,
  "email-header": 0.85,
  profile: 0.75,
  signature: 0.7,
  layout: 0.65,
  opengraph: 0.6,
  mailto: 0.5,
  tel: 0.45,
  text: 0.4,
  page: 0.4,
};

const rank = (m: Method): number => PRIORITY.indexOf(m);

class UnionFind {
  private parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const HONORIFICS = /^(dr|mr|mrs|ms|mx|miss|prof|sir|dame|herr|frau|mme|mlle|dott|ing|me)\s+/;

/**
 * A person's name folded for matching, without its honorifics and degrees ("Dr. Jane Doe" = "Prof. Dr. Jane
 * Doe" = "Jane Doe").
 */
function nameKey(name: string): string {
  return remembered(nameKeys, name, (n) => foldName(stripNamePrefixes(n)).replace(HONORIFICS, ""));
}

// Pure functions of a string asked again and again for the same names and links (every candidate of a
// person, every pair of links compared): their answers are kept for one combining (see combineCandidates),
// a bounded number of them.
const nameKeys = new Map<string, string>();
const urlKeys = new Map<string, string>();
// A link's profile ("" for none): every candidate of a person carrying the same link asks it again.
const profileKeys = new Map<string, string>();
const REMEMBERED = 2000;

function remembered(cache: Map<string, string>, input: string, compute: (input: string) => string): string {
  let value = cache.get(input);
  if (value === undefined) {
    value = compute(input);
    if (cache.size >= REMEMBERED) cache.clear();
    cache.set(input, value);
  }
  return value;
}

/** A link as it is compared: a profile's canonical form, else the link as written. */
function urlKey(url: string): string {
  return remembered(urlKeys, url, (u) => canonicalProfileUrl(u) ?? u);
}

function personKeys(p: PersonCandidate): string[] {
  const keys: string[] = [];
  for (const e of p.emails) keys.push(`e:${e}`);
  for (const u of p.urls) {
    const profile = remembered(profileKeys, u, (link) => profileUrl(link) ?? "");
    if (profile) keys.push(`u:${profile}`);
  }
  if (p.name) {
    const folded = nameKey(p.name);
    // Exact folded names only: "Ana Ruiz" and "Ana M. Ruiz" can be two people on one page.
    keys.push(`n:${folded}`);
  }
  return keys;
}

/** A company's name folded for matching, without its legal form ("Acme, Inc." = "ACME"). */
export function companyNameKey(name: string): string {
  return foldName(name)
    .replace(/\b(inc|llc|ltd|gmbh|corp|corporation|co|plc|sa|ag)\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function companyKeys(c: CompanyCandidate): string[] {
  const keys: string[] = [];
  if (c.domain) keys.push(`d:${c.domain}`);
  if (c.name) keys.push(`n:${companyNameKey(c.name)}`);
  return keys;
}

function cluster<T>(items: T[], keysOf: (item: T) => string[]): T[][] {
  const uf = new UnionFind();
  const owner = new Map<string, number>();
  items.forEach((item, i) => {
    uf.add();
    for (const key of keysOf(item)) {
      if (key.endsWith(":")) continue;
      const known = owner.get(key);
      if (known === undefined) owner.set(key, i);
      else uf.union(known, i);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = uf.find(i);
    const list = groups.get(root);
    if (list) list.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()];
}

function pushUnique(
  list: string[],
  evidence: FieldEvidence[],
  field: string,
  values: string[],
  method: Method,
  key = (v: string) => v,
): void {
  for (const value of values) {
    if (!list.some((known) => key(known) === key(value))) list.push(value);
    evidence.push({ field, value, method });
  }
}

function confidence(methods: Method[], hasContact: boolean): number {
  let miss = 1;
  for (const m of new Set(methods)) miss *= 1 - WEIGHT[m];
  const value = Math.min(0.99, 1 - miss + (hasContact ? 0.05 : 0));
  return Math.round(value * 100) / 100;
}

/**
 * What people and companies combine alike: candidates ordered by how much their method is trusted,
 * the first value per single field (every value kept as evidence), and contact lists unioned.
 */
function combineCommon<C extends { method: Method; emails: string[]; phones: string[]; urls: string[] }>(group: C[]) {
  const sorted = [...group].sort((a, b) => rank(a.method) - rank(b.method));
  const evidence: FieldEvidence[] = [];
  const single = (field: keyof C & FieldEvidence["field"]): string | null => {
    let chosen: string | null = null;
    for (const c of sorted) {
      const raw = c[field] as unknown as string | null | undefined;
      // A page's control characters or direction overrides are dropped, not saved (the schema refuses them).
      const value = typeof raw === "string" ? stripUnsafeCharacters(raw) : raw;
      if (!value) continue;
      evidence.push({ field, value, method: c.method });
      chosen ??= value;
    }
    return chosen;
  };
  const emails: string[] = [];
  const phones: string[] = [];
  const urls: string[] = [];
  for (const c of sorted) {
    pushUnique(emails, evidence, "emails", c.emails, c.method);
    // Only what reads as a phone number (a `tel:` link can say anything): the schema refuses the rest.
    pushUnique(phones, evidence, "phones", c.phones.filter(isPhoneLike), c.method);
    pushUnique(urls, evidence, "urls", c.urls, c.method, urlKey);
  }
  return { sorted, evidence, single, emails, phones, urls };
}

function combinePeople(group: PersonCandidate[]): DetailedPerson {
  const { sorted, evidence, single, emails, phones, urls } = combineCommon(group);
  // The name as a person is called: degrees and courtesy titles kept out ("Prof. Dr. Anna Weber" → "Anna Weber").
  const name = stripNamePrefixes(single("name") ?? "");
  // A profile's company written as its account ("@acme") is the company's name.
  const companyName = single("companyName");
  const methods = [...new Set(sorted.map((c) => c.method))];
  return {
    name,
    emails,
    phones,
    title: single("title"),
    companyName: companyName === null ? null : companyFromHandle(companyName),
    urls,
    // Decided once every company of the page is known (see extractPageDetailed).
    website: null,
    location: single("location"),
    postalAddress: firstAddress(sorted, evidence),
    photo: single("photo"),
    confidence: confidence(methods, emails.length + phones.length > 0),
    sources: methods,
    evidence,
  };
}

function combineCompanies(group: CompanyCandidate[]): DetailedCompany {
  const { sorted, evidence, single, emails, phones, urls } = combineCommon(group);
  return {
    name: single("name"),
    domain: single("domain"),
    website: single("website"),
    emails,
    phones,
    address: single("address"),
    postalAddress: firstAddress(sorted, evidence),
    urls,
    logo: single("logo"),
    event: false,
    sources: [...new Set(sorted.map((c) => c.method))],
    evidence,
  };
}

/**
 * The address of the most trusted candidate that read one (an address is one value: parts from two
 * sources are never mixed), every candidate's kept as evidence on one line.
 */
function firstAddress(
  sorted: ReadonlyArray<{ method: Method; postalAddress: PostalAddress | null }>,
  evidence: FieldEvidence[],
): PostalAddress | null {
  let chosen: PostalAddress | null = null;
  for (const c of sorted) {
    if (!c.postalAddress) continue;
    evidence.push({ field: "postalAddress", value: postalAddressLine(c.postalAddress), method: c.method });
    chosen ??= c.postalAddress;
  }
  return chosen;
}

/** Options of combining: the page's own domain decides which company receives contacts nobody else claims. */
export interface CombineOptions {
  pageDomain?: string | null;
}

/**
 * Combines candidates from all sources into one entry per real person (same email, profile URL or
 * name) and per company.
 */
export function combineCandidates(
  all: Candidates[],
  options: CombineOptions = {},
): { people: DetailedPerson[]; companies: DetailedCompany[] } {
  nameKeys.clear();
  urlKeys.clear();
  profileKeys.clear();
  const companies = all.flatMap((c) => c.companies);
  const companyNames = new Set(companies.map((c) => (c.name ? nameKey(c.name) : "")).filter(Boolean));
  // Weak sources read the nearest heading as a name; when that heading is the company's name the
  // contact is the company's.
  const weak = new Set<Method>(["mailto", "tel", "text", "layout"]);
  const all2 = all
    .flatMap((c) => c.people)
    .map((p) =>
      p.name && weak.has(p.method) && companyNames.has(nameKey(p.name)) ? { ...p, name: null, title: null } : p,
    );
  const named = all2.filter((p) => p.name);
  const orphans = all2.filter((p) => !p.name);

  // Contacts without a name join the person who has the same value, else the one whose name their address spells.
  const attached: PersonCandidate[] = [];
  const leftover: PersonCandidate[] = [];
  for (const orphan of orphans) {
    const email = orphan.emails[0];
    const phone = orphan.phones[0];
    const byValue = named.find((p) => (email && p.emails.includes(email)) || (phone && p.phones.includes(phone)));
    if (byValue) {
      attached.push({ ...orphan, name: byValue.name });
      continue;
    }
    if (email && !isRoleEmail(email)) {
      const fitting = [...new Set(named.filter((p) => emailFitsName(email, p.name!)).map((p) => foldName(p.name!)))];
      if (fitting.length === 1) {
        attached.push({ ...orphan, name: named.find((p) => foldName(p.name!) === fitting[0])!.name });
        continue;
      }
    }
    leftover.push(orphan);
  }

  const people = cluster([...named, ...attached], personKeys).map(combinePeople);
  const claimed = new Set([...people, ...companies].flatMap((p) => [...p.emails, ...p.phones]));
  const unclaimed = leftover.filter(
    (o) => !o.emails.some((e) => claimed.has(e)) && !o.phones.some((p) => claimed.has(p)),
  );

  if (unclaimed.length > 0) {
    // Unclaimed contacts belong to the company behind the page; without one, to the company their domain names.
    const home =
      companies.find((c) => c.domain && c.domain === options.pageDomain) ??
      companies.find((c) => c.method === "page" || c.method === "opengraph") ??
      companies[0];
    for (const orphan of unclaimed) {
      const domain = orphan.emails.map((e) => (isFreeMailDomain(e) ? null : emailDomain(e))).find(Boolean) ?? null;
      companies.push({
        method: orphan.method,
        name: null,
        domain: home ? home.domain : domain,
        website: home ? home.website : null,
        emails: orphan.emails,
        phones: orphan.phones.filter(isPhoneLike),
        address: null,
        postalAddress: null,
        urls: [],
        logo: null,
        // Keyed onto the home company by its name when it has no domain.
        ...(home && !home.domain ? { name: home.name } : {}),
      });
    }
  }

  // A personal site's title names its owner, not a company.
  const personNames = new Set(people.map((p) => nameKey(p.name)));
  for (const c of companies)
    if (c.name && (c.method === "page" || c.method === "opengraph") && personNames.has(nameKey(c.name))) c.name = null;
  const combined = cluster(companies, companyKeys)
    .map(combineCompanies)
    // A bare domain is what the address bar already says; a company entry needs a name or a way to reach it.
    .filter((c) => c.name || c.emails.length || c.phones.length || c.address);
  return { people, companies: combined };
}

/** Project a detailed capture onto the contract's JSON shape. */
export function toCaptureResult(detailed: DetailedCapture): CaptureResult {
  return {
    people: detailed.people.map((p) => ({
      name: p.name,
      emails: p.emails,
      phones: p.phones,
      title: p.title,
      companyName: p.companyName,
      urls: p.urls,
      website: p.website,
      ...(p.postalAddress ? { postalAddress: p.postalAddress } : {}),
      confidence: p.confidence,
      sources: p.sources,
    })),
    companies: detailed.companies.map((c) => ({
      name: c.name,
      domain: c.domain,
      website: c.website,
      emails: c.emails,
      phones: c.phones,
      address: c.address,
      ...(c.postalAddress ? { postalAddress: c.postalAddress } : {}),
      urls: c.urls,
      event: c.event,
      sources: c.sources,
    })),
    email: detailed.email,
  };
}

/** The registrable domain of a page address, or null for non-web addresses. */
export function pageDomain(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol.startsWith("http") ? registrableDomain(parsed.hostname) : null;
  } catch {
    return null;
  }
}
