import { useEffect, useRef } from "preact/hooks";
import { dismissUndo, undo, UNDO_WINDOW_MS, useUndo, type UndoOffer } from "../hooks/use-undo.ts";

/** How long "Undone." stays; an outcome that kept something stays until dismissed. */
const OUTCOME_MS = 6_000;

/**
 * The snackbar after a destructive or bulk action: "Lead deleted · Undo" for about 10 s (paused
 * while hovered or focused), then gone. Announced politely and never takes focus; reachable by Tab
 * and by Ctrl+Z / ⌘Z anywhere outside a text field. Shared by the side panel and the dashboard.
 */
export function UndoToast() {
  const { offer, outcome } = useUndo();
  const host = useRef<HTMLDivElement>(null);
  const dismiss = useRef<HTMLButtonElement>(null);
  const paused = useRef(false);
  const undoNow = async (current: UndoOffer) => {
    // Focus was on the Undo button, which goes: it moves to the outcome's Dismiss, not to <body>.
    const hadFocus = host.current?.contains(document.activeElement) ?? false;
    await undo(current);
    if (hadFocus) requestAnimationFrame(() => dismiss.current?.focus());
  };

  useEffect(() => {
    if (!offer && !(outcome && !outcome.kept.length)) return;
    const started = Date.now();
    let left = offer ? UNDO_WINDOW_MS : OUTCOME_MS;
    let since = started;
    const timer = setInterval(() => {
      const now = Date.now();
      if (!paused.current) left -= now - since;
      since = now;
      if (left <= 0) dismissUndo();
    }, 250);
    return () => clearInterval(timer);
  }, [offer, outcome]);

  // The countdown pauses while the pointer or focus is on the toast (WCAG 2.2.1: timing adjustable).
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const pause = () => (paused.current = true);
    const resume = () => (paused.current = false);
    // Escape closes it from the keyboard, as a dialog's close would.
    const close = (e: Event) => e instanceof KeyboardEvent && e.key === "Escape" && dismissUndo();
    const events = [
      ["mouseenter", pause],
      ["mouseleave", resume],
      ["focusin", pause],
      ["focusout", resume],
      ["keydown", close],
    ] as const;
    for (const [name, listener] of events) element.addEventListener(name, listener);
    return () => {
      for (const [name, listener] of events) element.removeEventListener(name, listener);
    };
  }, []);

  useEffect(() => {
    if (!offer) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "z" || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      if (isEditable(e.target)) return;
      e.preventDefault();
      void undoNow(offer);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [offer]);

  const text = offer ? offer.label : outcome ? outcome.message : "";
  return (
    <div ref={host} class={`toast-host ${offer || outcome ? "shown" : ""}`} data-testid="undo-toast">
      {/* The live region is always in the page (empty when idle), so a new message in it is announced. */}
      <div class={`toast ${offer || outcome ? "" : "empty"}`}>
        <div class="toast-text" role="status" aria-live="polite" aria-atomic="true">
          <span class={outcome?.failed ? "error" : undefined}>{text}</span>
          {offer && <span class="visually-hidden">. Undo with Ctrl+Z or ⌘Z.</span>}
          {outcome && outcome.kept.length > 0 && (
            <ul class="toast-kept" data-testid="undo-kept">
              {outcome.kept.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
        {offer && (
          <button
            type="button"
            class="toast-action"
            data-testid="undo-button"
            aria-keyshortcuts="Control+Z"
            title="Undo (Ctrl+Z)"
            onClick={() => void undoNow(offer)}
          >
            Undo
          </button>
        )}
        {(offer || outcome) && (
          <button ref={dismiss} type="button" class="toast-close" aria-label="Dismiss" onClick={dismissUndo}>
            ×
          </button>
        )}
      </div>
    </div>
  );
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
