import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { freePort, startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";

const skip = e2eSkipReason();

/**
 * A new user types the server's address wrong in the sign-in: every mistake is named in plain
 * words (never fetch's "Failed to fetch"), "Test connection" says whether a Leadpane server answers,
 * and the device signed in with is named after the browser.
 */
describe.skipIf(skip)("the sign-in's server address", () => {
  let api: ApiProcess;
  let rep: Profile;
  let page: Page;

  beforeAll(async () => {
    api = await startApi();
    rep = await launchProfile();
    // A company's web site where a rep might think the server is: it answers, with a web page.
    await rep.context.route("https://crm.example.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Example CRM</title><h1>Hi" }),
    );
    page = await rep.openExtensionPage("options.html");
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await screenshot(page, "failure-sign-in-server").catch(() => undefined);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  const field = () => page.getByLabel("Server URL");
  const check = () => page.getByTestId("server-check");
  const createForm = () => page.getByRole("form", { name: "Create a workspace" });

  async function testConnection(address: string): Promise<string> {
    await field().fill(address);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => check().getAttribute("class")).toMatch(/\b(success|error)\b/);
    return (await check().textContent()) ?? "";
  }

  async function createWorkspace(address: string): Promise<void> {
    await field().fill(address);
    const form = createForm();
    await form.getByLabel("Workspace name").fill("Acme Sales");
    await form.getByLabel("Your name").fill("Alice Rep");
    await form.getByLabel("Work email").fill("alice@sales.test");
    await form.getByRole("button", { name: "Create workspace" }).click();
  }

  it("says nothing answers at a port where no server runs, on Test connection and on sign-in", async () => {
    const port = await freePort();
    expect(await testConnection(`http://127.0.0.1:${port}`)).toBe(
      `Nothing answers at 127.0.0.1:${port} — is the server running?`,
    );
    await screenshot(page, "sign-in-test-connection-refused");
    await createWorkspace(`http://127.0.0.1:${port}`);
    await expect
      .poll(() => page.getByTestId("sign-in-error").textContent(), { timeout: 20_000 })
      .toBe(`Nothing answers at 127.0.0.1:${port} — is the server running?`);
    expect(await page.locator("body").textContent()).not.toContain("Failed to fetch");
    await screenshot(page, "sign-in-error-refused");
  });

  it("says a site that answers is not a Leadpane server", async () => {
    const message =
      "Something answers at crm.example.com, but it is not a Leadpane server (it sent a web page). Check the address and port: use the one npm start printed";
    expect(await testConnection("https://crm.example.com")).toBe(message);
    await createWorkspace("https://crm.example.com");
    await expect.poll(() => page.getByTestId("sign-in-error").textContent(), { timeout: 20_000 }).toBe(message);
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).not.toMatch(/Failed to fetch|Unexpected token|is not valid JSON|HTTP 200/);
    await screenshot(page, "sign-in-error-not-leadpane");
  });

  it("adds a missing http://, says the server answers, and signs in; the device is named after the browser", async () => {
    const bare = api.url.replace(/^http:\/\//, "");
    expect(await testConnection(bare)).toBe(`Connected: a Leadpane server answers at ${bare}`);
    await expect.poll(() => field().inputValue()).toBe(api.url);
    await screenshot(page, "sign-in-test-connection-ok");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "sign-in-test-connection-ok-dark");
    await page.emulateMedia({ colorScheme: "light" });

    await createWorkspace(bare);
    await page.getByTestId("signed-in").waitFor({ timeout: 20_000 });
    const stored = await rep.worker.evaluate(async () => {
      const session = (await chrome.storage.local.get("leadpane.session"))["leadpane.session"] as {
        serverUrl: string;
        token: string;
      };
      return session;
    });
    expect(stored.serverUrl).toBe(api.url);

    // The device list names this browser as the server stored it: "<browser> on <system>".
    const devices = page.getByTestId("your-devices");
    await expect.poll(() => devices.getByTestId("device-row").first().textContent()).toMatch(/Chrom\w* on Linux/);
    const tokens = (await (
      await fetch(`${api.url}/v1/tokens`, { headers: { authorization: `Bearer ${stored.token}` } })
    ).json()) as { items: Array<{ label: string }> };
    expect(tokens.items.map((t) => t.label)).toEqual([expect.stringMatching(/^Chrom(e|ium) on Linux$/)]);
    await screenshot(page, "sign-in-device-named");
  });
});
