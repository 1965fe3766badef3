import type { Member, PipelineStage } from "@leadpane/domain";
import { fieldsOf } from "@leadpane/domain/sync";
import type { Mutator } from "../hooks/use-mutate.ts";
import type { LocalRecord } from "../local-db/db.ts";
import { fieldLabel, fieldValueWords } from "./field-words.ts";
import { formatWhen } from "./format.ts";

/** Fields whose history is bookkeeping, not a value a rep would put back. */
const QUIET_FIELDS = new Set(["provenance", "updatedAt", "createdAt", "custom", "keys", "mergedIntoId"]);

/** One value a field had, that can be put back. */
interface Restorable {
  field: string;
  value: string | number | boolean | null;
  at: string;
  by: string | null;
}

/**
 * The values a record's fields had before they were overwritten — by a teammate's concurrent edit
 * or an older one — newest first, each with a Restore button (`restoreValue`, a new write that
 * syncs like any edit). Nothing a rep typed is lost to a conflict: here is where they get it back.
 */
export function FieldHistory({
  record,
  members,
  mutator,
  canWrite,
  stages = [],
}: {
  record: LocalRecord;
  members: Map<string, Member>;
  mutator: Mutator;
  canWrite: boolean;
  /** The workspace's pipeline, so a deal's earlier stage reads by its name. */
  stages?: readonly PipelineStage[];
}) {
  const data = fieldsOf(record);
  const currency = typeof data.currency === "string" ? data.currency : undefined;
  const words = (entry: Restorable) => fieldValueWords(entry.field, entry.value, { currency, members, stages });
  const seen = new Set<string>();
  const entries: Restorable[] = [];
  for (const h of [...record.meta.history].reverse()) {
    // `$…` entries are sync bookkeeping (a delete or restore), shown by the trash, not as a value.
    if (QUIET_FIELDS.has(h.field) || h.field.startsWith("$")) continue;
    const value = h.value;
    if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      continue;
    if (value === (fieldsOf(record)[h.field] ?? null)) continue;
    const key = `${h.field}\u0000${String(value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ field: h.field, value, at: h.at, by: h.by });
  }
  if (!entries.length) return null;
  return (
    <details class="card stack small" data-testid="field-history">
      <summary>Earlier values ({entries.length})</summary>
      <ul class="stack" aria-label="Earlier values">
        {entries.map((entry) => (
          <li key={`${entry.field}:${String(entry.value)}`} class="row" data-testid="field-history-entry">
            <span>
              <strong>{fieldLabel(entry.field)}</strong> was{" "}
              {entry.value === null || entry.value === "" ? <em>empty</em> : `“${words(entry)}”`}{" "}
              <span class="muted">
                · replaced {entry.by ? `by ${members.get(entry.by)?.name ?? "a teammate"} ` : ""}
                {formatWhen(entry.at)}
              </span>
            </span>
            {canWrite && (
              <button
                type="button"
                disabled={mutator.busy}
                aria-label={`Restore ${fieldLabel(entry.field)} to ${words(entry)}`}
                onClick={() =>
                  void mutator.run([
                    {
                      name: "restoreValue",
                      args: { type: record.type, id: record.id, field: entry.field, value: entry.value },
                    },
                  ])
                }
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
