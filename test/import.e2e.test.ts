import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, type Joined, serverRecords, signInProfile, signUpOwner, syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/** A German CRM export: two rows match existing records by email, one repeats another, one is broken. */
const CSV = [
  "Vorname,Nachname,E-Mail,Telefon,Firma,Job",
  "Jane,Doe,JANE@acme.test,,Acme,VP Sales",
  "Bob,Lee,bob@lee.test,,,Buyer",
  "Ann,Lee,ann@new.test,+1 415 555 0100,Newco,Founder",
  "Ann,L.,ann@new.test,,,",
  "Carl,Cruz,carl@cruz.test,,Cruz Ltd,CEO",
  ",,not-an-email,,,",
].join("\n");

/**
 * CSV import in the dashboard: choose the file (read in a worker), fix one guessed column, preview
 * what each row does and why, import through the local store and sync, see the records in the list
 * and on the server with no twin, then undo from the history: created records go to the trash and
 * updated fields go back.
 */
describe.skipIf(skip)("CSV import: map, preview, commit, undo", () => {
  let api: ApiProcess;
  let alice: Profile;
  let owner: Joined;
  let jane: string;
  let bob: string;

  beforeAll(async () => {
    api = await startApi();
    alice = await launchProfile();
    owner = await signUpOwner(api.url);
    await signInProfile(alice, api.url, owner);
    jane = (
      await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", owner.token, {
        name: "Jane Doe",
        emails: ["jane@acme.test"],
        title: "CTO",
      })
    ).id;
    bob = (
      await apiCall<{ id: string }>(api.url, "POST", "/v1/contacts", owner.token, {
        name: "Bob Lee",
        emails: ["bob@lee.test"],
      })
    ).id;
    await syncNow(alice);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of alice?.context.pages() ?? [])
      await screenshot(page, `failure-import-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await alice?.close();
    await api?.dispose();
  });

  it("imports without duplicates and undoes the import", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadpane-import-"));
    const file = join(dir, "crm-export.csv");
    writeFileSync(file, CSV);
    const page = await alice.openExtensionPage("dashboard.html#/import");
    await page.getByRole("heading", { level: 1, name: "Import" }).waitFor();
    // Local records first: the plan reads this browser's copy.
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).length), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.getByTestId("import-file").setInputFiles(file);

    // Mapping: guessed from the German headers; "Job" is not known, so it is set to Title by hand.
    const mappingTable = page.getByTestId("import-mapping");
    await mappingTable.waitFor({ timeout: 30_000 });
    const selected = () =>
      page.$$eval("[data-testid=import-mapping] select", (els) => els.map((el) => (el as HTMLSelectElement).value));
    expect(await selected()).toEqual(["firstName", "lastName", "email", "phone", "companyName", "ignore"]);
    const job = page.getByLabel("Imports “Job” as");
    await job.focus();
    await job.selectOption("title");
    expect((await selected())[5]).toBe("title");
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-mapping");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-mapping-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // Preview: per row the action and the reason.
    await page.getByTestId("import-continue").click();
    await page.getByTestId("import-preview").waitFor({ timeout: 30_000 });
    const rows = page.locator("[data-testid=import-preview] tbody tr");
    await expect.poll(() => rows.count()).toBe(6);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")))).toEqual([
      "update",
      "update",
      "create",
      "skip",
      "create",
      "error",
    ]);
    const reasons = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector(".import-reason")?.textContent));
    expect(reasons).toEqual([
      "Same email as Jane Doe (lead); updates title, company.",
      "Same email as Bob Lee (contact); updates title.",
      "New lead.",
      "Same email as row 3 (Ann Lee) of this file.",
      "New lead.",
      "“not-an-email” is not an email address. The row has no name and no email.",
    ]);
    expect(await page.getByTestId("import-counts").textContent()).toContain(
      "2 to create · 2 to update · 1 to skip · 1 with errors",
    );
    expect(await page.getByTestId("import-errors").textContent()).toContain(
      "Row 6: “not-an-email” is not an email address.",
    );
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-preview");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-preview-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // Commit: through the local store and the outbox, then the worker pushes it.
    await page.getByTestId("import-commit").click();
    await page.getByTestId("import-done").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-done").textContent()).toContain(
      "2 created, 2 updated, 1 skipped, 1 with errors",
    );
    await syncNow(alice);
    const entry = page.locator("[data-testid=import-history] li[data-import]");
    await expect.poll(() => entry.count(), { timeout: 60_000 }).toBe(1);
    expect(await entry.textContent()).toContain("crm-export.csv");
    expect(await entry.textContent()).toContain("2 created · 2 updated · 1 skipped · 1 with errors");
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-done-history");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "ui-import-done-history-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // The mapping is remembered for files with the same headers: "Job" comes back as Title.
    await page.getByRole("button", { name: "Import another file" }).click();
    await page.getByTestId("import-file").setInputFiles(file);
    await mappingTable.waitFor({ timeout: 30_000 });
    expect((await selected())[5]).toBe("title");
    await page.getByRole("button", { name: "Choose another file" }).click();

    // On the server: no twin of Jane, Bob or Ann; Jane and Bob updated.
    const server = await serverRecords(api.url, owner.token);
    const live = server.filter((r) => !r.deleted);
    const withEmail = (email: string) => live.filter((r) => (r.data.emails as string[] | undefined)?.includes(email));
    expect(withEmail("jane@acme.test")).toHaveLength(1);
    expect(withEmail("bob@lee.test")).toHaveLength(1);
    expect(withEmail("ann@new.test")).toHaveLength(1);
    expect(live.find((r) => r.id === jane)?.data).toMatchObject({ title: "VP Sales", companyName: "Acme" });
    expect(live.find((r) => r.id === bob)?.data).toMatchObject({ title: "Buyer" });
    const ann = withEmail("ann@new.test")[0]!;
    expect(ann.data).toMatchObject({ name: "Ann Lee", phones: ["+14155550100"], source: { kind: "import" } });

    // In the leads list.
    const list = await alice.openExtensionPage("dashboard.html#/leads");
    await expect
      .poll(async () => (await list.locator("main").textContent()) ?? "", { timeout: 30_000 })
      .toContain("Carl Cruz");
    expect((await list.locator("main").textContent()) ?? "").toContain("Ann Lee");
    await list.close();

    // Undo from the history.
    await entry.getByRole("button", { name: "Undo" }).click();
    const outcome = page.getByTestId("import-undo-outcome");
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.textContent()).toContain("Undone: 2 moved to the trash, 2 put back.");
    await screenshot(page, "ui-import-undone");
    const after = await serverRecords(api.url, owner.token);
    expect(after.find((r) => r.id === ann.id)?.deleted).toBe(true);
    expect(after.find((r) => r.id === jane)?.data).toMatchObject({ title: "CTO", companyName: null });
    expect(after.find((r) => r.id === bob)?.data).toMatchObject({ title: null });
    const trash = await apiCall<{ items: Array<{ name: string }> }>(api.url, "GET", "/v1/trash", owner.token);
    expect(trash.items.map((i) => i.name).sort()).toEqual(["Ann Lee", "Carl Cruz"]);
    // And this browser drops them from the list at its next pull.
    await syncNow(alice);
    const again = await alice.openExtensionPage("dashboard.html#/leads");
    await again.getByText("Jane Doe").first().waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await again.locator("main").textContent()) ?? "", { timeout: 30_000 })
      .not.toContain("Carl Cruz");
  });
  it("opens the import from the Leads and Contacts lists, saying what it creates there", async () => {
    const page = await alice.openExtensionPage("dashboard.html#/contacts");
    // The list's own button (the nav entry is a link with the same name).
    const button = page.getByTestId("list-import");
    await button.waitFor({ timeout: 30_000 });
    expect(await button.textContent()).toBe("Import");
    await screenshot(page, "ui-contacts-list-import-button");
    await button.click();
    await page.getByRole("heading", { level: 1, name: "Import" }).waitFor({ timeout: 30_000 });
    expect(page.url()).toContain("#/import/contacts");
    const note = page.getByTestId("import-from");
    expect(await note.textContent()).toContain("new people come in as leads");
    expect(await note.textContent()).toContain("update that contact");
    await page.getByTestId("import-file").waitFor();
    expect(await seriousAxeLines(page)).toEqual([]);
    await screenshot(page, "ui-import-from-contacts");
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "ui-import-from-contacts-dark");
    await page.emulateMedia({ colorScheme: "light" });
    // Its way back, then the same button on Leads.
    await note.getByRole("link", { name: "Back to Contacts" }).click();
    await page.getByTestId("list-import").waitFor({ timeout: 30_000 });
    expect(page.url()).toContain("#/contacts");
    await page.goto(page.url().replace(/#.*/, "#/leads"));
    await page.getByTestId("list-import").click();
    await page.getByRole("heading", { level: 1, name: "Import" }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("import-from").textContent()).toContain("From Leads");
    await page.close();
  });
});
