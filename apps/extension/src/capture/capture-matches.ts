// Who on the page is already in the workspace, and what the rep may do about it: update the
// existing person, add a new lead linked to a known company, or keep the capture separate.
import { captureTarget, findMatchesIn, type RecordMatch } from "@leadpane/domain";
import { describeMatch } from "./describe-match.ts";
import { factsOf, type KnownPerson } from "../mail/mail-changes.ts";
import { signatureChanges, type SignatureChange } from "../mail/seen-again.ts";
import { db, type LeadpaneDb } from "../local-db/db.ts";
import { dexieReplica } from "../local-db/local-mutations.ts";

export { describeMatch };

/** What a capture of one person does. */
export type CaptureChoice =
  | { kind: "new" }
  | { kind: "update"; known: KnownPerson }
  | { kind: "link"; companyId: string; companyName: string };

/** One choice offered to the rep, with its label and why it is offered. */
export interface ChoiceOption {
  choice: CaptureChoice;
  label: string;
  reason: string | null;
}

/** The workspace records that match a person found on the page, exact first. */
export async function matchesFor(
  person: { name: string; emails: string[]; phones: string[]; urls: string[]; companyName: string },
  page: { website: string | null },
  region: string,
  database: LeadpaneDb = db,
): Promise<RecordMatch[]> {
  return findMatchesIn(
    dexieReplica(database),
    {
      kind: "person",
      name: person.name,
      emails: person.emails,
      phones: person.phones,
      urls: person.urls,
      companyName: person.companyName || null,
      website: page.website,
    },
    { defaultRegion: region },
  );
}

/**
 * The choices for a person, the default first: update the person the capture is exactly about (a
 * converted lead's contact rather than the read-only lead), else a new lead at the known company,
 * else a new lead. Possible matches are offered, never chosen for the rep.
 */
export async function choicesFor(matches: RecordMatch[], database: LeadpaneDb = db): Promise<ChoiceOption[]> {
  const reader = dexieReplica(database);
  const target = captureTarget(matches);
  const targetKey = target ? `${target.type}:${target.id}` : null;
  const people = matches
    .filter((m) => m.type !== "company")
    .sort((a, b) => Number(refOf(b) === targetKey) - Number(refOf(a) === targetKey));
  const personOptions: ChoiceOption[] = [];
  const seen = new Set<string>();
  for (const match of people) {
    const ref = match.followTo ?? { type: match.type, id: match.id };
    if ((ref.type !== "lead" && ref.type !== "contact") || seen.has(`${ref.type}:${ref.id}`)) continue;
    seen.add(`${ref.type}:${ref.id}`);
    const record = await reader.get(ref.type, ref.id);
    if (!record || record.deleted) continue;
    let companyName = record.type === "lead" ? (record.data.companyName ?? null) : null;
    if (typeof record.data.companyId === "string") {
      const company = await reader.get("company", record.data.companyId);
      companyName = company?.data.name ?? companyName;
    }
    const known: KnownPerson = { type: record.type, id: record.id, data: record.data, companyName };
    personOptions.push({
      choice: { kind: "update", known },
      label: `Update ${String(record.data.name)} (${ref.type})`,
      reason: describeMatch(match),
    });
  }
  const linkOptions: ChoiceOption[] = matches
    .filter((m) => m.type === "company" && m.strength === "exact")
    .map((m) => {
      const name = String(m.record.data.name ?? "");
      return {
        choice: { kind: "link", companyId: m.id, companyName: name },
        label: `New lead at ${name}`,
        reason: describeMatch(m),
      };
    });
  const separate: ChoiceOption = { choice: { kind: "new" }, label: "Keep separate: a new lead", reason: null };
  // Only an exact person match is chosen for the rep; possible ones are offered for review.
  return target ? [...personOptions, ...linkOptions, separate] : [...linkOptions, separate, ...personOptions];
}

/** What the page says that the existing person's record does not (filled when empty, else for review). */
export function differencesFrom(
  known: KnownPerson,
  person: { title: string; companyName: string; phones: string[] },
): SignatureChange[] {
  return signatureChanges(factsOf(known), {
    title: person.title || null,
    companyName: person.companyName || null,
    phones: person.phones,
  });
}

function refOf(match: RecordMatch): string {
  const ref = match.followTo ?? { type: match.type, id: match.id };
  return `${ref.type}:${ref.id}`;
}
