import { MAX_TEXT, newId, type SubjectRef } from "@leadpane/domain";
import { useRef, useState } from "preact/hooks";
import type { Mutator } from "../hooks/use-mutate.ts";
import type { Session } from "../chrome-storage.ts";

const KINDS = [
  { value: "note", label: "Note" },
  { value: "call", label: "Call" },
  { value: "email", label: "Email" },
  { value: "meeting", label: "Meeting" },
] as const;

/** Adds a note (or logs a call, email or meeting) to a record's timeline, inline. */
export function NoteComposer({
  subject,
  session,
  mutator,
}: {
  subject: SubjectRef;
  session: Session;
  mutator: Mutator;
}) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]["value"]>("note");
  const box = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > MAX_TEXT;
  const save = async () => {
    const body = text.trim();
    // Refused here, beside the box, with every character kept: the rep shortens it and saves.
    if (!body || tooLong) return;
    const ok = await mutator.run([
      {
        name: "create",
        args: {
          type: "activity",
          id: newId(),
          fields: { type: kind, subject, body, occurredAt: new Date().toISOString(), authorId: session.member.id },
        },
      },
    ]);
    if (ok) {
      setText("");
      // The emptied box disables the button that had focus: focus goes back to the box, ready for the next.
      box.current?.focus();
    }
  };
  return (
    <form
      class="stack note-composer"
      aria-label="Add a note"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        ref={box}
        rows={2}
        placeholder="Add a note… (Ctrl+Enter to save)"
        aria-label="Note"
        value={text}
        aria-invalid={tooLong ? "true" : undefined}
        aria-describedby="note-length"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      {text.length > MAX_TEXT * 0.9 && (
        <div class="row small" id="note-length" data-testid="note-length">
          <span class={tooLong ? "field-error" : "muted"}>
            {text.length.toLocaleString("en")} / {MAX_TEXT.toLocaleString("en")}
          </span>
          {tooLong && (
            <span class="field-error" role="alert">
              Note is too long: at most {MAX_TEXT.toLocaleString("en")} characters (remove{" "}
              {(text.length - MAX_TEXT).toLocaleString("en")})
            </span>
          )}
        </div>
      )}
      <div class="row">
        <select
          aria-label="Kind of entry"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
          style={{ width: "auto" }}
        >
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <button class="primary" type="submit" disabled={mutator.busy || !text.trim() || tooLong}>
          {kind === "note" ? "Add note" : `Log ${kind}`}
        </button>
      </div>
    </form>
  );
}
