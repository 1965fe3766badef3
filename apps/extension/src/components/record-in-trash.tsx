import { recordLabel, type Member } from "@leadpane/domain";
import { deletionOf, fieldsOf, isInTrash, type SyncedRecord } from "@leadpane/domain/sync";
import type { Mutator } from "../hooks/use-mutate.ts";
import { formatWhen, recordHref } from "./format.ts";

const NOUNS: Record<string, string> = {
  lead: "lead",
  contact: "contact",
  company: "company",
  deal: "deal",
  task: "task",
  activity: "note",
};

/**
 * What a deleted record's page shows instead of its fields: that it is in the trash (who deleted
 * it, when) with Restore, or the record it was merged into. Without this, a record deleted from its
 * own page stayed there fully editable, as if the delete had not happened.
 */
export function RecordInTrash({
  record,
  members,
  mutator,
  writable,
}: {
  record: SyncedRecord;
  members: Map<string, Member>;
  mutator: Mutator;
  writable: boolean;
}) {
  const noun = NOUNS[record.type] ?? "record";
  const name = recordLabel(record.type, fieldsOf(record)) || `This ${noun}`;
  if (!isInTrash(record)) {
    const survivor = fieldsOf(record).mergedIntoId;
    return (
      <p class="card soft" role="status" data-testid="record-merged">
        {name} was merged into another {noun}.{" "}
        {typeof survivor === "string" && <a href={recordHref(record.type, survivor)}>Open it</a>}
      </p>
    );
  }
  const deletion = deletionOf(record);
  const by = deletion?.deletedBy ? members.get(deletion.deletedBy)?.name : null;
  return (
    <div class="card soft stack" role="status" data-testid="record-in-trash">
      <p>
        <strong>{name}</strong> is in the trash
        {deletion ? ` (deleted${by ? ` by ${by}` : ""} on ${formatWhen(deletion.deletedAt)})` : ""}. It can be restored
        until {deletion ? formatWhen(deletion.restorableUntil) : "it is purged"}.
      </p>
      {writable && (
        <div>
          <button
            type="button"
            class="primary"
            disabled={mutator.busy}
            onClick={() => void mutator.run([{ name: "restore", args: { type: record.type, id: record.id } }])}
          >
            Restore {noun}
          </button>
        </div>
      )}
      {mutator.error && (
        <p class="error small" role="alert">
          {mutator.error}
        </p>
      )}
    </div>
  );
}
