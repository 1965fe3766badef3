// The company behind a captured page, saved as a company record (or found again by its domain) so
// the people captured with it are linked to one account, not only at conversion.
import { findMatchesIn, isHostedPage, newId, registrableDomain, type Provenance } from "@leadpane/domain";
import { companyNameKey, type CapturedCompany, type CaptureResult } from "@leadpane/domain/extract";
import { db, type LeadpaneDb } from "../local-db/db.ts";
import { dexieReplica, type LocalChange } from "../local-db/local-mutations.ts";
import { captureActivity } from "./capture-activity.ts";

/** A company the page describes, with the record it will be saved as or linked to. */
export interface PageCompany {
  company: CapturedCompany;
  /** Its registrable domain, the key a workspace holds one company under. */
  domain: string | null;
  /** The company already in the workspace with that domain (linked, never duplicated), else null. */
  known: { id: string; name: string } | null;
}

/**
 * The organisation the page is about or from (its own about, contact or team page, or a schema.org
 * organisation), never an event's site: the first named, non-event company with a domain.
 */
export function pageCompanyOf(result: CaptureResult): CapturedCompany | null {
  return result.companies.find((c) => !c.event && c.name && domainOf(c)) ?? null;
}

/** The company's registrable domain: its own, else its website's (never a social network's). */
export function domainOf(company: Pick<CapturedCompany, "domain" | "website">): string | null {
  if (company.domain) return company.domain;
  return company.website && !isHostedPage(company.website) ? registrableDomain(company.website) : null;
}

/** The page's company and the workspace's company with its domain, if any. */
export async function resolvePageCompany(
  result: CaptureResult,
  database: LeadpaneDb = db,
): Promise<PageCompany | null> {
  const company = pageCompanyOf(result);
  if (!company) return null;
  const domain = domainOf(company);
  const matches = await findMatchesIn(dexieReplica(database), {
    kind: "company",
    name: company.name,
    domain,
    website: company.website,
  });
  const exact = matches.find((m) => m.type === "company" && m.strength === "exact" && !m.record.deleted);
  return { company, domain, known: exact ? { id: exact.id, name: String(exact.record.data.name ?? "") } : null };
}

/**
 * Whether a captured person works at the page's company: their employer's website is on its
 * domain, or they name it as their company.
 */
export function worksAt(person: { website: string | null; companyName: string }, page: PageCompany): boolean {
  if (person.website && page.domain && registrableDomain(person.website) === page.domain) return true;
  const name = page.company.name;
  return Boolean(name && person.companyName.trim() && companyNameKey(person.companyName) === companyNameKey(name));
}

/**
 * The changes that save the page's company: a new company with name, domain, website, address,
 * main phone, emails and links, each with the capture's provenance, plus a capture activity on it;
 * or, when the workspace has it already, only the activity (its values stay the rep's). Returns
 * the id the people are linked to.
 */
export function saveCompanyChanges(
  page: PageCompany,
  input: { url: string; title: string; provenance: Provenance; ownerId: string; at: string },
): { id: string; name: string; changes: LocalChange[] } {
  const { company } = page;
  const changes: LocalChange[] = [];
  let id: string;
  let name: string;
  if (page.known) {
    ({ id, name } = page.known);
  } else {
    id = newId();
    name = company.name ?? page.domain ?? "";
    const website = company.website && !isHostedPage(company.website) ? company.website : null;
    const fields = {
      name,
      domain: page.domain,
      website,
      address: company.address?.slice(0, 600) ?? null,
      postalAddress: company.postalAddress ?? null,
      phones: company.phones.slice(0, 5),
      emails: company.emails.slice(0, 10),
      urls: company.urls.filter((u) => /^https?:\/\//i.test(u)).slice(0, 10),
      ownerId: input.ownerId,
    };
    const filled = Object.entries(fields).filter(
      ([field, value]) => field !== "ownerId" && (Array.isArray(value) ? value.length > 0 : Boolean(value)),
    );
    changes.push({
      name: "create",
      args: {
        type: "company",
        id,
        fields: { ...fields, provenance: Object.fromEntries(filled.map(([field]) => [field, [input.provenance]])) },
      },
    });
  }
  changes.push(
    captureActivity({
      id: newId(),
      subject: { type: "company", id },
      body: `Captured from ${input.title || input.url}`,
      at: input.at,
      authorId: input.provenance.by ?? input.ownerId,
      data: { url: input.url, title: input.title, methods: company.sources, known: Boolean(page.known) },
    }),
  );
  return { id, name, changes };
}
