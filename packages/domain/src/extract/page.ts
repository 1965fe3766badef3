import { isFreeMailDomain } from "../free-mail.ts";
import { isHostedPage } from "../hosts.ts";
import { emailDomain } from "../normalize.ts";
import { createContext, type ExtractOptions } from "./context.ts";
import {
  combineCandidates,
  companyNameKey,
  pageDomain,
  toCaptureResult,
  type DetailedCapture,
  type DetailedCompany,
  type DetailedPerson,
} from "./combine.ts";
import { isEventPage } from "./event-page.ts";
import { sources } from "./registry.ts";
import type { CaptureResult } from "./result.ts";
import type { Candidates } from "./types.ts";

/** Extract people and companies from a page, with the provenance of every value (what the extension stores). */
export function extractPageDetailed(doc: Document, url: string, options: ExtractOptions = {}): DetailedCapture {
  const ctx = createContext(doc, url, options);
  const found: Candidates[] = [];
  for (const source of sources) {
    try {
      found.push(source.extract(ctx));
    } catch (error) {
      // One broken source must not cost the user the others' results.
      if (typeof console !== "undefined") console.warn(`leadpane: source ${source.id} failed`, error);
    }
  }
  const domain = pageDomain(url);
  const { people, companies } = combineCandidates(found, { pageDomain: domain });
  // On an event's page the site is the event's (or its organiser's): its speakers work elsewhere.
  if (isEventPage(ctx)) for (const c of companies) if (isPageCompany(c, domain)) c.event = true;
  const home = companies.find((c) => !c.event && isPageCompany(c, domain));
  // Each company's name key and whether its website is a hosted page, once per page rather than per person.
  const keyed = companies.map((c) => ({
    company: c,
    nameKey: c.name ? companyNameKey(c.name) : null,
    ownSite: c.website !== null && !isHostedPage(c.website),
  }));
  for (const p of people) assignEmployer(p, keyed, home);
  return { people: people.filter((p) => p.name), companies, email: null };
}

/** Extract people and companies from a page: the capture contract's JSON. */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): CaptureResult {
  return toCaptureResult(extractPageDetailed(doc, url, options));
}

/** The company behind the page itself: its domain is the page's, or it was read from the page's own identity. */
function isPageCompany(c: DetailedCompany, domain: string | null): boolean {
  return (domain !== null && c.domain === domain) || c.sources.some((m) => m === "page" || m === "opengraph");
}

/**
 * The company a person works for, as far as the page tells, giving their employer's website (and
 * their company name when no source named one and their email's domain is the company's): the company at their email's domain, else the
 * one their company name names, else — when they name none — the company behind the page. A
 * person naming another company than the page's (a customer quote, a speaker, a partner) does
 * not get the page's website, and an event's site is nobody's employer.
 */
function assignEmployer(p: DetailedPerson, companies: KeyedCompany[], home: DetailedCompany | undefined): void {
  const domains = new Set(p.emails.map((e) => emailDomain(e)).filter((d) => d && !isFreeMailDomain(d)));
  const named = p.companyName ? companyNameKey(p.companyName) : null;
  const entry =
    companies.find(({ company: c }) => c.domain && domains.has(c.domain)) ??
    (named ? companies.find((k) => !k.company.event && k.nameKey !== null && k.nameKey === named) : undefined) ??
    (named ? undefined : companies.find((k) => k.company === home));
  if (!entry) return;
  const employer = entry.company;
  // The company name is filled from an email's domain only: a page's own name (a title) is too weak to
  // state as a fact; the extension offers it through the website.
  if (!p.companyName && employer.name && employer.domain && domains.has(employer.domain)) {
    p.companyName = employer.name;
    p.evidence.push({ field: "companyName", value: employer.name, method: employer.sources[0] ?? "page" });
  }
  if (employer.website && entry.ownSite) p.website = employer.website;
}

/** A company of the page with what every person's employer test reads of it. */
interface KeyedCompany {
  company: DetailedCompany;
  nameKey: string | null;
  ownSite: boolean;
}
