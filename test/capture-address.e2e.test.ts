import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { apiList, createWorkspace, fixture, openAt, serveAt } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, panelWithRecord, screenshot, type Profile } from "./support/extension.ts";

const skip = e2eSkipReason();
const CONTACT_URL = "https://www.kestrel-werke.de/kontakt";

type Row = Record<string, unknown> & { id: string };

describe.skipIf(skip)("a company's postal address: captured, reviewed, shown, edited, synced", () => {
  let api: ApiProcess;
  let rep: Profile;
  let token: string;

  beforeAll(async () => {
    [api, rep] = await Promise.all([startApi(), launchProfile()]);
    await serveAt(rep.context, "https://www.kestrel-werke.de/**", () => fixture("kestrel-werke-kontakt.html"));
    token = await createWorkspace(rep, api.url, {
      workspace: "Leipzig Sales",
      name: "Sam Seller",
      email: "sam@sales.test",
    });
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  const companies = async (): Promise<Row[]> => {
    const res = await fetch(`${api.url}/v1/companies?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { items: Row[] }).items;
  };

  it("captures the contact page's address, saves it, shows it in Details and syncs an inline edit", async () => {
    const { tabId } = await openAt(rep, CONTACT_URL);
    const popup = await rep.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId("capture-person").first().waitFor();

    // Review before saving: the company's address from the legal notice, the person's from her card.
    const companyAddress = popup.getByTestId("capture-company-address");
    await companyAddress.waitFor();
    expect(await companyAddress.locator("span").allTextContents()).toEqual([
      "Lindenallee 7",
      "04109 Leipzig",
      "Germany",
    ]);
    expect(await popup.getByTestId("capture-person-address").locator("span").allTextContents()).toEqual([
      "Am Markt 3",
      "04109 Leipzig",
      "Germany",
    ]);
    await screenshot(popup, "capture-address-popup");
    // The popup scrolls inside its own frame: the person's card is photographed on its own.
    await popup.getByTestId("capture-person").screenshot({
      path: join(dirname(fileURLToPath(import.meta.url)), "artifacts", "capture-address-person-card.png"),
    });
    await popup.getByRole("button", { name: /^Save 1 as lead$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();

    // Saved in parts on the server: the company's and the person's own.
    await expect.poll(async () => (await companies()).length, { timeout: 20_000 }).toBe(1);
    const [company] = await companies();
    expect(company!.postalAddress).toEqual({
      street: "Lindenallee 7",
      locality: "Leipzig",
      postalCode: "04109",
      country: "DE",
    });
    const leads = await expect
      .poll(async () => (await apiList(api.url, token, "leads")).length, { timeout: 20_000 })
      .toBe(1)
      .then(() => apiList(api.url, token, "leads"));
    expect(leads[0]!.postalAddress).toEqual({
      street: "Am Markt 3",
      locality: "Leipzig",
      postalCode: "04109",
      country: "DE",
    });

    // The side panel's Details: one readable block in Germany's order.
    const panel = await panelWithRecord(rep, "Kestrel Werke");
    const field = panel.getByTestId("field-postalAddress");
    await field.getByTestId("address-lines").waitFor();
    expect(await field.getByTestId("address-lines").locator("span").allTextContents()).toEqual([
      "Lindenallee 7",
      "04109 Leipzig",
      "Germany",
    ]);
    await screenshot(panel, "address-details-panel");

    // Edited in place: a country it does not know is refused beside the field, the typing kept.
    await field.getByRole("button", { name: /Address/ }).click();
    await field.getByTestId("address-street").fill("Lindenallee 9");
    await field.getByTestId("address-country").fill("Germani");
    await field.getByRole("button", { name: "Save" }).click();
    const error = field.getByTestId("field-error");
    await error.waitFor();
    expect(await error.textContent()).toBe(
      "'Germani' is not a country we know: type its name, such as Germany, or its code, such as DE",
    );
    expect(await field.getByTestId("address-street").inputValue()).toBe("Lindenallee 9");
    await screenshot(panel, "address-edit-error");
    await field.getByTestId("address-country").fill("Deutschland");
    await field.getByTestId("address-country").press("Enter");
    await expect
      .poll(async () => field.getByTestId("address-lines").locator("span").allTextContents(), { timeout: 20_000 })
      .toEqual(["Lindenallee 9", "04109 Leipzig", "Germany"]);
    await screenshot(panel, "address-details-edited");

    // Synced: the server holds the new parts, and the one-line address that older clients show.
    await expect
      .poll(async () => (await companies())[0]!.postalAddress, { timeout: 30_000 })
      .toEqual({ street: "Lindenallee 9", locality: "Leipzig", postalCode: "04109", country: "DE" });
    expect((await companies())[0]!.address).toBe("Lindenallee 9, 04109 Leipzig, Germany");

    // The record page's Details show the same block; the lead keeps her own address, in her Details too.
    const recordPage = await rep.openExtensionPage(`dashboard.html#/record/company/${company!.id}`);
    await expect
      .poll(
        async () =>
          recordPage.getByTestId("field-postalAddress").getByTestId("address-lines").locator("span").allTextContents(),
        { timeout: 20_000 },
      )
      .toEqual(["Lindenallee 9", "04109 Leipzig", "Germany"]);
    await screenshot(recordPage, "address-record-page");
    const leadPage = await rep.openExtensionPage(`dashboard.html#/record/lead/${leads[0]!.id}`);
    await expect
      .poll(
        async () =>
          leadPage.getByTestId("field-postalAddress").getByTestId("address-lines").locator("span").allTextContents(),
        { timeout: 20_000 },
      )
      .toEqual(["Am Markt 3", "04109 Leipzig", "Germany"]);
  });
});
