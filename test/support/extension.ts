import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { findChromium } from "./chromium.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** The e2e build of the extension (`npm run build:e2e -w @leadpane/extension`). */
export const EXTENSION_DIR = resolve(here, "../../apps/extension/.output/chrome-mv3-e2e");
/** The shipped build (`npm run build -w @leadpane/extension`): host access only where a person grants it. */
export const SHIPPED_EXTENSION_DIR = resolve(here, "../../apps/extension/.output/chrome-mv3");
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
}: {
  extensionDir?: string;
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
