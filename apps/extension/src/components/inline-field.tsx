import type { ComponentChildren } from "preact";
import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import "./inline-field.css";

/** How a value is typed when edited. */
export type InlineEditor =
  | { kind: "text"; inputMode?: "text" | "email" | "tel" | "url" | "decimal" }
  | { kind: "date" }
  | { kind: "datetime-local" }
  | { kind: "select"; options: ReadonlyArray<{ value: string; label: string }> };

/**
 * Saves what was typed: resolves to null when saved (or nothing changed), else the reason in plain
 * words, shown beside the field with the typing kept.
 */
export type InlineSave = (typed: string) => Promise<string | null>;

/**
 * One field shown as its value and edited in place, as on HubSpot's and Attio's record pages:
 * click the value or press Enter on it to edit, Enter saves, Escape cancels; focus goes back to
 * the value either way. An error stays beside the field, the typing kept, until it is fixed or
 * cancelled. Read-only (a viewer, a converted lead) shows the value as plain text.
 */
export function InlineField({
  label,
  value,
  display,
  editor = { kind: "text" },
  readOnly = false,
  onSave,
  editing: startEditing = false,
  onDone,
  hideLabel = false,
  testId,
}: {
  label: string;
  /** What the editor starts with (the raw value: an ISO date, an id). */
  value: string;
  /** The value as shown; empty shows a muted "—". */
  display?: ComponentChildren;
  editor?: InlineEditor;
  readOnly?: boolean;
  onSave: InlineSave;
  /** Opens already editing (a value being added). */
  editing?: boolean;
  /** Called when editing ends (saved or cancelled), for a parent that opened it. */
  onDone?: (saved: boolean) => void;
  /** The label is read by screen readers only (a list of values under one heading). */
  hideLabel?: boolean;
  testId?: string;
}) {
  const id = useId();
  const [editing, setEditing] = useState(startEditing);
  const [typed, setTyped] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valueRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  // Focus follows the mode: into the editor when it opens, back to the value when it closes. A
  // layout effect, so keys typed right after Enter land in the editor, not on the page.
  const [refocus, setRefocus] = useState(false);
  useLayoutEffect(() => {
    if (editing) {
      inputRef.current?.focus();
      if (inputRef.current instanceof HTMLInputElement && editor.kind === "text") inputRef.current.select();
    } else if (refocus) {
      valueRef.current?.focus();
      setRefocus(false);
    }
  }, [editing, refocus]);

  const open = () => {
    setTyped(value);
    setError(null);
    setEditing(true);
  };
  const close = (saved: boolean) => {
    setEditing(false);
    setError(null);
    setRefocus(true);
    onDone?.(saved);
  };
  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const problem = await onSave(typed);
      if (problem) setError(problem);
      else close(true);
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape") {
      // Escape belongs to this field: a dialog around it stays open.
      e.preventDefault();
      e.stopPropagation();
      close(false);
    }
  };
  const shown = display ?? value;
  const empty = shown === "" || shown === null || shown === undefined;
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;

  return (
    <div class={`inline-field ${editing ? "editing" : ""}`} data-testid={testId}>
      <span id={labelId} class={hideLabel ? "visually-hidden" : "inline-label"}>
        {label}
      </span>
      {!editing ? (
        readOnly ? (
          <span class="inline-value readonly">{empty ? <span class="muted">—</span> : shown}</span>
        ) : (
          <button
            ref={valueRef}
            type="button"
            class="inline-value"
            // "Title VP Sales": the field's name, then what is shown (WCAG label-in-name).
            aria-labelledby={`${labelId} ${id}-shown`}
            title={`Edit ${label.toLowerCase()}`}
            onClick={open}
          >
            <span id={`${id}-shown`}>{empty ? <span class="muted">—</span> : shown}</span>
          </button>
        )
      ) : (
        <span class="inline-editor">
          {editor.kind === "select" ? (
            <select
              ref={inputRef}
              aria-labelledby={labelId}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            >
              {editor.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              ref={inputRef}
              type={editor.kind === "text" ? "text" : editor.kind}
              inputMode={editor.kind === "text" ? editor.inputMode : undefined}
              aria-labelledby={labelId}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              value={typed}
              onInput={(e) => {
                setTyped(e.currentTarget.value);
              }}
              onKeyDown={onKeyDown}
            />
          )}
          <span class="inline-buttons">
            <button type="button" class="small" disabled={busy} onClick={() => void save()}>
              Save
            </button>
            <button type="button" class="small link" onClick={() => close(false)}>
              Cancel
            </button>
          </span>
          {error && (
            <span id={errorId} class="error small inline-error" role="alert" data-testid="field-error">
              {error}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
