/**
 * Site access: the shipped extension may read a page only after the person clicks its toolbar
 * button (activeTab) or allows it on that site (an optional host permission, which Chrome remembers).
 * Chrome's own refusal ("Cannot access contents of url … Extension manifest must request
 * permission") never reaches the UI: it becomes a SiteAccessError that the views turn into those
 * two choices.
 */

/** Chrome's (and Firefox's) refusals to script a page the extension holds no access to. */
const NO_ACCESS = [
  /Cannot access contents of (the page|url)/i,
  /must request permission to access/i,
  /Missing host permission/i,
  /Cannot access a chrome(-extension)?:\/\/ URL/i,
  /The extensions gallery cannot be scripted/i,
];

/** The page could not be read because Leadpane holds no access to its site. */
export class SiteAccessError extends Error {
  constructor(readonly url: string) {
    super(`Leadpane may not read ${siteOf(url)} yet`);
  }
}

/** The host a person recognises ("www.acme.com"). */
export function siteOf(url: string): string {
  return new URL(url).hostname;
}

/** The match pattern that grants one site, both http and https kept apart as Chrome does. */
export function sitePattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** Whether an error is the browser refusing to script a page for lack of access. */
export function isNoAccessError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error ?? "");
  return NO_ACCESS.some((pattern) => pattern.test(message));
}

/**
 * Asks the person to allow Leadpane on the page's site (Chrome's prompt; remembered per site).
 * Must run straight from a click: Chrome refuses a request without a user gesture.
 */
export function requestSiteAccess(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [sitePattern(url)] });
}
