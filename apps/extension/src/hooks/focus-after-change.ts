/**
 * Where focus goes after an action re-draws what held it. Changes land through the local store and
 * a live query, so the changed thing (a card in its new column, the record a conversion created)
 * appears a few frames later: focus waits for it, up to a bound, instead of falling to <body>.
 */

/** How long to wait for the target to appear before giving up (a change the server refused, say). */
const WAIT_MS = 4000;

let pending: { stop(): void } | null = null;

/**
 * Focuses the first element matching `selector` once it is in the page (now, or after the next
 * re-draws). A later request replaces an earlier one; the user focusing something else cancels it.
 */
export function focusWhenReady(selector: string, root: ParentNode = document): void {
  pending?.stop();
  const tryFocus = (): boolean => {
    const target = root.querySelector<HTMLElement>(selector);
    if (!target?.isConnected) return false;
    // An element that holds no tab stop of its own can still take focus programmatically.
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    return document.activeElement === target;
  };
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const onUserFocus = (event: FocusEvent) => {
    // Someone moved on (a click, a Tab): their choice wins over ours.
    if (event.target instanceof HTMLElement && !event.target.matches(selector)) stop();
  };
  const timer = setTimeout(() => stop(), WAIT_MS);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("focusin", onUserFocus, true);
    if (pending === handle) pending = null;
  }
  const handle = { stop };
  pending = handle;
  if (tryFocus()) {
    stop();
    return;
  }
  observer.observe(document.body, { childList: true, subtree: true });
  // Registered after the first attempt, so that attempt's own focus event does not cancel it.
  document.addEventListener("focusin", onUserFocus, true);
}
