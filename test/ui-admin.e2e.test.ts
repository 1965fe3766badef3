import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { createWorkspace } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();

interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
}

/**
 * A workspace's administration as an owner drives it: invite a teammate (who joins from their own
 * browser), export and erase a person (gone from the teammate's browser after sync), make the
 * teammate a viewer (their write is refused), revoke devices (that browser is signed out), export
 * the workspace, transfer ownership, and read all of it back in the audit log.
 */
describe.skipIf(skip)("workspace administration: members, devices, invites, privacy, audit", () => {
  let api: ApiProcess;
  let alice: Profile;
  let bob: Profile;

  beforeAll(async () => {
    api = await startApi();
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const profile of [alice, bob])
      for (const page of profile?.context.pages() ?? [])
        await screenshot(page, `failure-ui-admin-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await api?.dispose();
  });

  /** The sync badge's tooltip: where the extension says why the last sync failed. */
  const syncTitle = (page: Page) => page.getByTestId("sync-state").getAttribute("title");

  async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent("download"), click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
  }

  it("lets the owner run the team and see it in the audit log", async () => {
    const aliceToken = await createWorkspace(alice, api.url, {
      workspace: "Acme Sales",
      name: "Alice Owner",
      email: "alice@sales.test",
    });
    // Enough history that the audit log needs a second page.
    for (let i = 0; i < 50; i++) await apiCall(api.url, "POST", "/v1/companies", aliceToken, { name: `Filler ${i}` });
    const erin = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", aliceToken, {
      name: "Erin Example",
      emails: ["erin@prospect.test"],
      companyName: "Prospect Co",
    });
    const frank = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", aliceToken, {
      name: "Frank Keep",
      emails: ["frank@keep.test"],
    });
    await apiCall(api.url, "POST", "/v1/tokens", aliceToken, { label: "Old laptop" });
    const members = () =>
      apiCall<{ items: MemberRow[] }>(api.url, "GET", "/v1/members", aliceToken).then((r) => r.items);

    // 1. Alice invites Bob as a member, bound to his address; the code is shown once.
    const options = await alice.openExtensionPage("options.html");
    const invites = options.getByTestId("invites");
    await invites.getByText("No pending invites.").waitFor();
    await invites.getByLabel("Role").selectOption("member");
    await invites.getByLabel("Only for this email (optional)").fill("bob@sales.test");
    await invites.getByRole("button", { name: "Create invite code" }).click();
    const code = (await options.getByTestId("invite-code").locator("strong").textContent())!.trim();
    expect(code).toMatch(/\w{4}-\w{4}/);
    await expect.poll(() => invites.getByTestId("invite-row").count()).toBe(1);
    expect(await invites.getByTestId("invite-row").textContent()).toContain("for bob@sales.test");
    await screenshot(options, "ui-admin-invite");

    // Bob joins from his own browser with that code.
    const bobOptions = await bob.openExtensionPage("options.html");
    await bobOptions.getByLabel("Server URL").fill(api.url);
    const join = bobOptions.getByRole("form", { name: "Join with an invite code" });
    await join.getByLabel("Invite code").fill(code);
    await join.getByLabel("Your name").fill("Bob Rep");
    await join.getByLabel("Work email").fill("bob@sales.test");
    await join.getByRole("button", { name: "Join workspace" }).click();
    await bobOptions.getByTestId("signed-in").waitFor();
    // A member sees the team but no admin controls, and only their own devices.
    const bobMembers = bobOptions.getByTestId("members");
    await bobMembers.getByText("Alice Owner").waitFor();
    expect(await bobMembers.getByRole("combobox").count()).toBe(0);
    expect(await bobOptions.getByTestId("invites").count()).toBe(0);
    await bobOptions.getByTestId("your-devices").getByText("This browser").waitFor();
    await bobOptions.close();

    await options.reload();
    await options.getByTestId("invites").getByText("No pending invites.").waitFor();
    const bobRow = options.getByTestId("member-row").filter({ hasText: "bob@sales.test" });
    await bobRow.waitFor();

    // 2. Bob's browser holds Erin; Alice exports, then erases her from her record page.
    const bobDash = await bob.openExtensionPage(`dashboard.html#/record/lead/${erin.id}`);
    await bobDash.getByTestId("record-panel").getByText("Erin Example").first().waitFor({ timeout: 20_000 });
    // A member gets no privacy actions.
    expect(await bobDash.getByTestId("privacy-actions").count()).toBe(0);

    await syncNow(alice);
    const aliceDash = await alice.openExtensionPage(`dashboard.html#/record/lead/${erin.id}`);
    await aliceDash.getByTestId("record-panel").getByText("Erin Example").first().waitFor({ timeout: 20_000 });
    const privacy = aliceDash.getByTestId("privacy-actions");
    const exported = await download(aliceDash, () =>
      privacy.getByRole("button", { name: "Export this person's data" }).click(),
    );
    expect(exported.name).toMatch(/^leadpane-person-\d{4}-\d\d-\d\d\.json$/);
    const personFile = JSON.parse(exported.text) as {
      leads: Array<{ id: string; data: { name: string } }>;
      emails: string[];
    };
    expect(personFile.leads.map((l) => l.data.name)).toEqual(["Erin Example"]);
    expect(personFile.emails).toContain("erin@prospect.test");

    await privacy.getByRole("button", { name: "Erase this person" }).click();
    const dialog = aliceDash.getByRole("dialog", { name: "Erase Erin Example?" });
    await dialog.waitFor();
    // Focus is inside the dialog (modal), and nothing happens until the address is typed.
    expect(await aliceDash.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);
    const eraseButton = dialog.getByRole("button", { name: "Erase for good" });
    await dialog.getByLabel("Type erin@prospect.test to confirm").fill("erin@prospect");
    expect(await eraseButton.isDisabled()).toBe(true);
    await dialog.getByLabel("Type erin@prospect.test to confirm").fill("erin@prospect.test");
    await screenshot(aliceDash, "ui-admin-erase-confirm");
    await eraseButton.click();
    await aliceDash.getByText("This record is not in your workspace", { exact: false }).waitFor({ timeout: 20_000 });
    expect((await apiCall<{ items: unknown[] }>(api.url, "GET", "/v1/leads?limit=200", aliceToken)).items).toHaveLength(
      1,
    );

    // Gone from Bob's browser after his next sync: the record page, the search in his side panel.
    await syncNow(bob);
    await bobDash.getByText("This record is not in your workspace", { exact: false }).waitFor({ timeout: 20_000 });
    const panel = await bob.openExtensionPage("sidepanel.html");
    await panel.getByLabel("Search the workspace").fill("Erin");
    await panel.getByText("No matches in your workspace.").waitFor();
    await panel.getByLabel("Search the workspace").fill("Frank");
    await panel.getByTestId("search-results").getByText("Frank Keep").waitFor();
    await panel.close();

    // 3. Alice makes Bob a viewer.
    await bobRow.getByLabel("Role of Bob Rep").selectOption("viewer");
    await options.getByText("Bob Rep is now viewer (read only).").waitFor();
    expect((await members()).find((m) => m.email === "bob@sales.test")?.role).toBe("viewer");

    // Bob's dashboard learns the new role at its next pull: the audit log explains why it is closed.
    await syncNow(bob);
    await bobDash.goto(`chrome-extension://${bob.extensionId}/dashboard.html#/audit`);
    const unavailable = bobDash.getByTestId("audit-unavailable");
    await expect
      .poll(async () => ((await unavailable.count()) ? await unavailable.textContent() : ""), { timeout: 20_000 })
      .toContain("You are viewer (read only)");
    expect(await unavailable.textContent()).toContain("Ask Alice Owner");
    await screenshot(bobDash, "ui-admin-audit-unavailable");

    // His browser adopted the new role at that pull: the record page is read-only, nothing to write
    // that the server would refuse.
    await bobDash.goto(`chrome-extension://${bob.extensionId}/dashboard.html#/record/lead/${frank.id}`);
    await bobDash.getByTestId("record-panel").getByText("Frank Keep").first().waitFor({ timeout: 20_000 });
    await bobDash.getByTestId("read-only").waitFor();
    expect(await bobDash.getByRole("textbox", { name: "Note" }).count()).toBe(0);
    expect(await bobDash.getByRole("button", { name: "Convert" }).count()).toBe(0);
    expect(await bobDash.getByRole("form", { name: "Add a task" }).count()).toBe(0);
    await screenshot(bobDash, "ui-admin-viewer-read-only");
    const bobSettings = await bob.openExtensionPage("options.html");
    await bobSettings.getByTestId("signed-in").getByText("Viewer (read only)").waitFor();

    // 4. Alice revokes Bob's browser; its next sync finds itself signed out.
    await bobRow.getByRole("button", { name: "Devices of Bob Rep" }).click();
    const bobDevices = bobRow.getByTestId("device-row");
    await expect.poll(() => bobDevices.count()).toBe(1);
    await screenshot(options, "ui-admin-member-devices");
    await bobDevices.getByRole("button", { name: /^Revoke / }).click();
    await options
      .getByRole("dialog", { name: "Revoke this device?" })
      .getByRole("button", { name: "Revoke device" })
      .click();
    await options.getByText("that browser is signed out at its next sync", { exact: false }).waitFor();
    await expect.poll(() => bobDevices.count()).toBe(0);

    await syncNow(bob);
    await expect.poll(() => syncTitle(bobDash), { timeout: 20_000 }).toBe("Signed out: sign in again in Settings");
    await bobSettings.reload();
    await bobSettings.getByTestId("admin-signed-out").first().waitFor();
    expect(await bobSettings.getByTestId("admin-signed-out").first().textContent()).toContain("no longer signed in");
    await screenshot(bobSettings, "ui-admin-signed-out");

    // Alice's own devices: this browser is marked and kept; the old laptop is revoked.
    const mine = options.getByTestId("your-devices");
    await expect.poll(() => mine.getByTestId("device-row").count()).toBe(2);
    const current = mine.getByTestId("device-row").filter({ hasText: "This browser" });
    expect(await current.getByRole("button").count()).toBe(0);
    await mine
      .getByTestId("device-row")
      .filter({ hasText: "Old laptop" })
      .getByRole("button", { name: /^Revoke Old laptop/ })
      .click();
    await options
      .getByRole("dialog", { name: "Revoke this device?" })
      .getByRole("button", { name: "Revoke device" })
      .click();
    await expect.poll(() => mine.getByTestId("device-row").count()).toBe(1);
    const aliceTokens = await apiCall<{ items: Array<{ label: string; memberId: string }> }>(
      api.url,
      "GET",
      "/v1/tokens",
      aliceToken,
    );
    expect(aliceTokens.items.map((t) => t.label)).not.toContain("Old laptop");

    // 5. Whole-workspace export, as the owner: JSON, and one record type as CSV.
    await aliceDash.goto(`chrome-extension://${alice.extensionId}/dashboard.html#/privacy`);
    const exportCard = aliceDash.getByTestId("workspace-export");
    const everything = await download(aliceDash, () =>
      exportCard.getByRole("button", { name: "Download everything (JSON)" }).click(),
    );
    expect(everything.name).toMatch(/^leadpane-workspace-.*\.json$/);
    const dump = JSON.parse(everything.text) as { records: Record<string, unknown[]>; members: MemberRow[] };
    expect(dump.records.leads).toHaveLength(1);
    expect(dump.records.companies).toHaveLength(50);
    await exportCard.getByLabel("Record type").selectOption("company");
    const csv = await download(aliceDash, () => exportCard.getByRole("button", { name: "Download as CSV" }).click());
    expect(csv.name).toMatch(/^leadpane-companies-.*\.csv$/);
    expect(csv.text.split("\r\n")[0]).toMatch(/^id,/);
    expect(csv.text).toContain("Filler 49");
    await screenshot(aliceDash, "ui-admin-privacy");

    // 6. Alice hands the workspace to Bob and becomes an admin.
    await bobRow.getByRole("button", { name: "Make owner: Bob Rep" }).click();
    const transfer = options.getByRole("dialog", { name: "Make Bob Rep the owner?" });
    await transfer.getByRole("button", { name: "Transfer ownership" }).click();
    await options.getByText("Bob Rep now owns the workspace; you are an admin.").waitFor();
    expect((await members()).map((m) => `${m.name}:${m.role}`).sort()).toEqual(["Alice Owner:admin", "Bob Rep:owner"]);
    await options.getByTestId("signed-in").getByText("Admin", { exact: true }).waitFor();
    expect(await bobRow.getByText("Owner", { exact: true }).count()).toBe(1);
    expect(await options.getByRole("button", { name: /the owner$/ }).count()).toBe(0);
    // Nobody can remove the owner; Alice, no longer owner, may now leave.
    expect(await bobRow.getByRole("button", { name: "Remove Bob Rep" }).count()).toBe(0);
    expect(await options.getByRole("button", { name: "Leave workspace" }).isDisabled()).toBe(false);
    await screenshot(options, "ui-admin-members");
    await options.emulateMedia({ colorScheme: "dark" });
    await screenshot(options, "ui-admin-members-dark");
    await options.emulateMedia({ colorScheme: "light" });

    // 7. The audit log, as Alice (now an admin): newest first, paged, filtered, with names.
    await syncNow(alice);
    await aliceDash.goto(`chrome-extension://${alice.extensionId}/dashboard.html#/audit`);
    const rows = aliceDash.getByTestId("audit-row");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(50);
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action")));
    expect(actions[0]).toBe("member.ownership_transferred");
    for (const action of [
      "member.ownership_transferred",
      "workspace.exported",
      "token.revoked",
      "member.role_changed",
      "privacy.erased",
      "privacy.exported",
      "invite.accepted",
      "invite.created",
    ]) {
      expect(actions, action).toContain(action);
    }
    const first = await rows.first().textContent();
    expect(first).toContain("Alice Owner");
    expect(first).toContain("Transferred ownership");
    expect(first).toContain("Bob Rep");
    expect(await rows.filter({ hasText: "Changed a member's role" }).first().textContent()).toContain(
      "member → viewer",
    );
    await screenshot(aliceDash, "ui-admin-audit");
    await aliceDash.emulateMedia({ colorScheme: "dark" });
    await screenshot(aliceDash, "ui-admin-audit-dark");
    await aliceDash.emulateMedia({ colorScheme: "light" });

    await aliceDash.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    expect(await rows.last().getAttribute("data-action")).toBe("workspace.created");
    expect(await aliceDash.getByRole("button", { name: "Load more" }).count()).toBe(0);

    // Keyboard order: the filters come first, action then member.
    await aliceDash.getByLabel("Action", { exact: true }).focus();
    await aliceDash.keyboard.press("Tab");
    expect(await aliceDash.evaluate(() => document.activeElement?.getAttribute("aria-labelledby"))).toBe(
      "audit-member-label",
    );

    // Filters: by member (Bob did one thing: join), then by action.
    await aliceDash.getByLabel("Member", { exact: true }).selectOption({ label: "Bob Rep" });
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-action"))))
      .toEqual(["invite.accepted"]);
    await aliceDash.getByLabel("Member", { exact: true }).selectOption({ label: "Everyone" });
    await aliceDash.getByLabel("Action", { exact: true }).selectOption({ label: "Created" });
    await expect.poll(() => rows.count()).toBe(50);
    // The newest creation is Frank's lead, which exists here: it links to his page. Erin's does not.
    expect(await rows.nth(1).getByRole("link").count()).toBe(0);
    expect(await rows.first().getByRole("link").textContent()).toBe("lead · Frank Keep");
    await rows.first().getByRole("link").click();
    await aliceDash.waitForURL(`**/dashboard.html#/record/lead/${frank.id}`);
    await aliceDash.getByTestId("record-panel").getByText("Frank Keep").first().waitFor();
  });
});
