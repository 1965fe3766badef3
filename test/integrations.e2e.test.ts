import { readFileSync } from "node:fs";
import { parseVcards } from "@leadpane/domain/vcard";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ApiProcess, startApi } from "./support/api-process.ts";
import { createWorkspace } from "./support/capture-helpers.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, type Profile, screenshot } from "./support/extension.ts";
import { apiCall, syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/** A datetime-local value `offsetMinutes` from now, in the browser's (the machine's) time zone. */
function localDateTime(offsetMinutes: number): string {
  const d = new Date(Date.now() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
}

/**
 * Getting data out for other tools, as an owner does it: an API key made in Settings and used by a
 * program until it is revoked; the calendar feed turned on and a task made in the dashboard showing
 * up in it; a filtered list exported as CSV and as vCard.
 */
describe.skipIf(skip)("integrations: API keys, calendar feed, list exports", () => {
  let api: ApiProcess;
  let alice: Profile;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    alice = await launchProfile();
    token = await createWorkspace(alice, api.url, {
      workspace: "Nordlys",
      name: "Alice Owner",
      email: "alice@nordlys.test",
    });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of alice?.context.pages() ?? [])
      await screenshot(page, `failure-integrations-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await alice?.close();
    await api?.dispose();
  });

  it("creates an API key in Settings, shown once, that works over HTTP until it is revoked", async () => {
    const options = await alice.openExtensionPage("options.html");
    const keys = options.getByTestId("api-keys");
    await keys.getByText("No API keys yet.").waitFor();
    // A key needs a name: said beside the field, nothing sent.
    await keys.getByRole("button", { name: "Create API key" }).click();
    await keys.getByText("Give the key a name, such as the tool that will use it.").waitFor();
    await keys.getByLabel("Name").fill("Zapier");
    await keys.getByLabel("Access").selectOption("write");
    await keys.getByRole("button", { name: "Create API key" }).click();
    const key = (await keys.getByTestId("api-key-secret").textContent())!.trim();
    expect(key).toMatch(/^lpk_[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => keys.getByTestId("api-key-row").count()).toBe(1);
    expect(await keys.getByTestId("api-key-row").textContent()).toContain("never used");
    await screenshot(options, "integrations-api-key-created");
    expect(await seriousAxeLines(options, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);

    // A program uses it: reads and writes records.
    const created = await apiCall<{ id: string; name: string }>(api.url, "POST", "/v1/leads", key, {
      name: "Made by Zapier",
    });
    expect(created.name).toBe("Made by Zapier");
    expect((await fetch(`${api.url}/v1/leads`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    // Shown once: after a reload the list has the key's name and last use, never the key.
    await options.reload();
    const row = options.getByTestId("api-keys").getByTestId("api-key-row");
    await row.getByText("last used", { exact: false }).waitFor();
    expect(await options.getByTestId("api-keys").textContent()).not.toContain(key);
    expect(await options.getByTestId("api-key-secret").count()).toBe(0);

    await row.getByRole("button", { name: "Revoke the API key Zapier" }).click();
    const dialog = options.getByRole("dialog", { name: "Revoke this API key?" });
    await screenshot(options, "integrations-api-key-revoke");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await options.getByTestId("api-keys").getByText("No API keys yet.").waitFor();
    await options.getByText("Revoked Zapier: programs using it are refused from now on.").waitFor();
    expect((await fetch(`${api.url}/v1/leads`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    await options.close();
  });

  it("turns the calendar feed on; a task made in the dashboard appears in it, under a stable UID", async () => {
    const lead = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", token, {
      name: "Ada Lovelace",
      emails: ["ada@analytical.test"],
    });
    const options = await alice.openExtensionPage("options.html");
    const feed = options.getByTestId("calendar-feed");
    await feed.getByRole("button", { name: "Turn on calendar feed" }).click();
    const url = (await feed.getByTestId("calendar-feed-url").locator("code").textContent())!.trim();
    expect(url).toMatch(new RegExp(`^${api.url}/v1/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    await screenshot(options, "integrations-calendar-feed");
    const empty = await fetch(url);
    expect(empty.status).toBe(200);
    expect(await empty.text()).not.toContain("BEGIN:VEVENT");

    await syncNow(alice);
    const page = await alice.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    const taskForm = page.getByRole("form", { name: "Add a task" });
    await taskForm.getByLabel("Task").fill("Call Ada about pricing");
    await taskForm.getByLabel("Due").fill(localDateTime(24 * 60));
    await taskForm.getByRole("button", { name: "Add task" }).click();
    await page.getByTestId("task").first().waitFor();
    await syncNow(alice);
    await expect
      .poll(async () => (await (await fetch(url)).text()).includes("SUMMARY:Call Ada about pricing"), {
        timeout: 30_000,
      })
      .toBe(true);
    const tasks = await apiCall<{ items: Array<{ id: string; title: string }> }>(api.url, "GET", "/v1/tasks", token);
    const task = tasks.items.find((t) => t.title === "Call Ada about pricing")!;
    const ics = await (await fetch(url)).text();
    expect(ics).toContain(`UID:task-${task.id}@leadpane`);
    expect(ics).toContain("About: Ada Lovelace (lead)");

    // The Tasks view exports what it shows as CSV.
    await page.goto(page.url().replace(/#.*$/, "#/tasks"));
    await page.getByTestId("tasks-upcoming").getByText("Call Ada about pricing").waitFor();
    await screenshot(page, "integrations-tasks-export");
    const tasksCsv = await download(page, () => page.getByRole("button", { name: "Export CSV (1 task)" }).click());
    expect(tasksCsv.name).toMatch(/^leadpane-tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    const [taskHeader, taskRow, ...rest] = tasksCsv.text.split("\r\n");
    expect(rest).toEqual([]);
    // The section and what the task is about come last, after the task's own fields.
    expect(taskHeader).toMatch(/^id,title,.*,section,about$/);
    expect(taskRow).toMatch(new RegExp(`^${task.id},.*Call Ada about pricing.*,Upcoming,Ada Lovelace$`));

    // Regenerated: the old address is gone.
    await options.reload();
    await options.getByTestId("calendar-feed").getByText("last fetched", { exact: false }).waitFor();
    await options.getByRole("button", { name: "Regenerate address" }).click();
    await options
      .getByRole("dialog", { name: "Regenerate the address?" })
      .getByRole("button", { name: "Regenerate" })
      .click();
    const next = (await options.getByTestId("calendar-feed-url").locator("code").textContent())!.trim();
    expect(next).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(next)).status).toBe(200);
    // Turned off: 404.
    await options.getByRole("button", { name: "Turn off" }).click();
    await options
      .getByRole("dialog", { name: "Turn off the calendar feed?" })
      .getByRole("button", { name: "Turn off" })
      .click();
    await options.getByRole("button", { name: "Turn on calendar feed" }).waitFor();
    expect((await fetch(next)).status).toBe(404);
    await options.emulateMedia({ colorScheme: "dark" });
    await screenshot(options, "integrations-settings-dark");
    expect(await seriousAxeLines(options, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await options.close();
    await page.close();
  });

  it("exports a filtered, sorted list as CSV and as vCard, and a selection of contacts as vCard", async () => {
    const company = await apiCall<{ id: string }>(api.url, "POST", "/v1/companies", token, {
      name: "Østergaard & Co",
      domain: "ostergaard.test",
    });
    for (const [name, email, tags] of [
      ["Zoë Zimmer", "zoe@hot.test", ["hot"]],
      ["@Risky Lead", "risky@hot.test", ["hot"]],
      ["Björn Borg", "bjorn@hot.test", ["hot"]],
      ["Cold Carl", "carl@cold.test", ["cold"]],
    ] as const)
      await apiCall(api.url, "POST", "/v1/leads", token, { name, emails: [email], tags, companyName: "Hot Leads AB" });
    const soren = await apiCall<{ id: string }>(api.url, "POST", "/v1/contacts", token, {
      name: "Søren Østergaard",
      emails: ["soren@ostergaard.test"],
      phones: ["+4520123456"],
      title: "CEO",
      companyId: company.id,
    });
    await apiCall(api.url, "POST", "/v1/contacts", token, { name: "Other Contact", emails: ["other@x.test"] });
    await syncNow(alice);

    const page = await alice.openExtensionPage("dashboard.html#/leads");
    await expect.poll(() => page.getByTestId("list-count").textContent(), { timeout: 30_000 }).toMatch(/of \d+ leads/);
    await expect.poll(() => page.getByTestId("list-row-name").filter({ hasText: "Cold Carl" }).count()).toBe(1);
    await page.getByLabel("Tag").selectOption("hot");
    await page.getByLabel("Sort by").selectOption("name");
    await page.getByRole("button", { name: "Descending; switch to ascending" }).click();
    await expect.poll(() => page.getByTestId("list-count").textContent()).toMatch(/^3 of/);
    const onScreen = await page.getByTestId("list-row-name").allTextContents();
    expect(onScreen).toHaveLength(3);
    await screenshot(page, "integrations-list-export");

    const csv = await download(page, () => page.getByRole("button", { name: "Export CSV (3 leads)" }).click());
    expect(csv.name).toMatch(/^leadpane-leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.split("\r\n");
    const header = lines[0]!.split(",");
    expect(header[0]).toBe("id");
    const nameColumn = header.indexOf("name");
    expect(lines.slice(1).map((line) => line.split(",")[nameColumn])).toEqual(
      // A cell a spreadsheet would run as a formula is neutralised (and then quoted).
      onScreen.map((name) => (name.startsWith("@") ? `"'${name}"` : name)),
    );
    expect(csv.text).not.toContain("Cold Carl");

    const vcf = await download(page, () => page.getByRole("button", { name: "Export vCard (3 leads)" }).click());
    expect(vcf.name).toMatch(/^leadpane-leads-\d{4}-\d{2}-\d{2}\.vcf$/);
    const parsed = parseVcards(vcf.text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.cards.map((card) => card.name)).toEqual(onScreen);
    expect(parsed.cards.map((card) => card.companyName)).toEqual(["Hot Leads AB", "Hot Leads AB", "Hot Leads AB"]);

    // Contacts: only the checked one, with its company's name.
    await page.goto(page.url().replace("#/leads", "#/contacts"));
    await expect.poll(() => page.getByTestId("list-row-name").count(), { timeout: 30_000 }).toBe(2);
    await page.getByLabel("Select Søren Østergaard").check();
    const one = await download(page, () => page.getByRole("button", { name: "Export 1 selected as vCard" }).click());
    expect(parseVcards(one.text).cards).toEqual([
      {
        name: "Søren Østergaard",
        emails: ["soren@ostergaard.test"],
        phones: ["+4520123456"],
        title: "CEO",
        companyName: "Østergaard & Co",
        uid: soren.id,
      },
    ]);
    await screenshot(page, "integrations-contacts-selection-export");
    expect(await seriousAxeLines(page, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await page.close();
  });
});
