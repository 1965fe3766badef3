import { CaptureResultSchema, extractEmail, type CaptureResult } from "@leadpane/domain/extract";
import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import { contentScriptFor, isMailUrl } from "../mail/mail-hosts.ts";
import { openMessageOf } from "../mail/open-mail.ts";
import { getBlockedSites } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { isNoAccessError, SiteAccessError } from "./site-access.ts";

/** Why a page could not be read, in words for the person (Chrome's own messages never reach the UI). */
export class PageReadError extends Error {}

/** The file of the extractor script, injected only when the user asks to capture. */
const EXTRACT_SCRIPT = "/extract-page.js";

/**
 * Runs the page extractor in a tab, on the user's action (activeTab + scripting): no content
 * script runs on ordinary sites until then.
 */
export async function extractFromTab(tabId: number): Promise<CaptureResult> {
  // The one gate every page capture passes: nothing is injected into a never-capture site.
  const tab = await browser.tabs.get(tabId);
  if (tab.url && isNeverCaptureUrl(tab.url, await getBlockedSites()))
    throw new PageReadError("Capture is turned off for this site (see Settings).");
  // On web mail the page is the mail app; who it is about is the open message's sender.
  if (tab.url && isMailUrl(tab.url)) {
    let message = await openMessageOf(tabId);
    if (message === undefined) {
      // A mail tab opened before the extension was installed has no content script yet: add it now.
      await browser.scripting
        .executeScript({ target: { tabId }, files: [contentScriptFor(tab.url)!] })
        .catch(() => undefined);
      message = await openMessageOf(tabId);
    }
    // The mail app's own page (folders, message list) is nobody to capture.
    if (!message) return { people: [], companies: [], email: null };
    return extractEmail(message, { defaultRegion: (await getMeta("settings", null))?.defaultRegion ?? "US" });
  }
  const [injection] = await browser.scripting
    .executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] })
    .catch((error: unknown) => {
      // Chrome's own wording never reaches the person: no access becomes the choices to grant it.
      if (isNoAccessError(error)) throw new SiteAccessError(tab.url ?? "");
      throw new PageReadError("Could not read this page: reload it and try again");
    });
  const parsed = CaptureResultSchema.safeParse(injection?.result);
  if (!parsed.success)
    throw new PageReadError("Could not read this page: it may still be loading. Reload it and try again");
  return parsed.data;
}
