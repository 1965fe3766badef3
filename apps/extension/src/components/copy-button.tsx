/** Copies a text (a key, a URL) and says so in the given status line, or asks to copy it by hand. */
export function CopyButton({ text, label, onStatus }: { text: string; label: string; onStatus: (s: string) => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() =>
        void (navigator.clipboard?.writeText(text) ?? Promise.reject()).then(
          () => onStatus("Copied."),
          () => onStatus("Copy it by hand: select the text and press Ctrl+C."),
        )
      }
    >
      Copy
    </button>
  );
}
