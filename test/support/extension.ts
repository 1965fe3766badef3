import { existsSync, mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { e2eSkipReason, findChromium } from "./chromium.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** The e2e build of the extension (`npm run build:e2e -w @leadpane/extension`). */
export const EXTENSION_DIR = resolve(here, "../../apps/extension/.output/chrome-mv3-e2e");
/** The shipped build (`npm run build -w @leadpane/extension`): host access only where a person grants it. */
export const SHIPPED_EXTENSION_DIR = resolve(here, "../../apps/extension/.output/chrome-mv3");

/** Why the shipped build's tests cannot run here (no Chromium, or no shipped build), or null. */
export function shippedSkipReason(): string | null {
  return e2eSkipReason() ?? (existsSync(join(SHIPPED_EXTENSION_DIR, "manifest.json")) ? null : "no shipped build");
}
/** Where screenshots go for reviewers (git-ignored). */
const ARTIFACTS_DIR = resolve(here, "../artifacts");

/** One browser profile with the extension loaded: a rep's browser. */
export interface Profile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens an extension page (`popup.html`, `sidepanel.html?tabId=…`) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Chrome's tab id of a page (extension pages use it in `?tabId=`). */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium with the extension (the e2e build unless `extensionDir` says) in a fresh profile. */
export async function launchProfile({
  extensionDir = EXTENSION_DIR,
  args = [],
}: {
  extensionDir?: string;
  /** More Chromium switches (e.g. `--enable-unsafe-extension-debugging` for CDP's Extensions domain). */
  args?: string[];
} = {}): Promise<Profile> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium found");
  const userDataDir = mkdtempSync(join(tmpdir(), "leadpane-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      "--headless=new",
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async openExtensionPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async tabIdOf(page: Page) {
      const url = page.url();
      const sw = context.serviceWorkers()[0] ?? worker;
      const id = await sw.evaluate(async (target: string) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === target)?.id ?? null;
      }, url);
      if (id == null) throw new Error(`no tab for ${url}`);
      return id;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of a page under test/artifacts/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** The Chromium switch that lets CDP press an extension's toolbar button (`clickToolbarButton`). */
export const TOOLBAR_BUTTON_ARGS = ["--enable-unsafe-extension-debugging"];

/**
 * Clicks the extension's toolbar button for the tab showing `page`, as a person does: Chrome grants
 * the extension `activeTab` on that tab. CDP's `Extensions.triggerAction`, which needs a profile
 * launched with TOOLBAR_BUTTON_ARGS and the tab's own target (not its page target).
 */
export async function clickToolbarButton(profile: Profile, page: Page): Promise<void> {
  const browser = profile.context.browser();
  if (!browser) throw new Error("no browser for CDP");
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] })) as {
      targetInfos: Array<{ targetId: string; url: string }>;
    };
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    // Not in playwright-core's protocol types yet; the method exists in Chromium's CDP.
    await cdp.send(
      "Extensions.triggerAction" as "Target.getTargets",
      {
        id: profile.extensionId,
        targetId: tab.targetId,
      } as never,
    );
  } finally {
    await cdp.detach();
  }
}

/**
 * A side panel showing the record found by `name` through its search, as a rep finds someone: the
 * search is retried until this browser has synced the record.
 */
export async function panelWithRecord(profile: Profile, name: string): Promise<Page> {
  const panel = await profile.openExtensionPage("sidepanel.html");
  const search = panel.getByLabel("Search the workspace");
  const results = panel.getByTestId("search-results").getByRole("button", { name: new RegExp(name) });
  await expect
    .poll(
      async () => {
        await search.fill(name);
        return results.count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await results.first().click();
  await panel.getByTestId("record-panel").waitFor();
  return panel;
}
