/**
 * The tab a page works on: `?tabId=` when given (how tests and the side panel's "open in tab"
 * address a tab), else the active tab of the current window.
 */
export async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tabId"));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Whether this page was pinned to one tab with `?tabId=`. */
export function pinnedToTab(): boolean {
  return new URLSearchParams(location.search).has("tabId");
}
