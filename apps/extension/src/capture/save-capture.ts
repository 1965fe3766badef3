import { newId, type PostalAddress } from "@leadpane/domain";
import type { CaptureResult } from "@leadpane/domain/extract";
import type { Session } from "../chrome-storage.ts";
import { acceptChange } from "../mail/mail-changes.ts";
import type { SignatureChange } from "../mail/seen-again.ts";
import { mutateAll, type LocalChange } from "../local-db/local-mutations.ts";
import { captureActivity } from "./capture-activity.ts";
import { saveCompanyChanges, worksAt, type PageCompany } from "./capture-company.ts";
import { captureLead, captureProvenance, fillAddress } from "./capture-lead.ts";
import { differencesFrom, type CaptureChoice } from "./capture-matches.ts";

/** A person from the page as the rep edited it before saving. */
export interface DraftPerson {
  /** The card's identity: its tick, its errors and the focus follow it, never its place in the list. */
  key: string;
  name: string;
  title: string;
  companyName: string;
  /** Emails, phones and links exactly as shown and typed (comma-separated): nothing typed is rewritten. */
  emails: string;
  phones: string;
  urls: string;
  /** The employer's website as the extractor found it (never an event's, never a social network). */
  website: string | null;
  /** The person's postal address as the page gives it, shown for review and saved with a new lead. */
  postalAddress?: PostalAddress | null;
  sources: string[];
  /** What saving does: a new lead (the default), an update of a known person, or a new lead at a known company. */
  choice?: CaptureChoice;
  /** Differences from the known person's record the rep chose to take from the page. */
  accepted?: SignatureChange[];
}

/** A draft's values as a lead holds them: the typed lists split, links given a scheme. */
export interface DraftValues {
  name: string;
  title: string;
  companyName: string;
  emails: string[];
  phones: string[];
  urls: string[];
}

/** The page a capture came from. */
export interface CapturePage {
  url: string;
  title: string;
  result: CaptureResult;
}

/** Drafts for the people the extractor found, ready to edit. */
export function draftsFrom(result: CaptureResult): DraftPerson[] {
  return result.people.map((p, i) => ({
    // Made once, when the page is read: later edits, ticks and re-orders never change it (and no spaces, as an id).
    key: `person-${i}`,
    name: p.name,
    title: p.title ?? "",
    // A person the page names no company for works at their employer's site's company, if the page has one.
    companyName:
      p.companyName ??
      result.companies.find((c) => !c.event && c.name && p.website && c.website === p.website)?.name ??
      "",
    emails: p.emails.join(", "),
    phones: p.phones.join(", "),
    urls: p.urls.join(", "),
    website: p.website,
    postalAddress: p.postalAddress ?? null,
    sources: p.sources,
  }));
}

/** The draft's values as lists: emails and links split on commas, semicolons or spaces; phones on commas. */
export function draftValues(draft: DraftPerson): DraftValues {
  return {
    name: draft.name,
    title: draft.title,
    companyName: draft.companyName,
    emails: splitEmails(draft.emails),
    phones: split(draft.phones, /[,;\n]+/),
    urls: split(draft.urls, /[,;\s]+/).map(withScheme),
  };
}

function split(value: string, by: RegExp): string[] {
  return value
    .split(by)
    .map((v) => v.trim())
    .filter(Boolean);
}

// "aoife at pipedream dot io" stays one (bad) entry, quoted back whole; "a@x.io b@y.io" is two.
function splitEmails(value: string): string[] {
  return split(value, /[,;\n]+/).flatMap((part) => {
    const words = part.split(/\s+/);
    return words.length > 1 && words.every((w) => w.includes("@")) ? words : [part];
  });
}

// "linkedin.com/in/aoife" is what people paste: a link without a scheme is an https one.
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || !/^[\w-]+(\.[\w-]+)+(\/|$)/.test(url) ? url : `https://${url}`;
}

/**
 * Saves the chosen people as leads (or adds the capture to the existing record), each with a
 * capture activity naming the source page, who captured it and when, plus per-field provenance.
 * One local transaction; the worker syncs it.
 */
export async function saveCapture(
  page: CapturePage,
  drafts: DraftPerson[],
  session: Session,
  defaultRegion: string,
  company: PageCompany | null = null,
): Promise<string[]> {
  const now = new Date().toISOString();
  const changes: LocalChange[] = [];
  const ids: string[] = [];
  // The page's company is saved (or found again by its domain) once, and its people linked to it.
  let employer: { id: string; name: string } | null = null;
  if (company) {
    const saved = saveCompanyChanges(company, {
      url: page.url,
      title: page.title,
      ownerId: session.member.id,
      at: now,
      provenance: captureProvenance({
        url: page.url,
        methods: company.company.sources,
        fallback: "page",
        at: now,
        by: session.member.id,
      }),
    });
    changes.push(...saved.changes);
    employer = { id: saved.id, name: saved.name };
  }
  for (const draft of drafts) {
    const person = { ...draft, ...draftValues(draft) };
    const provenance = captureProvenance({
      url: page.url,
      methods: person.sources,
      fallback: "page",
      at: now,
      by: session.member.id,
    });
    const choice = person.choice ?? { kind: "new" };
    let subject: { type: "lead" | "contact"; id: string };
    const kept: SignatureChange[] = [];
    if (choice.kind === "update") {
      const { known } = choice;
      subject = { type: known.type, id: known.id };
      // Empty fields are filled; a value that differs is the rep's call: taken when accepted, else
      // kept in the capture's history below.
      const differences = differencesFrom(known, person);
      const accepted = new Set((person.accepted ?? []).map(changeKey));
      for (const change of differences) {
        if (change.kind === "new" || accepted.has(changeKey(change)))
          changes.push(...acceptChange(known, change, provenance));
        else kept.push(change);
      }
      for (const field of ["emails", "urls"] as const) {
        if (person[field].length)
          changes.push({ name: "add", args: { type: subject.type, id: subject.id, field, values: person[field] } });
      }
      const address = fillAddress(known, person.postalAddress);
      if (address) changes.push(address);
    } else {
      subject = { type: "lead", id: newId() };
      const link =
        choice.kind === "link"
          ? { companyName: choice.companyName, companyId: choice.companyId }
          : // A company already known is linked through the card's choice ("New lead at …"); keeping
            // separate declines it. One this capture creates has no such choice: its people join it.
            employer && company && !company.known && worksAt(person, company)
            ? { companyName: person.companyName.trim() || employer.name, companyId: employer.id }
            : { companyName: person.companyName };
      changes.push(
        captureLead(
          subject.id,
          {
            name: person.name,
            title: person.title,
            ...link,
            emails: person.emails,
            phones: person.phones,
            urls: person.urls,
            website: person.website,
            postalAddress: person.postalAddress,
          },
          // A capture of an open email's sender came from email, even though a page was open.
          {
            source: { kind: page.result.email ? "email" : "web", url: page.url },
            ownerId: session.member.id,
            provenance,
          },
        ),
      );
    }
    changes.push(
      captureActivity({
        id: newId(),
        subject,
        body:
          `Captured from ${page.title || page.url}` +
          `${kept.length ? `. Kept: ${kept.map(describeKept).join("; ")}` : ""}`,
        at: now,
        authorId: session.member.id,
        data: { url: page.url, title: page.title, methods: person.sources, kept },
      }),
    );
    ids.push(subject.id);
  }
  await mutateAll(changes, { actorId: session.member.id, nodeId: session.clientId, defaultRegion });
  return ids;
}

function changeKey(change: SignatureChange): string {
  return `${change.field}:${change.after}`;
}

const FIELD_WORDS: Record<SignatureChange["field"], string> = {
  title: "title",
  companyName: "company",
  phone: "phone",
};

/** "title Director (the page says VP Sales)": a difference the rep chose not to take. */
function describeKept(change: SignatureChange): string {
  return `${FIELD_WORDS[change.field]} ${change.before ?? "(none)"} (the page says ${change.after})`;
}
