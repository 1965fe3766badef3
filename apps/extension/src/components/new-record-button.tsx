import { canWrite, type SubjectRef, type WorkspaceSettings } from "@leadpane/domain";
import { useCallback, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { useNewShortcut } from "../hooks/use-new-shortcut.ts";
import { NewRecordDialog } from "./new-record-dialog.tsx";
import { NEW_RECORD_NOUNS, type NewRecordType } from "./new-record.ts";

/**
 * "New …" (and the `n` key): opens the form for the type the view is about, and afterwards the
 * record created, or the existing one the rep chose instead. Viewers get neither.
 */
export function NewRecordButton({
  defaultType,
  session,
  settings,
  subject = null,
  onOpen,
}: {
  defaultType: NewRecordType;
  session: Session;
  settings: WorkspaceSettings;
  subject?: SubjectRef | null;
  /** Opens a record: the one just created, or an existing one chosen over a duplicate. */
  onOpen: (ref: SubjectRef, created?: { fields: Record<string, unknown> }) => void;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const writable = canWrite(session.member.role);
  const show = useCallback(() => setOpen(true), []);
  useNewShortcut(writable && !open, show);
  // Cancelling gives focus back to the button, once the dialog (and the page's inertness) is gone.
  const [refocus, setRefocus] = useState(false);
  useLayoutEffect(() => {
    if (!refocus || open) return;
    buttonRef.current?.focus();
    setRefocus(false);
  }, [refocus, open]);
  if (!writable) return null;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        class="new-record-button"
        aria-keyshortcuts="n"
        title={`New ${NEW_RECORD_NOUNS[defaultType]} (n)`}
        onClick={show}
      >
        New {NEW_RECORD_NOUNS[defaultType]}
      </button>
      {open && (
        <NewRecordDialog
          initialType={defaultType}
          session={session}
          settings={settings}
          subject={subject}
          onCreated={(type, id, fields) => {
            setOpen(false);
            onOpen({ type, id }, { fields });
          }}
          onOpenExisting={(ref) => {
            setOpen(false);
            onOpen(ref);
          }}
          onClose={() => {
            setOpen(false);
            setRefocus(true);
          }}
        />
      )}
    </>
  );
}
