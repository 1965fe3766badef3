import { isHostedPage, newId, registrableDomain } from "@leadpane/domain";
import type { CaptureResult } from "@leadpane/domain/extract";
import type { Session } from "../chrome-storage.ts";
import { acceptChange } from "../mail/mail-changes.ts";
import type { SignatureChange } from "../mail/seen-again.ts";
import { mutateAll, type LocalChange } from "../local-db/local-mutations.ts";
import { captureActivity } from "./capture-activity.ts";
import { captureLead, captureProvenance } from "./capture-lead.ts";
import { differencesFrom, type CaptureChoice } from "./capture-matches.ts";

/** A person from the page as the rep edited it before saving. */
export interface DraftPerson {
  name: string;
  title: string;
  companyName: string;
  emails: string[];
  phones: string[];
  urls: string[];
  sources: string[];
  /** What saving does: a new lead (the default), an update of a known person, or a new lead at a known company. */
  choice?: CaptureChoice;
  /** Differences from the known person's record the rep chose to take from the page. */
  accepted?: SignatureChange[];
}

/** The page a capture came from. */
export interface CapturePage {
  url: string;
  title: string;
  result: CaptureResult;
}

/** Drafts for the people the extractor found, ready to edit. */
export function draftsFrom(result: CaptureResult): DraftPerson[] {
  return result.people.map((p) => ({
    name: p.name,
    title: p.title ?? "",
    companyName: p.companyName ?? result.companies[0]?.name ?? "",
    emails: p.emails,
    phones: p.phones,
    urls: p.urls,
    sources: p.sources,
  }));
}

/** The company website a lead from this page belongs to (never a social network's). */
export function websiteFor(page: CapturePage): string | null {
  // A company known only by its LinkedIn or X page has no website yet: that page is not one.
  const fromCompany = page.result.companies.find((c) => c.website && !isHostedPage(c.website))?.website;
  if (fromCompany) return fromCompany;
  if (isHostedPage(page.url)) return null;
  const origin = new URL(page.url).origin;
  return registrableDomain(origin) ? origin : null;
}

/**
 * Saves the chosen people as leads (or adds the capture to the existing record), each with a
 * capture activity naming the source page, who captured it and when, plus per-field provenance.
 * One local transaction; the worker syncs it.
 */
export async function saveCapture(
  page: CapturePage,
  people: DraftPerson[],
  session: Session,
  defaultRegion: string,
): Promise<string[]> {
  const now = new Date().toISOString();
  const changes: LocalChange[] = [];
  const ids: string[] = [];
  const website = websiteFor(page);
  for (const person of people) {
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
    } else {
      subject = { type: "lead", id: newId() };
      const link =
        choice.kind === "link"
          ? { companyName: choice.companyName, companyId: choice.companyId }
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
            website,
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
