import { useState } from "preact/hooks";
import { askWorker, MESSAGES } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { erasePerson, exportPerson, type ErasureSummary, type PersonQuery } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { downloadName } from "./admin-rules.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { saveBlob } from "./download.ts";

/** How many records an erasure removed, in words. */
function erasedCount(summary: ErasureSummary): number {
  return Object.values(summary.erased).reduce((n, v) => n + v, 0);
}

/**
 * A data-subject request about one person (owners and admins): download everything the workspace
 * holds about them, or erase it for good, on the server and, at their next sync, on every browser.
 * Erasing asks for `confirmText` (their email address, else their name) to be typed.
 */
export function PrivacyActions({
  session,
  person,
  who,
  confirmText,
  onErased,
}: {
  session: Session;
  person: PersonQuery;
  who: string;
  confirmText: string;
  onErased?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const [erasing, setErasing] = useState(false);
  return (
    <div class="stack" data-testid="privacy-actions">
      <div class="row">
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              saveBlob(await exportPerson(session, person), downloadName("person", "json"));
              setStatus(`Downloaded everything the workspace holds about ${who}.`);
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          Export this person's data
        </button>
        <button type="button" class="danger-outline" disabled={busy} onClick={() => setErasing(true)}>
          Erase this person
        </button>
      </div>
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={error} />
      {erasing && (
        <ConfirmDialog
          title={`Erase ${who}?`}
          confirmLabel="Erase for good"
          danger
          typeToConfirm={{ label: `Type ${confirmText} to confirm`, expected: confirmText }}
          onClose={() => setErasing(false)}
          onConfirm={async () => {
            const summary = await erasePerson(session, person);
            setStatus(
              `Erased ${erasedCount(summary)} records about ` +
                `${who}${summary.scrubbed ? ` and removed their address from ${summary.scrubbed} others` : ""}. ` +
                `Every synced browser drops them at its next sync.`,
            );
            // Pull now, so this browser drops them at once rather than at the next alarm.
            await askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
            onErased?.();
          }}
        >
          <p>
            Their leads and contacts, the notes, emails, calls and tasks about them are deleted on the server and on
            every teammate's browser, and their email address is removed from other records. This cannot be undone:
            export their data first if you need a copy.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
