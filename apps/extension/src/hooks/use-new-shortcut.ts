import { useEffect } from "preact/hooks";

// Inputs a key press types into; a checkbox or a button does not take text.
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** Whether a key pressed with this focus types text (an input, a text area, a select, an editable region). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== "object" || !("tagName" in target)) return false;
  const element = target as HTMLElement;
  const tag = String(element.tagName).toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has(String(element.getAttribute("type") ?? "text").toLowerCase());
  return element.isContentEditable === true || element.getAttribute("contenteditable") === "true";
}

/** Whether a key press is the "new record" shortcut: a bare `n` outside text fields and open dialogs. */
export function isNewShortcut(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "defaultPrevented" | "target" | "isComposing">,
  doc: Pick<Document, "querySelector">,
): boolean {
  if (event.key !== "n" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
  if (event.isComposing || isTypingTarget(event.target)) return false;
  return doc.querySelector("dialog[open]") === null;
}

/** Opens the "New …" form on `n` (as Gmail, Linear and Attio do), unless the rep is typing. */
export function useNewShortcut(enabled: boolean, onNew: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isNewShortcut(event, document)) return;
      event.preventDefault();
      onNew();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled, onNew]);
}
