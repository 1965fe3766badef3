import { recordLabel } from "../records.ts";
import type { RecordReader } from "../sync/context.ts";
import { observedAdds } from "../sync/fields.ts";
import { fieldsOf, type SyncedRecord } from "../sync/record.ts";
import type { UndoChange } from "../undo/trace.ts";
import type { ImportPart } from "./entry.ts";

/** What undoing an import does to one record, in words. */
export interface ImportUndoOutcome {
  type: string;
  id: string;
  name: string;
  outcome: "removed" | "reverted" | "partly" | "kept" | "gone";
  message: string;
}

/** The changes that undo an import, and what happens to each record it touched. */
export interface ImportUndoPlan {
  changes: UndoChange[];
  records: ImportUndoOutcome[];
}

const FIELD_WORDS: Record<string, string> = {
  title: "title",
  companyName: "company",
  website: "website",
  ownerId: "owner",
  custom: "custom fields",
  emails: "emails",
  phones: "phones",
  tags: "tags",
};

/**
 * How to undo an import (its parts joined), read against the records as they are now: a record it
 * created is deleted (to the trash, so the undo is itself undoable) unless someone worked on it
 * since (a write after its creation); a field it changed goes back only while it still holds what
 * the import wrote (`revertFields` checks again where it applies); values it added to lists are
 * removed. What was changed since is kept and said, per record.
 */
export async function planImportUndo(parts: readonly ImportPart[], reader: RecordReader): Promise<ImportUndoPlan> {
  const changes: UndoChange[] = [];
  const records: ImportUndoOutcome[] = [];
  const created = parts.flatMap((p) => p.created);
  const createdKeys = new Set(created.map((r) => `${r.type}:${r.id}`));
  for (const { type, id } of parts.flatMap((p) => p.updated)) {
    if (createdKeys.has(`${type}:${id}`)) continue;
    const current = await reader.get(type, id);
    const update = parts.flatMap((p) => p.updated).filter((u) => u.type === type && u.id === id);
    const name = current ? recordLabel(type, fieldsOf(current)) : "";
    if (!current || current.deleted) {
      records.push({
        type,
        id,
        name,
        outcome: "gone",
        message: `${name || `This ${type}`} was deleted since; left as it is.`,
      });
      continue;
    }
    const data = fieldsOf(current);
    const fields: Record<string, { from: unknown; to: unknown }> = {};
    const kept: string[] = [];
    for (const u of update)
      for (const [field, { from, to }] of Object.entries(u.fields)) {
        if (same(data[field], from)) fields[field] = { from, to };
        else kept.push(FIELD_WORDS[field] ?? field);
      }
    if (Object.keys(fields).length) changes.push({ name: "revertFields", args: { type, id, fields } });
    let reverted = Object.keys(fields).length;
    for (const u of update)
      for (const field of ["emails", "phones", "tags"] as const) {
        const values = (u.added[field] ?? []).filter((v) => strings(data[field]).includes(v));
        if (!values.length) continue;
        changes.push({ name: "remove", args: { type, id, field, observed: observedAdds(current, field, values) } });
        reverted += 1;
      }
    records.push(
      kept.length
        ? {
            type,
            id,
            name,
            outcome: reverted ? "partly" : "kept",
            message: `Kept the ${kept.join(", ")} of ${name}: changed after the import.`,
          }
        : { type, id, name, outcome: "reverted", message: `Put back ${name} as before the import.` },
    );
  }
  for (const { type, id } of created) {
    const current = await reader.get(type, id);
    if (!current || current.deleted) {
      if (type !== "activity")
        records.push({ type, id, name: "", outcome: "gone", message: `This ${type} was already deleted.` });
      continue;
    }
    const name = recordLabel(type, fieldsOf(current));
    const pointed = reader.findByKey
      ? [...(await reader.findByKey(`subject:${type}:${id}`)), ...(await reader.findByKey(`ref:${type}:${id}`))].some(
          (r) => !createdKeys.has(`${r.type}:${r.id}`),
        )
      : false;
    if (type !== "activity" && (pointed || workedOnSince(current))) {
      records.push({
        type,
        id,
        name,
        outcome: "kept",
        message: `Kept the ${type} ${name}: it was changed after the import.`,
      });
      continue;
    }
    changes.push({ name: "delete", args: { type, id } });
    if (type !== "activity")
      records.push({ type, id, name, outcome: "removed", message: `Moved ${name} to the trash.` });
  }
  return { changes, records };
}

/** Whether anything was written to a record after its creation: every write of a create shares one clock. */
function workedOnSince(record: SyncedRecord): boolean {
  const clocks = new Set([
    ...Object.values(record.meta.clocks),
    ...Object.values(record.meta.sets).flatMap((set) => Object.values(set).flat()),
  ]);
  return clocks.size > 1;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
