import { resolve } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { apiList, createWorkspace, fixture, openAt, serveAt, setBlockedSites } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";

const skip = e2eSkipReason();

/** The tel: addresses of the phone links inside a box. */
const telLinks = (box: Locator) =>
  box.locator("a[href^='tel:']").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
const GMAIL_URL = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQbfTwdnWXsLkHrBwqhnDPkJmGd";
const GMAIL_OLDER_URL = "https://mail.google.com/mail/u/1/#inbox/FMfcgzQbfTwdnWXsLkHrBwqhnDPkZzZz";
const OUTLOOK_URL = "https://outlook.office.com/mail/inbox/id/AAQkAGI2TGUwLTQ5NjItNDJlNy1hNWQ0LTcwZmQ4ZmE1ZjEyOQAQAJ4";
const OUTLOOK_LIVE_URL = "https://outlook.live.com/mail/0/inbox/id/AQQkADAwATM0MDAAMS1iNTcwLWI2NTEtMDACLTAwCgAQAH8";
const EML = resolve(import.meta.dirname, "../packages/domain/src/extract/__fixtures__/reply-with-signature.eml");

/** The buttons the content script puts beside the sender (in a shadow root; Playwright's CSS pierces it). */
const pageButton = (page: Page, name: string) => page.locator("#leadpane-mail-actions button", { hasText: name });
const pageStatus = (page: Page) => page.locator("#leadpane-mail-actions output");

describe.skipIf(skip)("capture from web email (Gmail, Outlook, .eml)", () => {
  let api: ApiProcess;
  let rep: Profile;
  let token: string;
  // What mail.google.com serves right now: a test swaps it for a variant of the same page.
  let gmailHtml = fixture("gmail-thread.html");
  let gmail: { page: Page; tabId: number };
  let panel: Page;

  beforeAll(async () => {
    [api, rep] = await Promise.all([startApi(), launchProfile()]);
    await serveAt(rep.context, "https://mail.google.com/mail/u/0/**", () => gmailHtml);
    await serveAt(rep.context, "https://mail.google.com/mail/u/1/**", () => fixture("gmail-thread-older.html"));
    await serveAt(rep.context, "https://outlook.office.com/**", () => fixture("outlook-office.html"));
    await serveAt(rep.context, "https://outlook.live.com/**", () => fixture("outlook-live.html"));
    token = await createWorkspace(rep, api.url, {
      workspace: "Seller Systems",
      name: "Sam Seller",
      email: "rep@sales.test",
    });
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("Gmail: the side panel shows the sender with the signature's title and phone, not the quoted reply", async () => {
    gmail = await openAt(rep, GMAIL_URL);
    await pageButton(gmail.page, "Capture sender").waitFor();
    await expect.poll(() => pageButton(gmail.page, "Log this email").count()).toBe(1);
    panel = await rep.openExtensionPage(`sidepanel.html?tabId=${gmail.tabId}`);
    const sender = panel.getByTestId("mail-sender");
    await sender.getByText("Jane Doe").first().waitFor();
    const text = (await sender.textContent())!;
    expect(text).toContain("jane.doe@acme-robotics.com");
    expect(await sender.getByTestId("mail-sender-role").textContent()).toBe("Chief Operating Officer · Acme Robotics");
    // Phones read as people write them in the workspace's region, and dial from a tel: link.
    const phone = sender.getByTestId("mail-sender-phones").getByRole("link");
    expect(await phone.textContent()).toBe("(617) 555-0199");
    expect(await phone.getAttribute("href")).toBe("tel:+16175550199");
    expect(text).toContain("Pilot for Q1");
    // Sam's own signature is in the quoted reply: never the sender's.
    expect(text).not.toMatch(/Account Executive|Seller Systems|555-?0123|4155550123/);
    await screenshot(gmail.page, "mail-gmail-buttons");
    await screenshot(panel, "mail-sidepanel-gmail");
  });

  it("Gmail: the toolbar popup offers the open email's sender, not the mail app's page", async () => {
    const popup = await rep.openExtensionPage(`popup.html?tabId=${gmail.tabId}`);
    const person = popup.getByTestId("capture-person");
    await person.first().waitFor();
    await expect.poll(() => person.count()).toBe(1);
    expect(await person.getByLabel("Name").inputValue()).toBe("Jane Doe");
    expect(await person.getByLabel("Title").inputValue()).toBe("Chief Operating Officer");
    expect(await person.getByLabel("Company").inputValue()).toBe("Acme Robotics");
    expect(await person.getByLabel("Email").inputValue()).toBe("jane.doe@acme-robotics.com");
    await screenshot(popup, "mail-popup-gmail");
    await popup.close();
  });

  it("Gmail: Capture sender in the page saves a lead from the email that reaches the API", async () => {
    await pageButton(gmail.page, "Capture sender").click();
    await expect.poll(() => pageStatus(gmail.page).textContent()).toBe("Saved Jane Doe as a lead.");
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).some((l) => l.name === "Jane Doe"), {
        timeout: 20_000,
      })
      .toBe(true);
    const jane = (await apiList(api.url, token, "leads")).find((l) => l.name === "Jane Doe")!;
    expect(jane).toMatchObject({
      title: "Chief Operating Officer",
      companyName: "Acme Robotics",
      emails: ["jane.doe@acme-robotics.com"],
      phones: ["+16175550199"],
      source: { kind: "email" },
    });
    expect((jane.provenance as Record<string, Array<{ method: string }>>).title?.[0]?.method).toContain("signature");
    // The panel follows: the sender is now known.
    await panel.getByTestId("mail-known").waitFor();
  });

  it("Gmail: Log this email adds one email activity with subject and snippet (twice is still once)", async () => {
    await pageButton(gmail.page, "Log this email").click();
    await expect.poll(() => pageStatus(gmail.page).textContent()).toBe("Logged this email on Jane Doe.");
    const emails = async () => (await apiList(api.url, token, "activities")).filter((a) => a.type === "email");
    await expect.poll(async () => (await emails()).length, { timeout: 20_000 }).toBe(1);
    const [activity] = await emails();
    expect(activity!.data).toMatchObject({ subject: "Pilot for Q1", from: { address: "jane.doe@acme-robotics.com" } });
    expect(activity!.body).toMatch(/^Hi Sam, Thanks for the demo yesterday\. We would like to run a four-week pilot/);
    expect(activity!.body).not.toMatch(/Account Executive|great to meet you/);
    expect(activity!.occurredAt).toBe(new Date("Tue, Nov 18, 2025, 10:04 AM").toISOString());

    await pageButton(gmail.page, "Log this email").click();
    await expect.poll(() => pageStatus(gmail.page).textContent()).toBe("Already logged on Jane Doe.");
    expect((await emails()).length).toBe(1);
  });

  it("Gmail: seen again with a new title and phone, accepted per field through updates", async () => {
    gmailHtml = fixture("gmail-thread.html", (html) =>
      html
        .replace("Chief Operating Officer", "President")
        .replace("+1 (617) 555-0199", "+1 (617) 555-0111")
        .replaceAll("Pilot for Q1", "Pilot kickoff"),
    );
    await gmail.page.reload();
    const seen = panel.getByTestId("seen-again");
    await seen.waitFor({ timeout: 20_000 });
    expect(await seen.textContent()).toContain("possible job change");
    const changes = panel.getByTestId("seen-again-change");
    await expect.poll(() => changes.count()).toBe(2);
    expect(await changes.nth(0).textContent()).toMatch(/Title: Chief Operating Officer → President/);
    expect(await changes.nth(1).textContent()).toMatch(/Phone: \(617\) 555-0111/);
    await screenshot(panel, "mail-sidepanel-seen-again");

    await panel.getByRole("button", { name: "Accept Title President" }).click();
    await expect.poll(() => changes.count()).toBe(1);
    await panel.getByRole("button", { name: "Accept Phone (617) 555-0111" }).click();
    await expect.poll(() => changes.count()).toBe(0);
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).find((l) => l.name === "Jane Doe")?.title, {
        timeout: 20_000,
      })
      .toBe("President");
    // Each accept is its own change and may reach the server in a later push.
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).find((l) => l.name === "Jane Doe")?.phones, {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(["+16175550199", "+16175550111"]));
    // The replaced title is kept in the record's history, shown in the panel's timeline.
    await panel
      .getByText(/Title was .Chief Operating Officer./)
      .filter({ visible: true })
      .first()
      .waitFor();
    gmailHtml = fixture("gmail-thread.html");
  });

  it("Gmail (older markup): cc, signature title, company and phones; a legal disclaimer is no signature", async () => {
    const older = await openAt(rep, GMAIL_OLDER_URL);
    await pageButton(older.page, "Capture sender").waitFor();
    const side = await rep.openExtensionPage(`sidepanel.html?tabId=${older.tabId}`);
    const sender = side.getByTestId("mail-sender");
    await sender.getByText("Carlos Mendes").first().waitFor();
    expect(await side.getByTestId("mail-sender-role").textContent()).toBe("Head of Procurement · Globex Portugal");
    expect(await telLinks(side.getByTestId("mail-sender-phones"))).toEqual(["tel:+351211234567", "tel:+351912345678"]);
    expect(await side.getByTestId("mail-cc").textContent()).toBe("Cc: Ana Costa");
    expect(await sender.textContent()).not.toMatch(/confidential|Account Executive/);
    await side.close();
    await older.page.close();
  });

  it("Outlook (office.com): sender and signature, no quoted history; Log this email adds lead, activity", async () => {
    const outlook = await openAt(rep, OUTLOOK_URL);
    await pageButton(outlook.page, "Log this email").waitFor();
    const side = await rep.openExtensionPage(`sidepanel.html?tabId=${outlook.tabId}`);
    const sender = side.getByTestId("mail-sender");
    await sender.getByText("Tom Becker").first().waitFor();
    const text = (await sender.textContent())!;
    expect(text).toContain("tom.becker@initech.de");
    expect(text).toContain("Renewal and expansion");
    expect(await sender.getByTestId("mail-sender-role").textContent()).toBe("Head of IT Procurement · Initech GmbH");
    expect(await telLinks(sender.getByTestId("mail-sender-phones"))).toEqual(["tel:+498912345678"]);
    expect(text).not.toMatch(/Account Executive|Seller Systems|4155550123/);
    await screenshot(outlook.page, "mail-outlook-buttons");
    await sender.getByRole("button", { name: "Log this email" }).click();
    await expect
      .poll(() => side.getByTestId("mail-status").textContent())
      .toBe("Logged this email on Tom Becker (new lead).");
    await screenshot(side, "mail-sidepanel-outlook");
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).some((l) => l.name === "Tom Becker"), {
        timeout: 20_000,
      })
      .toBe(true);
    expect((await apiList(api.url, token, "leads")).find((l) => l.name === "Tom Becker")).toMatchObject({
      title: "Head of IT Procurement",
      companyName: "Initech GmbH",
      phones: ["+498912345678"],
      source: { kind: "email" },
    });
    await expect
      .poll(
        async () =>
          (await apiList(api.url, token, "activities")).some(
            (a) =>
              a.type === "email" &&
              (a.data as { subject?: string }).subject === "Renewal and expansion" &&
              String(a.body).startsWith("Hi Sam,"),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    await side.close();
    await outlook.page.close();
  });

  it("Outlook.com (newer markup): Capture sender in the page, with the signature's title, company, phone", async () => {
    const live = await openAt(rep, OUTLOOK_LIVE_URL);
    await pageButton(live.page, "Capture sender").click();
    await expect.poll(() => pageStatus(live.page).textContent()).toBe("Saved Olivia Park as a lead.");
    await expect
      .poll(
        async () =>
          (await apiList(api.url, token, "leads")).some(
            (l) => l.name === "Olivia Park" && (l.emails as string[])[0] === "olivia@freightcon.events",
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    expect((await apiList(api.url, token, "leads")).find((l) => l.name === "Olivia Park")).toMatchObject({
      title: "Program Director",
      companyName: "FreightCon",
      phones: ["+13125550177"],
    });
    await live.page.close();
  });

  it("never-capture list: a listed mail site gets no buttons and tells the panel nothing until removed", async () => {
    await setBlockedSites(rep, ["mail.google.com"]);
    const blocked = await openAt(rep, GMAIL_URL);
    const side = await rep.openExtensionPage(`sidepanel.html?tabId=${blocked.tabId}`);
    await side.getByTestId("mail-context").waitFor();
    // The content script runs (removing the entry below brings the buttons without a reload), but reads nothing.
    await blocked.page.waitForTimeout(1_500);
    expect(await pageButton(blocked.page, "Capture sender").count()).toBe(0);
    expect(await side.getByTestId("mail-sender").count()).toBe(0);
    await setBlockedSites(rep, []);
    await pageButton(blocked.page, "Capture sender").waitFor();
    await side.close();
    await blocked.page.close();
  });

  it(".eml import in the side panel: the same sender card, and Capture sender saves the lead", async () => {
    const side = await rep.openExtensionPage(`sidepanel.html?tabId=${gmail.tabId}`);
    await side.getByTestId("mail-context").waitFor();
    await side.getByTestId("eml-input").setInputFiles(EML);
    const sender = side.getByTestId("mail-sender");
    await sender.getByText("Michał Kowalski").first().waitFor();
    expect(await side.getByTestId("mail-sender-role").textContent()).toContain("Head of Business Development");
    expect(await sender.textContent()).not.toContain("Rachel Stone");
    await screenshot(side, "mail-sidepanel-eml");
    await sender.getByRole("button", { name: "Capture sender" }).click();
    await expect.poll(() => side.getByTestId("mail-status").textContent()).toBe("Saved Michał Kowalski as a lead.");
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).some((l) => l.name === "Michał Kowalski"), {
        timeout: 20_000,
      })
      .toBe(true);
    await side.close();
  });
});
