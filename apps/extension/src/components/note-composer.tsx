import { newId, type SubjectRef } from "@leadpane/domain";
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
  const save = async () => {
    const body = text.trim();
    if (!body) return;
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
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
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
        <button class="primary" type="submit" disabled={mutator.busy || !text.trim()}>
          {kind === "note" ? "Add note" : `Log ${kind}`}
        </button>
      </div>
    </form>
  );
}
