/// <reference types="chrome" />
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import type { Profile } from "./extension.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** Saved pages of real sites (team page, profile, Gmail, Outlook) used by the capture tests. */
const CAPTURE_FIXTURES = resolve(here, "../fixtures/capture");

/** A capture fixture's HTML, optionally edited (a variant of the same page). */
export function fixture(name: string, edit: (html: string) => string = (html) => html): string {
  return edit(readFileSync(resolve(CAPTURE_FIXTURES, name), "utf8"));
}

/**
 * Serves a page at its real address (`https://mail.google.com/**`): documents get the fixture,
 * everything else (images, scripts, beacons) an empty 404, since there is no internet.
 */
export async function serveAt(context: BrowserContext, pattern: string, html: () => string): Promise<void> {
  await context.route(pattern, (route) =>
    route.request().resourceType() === "document"
      ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html() })
      : route.fulfill({ status: 404, body: "" }),
  );
}

/** Creates a workspace from the options page, as a rep would; returns the session's API token. */
export async function createWorkspace(
  profile: Profile,
  apiUrl: string,
  who: { workspace: string; name: string; email: string },
): Promise<string> {
  const options = await profile.openExtensionPage("options.html");
  await options.getByLabel("Server URL").fill(apiUrl);
  const form = options.getByRole("form", { name: "Create a workspace" });
  await form.getByLabel("Workspace name", { exact: false }).first().fill(who.workspace);
  await form.getByLabel("Your name", { exact: false }).first().fill(who.name);
  await form.getByLabel("Work email", { exact: false }).first().fill(who.email);
  await form.getByRole("button", { name: "Create workspace" }).click();
  await options.getByTestId("signed-in").waitFor();
  await options.close();
  return profile.worker.evaluate(async () => {
    const stored = await chrome.storage.local.get("leadpane.session");
    return (stored["leadpane.session"] as { token: string }).token;
  });
}

/** Lists records of one type through the public API (what the server stored). */
export async function apiList(
  apiUrl: string,
  token: string,
  type: "leads" | "contacts" | "activities",
): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${apiUrl}/v1/${type}?limit=200`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /v1/${type}: ${res.status}`);
  return ((await res.json()) as { items: Array<Record<string, unknown>> }).items;
}

/** Sets the never-capture list as the settings page does (chrome.storage.local). */
export async function setBlockedSites(profile: Profile, sites: string[]): Promise<void> {
  await profile.worker.evaluate(
    async (list: string[]) => chrome.storage.local.set({ "leadpane.blockedSites": list }),
    sites,
  );
}

/** Opens a page at a real address in a new tab and returns it with its Chrome tab id. */
export async function openAt(profile: Profile, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await profile.context.newPage();
  await page.goto(url);
  return { page, tabId: await profile.tabIdOf(page) };
}
