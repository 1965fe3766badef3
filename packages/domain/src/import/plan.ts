import { type MatchReasonKind, findMatches } from "../match.ts";
import { indexKeys } from "../keys.ts";
import { foldName } from "../normalize.ts";
import { recordLabel } from "../records.ts";
import { fieldsOf, type SyncedRecord } from "../sync/record.ts";
import type { RowResult } from "./map-row.ts";
import type { FieldChange, ImportAction, ImportDraft, OnMatch, RowPlan } from "./types.ts";

/** Where planning finds existing records: by match key, and by id (a converted lead's contact). */
export interface ImportMatchSource {
  byKey(key: string): readonly SyncedRecord[];
  get(type: string, id: string): SyncedRecord | undefined;
}

/** The match keys a row's existing twins are found by (its emails and phones), to fetch them up front. */
export function draftKeys(draft: Pick<ImportDraft, "emails" | "phones">): string[] {
  return [...draft.emails.map((e) => `email:${e}`), ...draft.phones.map((p) => `phone:${p}`)];
}

/** A match source over records in memory (what a caller fetched by `draftKeys`). */
export function matchSource(records: readonly SyncedRecord[]): ImportMatchSource {
  const byKey = new Map<string, SyncedRecord[]>();
  const byId = new Map<string, SyncedRecord>();
  for (const record of records) {
    byId.set(`${record.type}:${record.id}`, record);
    if (record.deleted) continue;
    for (const key of indexKeys(record.type, record.data)) byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  return { byKey: (key) => byKey.get(key) ?? [], get: (type, id) => byId.get(`${type}:${id}`) };
}

/** How a match is said, by its reason. */
const REASON_WORDS: Partial<Record<MatchReasonKind, string>> = {
  email: "Same email as",
  phone_and_name: "Same name and phone as",
  profile_url: "Same profile as",
};

/** Scalar fields an update may replace, per record type (a contact has no company name or website of its own). */
const UPDATABLE: Record<"lead" | "contact", string[]> = {
  lead: ["title", "companyName", "website", "ownerId", "custom"],
  contact: ["title", "ownerId"],
};

/** Words for a changed field in a reason. */
const FIELD_WORDS: Record<string, string> = {
  title: "title",
  companyName: "company",
  website: "website",
  ownerId: "owner",
  custom: "custom fields",
  emails: "email",
  phones: "phone",
  tags: "tags",
};

/** Options for planning. */
export interface PlanOptions {
  /** What a row matching an existing record does (default: update it). */
  onMatch?: OnMatch;
  defaultRegion?: string;
}

/**
 * The plan for every row, in order, before anything is written. A row with problems is an error;
 * a blank row is skipped. A row matching an existing lead or contact exactly (the domain's match
 * rules: same email, same name and phone, same profile) updates it, is created anyway or is
 * skipped, as `onMatch` says; a converted lead's match goes to its contact. A row repeating an
 * earlier row of the same file (same email, or same name and phone) is skipped. An update replaces
 * the scalar fields a column gave with a non-empty value (as HubSpot does) and adds new emails,
 * phones and tags; it never changes the name or status, and an empty cell clears nothing.
 */
export function planImport(
  results: readonly RowResult[],
  source: ImportMatchSource,
  options: PlanOptions = {},
): RowPlan[] {
  const onMatch = options.onMatch ?? "update";
  const region = options.defaultRegion ?? "US";
  const seen = new Map<string, { row: number; name: string }>();
  return results.map((result, index): RowPlan => {
    const row = index + 1;
    if (!result.ok)
      return result.empty
        ? { row, action: "skip", reason: "The row is empty.", choices: ["skip"] }
        : { row, action: "error", reason: result.errors.join(" "), choices: ["error"], errors: result.errors };
    const draft = result.draft;
    const fileKeys = [
      ...draft.emails.map((e) => ({ key: `email:${e}`, words: "Same email as" })),
      ...draft.phones.map((p) => ({ key: `phone:${p}|${foldName(draft.name)}`, words: "Same name and phone as" })),
    ];
    const earlier = fileKeys.map((k) => ({ ...k, first: seen.get(k.key) })).find((k) => k.first);
    for (const { key } of fileKeys) if (!seen.has(key)) seen.set(key, { row, name: draft.name });
    if (earlier?.first)
      return {
        row,
        action: "skip",
        reason: `${earlier.words} row ${earlier.first.row} (${earlier.first.name}) of this file.`,
        choices: ["skip", "create"],
        draft,
        duplicateOf: earlier.first.row,
      };
    const candidates = new Map<string, SyncedRecord>();
    for (const key of draftKeys(draft)) for (const r of source.byKey(key)) candidates.set(`${r.type}:${r.id}`, r);
    const match = findMatches(
      { name: draft.name, emails: draft.emails, phones: draft.phones },
      [...candidates.values()],
      {
        defaultRegion: region,
      },
    ).find((m) => m.strength === "exact" && m.type !== "company");
    if (!match) return { row, action: "create", reason: "New lead.", choices: ["create", "skip"], draft };
    const reason = match.reasons.find((r) => REASON_WORDS[r.kind]);
    const words = `${REASON_WORDS[reason?.kind ?? "email"]} ${recordLabel(match.type, match.record.data)} (${match.type})`;
    const target = match.followTo ? source.get(match.followTo.type, match.followTo.id) : match.record;
    if (!target || target.deleted || (target.type !== "lead" && target.type !== "contact"))
      return {
        row,
        action: "skip",
        reason: `${words}, converted to a contact that is not available.`,
        choices: ["skip", "create"],
        draft,
      };
    const name = recordLabel(target.type, target.data);
    const via = match.followTo ? `; it became the contact ${name}` : "";
    const changes = updateChanges(target, draft);
    const ref = { type: target.type, id: target.id, name };
    const choices: ImportAction[] = ["update", "create", "skip"];
    if (onMatch === "create")
      return { row, action: "create", reason: `${words}${via}; created anyway.`, choices, draft, target: ref, changes };
    if (onMatch === "skip")
      return { row, action: "skip", reason: `${words}${via}; skipped.`, choices, draft, target: ref, changes };
    if (!changes.length)
      return {
        row,
        action: "skip",
        reason: `${words}${via}; nothing new to add.`,
        choices,
        draft,
        target: ref,
        changes,
      };
    const what = changes.map((c) => FIELD_WORDS[c.field] ?? c.field).join(", ");
    return { row, action: "update", reason: `${words}${via}; updates ${what}.`, choices, draft, target: ref, changes };
  });
}

/** What updating an existing lead or contact with a row changes. */
export function updateChanges(record: SyncedRecord, draft: ImportDraft): FieldChange[] {
  const data = fieldsOf(record);
  const type = record.type === "contact" ? "contact" : "lead";
  const changes: FieldChange[] = [];
  const given = new Set(draft.given);
  for (const field of UPDATABLE[type]) {
    if (!given.has(field)) continue;
    if (field === "custom") {
      const current = (data.custom ?? {}) as Record<string, unknown>;
      const next = { ...current, ...draft.custom };
      if (JSON.stringify(next) !== JSON.stringify(current)) changes.push({ field, from: current, to: next });
      continue;
    }
    const value = draft[field as "title" | "companyName" | "website" | "ownerId"];
    if (value !== null && value !== (data[field] ?? null))
      changes.push({ field, from: data[field] ?? null, to: value });
  }
  for (const field of ["emails", "phones", "tags"] as const) {
    const current = new Set(Array.isArray(data[field]) ? (data[field] as string[]) : []);
    const added = draft[field].filter((value) => !current.has(value));
    if (added.length && (field !== "tags" || given.has("tags"))) changes.push({ field, added });
  }
  return changes;
}
