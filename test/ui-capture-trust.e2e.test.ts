import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { createWorkspace, fixture, openAt, serveAt } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();
const here = dirname(fileURLToPath(import.meta.url));
const DOMAIN_FIXTURES = resolve(here, "../packages/domain/src/extract/__fixtures__");

type Row = Record<string, unknown> & { id: string; name: string };

/** A company's page as sites write them: schema.org organisation in JSON-LD and a grid of its people. */
function companyPage(people: Array<{ name: string; role: string; email?: string }>, heading = "Our team"): string {
  const org = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: "Parcelwise",
    url: "https://www.parcelwise.com/",
    telephone: "+44 113 496 0000",
    address: {
      "@type": "PostalAddress",
      streetAddress: "12 Dock Street",
      addressLocality: "Leeds",
      postalCode: "LS10 1JF",
      addressCountry: "GB",
    },
  };
  const cards = people
    .map(
      (p) =>
        `<li class="team-member"><h3 class="team-member__name">${p.name}</h3>` +
        `<p class="team-member__role">${p.role}</p>` +
        (p.email ? `<div class="team-member__links"><a href="mailto:${p.email}">Email</a></div>` : "") +
        "</li>",
    )
    .join("\n");
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${heading} | Parcelwise</title>
<meta property="og:site_name" content="Parcelwise">
<script type="application/ld+json">${JSON.stringify(org)}</script></head>
<body><header><a class="logo" href="/">Parcelwise</a></header><main><h1>${heading}</h1>
<section><h2>People</h2><ul class="team-grid">${cards}</ul></section></main>
<footer><address>Parcelwise Ltd, 12 Dock Street, Leeds LS10 1JF</address></footer></body></html>`;
}

describe.skipIf(skip)("capture a rep can trust: errors in place, companies first-class, selections by record", () => {
  let api: ApiProcess;
  let rep: Profile;
  let token: string;

  async function list(type: "leads" | "companies" | "contacts"): Promise<Row[]> {
    const res = await fetch(`${api.url}/v1/${type}?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { items: Row[] }).items;
  }
  async function openPopup(url: string): Promise<Page> {
    const { tabId } = await openAt(rep, url);
    const popup = await rep.openExtensionPage(`popup.html?tabId=${tabId}`);
    // The toolbar popup's own size: Save must stay in view inside it.
    await popup.setViewportSize({ width: 404, height: 600 });
    return popup;
  }

  beforeAll(async () => {
    [api, rep] = await Promise.all([startApi(), launchProfile()]);
    await serveAt(rep.context, "https://www.example-robotics.com/**", () => fixture("example-robotics-team.html"));
    await serveAt(rep.context, "https://www.parcelwise.com/about", () =>
      companyPage([
        { name: "Ruth Adler", role: "Head of Customer Success", email: "ruth.adler@parcelwise.com" },
        { name: "Ben Carter", role: "Solutions Engineer", email: "ben.carter@parcelwise.com" },
      ]),
    );
    await serveAt(rep.context, "https://www.parcelwise.com/contact", () =>
      companyPage(
        [{ name: "Nadia Petrova", role: "Sales Director", email: "nadia.petrova@parcelwise.com" }],
        "Contact",
      ),
    );
    await serveAt(rep.context, "https://www.bigteam-freight.com/**", () =>
      fixture("example-robotics-team.html", (html) =>
        html.replace(
          /<ul class="team-grid">/,
          `<ul class="team-grid">${Array.from(
            { length: 10 },
            (_, i) =>
              `<li class="team-member"><h3 class="team-member__name">Person Number${String.fromCharCode(65 + i)}</h3>` +
              `<p class="team-member__role">Account Executive</p></li>`,
          ).join("")}`,
        ),
      ),
    );
    await serveAt(rep.context, "https://revopssummit.com/**", () =>
      readFileSync(resolve(DOMAIN_FIXTURES, "speakers.html"), "utf8"),
    );
    token = await createWorkspace(rep, api.url, {
      workspace: "Trusty Sales",
      name: "Sam Seller",
      email: "sam@sales.test",
    });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail" || !rep) return;
    let i = 0;
    for (const page of rep.context.pages())
      await screenshot(page, `failure-ui-capture-trust-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("an empty name and a bad email are marked beside their fields, every edit kept, then saved once fixed", async () => {
    const popup = await openPopup("https://www.example-robotics.com/team");
    const cards = popup.getByTestId("capture-person");
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(4);
    const maria = cards.nth(0);
    const kenji = cards.nth(1);
    await maria.getByLabel("Name").fill("");
    await maria.getByLabel("Title").fill("CEO & co-founder");
    await kenji.getByLabel("Email").fill("aoife at pipedream dot io");
    await kenji.getByLabel("Phone").fill("+1 617 555 0199");
    await kenji.getByLabel("Link").fill("linkedin.com/in/kenji-w");
    await popup.getByRole("button", { name: "Save 4 as leads" }).click();

    const errors = popup.getByTestId("capture-field-error");
    await expect.poll(() => errors.count()).toBe(2);
    expect(await maria.getByTestId("capture-field-error").textContent()).toBe("Name is required");
    expect(await kenji.getByTestId("capture-field-error").textContent()).toBe(
      "'aoife at pipedream dot io' is not an email address",
    );
    // Beside the field it is about, and named by it for screen readers.
    expect(await maria.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    const described = await kenji
      .getByRole("textbox", { name: "Email" })
      .evaluate((input) => document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent);
    expect(described).toBe("'aoife at pipedream dot io' is not an email address");
    // The first bad field has the focus; nothing typed is lost; nothing raw.
    expect(await popup.evaluate(() => (document.activeElement as HTMLInputElement).id)).toBe(
      await maria.getByLabel("Name").getAttribute("id"),
    );
    expect(await maria.getByLabel("Title").inputValue()).toBe("CEO & co-founder");
    expect(await kenji.getByLabel("Email").inputValue()).toBe("aoife at pipedream dot io");
    expect(await kenji.getByLabel("Phone").inputValue()).toBe("+1 617 555 0199");
    expect(await cards.count()).toBe(4);
    expect(await popup.locator("body").textContent()).not.toMatch(/Too small|expected string|Invalid email/);
    expect(await popup.getByTestId("capture-saved").count()).toBe(0);
    await screenshot(popup, "ui-capture-errors");
    await popup.emulateMedia({ colorScheme: "dark" });
    await screenshot(popup, "ui-capture-errors-dark");
    await popup.emulateMedia({ colorScheme: "light" });

    // Fixing a field clears its message as the rep types; then one save takes all four.
    await maria.getByLabel("Name").fill("Maria Alvarez");
    await expect.poll(() => maria.getByTestId("capture-field-error").count()).toBe(0);
    await kenji.getByLabel("Email").fill("kenji.watanabe@example-robotics.com");
    await popup.getByRole("button", { name: "Save 4 as leads" }).click();
    await popup.getByTestId("capture-saved").waitFor();
    await expect.poll(async () => (await list("leads")).length, { timeout: 20_000 }).toBe(4);
    const leads = await list("leads");
    expect(leads.find((l) => l.name === "Maria Alvarez")).toMatchObject({ title: "CEO & co-founder" });
    const saved = leads.find((l) => l.name === "Kenji Watanabe")!;
    expect(saved.emails).toEqual(["kenji.watanabe@example-robotics.com"]);
    expect(saved.phones).toContain("+16175550199");
    expect((saved.urls as string[]).some((u) => u.includes("linkedin.com/in/kenji-w"))).toBe(true);
    await popup.close();
  });

  it("many people: Save stays in view and no field is cut off", async () => {
    const popup = await openPopup("https://www.bigteam-freight.com/team");
    const cards = popup.getByTestId("capture-person");
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(12);
    const save = popup.getByTestId("capture-footer").getByRole("button", { name: /^Save/ });
    const inView = async () => {
      const box = await save.boundingBox();
      const main = await popup.locator("main").boundingBox();
      return Boolean(box && main && box.y >= main.y && box.y + box.height <= main.y + main.height + 1);
    };
    expect(await inView()).toBe(true);
    await popup.locator("main").evaluate((m) => m.scrollTo(0, m.scrollHeight / 2));
    expect(await inView()).toBe(true);
    // Every field fits its card: no input wider than the card it sits in.
    const overflow = await popup.evaluate(() =>
      [...document.querySelectorAll("[data-testid=capture-person] .fields input")].some((input) => {
        const card = input.closest("[data-testid=capture-person]")!.getBoundingClientRect();
        const box = input.getBoundingClientRect();
        return box.right > card.right + 0.5 || box.width < 100;
      }),
    );
    expect(overflow).toBe(false);
    await popup.locator("main").evaluate((m) => m.scrollTo(0, 0));
    await screenshot(popup, "ui-capture-many-cards");
    await popup.close();
  });

  it("a company's page creates one company linked to its people; a second capture links, never duplicates", async () => {
    const popup = await openPopup("https://www.parcelwise.com/about");
    await expect.poll(() => popup.getByTestId("capture-person").count(), { timeout: 20_000 }).toBe(2);
    const company = popup.getByTestId("capture-company");
    expect(await company.textContent()).toContain("Save Parcelwise as a company");
    await popup.getByRole("button", { name: "Save 2 as leads" }).click();
    await popup.getByTestId("capture-saved").waitFor();
    const parcelwises = async () => (await list("companies")).filter((c) => c.domain === "parcelwise.com");
    await expect.poll(async () => (await parcelwises()).length, { timeout: 20_000 }).toBe(1);
    const [parcelwise] = await parcelwises();
    expect(parcelwise).toMatchObject({
      name: "Parcelwise",
      domain: "parcelwise.com",
      phones: ["+441134960000"],
      address: "12 Dock Street, Leeds, LS10 1JF, GB",
    });
    expect((parcelwise!.provenance as Record<string, Array<{ url: string }>>).domain?.[0]?.url).toBe(
      "https://www.parcelwise.com/about",
    );
    await expect
      .poll(async () => (await list("leads")).filter((l) => l.companyId === parcelwise!.id).length, { timeout: 20_000 })
      .toBe(2);
    await popup.close();

    const again = await openPopup("https://www.parcelwise.com/contact");
    await again.getByTestId("capture-person").first().waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => again.getByTestId("capture-company").textContent())
      .toContain("Link to Parcelwise, already in your workspace");
    await again.getByRole("button", { name: /^Save 1/ }).click();
    await again.getByTestId("capture-saved").waitFor();
    await expect
      .poll(async () => (await list("leads")).find((l) => l.name === "Nadia Petrova")?.companyId, { timeout: 20_000 })
      .toBe(parcelwise!.id);
    expect(await parcelwises()).toHaveLength(1);
    await again.close();

    // The company's page lists its people, with the capture on its timeline.
    const dashboard = await rep.openExtensionPage(`dashboard.html#/record/company/${parcelwise!.id}`);
    const people = dashboard.getByTestId("company-person");
    await expect.poll(() => people.count(), { timeout: 20_000 }).toBe(3);
    expect((await people.allTextContents()).join(" ")).toMatch(/Ben Carter.*Nadia Petrova.*Ruth Adler/);
    await dashboard
      .getByText(/Captured from/)
      .first()
      .waitFor();
    await screenshot(dashboard, "ui-company-page");

    // A note over the limit: a counter and the message beside the box, the text kept, nothing saved.
    const note = dashboard.getByRole("textbox", { name: "Note" });
    await note.fill(`Call notes: ${"x".repeat(20_050)}`);
    const length = dashboard.getByTestId("note-length");
    await expect.poll(() => length.textContent()).toContain("20,062 / 20,000");
    expect(await length.textContent()).toContain("Note is too long: at most 20,000 characters (remove 62)");
    expect(await note.getAttribute("aria-invalid")).toBe("true");
    expect(await dashboard.getByRole("button", { name: "Add note" }).isDisabled()).toBe(true);
    await note.press("Control+Enter");
    expect((await note.inputValue()).length).toBe(20_062);
    await screenshot(dashboard, "ui-note-too-long");
    await note.fill("Spoke with Ruth: pilot in Q1.");
    expect(await length.count()).toBe(0);
    await dashboard.close();
  });

  it("a conference's speakers get neither its website nor its domain, and no company is made of it", async () => {
    const popup = await openPopup("https://revopssummit.com/2026/speakers");
    await expect.poll(() => popup.getByTestId("capture-person").count(), { timeout: 20_000 }).toBe(5);
    expect(await popup.getByTestId("capture-company").count()).toBe(0);
    expect(await popup.getByTestId("capture-person").nth(0).getByLabel("Company").inputValue()).toBe("Fernbank");
    await popup.getByRole("button", { name: "Save 5 as leads" }).click();
    await popup.getByTestId("capture-saved").waitFor();
    await expect
      .poll(async () => (await list("leads")).filter((l) => l.name === "Lena Hoffmann").length, { timeout: 20_000 })
      .toBe(1);
    const speakers = (await list("leads")).filter((l) => (l.source as { url?: string })?.url?.includes("revopssummit"));
    expect(speakers).toHaveLength(5);
    for (const s of speakers) {
      expect(s.website ?? null).toBeNull();
      expect(s.companyName).not.toBe("RevOps Summit");
    }
    // The pages captured before made their companies; the summit made none.
    expect((await list("companies")).map((c) => c.name).sort()).toEqual(["Example Robotics", "Parcelwise"]);
    await popup.close();

    // The organiser's other pages are nobody's: the side panel shows no speaker there.
    const { tabId } = await openAt(rep, "https://revopssummit.com/2026/tickets");
    const panel = await rep.openExtensionPage(`sidepanel.html?tabId=${tabId}`);
    await panel.getByTestId("not-in-workspace").waitFor({ timeout: 20_000 });
    expect(await panel.getByText("Lena Hoffmann").count()).toBe(0);
    await panel.close();
  });

  it("a remote change that re-sorts the list keeps the same records checked and focused; bulk applies to them", async () => {
    const dashboard = await rep.openExtensionPage("dashboard.html#/leads");
    await dashboard.getByLabel("Sort by").selectOption("name");
    await dashboard.getByRole("button", { name: /switch to ascending/ }).click();
    await dashboard.getByRole("button", { name: /switch to descending/ }).waitFor();
    const rows = dashboard.getByTestId("list-row-name");
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(12);
    const names = async () => rows.allTextContents();
    await expect.poll(async () => (await names())[0]).toBe("Aisha Okafor");
    await dashboard.getByLabel("Select Marco Bellini").check();
    await dashboard.getByLabel("Select Ruth Adler").check();
    await dashboard.getByLabel("Select Ben Carter").focus();

    // A teammate renames the first lead: every row below it moves up one place.
    const aisha = (await list("leads")).find((l) => l.name === "Aisha Okafor")!;
    const patched = await fetch(`${api.url}/v1/leads/${aisha.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Zora Okafor" }),
    });
    expect(patched.ok).toBe(true);
    await syncNow(rep);
    await expect.poll(async () => (await names())[0], { timeout: 20_000 }).not.toBe("Aisha Okafor");

    const checked = await dashboard.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>("[data-testid=list-rows] input[type=checkbox]")]
        .filter((c) => c.checked)
        .map((c) => c.getAttribute("aria-label")),
    );
    expect(checked.sort()).toEqual(["Select Marco Bellini", "Select Ruth Adler"]);
    expect(await dashboard.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Select Ben Carter",
    );
    expect(await dashboard.getByTestId("bulk-count").textContent()).toBe("2 selected");

    const bar = dashboard.getByTestId("bulk-bar");
    await bar.getByLabel("Tag to add to selected").fill("priority");
    await bar.getByRole("button", { name: /Tag/ }).click();
    await expect
      .poll(
        async () =>
          (await list("leads"))
            .filter((l) => (l.tags as string[]).includes("priority"))
            .map((l) => l.name)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(["Marco Bellini", "Ruth Adler"]);
    // The list shows the change on exactly those rows.
    await expect
      .poll(
        async () =>
          dashboard.evaluate(() =>
            [...document.querySelectorAll("[data-testid=list-rows] tr")]
              .filter((tr) => tr.querySelector(".pill.tag")?.textContent === "priority")
              .map((tr) => tr.querySelector("[data-testid=list-row-name]")?.textContent)
              .sort(),
          ),
        { timeout: 20_000 },
      )
      .toEqual(["Marco Bellini", "Ruth Adler"]);
    // The selection stays after a bulk change, ready for the next step (issue 13, item 11).
    expect(await dashboard.getByTestId("bulk-count").textContent()).toBe("2 selected");
    expect(await dashboard.getByLabel("Select Marco Bellini").isChecked()).toBe(true);
    await screenshot(dashboard, "ui-list-selection");
    await dashboard.close();
  });
});
