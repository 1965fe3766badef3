import type { SubjectRef } from "../common.ts";
import type { MutationArgs } from "../mutations/registry.ts";
import { type ImportPart, type ImportedUpdate, MAX_RECORDS_PER_PART } from "./entry.ts";
import type { ImportAction, ImportCounts, ImportDraft, RowPlan } from "./types.ts";

/** A change an import makes: an ordinary mutation, applied and synced like any other. */
export type ImportChange =
  | { name: "create"; args: MutationArgs["create"] }
  | { name: "update"; args: MutationArgs["update"] }
  | { name: "add"; args: MutationArgs["add"] }
  | { name: "recordImport"; args: MutationArgs["recordImport"] };

/** The action a row takes: the user's choice when the row allows it, else its plan's. */
export function decidedAction(plan: RowPlan, choice: ImportAction | undefined): ImportAction {
  return choice && plan.choices.includes(choice) ? choice : plan.action;
}

/** What committing an import writes: its changes in chunks of rows, each chunk ending with its history part. */
export interface ImportCommit {
  /** The changes, one list per chunk of rows; each list can be applied in one transaction. */
  chunks: ImportChange[][];
  counts: ImportCounts;
}

/** How a commit names things it creates. */
export interface CommitOptions {
  importId: string;
  fileName: string;
  format: "csv" | "vcard";
  newId: () => string;
  now: string;
  /** Rows per chunk (default 500). */
  chunkRows?: number;
}

/**
 * The changes that carry out an import's plan with the user's choices (per row number): a `create`
 * of a lead per created row (source: import), `update` and `add` per updated record, a note per row
 * with notes, and per chunk a `recordImport` naming what it created and changed, so the import is
 * one entry in the history and can be undone.
 */
export function importChanges(
  plans: readonly RowPlan[],
  choices: Readonly<Record<number, ImportAction>>,
  options: CommitOptions,
): ImportCommit {
  const size = Math.min(options.chunkRows ?? 500, MAX_RECORDS_PER_PART / 2);
  const counts: ImportCounts = { created: 0, updated: 0, skipped: 0, failed: 0 };
  const chunks: ImportChange[][] = [];
  for (let start = 0; start < plans.length || start === 0; start += size) {
    const part: ImportPart = {
      id: options.importId,
      fileName: options.fileName,
      format: options.format,
      counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
      created: [],
      updated: [],
    };
    const changes: ImportChange[] = [];
    for (const plan of plans.slice(start, start + size)) {
      const action = decidedAction(plan, choices[plan.row]);
      const draft = plan.draft;
      if (action === "error" || !draft) {
        part.counts[action === "error" ? "failed" : "skipped"] += 1;
        continue;
      }
      if (action === "create") {
        const id = options.newId();
        changes.push({ name: "create", args: { type: "lead", id, fields: leadFields(draft) } });
        part.created.push({ type: "lead", id });
        addNote(changes, part, { type: "lead", id }, draft, options);
        part.counts.created += 1;
      } else if (action === "update" && plan.target && plan.changes?.length) {
        const { type, id } = plan.target;
        const updated: ImportedUpdate = { type: type === "contact" ? "contact" : "lead", id, fields: {}, added: {} };
        const set: Record<string, unknown> = {};
        for (const change of plan.changes) {
          if ("added" in change) {
            changes.push({ name: "add", args: { type, id, field: change.field, values: change.added } });
            updated.added[change.field] = change.added;
          } else {
            set[change.field] = change.to;
            updated.fields[change.field] = { from: change.to, to: change.from };
          }
        }
        if (Object.keys(set).length) changes.push({ name: "update", args: { type, id, set } });
        part.updated.push(updated);
        addNote(changes, part, { type, id }, draft, options);
        part.counts.updated += 1;
      } else {
        part.counts.skipped += 1;
      }
    }
    changes.push({ name: "recordImport", args: part });
    chunks.push(changes);
    for (const key of ["created", "updated", "skipped", "failed"] as const) counts[key] += part.counts[key];
  }
  return { chunks, counts };
}

function leadFields(draft: ImportDraft): Record<string, unknown> {
  return {
    name: draft.name,
    emails: draft.emails,
    phones: draft.phones,
    title: draft.title,
    companyName: draft.companyName,
    website: draft.website,
    status: draft.status,
    ownerId: draft.ownerId,
    tags: draft.tags,
    custom: draft.custom,
    source: { kind: "import" },
  };
}

function addNote(
  changes: ImportChange[],
  part: ImportPart,
  subject: SubjectRef,
  draft: ImportDraft,
  options: CommitOptions,
): void {
  if (!draft.notes) return;
  const id = options.newId();
  changes.push({
    name: "create",
    args: { type: "activity", id, fields: { type: "note", subject, body: draft.notes, occurredAt: options.now } },
  });
  part.created.push({ type: "activity", id });
}
