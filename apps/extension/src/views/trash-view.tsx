import { canWrite, type Member, type RecordType } from "@leadpane/domain";
import { TRASH_RETENTION_DAYS } from "@leadpane/domain/sync";
import { useEffect, useRef, useState } from "preact/hooks";
import "../components/admin.css";
import { auditMemberName } from "../components/audit-entries.ts";
import { formatWhen, recordHref } from "../components/format.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useMutate } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";
import { localTrash, type TrashRow } from "../local-db/trash.ts";
import { currentRole } from "../session/member-role.ts";

/** Words for each record type in the trash. */
const TYPE_LABELS: Record<RecordType, string> = {
  lead: "Lead",
  contact: "Contact",
  company: "Company",
  deal: "Deal",
  task: "Task",
  activity: "Activity",
};

/** A calendar day as people read it ("Jan 6, 2027"). */
function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/**
 * The Trash: records deleted in this workspace (from the local store, so it works offline), most
 * recently deleted first, with who deleted them, when, and until when they can come back. Restore
 * applies the `restore` mutation locally and queues it like any change, so every teammate's browser
 * gets the record back.
 */
export function TrashView({ session, members }: { session: Session; members: Map<string, Member> }) {
  // Read once per visit: a row that passes its 30 days while the view is open is refused by the server anyway.
  const [now] = useState(() => Date.now());
  const rows = useLiveQuery<TrashRow[] | undefined>(() => localTrash(now), [now], undefined);
  const mutator = useMutate(session);
  const writable = canWrite(currentRole(session, members));
  const [restored, setRestored] = useState<TrashRow | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // After a restore the row leaves the list (when the live query catches up): focus then goes to the
  // next row's Restore (or the last one), else to the heading, never to <body>.
  const pendingFocus = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || !rows || rows.some((r) => r.id === pending.id)) return;
    pendingFocus.current = null;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>("button[data-restore]");
    (buttons?.[Math.min(pending.index, buttons.length - 1)] ?? heading.current)?.focus();
  }, [rows]);

  const restore = async (row: TrashRow, index: number) => {
    pendingFocus.current = { id: row.id, index };
    if (!(await mutator.run([{ name: "restore", args: { type: row.type, id: row.id } }]))) {
      pendingFocus.current = null;
      return;
    }
    setRestored(row);
  };

  return (
    <section class="admin-page trash-view" aria-labelledby="trash-title">
      <div class="trash-intro">
        <h1 id="trash-title" ref={heading} tabIndex={-1}>
          Trash
        </h1>
        <p class="small muted">
          Deleted records stay here for {TRASH_RETENTION_DAYS} days, then they are removed for good.
          {writable ? "" : " Viewers can see the trash; ask a member to restore a record."}
        </p>
        <div role="status" aria-live="polite" class="small">
          {restored && (
            <span class="success" data-testid="trash-restored">
              Restored {restored.label || TYPE_LABELS[restored.type].toLowerCase()}.{" "}
              <a href={recordHref(restored.type, restored.id)}>Open it</a>
            </span>
          )}
        </div>
      </div>
      {mutator.error && (
        <p class="error" role="alert">
          {mutator.error}
        </p>
      )}
      {rows === undefined ? (
        <div class="empty" aria-busy="true">
          Loading the trash…
        </div>
      ) : rows.length === 0 ? (
        <div class="card empty" data-testid="trash-empty">
          The trash is empty. Deleted leads, contacts, companies, deals, tasks and activities appear here.
        </div>
      ) : (
        <ul class="admin-list card" aria-label="Deleted records" ref={list}>
          {rows.map((row, index) => (
            <li key={`${row.type}:${row.id}`} data-testid="trash-row" data-id={row.id}>
              <div class="admin-row">
                <div class="grow stack trash-item">
                  <span>
                    <strong class="trash-label">{row.label || "(no name)"}</strong>{" "}
                    <span class="pill">{TYPE_LABELS[row.type]}</span>
                  </span>
                  <span class="small muted">
                    Deleted by {row.deletedBy ? auditMemberName(members, row.deletedBy) : "someone"} ·{" "}
                    {formatWhen(row.deletedAt)} · Restorable until {formatDay(row.restorableUntil)}
                  </span>
                </div>
                {writable && (
                  <button
                    type="button"
                    data-restore
                    disabled={mutator.busy}
                    aria-label={`Restore ${TYPE_LABELS[row.type].toLowerCase()} ${row.label || "(no name)"}`}
                    onClick={() => void restore(row, index)}
                  >
                    Restore
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
