import type { RecordType } from "@leadpane/domain";
import type { Mutator } from "../hooks/use-mutate.ts";

// A record type in a toast's words.
const TYPE_WORDS: Record<RecordType, string> = {
  lead: "Lead",
  contact: "Contact",
  company: "Company",
  deal: "Deal",
  task: "Task",
  activity: "Note",
};

/**
 * Deletes one record (a tombstone that syncs, kept in the trash) with no confirmation: as in Gmail
 * and HubSpot's single deletes, the Undo toast is the safety net. When the button goes with its
 * record and focus would fall to the page, focus moves to the toast's Undo instead.
 */
export function DeleteButton({
  type,
  id,
  name,
  noun = TYPE_WORDS[type],
  mutator,
  compact = false,
}: {
  type: RecordType;
  id: string;
  /** The record's name, for the button's accessible label. */
  name: string;
  /** The toast's word for it ("Note", "Email"). */
  noun?: string;
  mutator: Mutator;
  /** A small "×"-sized button in a list row rather than a labelled one. */
  compact?: boolean;
}) {
  const remove = async () => {
    const ok = await mutator.run([{ name: "delete", args: { type, id } }], {
      undo: { label: `${noun} deleted`, action: "the delete" },
    });
    if (ok)
      requestAnimationFrame(() => {
        const focus = document.activeElement;
        if (!focus || focus === document.body)
          document.querySelector<HTMLElement>('[data-testid="undo-button"]')?.focus();
      });
  };
  return (
    <button
      type="button"
      class={compact ? "link small danger-link" : "danger-link"}
      data-testid={`delete-${type}`}
      aria-label={`Delete ${noun.toLowerCase()} ${name}`.trim()}
      disabled={mutator.busy}
      onClick={() => void remove()}
    >
      {compact ? "Delete" : `Delete ${noun.toLowerCase()}`}
    </button>
  );
}
