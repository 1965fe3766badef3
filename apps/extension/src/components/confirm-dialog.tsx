import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { describeAdminError, eraseConfirmed } from "./admin-rules.ts";

/**
 * A modal confirmation for actions that cannot be undone. A native `<dialog>` opened with
 * `showModal()`: focus moves into it and stays there, Escape cancels, and the page behind is inert.
 * With `typeToConfirm`, the confirm button works only once that text is typed.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  typeToConfirm?: { label: string; expected: string };
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const ready = !props.typeToConfirm || eraseConfirmed(typed, props.typeToConfirm.expected);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (e) {
      setError(describeAdminError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) props.onClose();
      }}
    >
      <form
        class="stack"
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) void confirm();
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        <div class="stack">{props.children}</div>
        {props.typeToConfirm && (
          <label>
            {props.typeToConfirm.label}
            <input
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
              autocomplete="off"
              spellcheck={false}
            />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row" style={{ justifyContent: "flex-end" }}>
          <button type="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class={props.danger ? "danger" : "primary"} disabled={!ready || busy}>
            {busy ? "Working…" : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
