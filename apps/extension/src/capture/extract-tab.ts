import { CaptureResultSchema, type CaptureResult } from "@leadpane/domain/extract";
import { getBlockedSites } from "../storage.ts";
import { isBlockedUrl } from "./blocked-sites.ts";

/** The file of the extractor script, injected only when the user asks to capture. */
export const EXTRACT_SCRIPT = "/extract-page.js";

/**
 * Runs the page extractor in a tab, on the user's action (activeTab + scripting): no content
 * script runs on ordinary sites until then.
 */
export async function extractFromTab(tabId: number): Promise<CaptureResult> {
  // The one gate every page capture passes: nothing is injected into a never-capture site.
  const tab = await browser.tabs.get(tabId);
  if (tab.url && isBlockedUrl(tab.url, await getBlockedSites())) throw new Error("Capture is turned off for this site (see Settings).");
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] });
  const parsed = CaptureResultSchema.safeParse(injection?.result);
  if (!parsed.success) throw new Error("Could not read this page (the extractor returned nothing usable)");
  return parsed.data;
}
