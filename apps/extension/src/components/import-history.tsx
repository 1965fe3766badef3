import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { type ImportEntry, listImports, pendingImportIds, type UndoAnswer, undoImport } from "../import/imports-api.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { AdminError } from "./admin-error.tsx";
import { formatWhen } from "./format.ts";

/** How long the history keeps looking for an import still on its way to the server (ms). */
const WAIT_FOR_SYNC_MS = 60_000;

/** Words for what an undo did. */
function undoSummary(answer: UndoAnswer): string {
  const count = (outcome: string) => answer.records.filter((r) => r.outcome === outcome).length;
  const parts = [
    count("removed") && `${count("removed")} moved to the trash`,
    count("reverted") + count("partly") && `${count("reverted") + count("partly")} put back`,
    count("kept") + count("partly") && `${count("kept") + count("partly")} kept changes made since`,
  ].filter(Boolean);
  return `Undone: ${parts.join(", ") || "nothing left to undo"}.`;
}

/**
 * The workspace's import history (from the server): who imported which file when, what each did,
 * and Undo, which the server runs (what changed since is kept, and said). Imports committed here
 * and still waiting to sync are counted until they arrive.
 */
export function ImportHistory({
  session,
  writable,
  refresh,
}: {
  session: Session;
  writable: boolean;
  refresh: number;
}) {
  const [items, setItems] = useState<ImportEntry[] | null>(null);
  const [pending, setPending] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ id: string; answer: UndoAnswer } | null>(null);

  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const load = async () => {
      try {
        const [listed, waiting] = await Promise.all([listImports(session), pendingImportIds()]);
        if (stopped) return;
        setItems(listed);
        setError(null);
        const missing = waiting.filter((id) => !listed.some((entry) => entry.id === id));
        setPending(missing);
        if (missing.length && Date.now() - started < WAIT_FOR_SYNC_MS) setTimeout(load, 1000);
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    void load();
    return () => {
      stopped = true;
    };
  }, [session, refresh]);

  const undo = async (entry: ImportEntry) => {
    setBusy(entry.id);
    setError(null);
    try {
      const answer = await undoImport(session, entry.id);
      setOutcome({ id: entry.id, answer });
      setItems((list) => list?.map((item) => (item.id === entry.id ? answer.import : item)) ?? null);
      void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="stack" aria-labelledby="import-history-title" data-testid="import-history">
      <h2 id="import-history-title">Import history</h2>
      <AdminError error={error} />
      {pending.length > 0 && (
        <p class="small muted" role="status">
          {pending.length === 1 ? "1 import is" : `${pending.length} imports are`} waiting to sync; it appears here once
          the server has it.
        </p>
      )}
      {items === null ? (
        <p class="small muted">Loading…</p>
      ) : items.length === 0 ? (
        <p class="small muted">No imports yet.</p>
      ) : (
        <ul class="admin-list import-history">
          {items.map((entry) => (
            <li key={entry.id} class="card stack" data-import={entry.id}>
              <div class="row import-history-row">
                <div class="stack">
                  <strong>{entry.fileName || "Untitled import"}</strong>
                  <span class="small muted">
                    {formatWhen(entry.createdAt)} by {entry.memberName ?? "a former member"} · {entry.counts.created}{" "}
                    created · {entry.counts.updated} updated · {entry.counts.skipped} skipped · {entry.counts.failed}{" "}
                    with errors
                  </span>
                </div>
                {entry.undoneAt ? (
                  <span class="small muted">Undone {formatWhen(entry.undoneAt)}</span>
                ) : (
                  writable && (
                    <button type="button" disabled={busy === entry.id} onClick={() => void undo(entry)}>
                      {busy === entry.id ? "Undoing…" : "Undo"}
                    </button>
                  )
                )}
              </div>
              {outcome?.id === entry.id && (
                <div role="status" class="small stack" data-testid="import-undo-outcome">
                  <span class="success">{undoSummary(outcome.answer)}</span>
                  {outcome.answer.records
                    .filter((r) => r.outcome === "kept" || r.outcome === "partly")
                    .map((r) => (
                      <span key={r.id}>{r.message}</span>
                    ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
