import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { InlineField } from "./inline-field.tsx";

/**
 * A set-valued field (emails, phones, links, tags) edited in place: each value is an inline field
 * of its own (editing one replaces it, emptying it removes it), with a remove button beside it and
 * an "Add …" button that opens an empty one. Each save is one value's change, so a teammate's
 * concurrent addition is never overwritten.
 */
export function InlineSetField({
  label,
  noun,
  values,
  readOnly = false,
  inputMode,
  render,
  onSave,
  onRemove,
  testId,
}: {
  label: string;
  /** What one value is called ("email"): "Add email", "Remove email …". */
  noun: string;
  values: readonly string[];
  readOnly?: boolean;
  inputMode?: "text" | "email" | "tel" | "url";
  /** How a value is shown (a mailto link is not wanted inside the edit button: plain text). */
  render?: (value: string) => ComponentChildren;
  /** Saves one value: `previous` is the value edited, null for a new one. */
  onSave: (previous: string | null, typed: string) => Promise<string | null>;
  onRemove: (value: string) => Promise<string | null>;
  testId?: string;
}) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Where focus goes once the list has re-drawn: a removed value's place (once it is gone), or "Add" (-1).
  const [focusAt, setFocusAt] = useState<{ index: number; gone?: string } | null>(null);
  useLayoutEffect(() => {
    if (focusAt === null || (focusAt.gone !== undefined && values.includes(focusAt.gone))) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>("button.inline-value");
    const at = focusAt.index;
    const neighbour = at >= 0 && buttons?.length ? buttons[Math.min(at, buttons.length - 1)] : undefined;
    const target = neighbour ?? addRef.current;
    if (!target) return;
    target.focus();
    setFocusAt(null);
  });
  const remove = async (value: string, index: number) => {
    const problem = await onRemove(value);
    setError(problem);
    // The removed value's button is gone: focus goes to its neighbour, else to "Add".
    setFocusAt(problem ? null : { index, gone: value });
  };
  return (
    <div class="inline-set" data-testid={testId}>
      <span class="inline-label">{label}</span>
      <ul class="inline-values" ref={listRef}>
        {values.length === 0 && !adding && <li class="muted small">—</li>}
        {values.map((value, index) => (
          <li key={value} class="inline-set-item">
            <InlineField
              label={`${label} ${index + 1}`}
              hideLabel
              value={value}
              display={render ? render(value) : value}
              editor={{ kind: "text", ...(inputMode ? { inputMode } : {}) }}
              readOnly={readOnly}
              onSave={(typed) => onSave(value, typed)}
            />
            {!readOnly && (
              <button
                type="button"
                class="link small inline-remove"
                aria-label={`Remove ${noun} ${value}`}
                title={`Remove ${noun}`}
                onClick={() => void remove(value, index)}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {adding && (
          <li class="inline-set-item">
            <InlineField
              label={`New ${noun}`}
              hideLabel
              value=""
              editing
              editor={{ kind: "text", ...(inputMode ? { inputMode } : {}) }}
              onSave={(typed) => onSave(null, typed)}
              onDone={() => {
                setAdding(false);
                setFocusAt({ index: -1 });
              }}
            />
          </li>
        )}
      </ul>
      {!readOnly && !adding && (
        <button type="button" ref={addRef} class="link small inline-add" onClick={() => setAdding(true)}>
          Add {noun}
        </button>
      )}
      {error && (
        <span class="error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
